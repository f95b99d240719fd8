/* store_merge.c: merging the candidates of one run into the terms and
 * variants tables (tx_store_merge_term()), and the per-document counts a
 * term keeps in terms.doc_counts, written here and read back by
 * tx_store_parse_doc_counts().  A term's example sentences are merged by
 * store_contexts.c, its links by store_relations.c. */
#include "storeInt.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Find the term of `row`; *id = 0 when it is new.  An existing term's
 * per-document counts are copied into st->doc_json.  *shared says whether
 * other keys add to the term (a person merged terms into it): a run may
 * then count one document under several keys. */
static tx_status term_find(tx_store *st, const tx_occ_row *row, int64_t *id,
                           int *shared, tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    *id = 0;
    *shared = 0;
    tx_buf_reset(&st->doc_json);
    if ((rc = tx_stmt_get(st, S_TERM_FIND, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, row->lang);
    tx_bind_text(s, 2, row->key);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        *shared = sqlite3_column_int(s, 2);
        if (tx_buf_add(&st->doc_json, sqlite3_column_text(s, 1),
                       (size_t)sqlite3_column_bytes(s, 1)) != TX_OK)
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    } else if (src != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot look up term '%s'", row->key);
    tx_stmt_done(s);
    return rc;
}

/* Write `v` in decimal at `p`; return the end. */
static char *put_uint(char *p, uint64_t v)
{
    char tmp[20];
    int n = 0;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

/* Append the run's [document, count] pairs to st->doc_json (the term's stored
 * array, "" for a new term). */
static tx_status append_doc_counts(tx_store *st, const tx_occ_row *row, tx_error *err)
{
    tx_buf *b = &st->doc_json;
    int empty;

    if (b->len < 2 || b->data[b->len - 1] != ']') {
        tx_buf_reset(b);
        if (tx_buf_addch(b, '[') != TX_OK)
            goto oom;
    } else {
        b->len--; /* reopen the array */
    }
    empty = b->len == 1;
    /* Two numbers of at most 20 digits each and 4 punctuation bytes a pair;
     * formatted by hand, as snprintf() per pair showed in profiles. */
    if (tx_buf_grow(b, row->n_docs * 44 + 1) != TX_OK)
        goto oom;
    for (size_t i = 0; i < row->n_docs; i++) {
        char *p = b->data + b->len;
        if (!empty || i > 0)
            *p++ = ',';
        *p++ = '[';
        p = put_uint(p, (uint64_t)row->docs[i].doc_id);
        *p++ = ',';
        p = put_uint(p, row->docs[i].count);
        *p++ = ']';
        b->len = (size_t)(p - b->data);
    }
    if (tx_buf_addch(b, ']') != TX_OK)
        goto oom;
    return TX_OK;
oom:
    return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
}

int tx_store_parse_doc_counts(const char *s, tx_doc_count **v, size_t *n)
{
    size_t cap = 0;
    char *end;

    *v = NULL;
    *n = 0;
    while (*s && *s != '[')
        s++;
    if (*s)
        s++;
    for (;;) {
        long long id, count;
        while (*s == ' ' || *s == ',')
            s++;
        if (*s != '[')
            break;
        id = strtoll(s + 1, &end, 10);
        if (*end != ',')
            return -1;
        count = strtoll(end + 1, &end, 10);
        if (*end != ']')
            return -1;
        s = end + 1;
        if (*n == cap) {
            tx_doc_count *p = realloc(*v, (cap = cap ? cap * 2 : 8) * sizeof *p);
            if (!p)
                return -1;
            *v = p;
        }
        (*v)[*n].doc_id = id;
        (*v)[(*n)++].count = (uint64_t)count;
    }
    return 0;
}

static int cmp_doc_count(const void *a, const void *b)
{
    const tx_doc_count *x = a, *y = b;

    return (x->doc_id > y->doc_id) - (x->doc_id < y->doc_id);
}

int tx_doc_counts_merge(const char *a, const char *b, tx_buf *out, size_t *n_docs)
{
    tx_doc_count *va = NULL, *vb = NULL, *all = NULL;
    size_t na = 0, nb = 0, n = 0;
    int ok = 0;

    *n_docs = 0;
    tx_buf_reset(out);
    if ((a && tx_store_parse_doc_counts(a, &va, &na) < 0) ||
        (b && tx_store_parse_doc_counts(b, &vb, &nb) < 0) ||
        !(all = malloc((na + nb + 1) * sizeof *all)))
        goto done;
    if (na)
        memcpy(all, va, na * sizeof *all);
    if (nb)
        memcpy(all + na, vb, nb * sizeof *all);
    qsort(all, na + nb, sizeof *all, cmp_doc_count);
    for (size_t i = 0; i < na + nb; i++) {
        if (n && all[n - 1].doc_id == all[i].doc_id)
            all[n - 1].count += all[i].count;
        else
            all[n++] = all[i];
    }
    if (tx_buf_addch(out, '[') != TX_OK)
        goto done;
    for (size_t i = 0; i < n; i++)
        if (tx_buf_addf(out, "%s[%lld,%llu]", i ? "," : "", (long long)all[i].doc_id,
                        (unsigned long long)all[i].count) != TX_OK)
            goto done;
    ok = tx_buf_addch(out, ']') == TX_OK;
    *n_docs = n;
done:
    free(va);
    free(vb);
    free(all);
    return ok ? 0 : -1;
}

/* Term `id` is shared by several keys (term_find()): make st->doc_json (the
 * stored counts and the run's appended) one pair a document again; *n_docs:
 * the documents the run added to the term. */
static tx_status share_doc_counts(tx_store *st, const tx_occ_row *row,
                                  size_t *n_docs, tx_error *err)
{
    tx_doc_count *old = NULL;
    tx_buf merged = TX_BUF_INIT;
    size_t n_old = 0, n_new;
    tx_status rc = TX_OK;

    /* st->doc_json holds the stored array followed by the run's pairs: count
     * the stored documents first. */
    if (tx_store_parse_doc_counts(tx_buf_str(&st->doc_json), &old, &n_old) < 0)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    free(old);
    if (rc == TX_OK && (rc = append_doc_counts(st, row, err)) == TX_OK &&
        tx_doc_counts_merge(tx_buf_str(&st->doc_json), NULL, &merged, &n_new) < 0)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    if (rc == TX_OK) {
        tx_buf_release(&st->doc_json);
        st->doc_json = merged;
        *n_docs = n_new - n_old;
    } else {
        tx_buf_release(&merged);
    }
    return rc;
}

/* The variant S_TERM_CANONICAL would choose for a new term: a lower-case
 * initial first, then the most frequent, then the first in byte order. */
const tx_variant_row *tx_store_best_variant(const tx_occ_row *row)
{
    const tx_variant_row *best = &row->variants[0];

    for (size_t i = 1; i < row->n_variants; i++) {
        const tx_variant_row *v = &row->variants[i];
        int lower = v->lower_initial != 0, best_lower = best->lower_initial != 0;
        if (lower != best_lower ? lower > best_lower
            : v->count != best->count ? v->count > best->count
                                      : strcmp(v->surface, best->surface) < 0)
            best = v;
    }
    return best;
}

/* Add to batch B_TERMS the row of new term `id` (`row`, of frequency `freq`). */
static tx_status bulk_term_row(tx_store *st, int64_t id, const tx_occ_row *row,
                               uint64_t freq, tx_error *err)
{
    const char *canonical =
        row->n_variants ? tx_store_best_variant(row)->surface : row->key;
    tx_batch *b = st->bulk[B_TERMS];

    tx_batch_int(b, id);
    tx_batch_str(b, row->lang);
    tx_batch_str(b, row->key);
    tx_batch_str(b, canonical);
    tx_batch_int(b, row->n_words);
    tx_batch_int(b, row->n_content);
    tx_batch_int(b, (int64_t)freq);
    tx_batch_int(b, (int64_t)row->n_docs);
    tx_batch_text(b, st->doc_json.data, st->doc_json.len);
    tx_batch_double(b, row->scored ? row->cvalue : 0);
    tx_batch_double(b, row->scored ? row->score : 0);
    tx_batch_int(b, row->scored && row->listed);
    return tx_bulk_end_row(st, B_TERMS, err);
}

/* Add to batch B_VARIANTS the variants of new term `id`. */
static tx_status bulk_variants(tx_store *st, int64_t id, const tx_occ_row *row,
                               tx_error *err)
{
    tx_batch *b = st->bulk[B_VARIANTS];
    tx_status rc;

    for (size_t i = 0; i < row->n_variants; i++) {
        const tx_variant_row *v = &row->variants[i];
        tx_batch_int(b, id);
        tx_batch_str(b, v->surface);
        tx_batch_int(b, (int64_t)v->count);
        tx_batch_int(b, v->lower_initial != 0);
        tx_batch_int(b, (int64_t)i);
        if ((rc = tx_bulk_end_row(st, B_VARIANTS, err)) != TX_OK)
            return rc;
    }
    return TX_OK;
}

/* Add to batch B_RELATIONS the links of new term `id`. */
static tx_status bulk_relations(tx_store *st, int64_t id, const tx_occ_row *row,
                                tx_error *err)
{
    tx_batch *b = st->bulk[B_RELATIONS];
    tx_status rc;

    for (size_t i = 0; i < row->n_relations; i++) {
        const tx_relation_row *r = &row->relations[i];
        tx_batch_int(b, id);
        tx_batch_str(b, r->kind);
        tx_batch_str(b, r->other_key);
        tx_batch_str(b, r->other_surface);
        if ((rc = tx_bulk_end_row(st, B_RELATIONS, err)) != TX_OK)
            return rc;
    }
    return TX_OK;
}

/* A term the caller knows is new (tx_occ_row.known_new), written in bulk:
 * its id is counted here, its rows wait in the batches.  Its per-document
 * counts are in st->doc_json. */
static tx_status bulk_term(tx_store *st, const tx_occ_row *row, uint64_t freq,
                           unsigned max_contexts, tx_error *err)
{
    int64_t id;
    tx_status rc;

    if ((rc = tx_bulk_ready(st, err)) != TX_OK)
        return rc;
    id = st->next_term++;
    if ((rc = bulk_term_row(st, id, row, freq, err)) != TX_OK ||
        (rc = bulk_variants(st, id, row, err)) != TX_OK)
        return rc;
    if (max_contexts > 0 && row->n_contexts > 0 &&
        (rc = tx_merge_contexts(st, id, 1, 1, row, max_contexts, err)) != TX_OK)
        return rc;
    if ((rc = bulk_relations(st, id, row, err)) != TX_OK)
        return rc;
    return tx_bulk_end_term(st, err);
}

/* Insert the row of new term `row` (of frequency `freq`); *id gets its id.
 * Its per-document counts are in st->doc_json. */
static tx_status term_insert(tx_store *st, const tx_occ_row *row, uint64_t freq,
                             int64_t *id, tx_error *err)
{
    const char *canonical =
        row->n_variants ? tx_store_best_variant(row)->surface : row->key;
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_TERM_INSERT, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, row->lang);
    tx_bind_text(s, 2, row->key);
    tx_bind_text(s, 3, canonical);
    sqlite3_bind_int(s, 4, (int)row->n_words);
    sqlite3_bind_int(s, 5, (int)row->n_content);
    sqlite3_bind_int64(s, 6, (sqlite3_int64)freq);
    sqlite3_bind_int64(s, 7, (sqlite3_int64)row->n_docs);
    sqlite3_bind_text(s, 8, st->doc_json.data, (int)st->doc_json.len, SQLITE_STATIC);
    sqlite3_bind_double(s, 9, row->scored ? row->cvalue : 0);
    sqlite3_bind_double(s, 10, row->scored ? row->score : 0);
    sqlite3_bind_int(s, 11, row->scored && row->listed);
    if ((rc = tx_stmt_run(st, s, err, "add term", row->key)) != TX_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(st->db);
    return TX_OK;
}

/* Add the run's counts (`freq`, `n_docs` new documents, st->doc_json) to
 * term `id`. */
static tx_status term_add(tx_store *st, int64_t id, const tx_occ_row *row, uint64_t freq,
                          size_t n_docs, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_TERM_ADD, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)freq);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)n_docs);
    sqlite3_bind_text(s, 4, st->doc_json.data, (int)st->doc_json.len, SQLITE_STATIC);
    return tx_stmt_run(st, s, err, "update term", row->key);
}

/* Add the variants of `row` to term `id`; then, for a term that was there,
 * choose its canonical form again from all its variants. */
static tx_status merge_variants(tx_store *st, int64_t id, int is_new,
                                const tx_occ_row *row, tx_error *err)
{
    enum stmt_id add = is_new ? S_VARIANT_NEW : S_VARIANT_ADD;
    sqlite3_stmt *s;
    tx_status rc;

    for (size_t i = 0; i < row->n_variants; i++) {
        const tx_variant_row *v = &row->variants[i];

        if ((rc = tx_stmt_get(st, add, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        tx_bind_text(s, 2, v->surface);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)v->count);
        sqlite3_bind_int(s, 4, v->lower_initial != 0);
        /* A new term's variants arrive in order: skip counting the stored ones. */
        if (is_new)
            sqlite3_bind_int64(s, 5, (sqlite3_int64)i);
        if ((rc = tx_stmt_run(st, s, err, "add a variant to term", row->key)) != TX_OK)
            return rc;
    }
    if (is_new)
        return TX_OK;
    if ((rc = tx_stmt_get(st, S_TERM_CANONICAL, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return tx_stmt_run(st, s, err, "choose the canonical form of term", row->key);
}

/* Check `row` as tx_store_merge_term() gets it; *freq gets its frequency in
 * the run. */
static tx_status check_row(const tx_occ_row *row, uint64_t *freq, tx_error *err)
{
    *freq = 0;
    if (!row || !row->lang || !row->key)
        return tx_fail(err, TX_EINVAL, "tx_store_merge_term: missing argument");
    for (size_t i = 0; i < row->n_docs; i++)
        *freq += row->docs[i].count;
    for (size_t i = 0; i < row->n_relations; i++)
        if (!row->relations[i].kind || !row->relations[i].other_key ||
            !row->relations[i].other_surface)
            return tx_fail(err, TX_EINVAL, "tx_store_merge_term: incomplete relation");
    return TX_OK;
}

tx_status tx_store_merge_term(tx_store *st, const tx_occ_row *row,
                              unsigned max_contexts, tx_error *err)
{
    uint64_t freq;
    int64_t id;
    int is_new, shared;
    size_t n_docs;
    tx_status rc;

    if (!st)
        return tx_fail(err, TX_EINVAL, "tx_store_merge_term: missing argument");
    if ((rc = check_row(row, &freq, err)) != TX_OK)
        return rc;
    if (row->known_new) {
        tx_buf_reset(&st->doc_json);
        if ((rc = append_doc_counts(st, row, err)) != TX_OK)
            return rc;
        return bulk_term(st, row, freq, max_contexts, err);
    }
    if ((rc = term_find(st, row, &id, &shared, err)) != TX_OK)
        return rc;
    is_new = id == 0;
    n_docs = row->n_docs;
    if ((rc = shared ? share_doc_counts(st, row, &n_docs, err)
                     : append_doc_counts(st, row, err)) != TX_OK)
        return rc;
    if ((rc = is_new ? term_insert(st, row, freq, &id, err)
                     : term_add(st, id, row, freq, n_docs, err)) != TX_OK)
        return rc;
    if ((rc = merge_variants(st, id, is_new, row, err)) != TX_OK)
        return rc;
    if (max_contexts > 0 && row->n_contexts > 0 &&
        (rc = tx_merge_contexts(st, id, is_new, 0, row, max_contexts, err)) != TX_OK)
        return rc;
    for (size_t i = 0; i < row->n_relations; i++) {
        const tx_relation_row *r = &row->relations[i];
        if ((rc = tx_relation_put(st, id, r->kind, r->other_key, r->other_surface,
                                  err)) != TX_OK)
            return rc;
    }
    return TX_OK;
}
