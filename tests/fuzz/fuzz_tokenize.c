/* fuzz_tokenize.c: the tokenizer and the French candidate finder on the valid
 * UTF-8 that tx_decode() makes of any bytes. */
#include "fuzz.h"

#include "candidates.h"
#include "decode.h"
#include "stem.h"
#include "lang.h"
#include "tokenize.h"

static tx_lang *lang;
static tx_stemmer *stemmer;
static tx_tokenizer *tok;
static tx_candidates *cands;

static void setup(void)
{
    tx_error err;

    /* The finder keeps every word form it sees: start afresh now and then,
     * so that a long fuzzing run does not grow without bound. */
    if (cands && tx_candidates_memory(cands) > ((size_t)64 << 20)) {
        tx_candidates_free(cands);
        tx_stemmer_free(stemmer);
        cands = NULL;
        stemmer = NULL;
    }
    if (!lang && tx_lang_load("fr", TX_DATA_DIR, &lang, &err) != TX_OK)
        goto fail;
    if (!tok && tx_tokenizer_new(lang, &tok, &err) != TX_OK)
        goto fail;
    if (!stemmer && tx_stemmer_new(tx_lang_snowball(lang), &stemmer, &err) != TX_OK)
        goto fail;
    if (!cands && tx_candidates_new(lang, stemmer, 1, 8, &cands, &err) != TX_OK)
        goto fail;
    return;
fail:
    fprintf(stderr, "fuzz_tokenize: %s\n", err.msg);
    abort();
}

/* A noun the finder reports is a non-empty folded word form. */
static int check_noun(const char *fold, size_t len, void *arg)
{
    (void)arg;
    if (!len || strlen(fold) != len)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = NULL;
    size_t len = 0;
    const tx_sentence *s;
    tx_error err;

    setup();
    if (tx_decode("fuzz", (const char *)data, size, &text, &len, &err) != TX_OK)
        return 0;
    tx_tokenizer_set_text(tok, text, len);
    while (tx_tokenizer_next(tok, &s, &err) == TX_OK && s) {
        const tx_cand_occ *occ;
        size_t n;
        for (size_t i = 0; i < s->n_tokens; i++) {
            const tx_token *t = &s->tokens[i];
            if (t->start > t->end || t->end > s->len || t->len != t->end - t->start ||
                t->surface != s->text + t->start)
                abort();
        }
        if (tx_candidates_find(cands, s, &occ, &n, &err) != TX_OK)
            continue;
        for (size_t i = 0; i < n; i++) {
            if (occ[i].first > occ[i].last || occ[i].last >= s->n_tokens ||
                strlen(occ[i].key) != occ[i].key_len)
                abort();
            for (size_t j = 0; j < occ[i].n_elliptic; j++)
                (void)strlen(occ[i].elliptic[j].surface);
        }
        for (size_t i = 0; i < s->n_tokens; i++)
            (void)tx_candidates_content(cands, i, NULL, NULL);
    }
    /* It walks the finder's whole table of forms: now and then only. */
    static unsigned calls;
    if (calls++ % 256 == 0)
        tx_candidates_each_noun(cands, check_noun, NULL);
    free(text);
    return 0;
}
