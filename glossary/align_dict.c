/* align_dict.c: the bilingual lists of `termex align --dict` (alignInt.h).
 *
 * Each entry is keyed as the candidates of its side are (the language's
 * tokenizer, stemmer and candidate finder), so that a glossary term and a
 * target candidate meet their entry by key. */
#define _POSIX_C_SOURCE 200809L
#include "alignInt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "candidates.h"
#include "table.h" /* tx_read_lines(): dictionaries are read as bounded text */

/* The target keys of one source key. */
typedef struct dict_entry {
    char **tgt_keys;
    size_t n;
} dict_entry;

void tx_align_dict_init(tx_align_dict *d)
{
    tx_strmap_init(&d->terms);
    tx_strmap_init(&d->words);
}

void tx_align_dict_release(tx_align_dict *d)
{
    for (size_t i = 0; i < d->terms.cap; i++) {
        dict_entry *e = d->terms.slots[i].key ? d->terms.slots[i].val : NULL;
        if (!e)
            continue;
        for (size_t j = 0; j < e->n; j++)
            free(e->tgt_keys[j]);
        free(e->tgt_keys);
        free(e);
    }
    tx_strmap_release(&d->terms);
    tx_strmap_release(&d->words);
}

/* The candidate key of `text` in the language of `sd`; NULL when it has none
 * or memory ran out.  The caller frees it. */
static char *key_of(tx_pipeline *sd, const char *text)
{
    char *key = NULL;

    if (tx_candidates_key_of(sd->cands, sd->tok, text, &key, NULL) != TX_OK)
        return NULL;
    return key;
}

/* One entry: `fr` translates as `en` (not keyed: skipped). */
static tx_status dict_add(tx_align_dict *dict, tx_pipeline *src, tx_pipeline *tgt,
                          const char *fr, const char *en, tx_error *err)
{
    char *fk = key_of(src, fr), *ek = key_of(tgt, en);
    tx_strmap_slot *slot;
    dict_entry *d;
    tx_status rc = TX_OK;

    if (!fk || !ek || !*fk || !*ek)
        goto done;
    if (tx_strmap_put(&dict->terms, fk, strlen(fk), &slot, NULL) != TX_OK)
        goto oom;
    if (!(d = slot->val)) {
        if (!(d = calloc(1, sizeof *d)))
            goto oom;
        slot->val = d;
    }
    /* one word each side: a word translation for composition */
    if (!strchr(fk, ' ') && !strchr(ek, ' ')) {
        char pair[512];
        int n = snprintf(pair, sizeof pair, "%s\t%s", fk, ek);
        if (n > 0 && (size_t)n < sizeof pair) {
            if (tx_strmap_put(&dict->words, pair, (size_t)n, &slot, NULL) != TX_OK)
                goto oom;
            slot->val = dict;
        }
    }
    if (d->n < 8) {
        char **v = realloc(d->tgt_keys, (d->n + 1) * sizeof *v);
        if (!v)
            goto oom;
        d->tgt_keys = v;
        v[d->n++] = ek;
        ek = NULL;
    }
    goto done;
oom:
    rc = tx_fail(err, TX_ENOMEM, "out of memory loading a dictionary");
done:
    free(fk);
    free(ek);
    return rc;
}

/* A dictionary larger than this is refused (EuroVoc's FR-EN list is 1 MB). */
#define DICT_MAX_FILE ((unsigned long long)64 << 20) /* 64 MiB */

typedef struct dict_reader {
    tx_align_dict *dict;
    tx_pipeline *src, *tgt;
    const tx_align_opts *o;
    const char *path;
    size_t n_entries;
    int col_src, col_tgt, col_src_alt, col_tgt_alt;
    tx_status rc;
    tx_error *err;
} dict_reader;

/* tx_line_fn: one line of a dictionary. */
static int dict_line(char *line, size_t len, unsigned long lineno, void *arg)
{
    dict_reader *d = arg;
    char *cols[16], *p = line;
    int nc = 0;

    (void)len;
    if (!*line || *line == '#')
        return 0;
    while (nc < 16) {
        cols[nc++] = p;
        if (!(p = strchr(p, '\t')))
            break;
        *p++ = '\0';
    }
    if (lineno == 1) {
        char sp[32], tp[32], sa[32], ta[32];
        int found = 0;
        snprintf(sp, sizeof sp, "%s_pref", d->o->src_lang);
        snprintf(tp, sizeof tp, "%s_pref", d->o->tgt_lang);
        snprintf(sa, sizeof sa, "%s_alt", d->o->src_lang);
        snprintf(ta, sizeof ta, "%s_alt", d->o->tgt_lang);
        for (int i = 0; i < nc; i++) {
            if (strcmp(cols[i], sp) == 0)
                d->col_src = i, found++;
            else if (strcmp(cols[i], tp) == 0)
                d->col_tgt = i, found++;
            else if (strcmp(cols[i], sa) == 0)
                d->col_src_alt = i;
            else if (strcmp(cols[i], ta) == 0)
                d->col_tgt_alt = i;
        }
        if (found == 2)
            return 0;
        d->col_src_alt = d->col_tgt_alt = -1;
    }
    if (nc <= d->col_src || nc <= d->col_tgt) {
        d->rc = tx_fail(d->err, TX_EINPUT, "%s:%lu: expected source<TAB>target", d->path,
                        lineno);
        return 1;
    }
    d->rc = dict_add(d->dict, d->src, d->tgt, cols[d->col_src], cols[d->col_tgt], d->err);
    d->n_entries++;
    /* alternative labels pair with the preferred label of the other side */
    if (d->rc == TX_OK && d->col_src_alt >= 0 && d->col_src_alt < nc &&
        *cols[d->col_src_alt]) {
        char *alt = cols[d->col_src_alt], *bar;
        while (d->rc == TX_OK && alt) {
            if ((bar = strstr(alt, " | ")))
                *bar = '\0';
            d->rc = dict_add(d->dict, d->src, d->tgt, alt, cols[d->col_tgt], d->err);
            alt = bar ? bar + 3 : NULL;
        }
    }
    if (d->rc == TX_OK && d->col_tgt_alt >= 0 && d->col_tgt_alt < nc &&
        *cols[d->col_tgt_alt]) {
        char *alt = cols[d->col_tgt_alt], *bar;
        while (d->rc == TX_OK && alt) {
            if ((bar = strstr(alt, " | ")))
                *bar = '\0';
            d->rc = dict_add(d->dict, d->src, d->tgt, cols[d->col_src], alt, d->err);
            alt = bar ? bar + 3 : NULL;
        }
    }
    return d->rc != TX_OK;
}

tx_status tx_align_dict_load(tx_align_dict *dict, tx_pipeline *src, tx_pipeline *tgt,
                             const tx_align_opts *o, const char *path, tx_error *err)
{
    dict_reader d = {dict, src, tgt, o, path, 0, 0, 1, -1, -1, TX_OK, err};
    tx_status rc = tx_read_lines(path, DICT_MAX_FILE, dict_line, &d, err);

    if (rc == TX_OK)
        rc = d.rc;
    if (rc != TX_OK)
        return rc;
    if (!d.n_entries)
        return tx_fail(err, TX_EINPUT, "dictionary '%s' has no entries", path);
    return TX_OK;
}

int tx_align_dict_has(const tx_align_dict *dict, const char *src_key, const char *tgt_key)
{
    dict_entry *d = tx_strmap_get(&dict->terms, src_key, strlen(src_key));

    for (size_t i = 0; d && i < d->n; i++)
        if (strcmp(d->tgt_keys[i], tgt_key) == 0)
            return 1;
    return 0;
}

int tx_align_dict_word(const tx_align_dict *dict, const char *fs, const char *es)
{
    char pair[512];
    int n = snprintf(pair, sizeof pair, "%s\t%s", fs, es);

    return n > 0 && (size_t)n < sizeof pair && tx_strmap_get(&dict->words, pair, (size_t)n);
}
