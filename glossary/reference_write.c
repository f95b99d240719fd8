/* reference_write.c: `termex reference`: documents -> a reference profile of
 * general language (extractor/reference.h), through a temporary glossary. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "reference.h" /* TX_REFERENCE_MAX_LINE */
#include "store.h"
#include "tx.h"

void tx_reference_opts_init(tx_reference_opts *o)
{
    memset(o, 0, sizeof *o);
    tx_extract_opts_init(&o->extract);
    o->min_count = 3;
    o->max_words = 3;
}

typedef struct ref_entry {
    char *key;
    uint64_t count;
} ref_entry;

typedef struct ref_list {
    const tx_reference_opts *o;
    ref_entry *v;
    size_t n, cap;
    int oom;
} ref_list;

static int collect_key(const tx_score_row *row, void *arg)
{
    ref_list *l = arg;

    if (row->n_content < 1 || strpbrk(row->key, "\t\n\r") ||
        strlen(row->key) > TX_REFERENCE_MAX_LINE - 32 ||
        (row->n_content > 1 &&
         (row->n_content > l->o->max_words || row->freq < l->o->min_count)))
        return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 4096;
        ref_entry *p = realloc(l->v, cap * sizeof *p);
        if (!p) {
            l->oom = 1;
            return 1;
        }
        l->v = p;
        l->cap = cap;
    }
    if (!(l->v[l->n].key = strdup(row->key))) {
        l->oom = 1;
        return 1;
    }
    l->v[l->n++].count = row->freq;
    return 0;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const ref_entry *)a)->key, ((const ref_entry *)b)->key);
}

/* Write the profile to `tmp`, then rename it to `out`. */
static tx_status write_profile(const ref_list *l, const tx_reference_opts *o,
                               const char *lang, uint64_t tokens, uint64_t n_docs,
                               const char *out, const char *tmp, tx_error *err)
{
    FILE *f = fopen(tmp, "w");
    int bad;

    if (!f)
        return tx_fail(err, TX_EIO, "cannot create '%s': %s", tmp, strerror(errno));
    fprintf(f, "# termex reference profile\n# lang: %s\n# tokens: %llu\n", lang,
            (unsigned long long)tokens);
    for (size_t i = 0; i < o->n_sources; i++)
        fprintf(f, "# source: %s\n", o->sources[i]);
    if (!o->n_sources)
        fprintf(f, "# source: %llu documents\n", (unsigned long long)n_docs);
    for (size_t i = 0; i < l->n; i++)
        fprintf(f, "%llu\t%s\n", (unsigned long long)l->v[i].count, l->v[i].key);
    bad = ferror(f);
    if (fclose(f) != 0 || bad || rename(tmp, out) != 0) {
        int e = errno;
        unlink(tmp);
        return tx_fail(err, TX_EIO, "cannot write '%s': %s", out, strerror(e));
    }
    return TX_OK;
}

/* Read the temporary glossary `st` into the profile `out`. */
static tx_status profile_from(tx_store *st, const tx_reference_opts *o, const char *out,
                              uint64_t *n_keys, tx_error *err)
{
    ref_list l = {o, NULL, 0, 0, 0};
    char lang[64], *tmp = NULL;
    uint64_t tokens = 0, n_docs = 0, n_listed;
    tx_status rc;

    if ((rc = tx_store_lang(st, lang, sizeof lang, err)) == TX_OK &&
        (rc = tx_store_token_total(st, lang, &tokens, err)) == TX_OK &&
        (rc = tx_store_counts(st, &n_docs, &n_listed, err)) == TX_OK &&
        (rc = tx_store_each_term(st, lang, collect_key, &l, err)) == TX_OK && l.oom)
        rc = tx_fail(err, TX_ENOMEM, "out of memory writing the profile");
    if (rc == TX_OK && !tokens)
        rc = tx_fail(err, TX_EINPUT, "no text: nothing to write to '%s'", out);
    if (rc == TX_OK && (!(tmp = malloc(strlen(out) + 16)) ||
                        snprintf(tmp, strlen(out) + 16, "%s.tmp%ld", out,
                                 (long)getpid()) < 0))
        rc = tx_fail(err, TX_ENOMEM, "out of memory");
    if (rc == TX_OK) {
        qsort(l.v, l.n, sizeof *l.v, cmp_entry);
        rc = write_profile(&l, o, lang, tokens, n_docs, out, tmp, err);
    }
    if (n_keys)
        *n_keys = rc == TX_OK ? l.n : 0;
    for (size_t i = 0; i < l.n; i++)
        free(l.v[i].key);
    free(l.v);
    free(tmp);
    return rc;
}

tx_status tx_reference_write(const char *const *paths, size_t n_paths,
                             const tx_reference_opts *o, const char *out,
                             uint64_t *n_keys, tx_error *err)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    const char *tmpdir = getenv("TMPDIR");
    char dir[4096], db[4096 + 32];
    tx_extract_opts eo = o->extract;
    tx_extract_stats stats;
    tx_store *st = NULL;
    tx_status rc, run_rc;

    if (n_keys)
        *n_keys = 0;
    if (o->max_words < 1 || o->max_words > TX_MAX_WORDS || o->min_count < 1)
        return tx_fail(err, TX_EINVAL, "invalid reference options");
    if ((size_t)snprintf(dir, sizeof dir, "%s/termex-ref-XXXXXX",
                         tmpdir && tmpdir[0] ? tmpdir : "/tmp") >= sizeof dir ||
        !mkdtemp(dir))
        return tx_fail(err, TX_EIO, "cannot make a temporary folder: %s", strerror(errno));
    snprintf(db, sizeof db, "%s/ref.db", dir);
    eo.min_words = 1;
    eo.max_words = o->max_words;
    eo.min_freq = 1;
    eo.reference = "none";
    if ((rc = tx_store_open(db, &st, err)) == TX_OK) {
        run_rc = tx_extract_run(st, paths, n_paths, &eo, &stats, err);
        rc = run_rc == TX_EPARTIAL ? TX_OK : run_rc;
        if (rc == TX_OK)
            rc = profile_from(st, o, out, n_keys, err);
        if (rc == TX_OK && run_rc == TX_EPARTIAL)
            rc = tx_fail(err, TX_EPARTIAL, "%zu of %zu inputs could not be used",
                         stats.n_failed, stats.n_inputs);
    }
    tx_store_close(st);
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        snprintf(db, sizeof db, "%s/ref.db%s", dir, suffixes[i]);
        unlink(db);
    }
    rmdir(dir);
    return rc;
}
