/* store_list.c: listing the glossary (termex list): the listed terms in one
 * of three orders, and a term's written forms. */
#include "storeInt.h"

#include "error.h"

tx_status tx_store_list_terms(tx_store *st, tx_sort sort, unsigned top,
                              tx_term_fn fn, void *arg, tx_error *err)
{
    enum stmt_id id;
    sqlite3_stmt *s;
    tx_term t;
    int src;
    tx_status rc;

    if (!st || !fn)
        return tx_fail(err, TX_EINVAL, "tx_store_list_terms: missing argument");
    switch (sort) {
    case TX_SORT_SCORE: id = S_LIST_SCORE; break;
    case TX_SORT_FREQ: id = S_LIST_FREQ; break;
    case TX_SORT_ALPHA: id = S_LIST_ALPHA; break;
    default:
        return tx_fail(err, TX_EINVAL, "unknown sort order %d", (int)sort);
    }
    if ((rc = tx_stmt_get(st, id, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, top ? (sqlite3_int64)top : -1);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        int bad = tx_row_to_term(s, &t);
        if (bad) {
            src = bad;
            break;
        }
        if (fn(&t, arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory listing terms", st->path);
    else if (src == SQLITE_CORRUPT)
        rc = tx_fail(err, TX_EDB, "%s: term %lld has no known status", st->path,
                     (long long)t.id);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = tx_db_fail(st, err, "cannot list terms");
    tx_stmt_done(s);
    return rc;
}

tx_status tx_store_list_variants(tx_store *st, int64_t term_id, tx_variant_fn fn,
                                 void *arg, tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    if (!st || !fn)
        return tx_fail(err, TX_EINVAL, "tx_store_list_variants: missing argument");
    if ((rc = tx_stmt_get(st, S_INFO_VARIANTS, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, term_id);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        const char *surface = (const char *)sqlite3_column_text(s, 0);

        if (!surface) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(surface, (uint64_t)sqlite3_column_int64(s, 1), arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory listing variants", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = tx_db_fail(st, err, "cannot list the variants of term %lld",
                        (long long)term_id);
    tx_stmt_done(s);
    return rc;
}
