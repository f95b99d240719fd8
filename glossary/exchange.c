/* exchange.c: termex export and termex import, over the formats of tbx.c and
 * table.c.  Export streams concepts from the store to a temporary file that is
 * renamed when complete; import reads a file in one transaction, computing
 * each term's key with the extractor's own pipeline so that imported and
 * extracted terms meet. */
#define _POSIX_C_SOURCE 200809L
#include "tx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "concept.h"
#include "error.h"
#include "pipeline.h"
#include "store.h"
#include "table.h"
#include "tbx.h"

void tx_export_opts_init(tx_export_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = TX_FORMAT_TBX;
    o->src_lang = "fr";
    o->tgt_lang = "en";
    o->title = "termex glossary";
}

void tx_import_opts_init(tx_import_opts *o)
{
    memset(o, 0, sizeof *o);
    o->src_lang = "fr";
    o->tgt_lang = "en";
}

/* ---- export ---- */

typedef struct export_ctx {
    tx_tbx_writer *tbx;
    tx_table_writer *table;
    tx_status rc;
    tx_error *err;
    size_t n;
} export_ctx;

static int write_concept(const tx_concept *c, void *arg)
{
    export_ctx *x = arg;

    x->rc = x->tbx ? tx_tbx_write(x->tbx, c, x->err) : tx_table_write(x->table, c, x->err);
    x->n++;
    return x->rc != TX_OK;
}

tx_status tx_export_run(tx_store *st, const char *path, const tx_export_opts *o,
                        size_t *n_written, tx_error *err)
{
    tx_export_opts defaults;
    export_ctx x = {NULL, NULL, TX_OK, err, 0};
    char *tmp = NULL;
    FILE *f = stdout;
    tx_status rc;

    if (!o) {
        tx_export_opts_init(&defaults);
        o = &defaults;
    }
    if (n_written)
        *n_written = 0;
    if (path) {
        size_t len = strlen(path) + 16;
        int fd;
        if (!(tmp = malloc(len)))
            return tx_fail(err, TX_ENOMEM, "out of memory");
        snprintf(tmp, len, "%s.tmp.XXXXXX", path);
        mode_t mask = umask(0);
        umask(mask);
        /* mkstemp() makes the file private: give it the usual permissions */
        if ((fd = mkstemp(tmp)) < 0 || fchmod(fd, 0666 & ~mask) != 0 ||
            !(f = fdopen(fd, "w"))) {
            rc = tx_fail(err, TX_EIO, "cannot write '%s': %s", path, strerror(errno));
            if (fd >= 0) {
                close(fd);
                unlink(tmp);
            }
            free(tmp);
            return rc;
        }
    }
    switch (o->format) {
    case TX_FORMAT_TBX:
    case TX_FORMAT_TBX2008:
        rc = tx_tbx_writer_new(f, o->format == TX_FORMAT_TBX ? TX_TBX_2019 : TX_TBX_2008,
                               o->src_lang, o->tgt_lang, o->title, &x.tbx, err);
        break;
    default:
        rc = tx_table_writer_new(f,
                                 o->format == TX_FORMAT_CSV   ? TX_TABLE_CSV
                                 : o->format == TX_FORMAT_TSV ? TX_TABLE_TSV
                                                              : TX_TABLE_JSON,
                                 o->src_lang, o->tgt_lang, &x.table, err);
    }
    if (rc == TX_OK)
        rc = tx_store_each_concept(st, o->src_lang, o->tgt_lang, o->approved_only,
                                   o->min_score, write_concept, &x, err);
    if (rc == TX_OK)
        rc = x.rc;
    if (rc == TX_OK)
        rc = x.tbx ? tx_tbx_writer_finish(x.tbx, err) : tx_table_writer_finish(x.table, err);
    tx_tbx_writer_free(x.tbx);
    tx_table_writer_free(x.table);
    if (path) {
        if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0) {
            if (rc == TX_OK)
                rc = tx_fail(err, TX_EIO, "cannot write '%s': %s", path, strerror(errno));
        }
        if (fclose(f) != 0 && rc == TX_OK)
            rc = tx_fail(err, TX_EIO, "cannot write '%s': %s", path, strerror(errno));
        if (rc == TX_OK && rename(tmp, path) != 0)
            rc = tx_fail(err, TX_EIO, "cannot write '%s': %s", path, strerror(errno));
        if (rc != TX_OK)
            unlink(tmp);
        free(tmp);
    }
    if (rc == TX_OK && n_written)
        *n_written = x.n;
    return rc;
}

/* ---- import ---- */

typedef struct import_ctx {
    tx_store *st;
    const char *path;
    tx_pipeline p;
    tx_import_stats *stats;
    tx_status rc;
    tx_error *err;
} import_ctx;

/* Words and content words of a key ("zone de paix" -> 3, 2). */
static void key_sizes(const tx_lang *l, const char *key, unsigned *n_words,
                      unsigned *n_content)
{
    const char *p = key;

    *n_words = *n_content = 0;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!(len == 1 && *p == ',')) {
            (*n_words)++;
            *n_content += !tx_lang_inner(l, p, len);
        }
        p += len;
        if (*p == ' ')
            p++;
    }
}

static int import_concept(const tx_concept *c, void *arg)
{
    import_ctx *x = arg;
    char *key = NULL;
    unsigned n_words, n_content;
    int created = 0;

    x->stats->n_concepts++;
    if (!c->n_src || !c->src[0].text || !*c->src[0].text)
        return 0;
    if ((x->rc = tx_candidates_key_of(x->p.cands, x->p.tok, c->src[0].text, &key,
                                      x->err)) != TX_OK)
        return 1;
    if (!*key) {
        free(key);
        return 0;
    }
    key_sizes(x->p.lang, key, &n_words, &n_content);
    /* keys of the other source terms (acronyms), at most a few */
    char *keys[8] = {key};
    size_t n_keys = c->n_src < 8 ? c->n_src : 8;
    for (size_t i = 1; i < n_keys; i++)
        if (c->src[i].text &&
            tx_candidates_key_of(x->p.cands, x->p.tok, c->src[i].text, &keys[i], NULL) !=
                TX_OK)
            keys[i] = NULL;
    tx_concept trimmed = *c;
    trimmed.n_src = n_keys;
    x->rc = tx_store_import_concept(x->st, &trimmed, (const char *const *)keys, n_words,
                                    n_content, x->path, &created, x->err);
    for (size_t i = 0; i < n_keys; i++)
        free(keys[i]);
    if (x->rc != TX_OK)
        return 1;
    if (created)
        x->stats->n_new++;
    else
        x->stats->n_merged++;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++)
        if ((s[n - m + i] | 32) != suffix[i])
            return 0;
    return 1;
}

tx_status tx_import_run(tx_store *st, const char *path, const tx_import_opts *o,
                        tx_import_stats *stats, tx_error *err)
{
    tx_import_opts defaults;
    import_ctx x;
    tx_status rc;
    int began = 0;

    if (!o) {
        tx_import_opts_init(&defaults);
        o = &defaults;
    }
    memset(stats, 0, sizeof *stats);
    memset(&x, 0, sizeof x);
    x.st = st;
    x.path = path;
    x.stats = stats;
    x.err = err;
    if ((rc = tx_pipeline_init(&x.p, o->src_lang, o->data_dir, 1, 32, err)) != TX_OK)
        goto done;
    if ((rc = tx_store_begin(st, err)) != TX_OK)
        goto done;
    began = 1;
    if (ends_with(path, ".csv") || ends_with(path, ".tsv")) {
        rc = tx_table_read(path, ends_with(path, ".csv") ? TX_TABLE_CSV : TX_TABLE_TSV,
                           o->src_lang, o->tgt_lang, import_concept, &x, err);
    } else {
        tx_tbx_info info;
        rc = tx_tbx_read(path, o->src_lang, o->tgt_lang, import_concept, &x, &info, err);
    }
    if (rc == TX_OK)
        rc = x.rc;
    if (rc == TX_OK && (rc = tx_store_commit(st, err)) == TX_OK)
        began = 0;
done:
    if (began)
        tx_store_rollback(st);
    tx_pipeline_release(&x.p);
    return rc;
}
