/* batch.h: multi-row INSERT statements, for the store's bulk writes.
 *
 * A batch collects rows for one INSERT and runs them many at a time
 * ("INSERT INTO t (a, b) VALUES (?, ?), (?, ?), ..."): SQLite then opens its
 * cursors and runs its per-statement bookkeeping once per group of rows
 * instead of once per row, which halves the cost of writing a glossary of
 * hundreds of thousands of terms.  Values are copied when given, so the
 * caller's strings need not outlive the call.
 *
 * Internal to the store: the functions return SQLite result codes
 * (SQLITE_OK, SQLITE_NOMEM, ...), which store.c turns into termex statuses. */
#ifndef TX_BATCH_H
#define TX_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

typedef struct tx_batch tx_batch;

/* A batch of rows of `n_cols` values for "HEAD VALUES (...), (...) TAIL" on
 * `db`: `head` names the table and columns, `tail` may add a conflict clause
 * ("" for none).  *out receives a batch the caller frees with
 * tx_batch_free(), before closing `db`. */
int tx_batch_new(sqlite3 *db, const char *head, const char *tail, unsigned n_cols,
                 tx_batch **out);
void tx_batch_free(tx_batch *b);

/* The values of the current row, left to right.  Errors (out of memory) are
 * kept and returned by tx_batch_end_row(). */
void tx_batch_int(tx_batch *b, int64_t v);
void tx_batch_double(tx_batch *b, double v);
void tx_batch_text(tx_batch *b, const char *s, size_t len);
void tx_batch_str(tx_batch *b, const char *s); /* a NUL-terminated text */

/* End the current row, which must have exactly n_cols values.  Rows are
 * kept in memory until tx_batch_flush(). */
int tx_batch_end_row(tx_batch *b);

/* Insert the rows collected so far, as few statements as the limit on bound
 * parameters allows (none is a no-op).  The rows are dropped either way; after
 * a failure sqlite3_errmsg() on the connection tells why. */
int tx_batch_flush(tx_batch *b);

/* Drop the rows collected so far and any error (after a rollback). */
void tx_batch_clear(tx_batch *b);

/* Rows collected and not yet inserted. */
size_t tx_batch_pending(const tx_batch *b);

#endif
