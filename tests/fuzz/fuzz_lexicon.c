/* fuzz_lexicon.c: tx_lex_load() on any bytes, as a language profile's
 * lexicon.txt (--data-dir: a file from anywhere), with the French Snowball
 * stems of its lemmas, then the lookups of a loaded lexicon: a few forms and
 * stems, and the input's own first lemma. */
#include "fuzz.h"

#include "lexicon.h"

/* An entry the lexicon returns: a NUL-terminated lemma of its length, bits. */
static void check_entry(const tx_lex_entry *e)
{
    if (e && (!e->lemma || strlen(e->lemma) != e->lemma_len || !e->pos))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const forms[] = {"a", "", "abaisser", "abaissées", "abaiss",
                                        "abandon", "a-t-il", "\xc3"};
    const char *path = tx_fuzz_file(data, size, "lex");
    const char *s = (const char *)data, *end = s + size;
    tx_lex *lex = NULL;
    tx_error err;

    if (!path)
        return 0;
    if (tx_lex_load(path, "french", &lex, &err) != TX_OK) {
        if (lex || !err.msg[0])
            abort();
        return 0;
    }
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        check_entry(tx_lex_lookup(lex, forms[i], strlen(forms[i])));
        check_entry(tx_lex_stem_lemma(lex, forms[i], strlen(forms[i])));
    }
    /* The first lemma of the input (before the first tab of a line that is
     * not a comment), as a form and as a stem. */
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s)), *e = nl ? nl : end, *tab;

        if (e > s && *s != '#' && (tab = memchr(s, '\t', (size_t)(e - s))) != NULL) {
            check_entry(tx_lex_lookup(lex, s, (size_t)(tab - s)));
            check_entry(tx_lex_stem_lemma(lex, s, (size_t)(tab - s)));
            break;
        }
        s = nl ? nl + 1 : end;
    }
    (void)tx_lex_size(lex);
    tx_lex_free(lex);
    return 0;
}
