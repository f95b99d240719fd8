/* store_contexts.c: a term's example sentences (the sentences and contexts
 * tables).  A sentence is stored once and shared by every term it is a
 * context of; a term keeps the few best by an order that depends on content
 * alone (ctx_before()), and the sentences no term keeps any more are removed
 * at the end of a run (tx_store_drop_evicted()). */
#include "storeInt.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Is example sentence `a` before `b`: a lower rank in its document, then the
 * document with the smaller hash, then the text?  Content alone decides, so
 * that a term keeps the same sentences whatever order documents come in. */
static int ctx_before(const ctx_cand *a, const ctx_cand *b)
{
    int c;

    if (a->level != b->level)
        return a->level < b->level;
    if ((c = strcmp(a->doc_hash, b->doc_hash)) != 0)
        return c < 0;
    return strcmp(a->text, b->text) < 0;
}

/* Make room for `n` entries in st->cands. */
static tx_status cands_reserve(tx_store *st, size_t n, tx_error *err)
{
    ctx_cand *v;

    if (n <= st->cap_cands)
        return TX_OK;
    if (!(v = realloc(st->cands, n * sizeof *v)))
        return tx_fail(err, TX_ENOMEM, "%s: out of memory merging contexts", st->path);
    st->cands = v;
    st->cap_cands = n;
    return TX_OK;
}

/* Load the example sentences of term `id` into st->cands; *n gets how many. */
static tx_status load_contexts(tx_store *st, int64_t id, size_t *n, tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    *n = 0;
    tx_buf_reset(&st->ctx_text);
    if ((rc = tx_stmt_get(st, S_CTX_LOAD, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        ctx_cand *c;
        if ((rc = cands_reserve(st, *n + 1 > 8 ? 2 * *n : 8, err)) != TX_OK)
            break;
        c = &st->cands[(*n)++];
        memset(c, 0, sizeof *c);
        c->sentence_id = sqlite3_column_int64(s, 0);
        c->level = sqlite3_column_int(s, 2);
        c->row = (size_t)-1;
        /* texts are copied: their pointers are set once the buffer stops moving */
        c->text_off = st->ctx_text.len;
        if (tx_buf_add(&st->ctx_text, sqlite3_column_text(s, 1),
                       (size_t)sqlite3_column_bytes(s, 1)) != TX_OK ||
            tx_buf_addch(&st->ctx_text, '\0') != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory merging contexts", st->path);
            break;
        }
        c->hash_off = st->ctx_text.len;
        if (tx_buf_add(&st->ctx_text, sqlite3_column_text(s, 3),
                       (size_t)sqlite3_column_bytes(s, 3)) != TX_OK ||
            tx_buf_addch(&st->ctx_text, '\0') != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory merging contexts", st->path);
            break;
        }
    }
    if (rc == TX_OK && src != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot read the contexts of term %lld", (long long)id);
    tx_stmt_done(s);
    for (size_t i = 0; rc == TX_OK && i < *n; i++) {
        st->cands[i].text = st->ctx_text.data + st->cands[i].text_off;
        st->cands[i].doc_hash = st->ctx_text.data + st->cands[i].hash_off;
    }
    return rc;
}

/* Note that sentence `sentence_id` lost a term: tx_store_drop_evicted()
 * removes it if no term keeps it. */
tx_status tx_evict_ready(tx_store *st, tx_error *err)
{
    tx_status rc;

    if (!st->evict_table &&
        (rc = tx_exec_sql(st, "CREATE TEMP TABLE IF NOT EXISTS tx_evicted"
                              " (id INTEGER PRIMARY KEY)",
                          "cannot create a scratch table", err)) != TX_OK)
        return rc;
    st->evict_table = 1;
    return TX_OK;
}

static tx_status evict(tx_store *st, int64_t sentence_id, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_evict_ready(st, err)) != TX_OK)
        return rc;
    if ((rc = tx_stmt_get(st, S_EVICT_ADD, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, sentence_id);
    if ((rc = tx_stmt_run(st, s, err, "note an unused sentence", "")) == TX_OK)
        st->evicted = 1;
    return rc;
}

tx_status tx_store_drop_evicted(tx_store *st, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if (!st->evicted)
        return TX_OK;
    if ((rc = tx_bulk_flush(st, err)) != TX_OK ||
        (rc = tx_stmt_get(st, S_EVICT_DROP, &s, err)) != TX_OK ||
        (rc = tx_stmt_run(st, s, err, "remove unused sentences", "")) != TX_OK ||
        (rc = tx_stmt_get(st, S_EVICT_CLEAR, &s, err)) != TX_OK ||
        (rc = tx_stmt_run(st, s, err, "remove unused sentences", "")) != TX_OK)
        return rc;
    st->evicted = 0;
    return TX_OK;
}

/* Store the example sentence c (new, from `row`) as a context of term `id`. */
static tx_status add_context(tx_store *st, int64_t id, int bulk, const tx_occ_row *row,
                             const ctx_cand *c, tx_error *err)
{
    const tx_context_row *cr = &row->contexts[c->row];
    int64_t sentence_id = cr->sentence_id ? *cr->sentence_id : 0;
    sqlite3_stmt *s;
    tx_status rc;

    if (!sentence_id && bulk) {
        sentence_id = st->next_sentence++;
        tx_batch_int(st->bulk[B_SENTENCES], sentence_id);
        tx_batch_int(st->bulk[B_SENTENCES], cr->doc_id);
        tx_batch_str(st->bulk[B_SENTENCES], cr->sentence);
        tx_batch_int(st->bulk[B_SENTENCES], cr->page);
        if ((rc = tx_bulk_end_row(st, B_SENTENCES, err)) != TX_OK)
            return rc;
    } else if (!sentence_id) {
        if ((rc = tx_stmt_get(st, S_SENT_ADD, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, cr->doc_id);
        tx_bind_text(s, 2, cr->sentence);
        sqlite3_bind_int64(s, 3, cr->page);
        if ((rc = tx_stmt_run(st, s, err, "add a sentence of term", row->key)) != TX_OK)
            return rc;
        sentence_id = sqlite3_last_insert_rowid(st->db);
    }
    if (cr->sentence_id)
        *cr->sentence_id = sentence_id;
    if (bulk) {
        tx_batch_int(st->bulk[B_CONTEXTS], id);
        tx_batch_int(st->bulk[B_CONTEXTS], sentence_id);
        tx_batch_int(st->bulk[B_CONTEXTS], cr->level);
        return tx_bulk_end_row(st, B_CONTEXTS, err);
    }
    if ((rc = tx_stmt_get(st, S_CTX_ADD, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, sentence_id);
    sqlite3_bind_int(s, 3, (int)cr->level);
    return tx_stmt_run(st, s, err, "add a context to term", row->key);
}

/* Drop stored sentence `c` from the contexts of term `id` (of `row`). */
static tx_status drop_context(tx_store *st, int64_t id, const tx_occ_row *row,
                              const ctx_cand *c, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_CTX_DEL, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, c->sentence_id);
    if ((rc = tx_stmt_run(st, s, err, "drop a context of term", row->key)) != TX_OK)
        return rc;
    return evict(st, c->sentence_id, err);
}

/* A term gets the `max` best example sentences among those it has and those
 * the run offers, one per text, best as ctx_before() says: the imported ones
 * (level -1, the user's, always kept), then the first occurrences of the term
 * in each document before the second ones, so the sentences are spread over
 * documents, and of the documents, the ones with the smallest hashes.  Since
 * the order depends on nothing but content, the sentences are the same
 * whatever order or runs the documents came in, and a sentence a run leaves
 * out could never be chosen later: dropping it loses nothing.  Sentences it
 * stops using are removed by tx_store_drop_evicted() if no other term uses
 * them. */
tx_status tx_merge_contexts(tx_store *st, int64_t id, int is_new, int bulk,
                            const tx_occ_row *row, unsigned max, tx_error *err)
{
    size_t n = 0, kept = 0;
    tx_status rc;

    if (!is_new && (rc = load_contexts(st, id, &n, err)) != TX_OK)
        return rc;
    if ((rc = cands_reserve(st, n + row->n_contexts, err)) != TX_OK)
        return rc;
    for (size_t i = 0; i < row->n_contexts; i++) {
        const tx_context_row *cr = &row->contexts[i];
        ctx_cand *c = &st->cands[n];
        if (!cr->sentence || !*cr->sentence)
            continue;
        memset(c, 0, sizeof *c);
        c->text = cr->sentence;
        c->doc_hash = cr->doc_hash ? cr->doc_hash : "";
        c->level = (int)cr->level;
        c->row = i;
        n++;
    }
    /* few: an insertion sort */
    for (size_t i = 1; i < n; i++) {
        ctx_cand c = st->cands[i];
        size_t j = i;
        for (; j > 0 && ctx_before(&c, &st->cands[j - 1]); j--)
            st->cands[j] = st->cands[j - 1];
        st->cands[j] = c;
    }
    for (size_t i = 0; i < n; i++) {
        ctx_cand *c = &st->cands[i];
        c->keep = c->level < 0 || kept < max;
        for (size_t j = 0; j < i && c->keep; j++)
            if (st->cands[j].keep && strcmp(st->cands[j].text, c->text) == 0)
                c->keep = 0;
        kept += (size_t)c->keep;
        if (c->keep && c->row != (size_t)-1)
            rc = add_context(st, id, bulk, row, c, err);
        else if (!c->keep && c->row == (size_t)-1)
            rc = drop_context(st, id, row, c, err);
        if (rc != TX_OK)
            return rc;
    }
    return TX_OK;
}
