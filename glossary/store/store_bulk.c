/* store_bulk.c: the bulk writes of new terms (tx_occ_row.known_new).
 *
 * Rows go to multi-row INSERTs (batch.h) in the order of enum bulk_id, which
 * is also the order of their foreign keys, with ids counted here instead of
 * read back from SQLite.  Every cached statement flushes the waiting rows
 * first (tx_stmt_get()), so that it sees them; a rollback drops them. */
#include "storeInt.h"

#include "error.h"

/* A bulk write goes out once this many terms are waiting (with their
 * variants, sentences, contexts and relations). */
#define TX_BULK_TERMS 8192

/* Each batch's INSERT: its head and tail around the rows (batch.h). */
static const struct {
    const char *head, *tail;
    unsigned n_cols;
    const char *what;      /* for messages: "cannot add ..." */
} bulk_sql[B_COUNT] = {
    [B_TERMS] = {"INSERT INTO terms (id, lang, key, canonical, n_words, n_content, freq,"
                 " df, doc_counts, cvalue, score, listed)", "", 12, "terms"},
    [B_SENTENCES] = {"INSERT INTO sentences (id, doc_id, text, page)", "", 4, "sentences"},
    [B_VARIANTS] = {"INSERT INTO variants (term_id, surface, count, lower_initial,"
                    " first_seen)",
                    "ON CONFLICT (term_id, surface) DO UPDATE SET count = count +"
                    " excluded.count", 5, "variants"},
    [B_CONTEXTS] = {"INSERT OR IGNORE INTO contexts (term_id, sentence_id, level)", "", 3,
                    "contexts"},
    [B_RELATIONS] = {"INSERT OR IGNORE INTO relations (term_id, kind, other_key,"
                     " other_surface)", "", 4, "relations"},
};

void tx_bulk_clear(tx_store *st)
{
    for (int b = 0; b < B_COUNT; b++)
        if (st->bulk[b])
            tx_batch_clear(st->bulk[b]);
    st->bulk_pending = 0;
    st->bulk_ids = 0;
}

/* Batch `b` failed with `src`: drop every waiting row and say why. */
static tx_status bulk_fail(tx_store *st, enum bulk_id b, int src, tx_error *err)
{
    tx_bulk_clear(st);
    if (src == SQLITE_NOMEM)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory adding %s", st->path,
                       bulk_sql[b].what);
    if (src == SQLITE_MISUSE || src == SQLITE_TOOBIG) /* batch.c's own checks */
        return tx_fail(err, TX_EINVAL, "%s: cannot add %s: %s", st->path,
                       bulk_sql[b].what, sqlite3_errstr(src));
    return tx_db_fail(st, err, "cannot add %s", bulk_sql[b].what);
}

tx_status tx_bulk_flush(tx_store *st, tx_error *err)
{
    st->bulk_pending = 0;
    for (int b = 0; b < B_COUNT; b++) {
        int src;
        if (st->bulk[b] && (src = tx_batch_flush(st->bulk[b])) != SQLITE_OK)
            return bulk_fail(st, (enum bulk_id)b, src, err);
    }
    return TX_OK;
}

tx_status tx_bulk_ready(tx_store *st, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    for (int b = 0; b < B_COUNT; b++) {
        int src;
        if (st->bulk[b])
            continue;
        src = tx_batch_new(st->db, bulk_sql[b].head, bulk_sql[b].tail, bulk_sql[b].n_cols,
                           &st->bulk[b]);
        if (src == SQLITE_NOMEM)
            return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
        if (src != SQLITE_OK) /* no statement ran: the connection's message is not it */
            return tx_fail(err, TX_EDB, "%s: cannot prepare to add %s: %s", st->path,
                           bulk_sql[b].what, sqlite3_errstr(src));
    }
    if (st->bulk_ids)
        return TX_OK;
    if ((rc = tx_stmt_get(st, S_BULK_IDS, &s, err)) != TX_OK)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW) {
        st->next_term = sqlite3_column_int64(s, 0) + 1;
        st->next_sentence = sqlite3_column_int64(s, 1) + 1;
        st->bulk_ids = 1;
    } else {
        rc = tx_db_fail(st, err, "cannot read the last ids");
    }
    tx_stmt_done(s);
    return rc;
}

tx_status tx_bulk_end_row(tx_store *st, enum bulk_id b, tx_error *err)
{
    int src = tx_batch_end_row(st->bulk[b]);

    st->bulk_pending = 1;
    return src == SQLITE_OK ? TX_OK : bulk_fail(st, b, src, err);
}

tx_status tx_bulk_end_term(tx_store *st, tx_error *err)
{
    if (tx_batch_pending(st->bulk[B_TERMS]) >= TX_BULK_TERMS ||
        sqlite3_get_autocommit(st->db))
        return tx_bulk_flush(st, err);
    return TX_OK;
}
