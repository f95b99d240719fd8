/* store_documents.c: the documents table: each document a run added, by the
 * SHA-256 of its bytes, so that a document given twice is read once. */
#include "storeInt.h"

#include <stdio.h>

#include "error.h"

tx_status tx_store_find_document(tx_store *st, const char *hash, int64_t *doc_id,
                                 tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    if (!st || !hash || !doc_id)
        return tx_fail(err, TX_EINVAL, "tx_store_find_document: missing argument");
    *doc_id = 0;
    if ((rc = tx_stmt_get(st, S_DOC_FIND, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, hash);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *doc_id = sqlite3_column_int64(s, 0);
    else if (src != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot look up document %s", hash);
    tx_stmt_done(s);
    return rc;
}

tx_status tx_store_add_document(tx_store *st, const tx_doc_row *doc, int64_t *doc_id,
                                tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if (!st || !doc || !doc->path || !doc->hash || !doc->lang || !doc_id)
        return tx_fail(err, TX_EINVAL, "tx_store_add_document: missing argument");
    *doc_id = 0;
    if ((rc = tx_stmt_get(st, S_DOC_ADD, &s, err)) != TX_OK)
        return rc;
    if (tx_bind_path(s, 1, 6, doc->path) != 0) {
        tx_stmt_done(s);
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    }
    tx_bind_text(s, 2, doc->hash);
    tx_bind_text(s, 3, doc->lang);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)doc->n_tokens);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)doc->n_bytes);
    if ((rc = tx_stmt_run(st, s, err, "add document", doc->path)) != TX_OK)
        return rc;
    *doc_id = sqlite3_last_insert_rowid(st->db);
    return TX_OK;
}

tx_status tx_store_document_path(tx_store *st, int64_t doc_id, char *path, size_t size,
                                 tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;
    int src;

    if ((rc = tx_stmt_get(st, S_DOC_PATH, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, doc_id);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        snprintf(path, size, "%s", (const char *)sqlite3_column_text(s, 0));
    else
        rc = src == SQLITE_DONE ? tx_fail(err, TX_ENOTFOUND, "no document %lld",
                                          (long long)doc_id)
                                : tx_db_fail(st, err, "cannot read document %lld",
                                             (long long)doc_id);
    tx_stmt_done(s);
    return rc;
}
