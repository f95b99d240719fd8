/* lexicon.c: the full-form lexicon of a language profile (lexicon.h). */
#include "lexicon.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "stem.h"
#include "strmap.h"

struct tx_lex {
    char *text;             /* the file, each lemma NUL-terminated in place */
    tx_strmap forms;        /* form -> index in `entries` + 1; keys in `blocks` */
    char **blocks;          /* the forms, NUL-terminated, in blocks of BLOCK bytes */
    size_t n_blocks, blocks_cap, block_used;
    tx_lex_entry *entries;
    size_t n_entries, entries_cap;
    tx_lex_entry *lemmas;   /* one per line: the lemma and its own form's bits */
    size_t n_lemmas, lemmas_cap;
    tx_strmap stems;        /* Snowball stem of a lemma -> index in `lemmas` + 1 */
};

#define AMBIGUOUS ((void *)UINTPTR_MAX)
#define BLOCK ((size_t)1 << 16)

/* A copy of form s[0..len) that lives as long as `lex`; NULL when out of memory. */
static const char *keep_form(tx_lex *lex, const char *s, size_t len)
{
    char *p;

    if (!lex->n_blocks || lex->block_used + len + 1 > BLOCK) {
        if (tx_grow((void **)&lex->blocks, &lex->blocks_cap, lex->n_blocks + 1,
                    sizeof *lex->blocks, 16) != TX_OK ||
            !(lex->blocks[lex->n_blocks] = malloc(BLOCK)))
            return NULL;
        lex->n_blocks++;
        lex->block_used = 0;
    }
    p = lex->blocks[lex->n_blocks - 1] + lex->block_used;
    memcpy(p, s, len);
    p[len] = '\0';
    lex->block_used += len + 1;
    return p;
}

static const char tag_letters[] = "NAPVRp";
static const unsigned tag_bits[] = {TX_LEX_NOUN, TX_LEX_ADJ, TX_LEX_PART,
                                    TX_LEX_VERB, TX_LEX_ADV, TX_LEX_PLURAL};

/* Rank of a reading for the choice of a form's lemma: lower is preferred. */
static int pos_rank(unsigned pos)
{
    for (int i = 0; i < 5; i++)
        if (pos & tag_bits[i])
            return i;
    return 5;
}

/* Does reading (lemma b, bits pb) of `form` win over reading `a`? */
static int better(const tx_lex_entry *a, const char *b, size_t b_len, unsigned pb,
                  const char *form, size_t len)
{
    int ra = pos_rank(a->pos), rb = pos_rank(pb), sa, sb, c;

    if (ra != rb)
        return rb < ra;
    sa = a->lemma_len == len && memcmp(a->lemma, form, len) == 0;
    sb = b_len == len && memcmp(b, form, len) == 0;
    if (sa != sb)
        return sb;
    c = memcmp(a->lemma, b, a->lemma_len < b_len ? a->lemma_len : b_len);
    return c > 0 || (c == 0 && b_len < a->lemma_len);
}

/* Record reading (lemma, bits) of `form`. */
static tx_status add_form(tx_lex *lex, const char *form, size_t len, const char *lemma,
                          size_t lemma_len, unsigned pos)
{
    tx_strmap_slot *slot;
    tx_lex_entry *e;
    unsigned plural;

    if (tx_grow((void **)&lex->entries, &lex->entries_cap, lex->n_entries + 1,
                sizeof *lex->entries, 1024) != TX_OK ||
        tx_strmap_put(&lex->forms, form, len, &slot, NULL) != TX_OK)
        return TX_ENOMEM;
    if (!slot->val) {
        /* The borrowed key is the caller's buffer until it is copied here. */
        if (!(slot->key = (char *)keep_form(lex, form, len))) {
            slot->key = NULL;
            lex->forms.n--;
            return TX_ENOMEM;
        }
        e = &lex->entries[lex->n_entries];
        *e = (tx_lex_entry){lemma, lemma_len, pos};
        slot->val = (void *)(uintptr_t)++lex->n_entries;
        return TX_OK;
    }
    e = &lex->entries[(uintptr_t)slot->val - 1];
    plural = e->pos & pos & TX_LEX_PLURAL; /* plural only if every reading is */
    if (better(e, lemma, lemma_len, pos, form, len)) {
        e->lemma = lemma;
        e->lemma_len = lemma_len;
    }
    e->pos = ((e->pos | pos) & ~(unsigned)TX_LEX_PLURAL) | plural;
    return TX_OK;
}

/* Parse tags s[0..n) into *pos; 0 when malformed. */
static int parse_tags(const char *s, size_t n, unsigned *pos)
{
    *pos = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = memchr(tag_letters, s[i], sizeof tag_letters - 1);

        if (!p)
            return 0;
        *pos |= tag_bits[p - tag_letters];
    }
    return *pos != 0 && *pos != TX_LEX_PLURAL;
}

static int bad_byte(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == '/' || s[i] == '#' || s[i] == ' ')
            return 1;
    return 0;
}

/* Parse one line "lemma<TAB>item item...", NUL-terminated at `end`. */
static tx_status parse_line(tx_lex *lex, const char *path, size_t lineno, char *s,
                            char *end, tx_error *err)
{
    char *tab = memchr(s, '\t', (size_t)(end - s)), *p, form[TX_LEX_MAX_WORD + 1];
    unsigned pos = 0, own = 0, all = 0;
    size_t lemma_len;

    if (!tab || tab == s || (lemma_len = (size_t)(tab - s)) > TX_LEX_MAX_WORD ||
        bad_byte(s, lemma_len))
        return tx_fail(err, TX_EINPUT, "%s:%zu: expected a lemma, a tab and its forms",
                       path, lineno);
    *tab = '\0';
    for (p = tab + 1; p < end;) {
        char *item = p, *sp = memchr(p, ' ', (size_t)(end - p)), *slash;
        size_t drop = 0, keep = lemma_len, add;

        sp = sp ? sp : end;
        p = sp + 1;
        while (item < sp && *item >= '0' && *item <= '9' && drop < 1000)
            drop = drop * 10 + (size_t)(*item++ - '0');
        slash = memchr(item, '/', (size_t)(sp - item));
        add = (size_t)((slash ? slash : sp) - item);
        if (slash && !parse_tags(slash + 1, (size_t)(sp - slash - 1), &pos))
            return tx_fail(err, TX_EINPUT, "%s:%zu: bad tags in '%.*s' (letters of %s)",
                           path, lineno, (int)(sp - slash - 1), slash + 1, tag_letters);
        for (size_t d = 0; d < drop && keep > 0; d++) /* drop code points */
            while (keep > 0 && ((unsigned char)s[--keep] & 0xC0) == 0x80)
                ;
        if (!pos || drop > lemma_len || (keep == 0 && add == 0) ||
            keep + add > TX_LEX_MAX_WORD || bad_byte(item, add))
            return tx_fail(err, TX_EINPUT, "%s:%zu: bad form '%.*s' of '%s'", path,
                           lineno, (int)(sp - item), item, s);
        memcpy(form, s, keep);
        memcpy(form + keep, item, add);
        if (drop == 0 && add == 0)
            own = pos;
        all |= pos;
        if (add_form(lex, form, keep + add, s, lemma_len, pos) != TX_OK)
            return tx_fail(err, TX_ENOMEM, "cannot allocate the lexicon of %s", path);
    }
    if (!all)
        return tx_fail(err, TX_EINPUT, "%s:%zu: '%s' has no forms", path, lineno, s);
    if (tx_grow((void **)&lex->lemmas, &lex->lemmas_cap, lex->n_lemmas + 1,
                sizeof *lex->lemmas, 1024) != TX_OK)
        return tx_fail(err, TX_ENOMEM, "cannot allocate the lexicon of %s", path);
    lex->lemmas[lex->n_lemmas++] = (tx_lex_entry){s, lemma_len, own ? own : all};
    return TX_OK;
}

/* Read file `path` whole into *out (NUL-terminated), within the limit.  The
 * buffer grows with what is read rather than starting at the limit: 16 MB up
 * front cost ASan ~25 ms a load, which held the fuzz target at 40 runs/s. */
static tx_status read_file(const char *path, char **out, size_t *len, tx_error *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0, got;

    *out = NULL;
    if (!f)
        return tx_fail(err, errno == ENOENT ? TX_ENOTFOUND : TX_EIO, "%s: %s", path,
                       strerror(errno));
    do {
        if (n == cap) {
            size_t want = cap ? 2 * cap : (size_t)1 << 16;
            char *p;

            if (want > TX_LEX_MAX_BYTES + 1) /* one byte over says "too large" */
                want = TX_LEX_MAX_BYTES + 1;
            if (!(p = realloc(buf, want + 1))) {
                fclose(f);
                free(buf);
                return tx_fail(err, TX_ENOMEM, "cannot allocate the lexicon of %s", path);
            }
            buf = p;
            cap = want;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0 && n <= TX_LEX_MAX_BYTES);
    if (ferror(f) || n > TX_LEX_MAX_BYTES) {
        int io = ferror(f);

        fclose(f);
        free(buf);
        return io ? tx_fail(err, TX_EIO, "%s: read error", path)
                  : tx_fail(err, TX_EINPUT, "%s: larger than %zu bytes", path,
                            TX_LEX_MAX_BYTES);
    }
    fclose(f);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return TX_OK;
}

static tx_status parse_text(tx_lex *lex, const char *path, size_t n, tx_error *err)
{
    char *s = lex->text, *end = s + n;
    size_t lineno = 0;
    tx_status rc;

    while (s < end) {
        char *nl = memchr(s, '\n', (size_t)(end - s)), *e = nl ? nl : end;

        lineno++;
        if (e > s && e[-1] == '\r')
            e--;
        if ((size_t)(e - s) > TX_LEX_MAX_LINE)
            return tx_fail(err, TX_EINPUT, "%s:%zu: line longer than %d bytes", path,
                           lineno, TX_LEX_MAX_LINE);
        *e = '\0';
        if (memchr(s, '\0', (size_t)(e - s)))
            return tx_fail(err, TX_EINPUT, "%s:%zu: NUL byte", path, lineno);
        if (e > s && *s != '#' && (rc = parse_line(lex, path, lineno, s, e, err)) != TX_OK)
            return rc;
        s = nl ? nl + 1 : end;
    }
    return TX_OK;
}

/* Index the lemmas by their Snowball stems. */
static tx_status index_stems(tx_lex *lex, const char *snowball, tx_error *err)
{
    tx_stemmer *st;
    tx_status rc = tx_stemmer_new(snowball, &st, err);

    for (size_t i = 0; rc == TX_OK && i < lex->n_lemmas; i++) {
        const tx_lex_entry *l = &lex->lemmas[i];
        size_t len;
        const char *stem = tx_stemmer_stem_once(st, l->lemma, l->lemma_len, &len);
        tx_strmap_slot *slot;

        if (!stem || tx_strmap_put(&lex->stems, stem, len, &slot, NULL) != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "cannot allocate the lexicon's stems");
        } else if (!slot->val) {
            slot->val = (void *)(uintptr_t)(i + 1);
        } else if (slot->val != AMBIGUOUS) {
            const tx_lex_entry *o = &lex->lemmas[(uintptr_t)slot->val - 1];

            if (strcmp(o->lemma, l->lemma) != 0)
                slot->val = AMBIGUOUS;
        }
    }
    tx_stemmer_free(st);
    return rc;
}

tx_status tx_lex_load(const char *path, const char *snowball, tx_lex **out,
                      tx_error *err)
{
    tx_lex *lex = calloc(1, sizeof *lex);
    size_t n = 0;
    tx_status rc;

    *out = NULL;
    if (!lex)
        return tx_fail(err, TX_ENOMEM, "cannot allocate the lexicon of %s", path);
    tx_strmap_init_borrowed(&lex->forms);
    tx_strmap_init(&lex->stems);
    if ((rc = read_file(path, &lex->text, &n, err)) == TX_OK &&
        (rc = parse_text(lex, path, n, err)) == TX_OK && snowball)
        rc = index_stems(lex, snowball, err);
    if (rc != TX_OK) {
        tx_lex_free(lex);
        return rc;
    }
    *out = lex;
    return TX_OK;
}

void tx_lex_free(tx_lex *lex)
{
    if (!lex)
        return;
    tx_strmap_release(&lex->forms);
    for (size_t i = 0; i < lex->n_blocks; i++)
        free(lex->blocks[i]);
    free(lex->blocks);
    tx_strmap_release(&lex->stems);
    free(lex->entries);
    free(lex->lemmas);
    free(lex->text);
    free(lex);
}

const tx_lex_entry *tx_lex_lookup(const tx_lex *lex, const char *fold, size_t len)
{
    void *v = tx_strmap_get(&lex->forms, fold, len);

    return v ? &lex->entries[(uintptr_t)v - 1] : NULL;
}

const tx_lex_entry *tx_lex_stem_lemma(const tx_lex *lex, const char *stem, size_t len)
{
    void *v = tx_strmap_get(&lex->stems, stem, len);

    return v && v != AMBIGUOUS ? &lex->lemmas[(uintptr_t)v - 1] : NULL;
}

size_t tx_lex_size(const tx_lex *lex)
{
    return lex->n_entries;
}
