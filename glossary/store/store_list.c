/* store_list.c: listing the glossary (termex list): the listed terms in one
 * of three orders, maybe through a view, and a term's written forms. */
#include "storeInt.h"

#include "error.h"
#include "score.h" /* tx_listed() */

/* The thresholds of `view`, its zeros replaced by the glossary's; *narrows
 * says whether the view may hide a listed term. */
static tx_status view_listing(tx_store *st, const tx_list_view *view, tx_listing *l,
                              int *narrows, tx_error *err)
{
    tx_settings s;
    tx_status rc;

    *narrows = 0;
    if (!view)
        return TX_OK;
    if ((rc = tx_store_get_settings(st, &s, err)) != TX_OK)
        return rc;
    *l = s.listing;
    if (view->listing.min_freq)
        l->min_freq = view->listing.min_freq;
    if (view->listing.min_words)
        l->min_words = view->listing.min_words;
    if (view->listing.max_words)
        l->max_words = view->listing.max_words;
    *narrows = view->status >= 0 || l->min_freq > s.listing.min_freq ||
               l->min_words > s.listing.min_words || l->max_words < s.listing.max_words;
    return TX_OK;
}

/* Does listed term `t` show through `view` (thresholds `l`)? */
static int in_view(const tx_list_view *view, const tx_listing *l, const tx_term *t)
{
    if (view->status >= 0 && (int)t->status != view->status)
        return 0;
    /* Listed: its scores made it a term, whatever the thresholds; a term a
     * person decided on shows whatever its counts, as rescoring keeps it. */
    return tx_listed(l, t->freq, t->n_content, 1, t->status != TX_TERM_CANDIDATE);
}

tx_status tx_store_list_terms(tx_store *st, tx_sort sort, unsigned top,
                              tx_term_fn fn, void *arg, tx_error *err)
{
    return tx_store_list_view(st, sort, top, NULL, fn, arg, err);
}

tx_status tx_store_list_view(tx_store *st, tx_sort sort, unsigned top,
                             const tx_list_view *view, tx_term_fn fn, void *arg,
                             tx_error *err)
{
    enum stmt_id id;
    sqlite3_stmt *s;
    tx_term t;
    tx_listing l;
    unsigned shown = 0;
    int src, narrows;
    tx_status rc;

    if (!st || !fn)
        return tx_fail(err, TX_EINVAL, "tx_store_list_terms: missing argument");
    if ((rc = view_listing(st, view, &l, &narrows, err)) != TX_OK)
        return rc;
    switch (sort) {
    case TX_SORT_SCORE: id = S_LIST_SCORE; break;
    case TX_SORT_FREQ: id = S_LIST_FREQ; break;
    case TX_SORT_ALPHA: id = S_LIST_ALPHA; break;
    default:
        return tx_fail(err, TX_EINVAL, "unknown sort order %d", (int)sort);
    }
    if ((rc = tx_stmt_get(st, id, &s, err)) != TX_OK)
        return rc;
    /* A view that hides terms counts `top` itself. */
    sqlite3_bind_int64(s, 1, top && !narrows ? (sqlite3_int64)top : -1);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        int bad = tx_row_to_term(s, &t);
        if (bad) {
            src = bad;
            break;
        }
        if (narrows && !in_view(view, &l, &t))
            continue;
        if (fn(&t, arg) || (top && ++shown == top))
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
