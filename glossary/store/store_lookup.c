/* store_lookup.c: one term in detail (termex show): found by its written
 * form or key, then read with its variants, documents, contexts,
 * translations and links into a tx_term_info the caller owns. */
#include "storeInt.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

void tx_term_info_free(tx_term_info *info)
{
    size_t i;

    if (!info)
        return;
    for (i = 0; i < info->n_variants; i++)
        free(info->variants[i].surface);
    for (i = 0; i < info->n_docs; i++)
        free(info->docs[i].path);
    for (i = 0; i < info->n_contexts; i++) {
        free(info->contexts[i].path);
        free(info->contexts[i].sentence);
    }
    for (i = 0; i < info->n_translations; i++) {
        free(info->translations[i].lang);
        free(info->translations[i].text);
        free(info->translations[i].method);
        free(info->translations[i].example_src);
        free(info->translations[i].note);
        free(info->translations[i].example_tgt);
    }
    free(info->variants);
    free(info->docs);
    free(info->contexts);
    for (i = 0; i < info->n_relations; i++) {
        free(info->relations[i].kind);
        free(info->relations[i].text);
    }
    free(info->translations);
    free(info->relations);
    free(info->strings);
    free(info);
}

/* Run lookup `id` with `text` and set *term_id to the match, or to 0. */
static tx_status find_id(tx_store *st, enum stmt_id id, const char *text,
                         int64_t *term_id, tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    *term_id = 0;
    if ((rc = tx_stmt_get(st, id, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, text);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *term_id = sqlite3_column_int64(s, 0);
    else if (src != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot look up term '%s'", text);
    tx_stmt_done(s);
    return rc;
}

/* Return `items` (of `size` bytes each) grown so that index `n` is valid, or NULL
 * (with `items` untouched) when out of memory. */
static void *grow(void *items, size_t n, size_t *cap, size_t size)
{
    void *p;
    size_t want;

    if (n < *cap)
        return items;
    want = *cap ? 2 * *cap : 8;
    if (!(p = realloc(items, want * size)))
        return NULL;
    *cap = want;
    return p;
}

/* Read the fixed part of term `id` into `info`. */
static tx_status info_term(tx_store *st, int64_t id, tx_term_info *info, tx_error *err)
{
    const char *f[3];
    size_t len[3], total = 0, i;
    sqlite3_stmt *s;
    tx_term t;
    char *p;
    int src;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_INFO_TERM, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    src = sqlite3_step(s);
    if (src != SQLITE_ROW) {
        rc = src == SQLITE_DONE
            ? tx_fail(err, TX_ENOTFOUND, "%s: no term with id %lld", st->path,
                      (long long)id)
            : tx_db_fail(st, err, "cannot read term %lld", (long long)id);
        goto done;
    }
    if ((src = tx_row_to_term(s, &t)) == SQLITE_CORRUPT) {
        rc = tx_fail(err, TX_EDB, "%s: term %lld has no known status", st->path,
                     (long long)id);
        goto done;
    }
    if (src != SQLITE_OK)
        goto nomem;
    f[0] = t.canonical;
    f[1] = t.key;
    f[2] = t.lang;
    for (i = 0; i < 3; i++)
        total += (len[i] = strlen(f[i]) + 1);
    if (!(info->strings = p = malloc(total)))
        goto nomem;
    info->term = t;
    for (i = 0; i < 3; i++) {
        memcpy(p, f[i], len[i]);
        f[i] = p;
        p += len[i];
    }
    info->term.canonical = f[0];
    info->term.key = f[1];
    info->term.lang = f[2];
    info->term.translation = NULL; /* see info->translations */
    goto done;
nomem:
    rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading term %lld", st->path,
                 (long long)id);
done:
    tx_stmt_done(s);
    return rc;
}

/* The readers of one row of each list of a term (info_lists()): each appends
 * the row of `s` to its list in `info`, whose capacity is *cap; 0 when out of
 * memory, with the list as it was. */

static int read_variant(sqlite3_stmt *s, tx_term_info *info, size_t *cap)
{
    void *p = grow(info->variants, info->n_variants, cap, sizeof *info->variants);
    tx_variant *v;

    if (!p)
        return 0;
    info->variants = p;
    v = &info->variants[info->n_variants];
    v->count = (uint64_t)sqlite3_column_int64(s, 1);
    if (!(v->surface = tx_column_dup(s, 0)))
        return 0;
    info->n_variants++;
    return 1;
}

static int read_doc(sqlite3_stmt *s, tx_term_info *info, size_t *cap)
{
    void *p = grow(info->docs, info->n_docs, cap, sizeof *info->docs);
    tx_term_doc *d;

    if (!p)
        return 0;
    info->docs = p;
    d = &info->docs[info->n_docs];
    d->count = (uint64_t)sqlite3_column_int64(s, 1);
    if (!(d->path = tx_column_dup(s, 0)))
        return 0;
    info->n_docs++;
    return 1;
}

static int read_context(sqlite3_stmt *s, tx_term_info *info, size_t *cap)
{
    void *p = grow(info->contexts, info->n_contexts, cap, sizeof *info->contexts);
    tx_context *c;

    if (!p)
        return 0;
    info->contexts = p;
    c = &info->contexts[info->n_contexts];
    c->path = tx_column_dup(s, 0);
    c->sentence = tx_column_dup(s, 1);
    c->page = (unsigned)sqlite3_column_int64(s, 2);
    if (!c->path || !c->sentence) {
        free(c->path);
        free(c->sentence);
        return 0;
    }
    info->n_contexts++;
    return 1;
}

static int read_relation(sqlite3_stmt *s, tx_term_info *info, size_t *cap)
{
    void *p = grow(info->relations, info->n_relations, cap, sizeof *info->relations);
    tx_relation *r;

    if (!p)
        return 0;
    info->relations = p;
    r = &info->relations[info->n_relations];
    r->kind = tx_column_dup(s, 0);
    r->text = tx_column_dup(s, 1);
    r->in_glossary = sqlite3_column_int(s, 2);
    if (!r->kind || !r->text) {
        free(r->kind);
        free(r->text);
        return 0;
    }
    info->n_relations++;
    return 1;
}

/* A copy of text column `col` of `s`, which may be NULL; 0 when out of memory. */
static int dup_nullable(sqlite3_stmt *s, int col, char **out)
{
    *out = NULL;
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return 1;
    return (*out = tx_column_dup(s, col)) != NULL;
}

static int read_translation(sqlite3_stmt *s, tx_term_info *info, size_t *cap)
{
    void *p = grow(info->translations, info->n_translations, cap,
                   sizeof *info->translations);
    tx_translation *tr;
    int ok;

    if (!p)
        return 0;
    info->translations = p;
    tr = &info->translations[info->n_translations];
    tr->lang = tx_column_dup(s, 0);
    tr->text = tx_column_dup(s, 1);
    tr->score = sqlite3_column_double(s, 2);
    tr->method = tx_column_dup(s, 3);
    tr->n_segments = (unsigned)sqlite3_column_int(s, 4);
    ok = dup_nullable(s, 5, &tr->example_src);
    ok = dup_nullable(s, 6, &tr->example_tgt) && ok;
    ok = dup_nullable(s, 8, &tr->note) && ok;
    {
        tx_tr_status status = TX_TR_CANDIDATE;
        tx_tr_status_from_name((const char *)sqlite3_column_text(s, 7), &status);
        tr->status = (int)status;
    }
    if (!ok || !tr->lang || !tr->text || !tr->method) {
        free(tr->lang);
        free(tr->text);
        free(tr->method);
        free(tr->example_src);
        free(tr->example_tgt);
        free(tr->note);
        return 0;
    }
    info->n_translations++;
    return 1;
}

/* Read the lists of term `id` (variants, documents, contexts, translations,
 * relations). */
static tx_status info_lists(tx_store *st, int64_t id, tx_term_info *info,
                            tx_error *err)
{
    static const struct {
        enum stmt_id stmt;
        int (*read)(sqlite3_stmt *s, tx_term_info *info, size_t *cap);
    } lists[] = {
        {S_INFO_VARIANTS, read_variant}, {S_INFO_DOCS, read_doc},
        {S_INFO_CONTEXTS, read_context}, {S_INFO_TRANSLATIONS, read_translation},
        {S_INFO_RELATIONS, read_relation},
    };
    sqlite3_stmt *s;
    int src;
    tx_status rc = TX_OK;

    for (size_t q = 0; q < sizeof lists / sizeof lists[0] && rc == TX_OK; q++) {
        size_t cap = 0;
        enum stmt_id stmt = lists[q].stmt == S_INFO_CONTEXTS && st->schema < 11
                       ? S_INFO_CONTEXTS_V10 : lists[q].stmt;
        if ((rc = tx_stmt_get(st, stmt, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        while ((src = sqlite3_step(s)) == SQLITE_ROW) {
            if (!lists[q].read(s, info, &cap)) {
                rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading term %lld",
                             st->path, (long long)id);
                break;
            }
        }
        if (rc == TX_OK && src != SQLITE_DONE)
            rc = tx_db_fail(st, err, "cannot read the details of term %lld",
                            (long long)id);
        tx_stmt_done(s);
    }
    return rc;
}

tx_status tx_store_find_id(tx_store *st, const char *text, const char *key, int64_t *id,
                           tx_error *err)
{
    static const enum stmt_id lookups[] = {
        S_FIND_CANONICAL, S_FIND_VARIANT, S_FIND_NOCASE, S_FIND_KEY
    };
    tx_status rc;

    *id = 0;
    if (!st || !text)
        return tx_fail(err, TX_EINVAL, "tx_store_find_id: missing argument");
    for (size_t i = 0; i < sizeof lookups / sizeof lookups[0] && *id == 0; i++) {
        const char *q = lookups[i] == S_FIND_KEY ? key : text;

        if (q && (rc = find_id(st, lookups[i], q, id, err)) != TX_OK)
            return rc;
    }
    return TX_OK;
}

tx_status tx_store_find_term(tx_store *st, const char *text, const char *key,
                             tx_term_info **out, tx_error *err)
{
    tx_term_info *info;
    int64_t id = 0;
    int began;
    tx_status rc;

    if (!out)
        return tx_fail(err, TX_EINVAL, "tx_store_find_term: no result pointer");
    *out = NULL;
    if (!st || !text)
        return tx_fail(err, TX_EINVAL, "tx_store_find_term: missing argument");
    /* The term, its variants and its contexts from one snapshot, even while
     * an extraction commits. */
    if ((rc = tx_store_begin_read(st, &began, err)) != TX_OK)
        return rc;
    if ((rc = tx_store_find_id(st, text, key, &id, err)) != TX_OK)
        goto done;
    if (id == 0) {
        rc = tx_fail(err, TX_ENOTFOUND, "no term '%s' in %s", text, st->path);
        goto done;
    }
    if (!(info = calloc(1, sizeof *info))) {
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading term '%s'", st->path,
                     text);
        goto done;
    }
    if ((rc = info_term(st, id, info, err)) != TX_OK ||
        (rc = info_lists(st, id, info, err)) != TX_OK)
        tx_term_info_free(info);
    else
        *out = info;
done:
    tx_store_end_read(st, began);
    return rc;
}
