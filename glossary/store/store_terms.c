/* store_terms.c: the terms table as a whole: the names a term's status is
 * stored and written under, a term read from a row, rescoring, and counts. */
#include "storeInt.h"

#include <stdio.h>
#include <string.h>

#include "error.h"

/* ---- a term's status ---- */

/* What the terms table holds for each status, and what every output writes. */
static const char *const status_names[] = {
    [TX_TERM_CANDIDATE] = STATUS_CANDIDATE,
    [TX_TERM_APPROVED] = STATUS_APPROVED,
    [TX_TERM_REJECTED] = STATUS_REJECTED,
};

#define N_STATUSES (sizeof status_names / sizeof status_names[0])

const char *tx_term_status_name(tx_term_status status)
{
    return (unsigned)status < N_STATUSES ? status_names[status] : NULL;
}

int tx_term_status_from_name(const char *name, tx_term_status *out)
{
    for (size_t i = 0; name && i < N_STATUSES; i++) {
        if (strcmp(name, status_names[i]) == 0) {
            *out = (tx_term_status)i;
            return 0;
        }
    }
    return -1;
}

int tx_column_status(sqlite3_stmt *s, int col, tx_term_status *out)
{
    return tx_term_status_from_name((const char *)sqlite3_column_text(s, col), out);
}

/* ---- terms ---- */

int tx_row_to_term(sqlite3_stmt *s, tx_term *t)
{
    t->id = sqlite3_column_int64(s, 0);
    t->canonical = (const char *)sqlite3_column_text(s, 1);
    t->key = (const char *)sqlite3_column_text(s, 2);
    t->lang = (const char *)sqlite3_column_text(s, 3);
    if (tx_column_status(s, 4, &t->status) != 0)
        return sqlite3_column_text(s, 4) ? SQLITE_CORRUPT : SQLITE_NOMEM;
    t->n_words = (unsigned)sqlite3_column_int(s, 5);
    t->n_content = (unsigned)sqlite3_column_int(s, 6);
    t->freq = (uint64_t)sqlite3_column_int64(s, 7);
    t->df = (unsigned)sqlite3_column_int64(s, 8);
    t->cvalue = sqlite3_column_double(s, 9);
    t->score = sqlite3_column_double(s, 10);
    t->translation = (const char *)sqlite3_column_text(s, 11);
    t->listed = sqlite3_column_int(s, 12);
    return t->canonical && t->key && t->lang ? SQLITE_OK : SQLITE_NOMEM;
}

tx_status tx_store_each_term(tx_store *st, const char *lang,
                             int (*fn)(const tx_score_row *row, void *arg),
                             void *arg, tx_error *err)
{
    sqlite3_stmt *s;
    tx_score_row r;
    int src;
    tx_status rc;

    if (!st || !lang || !fn)
        return tx_fail(err, TX_EINVAL, "tx_store_each_term: missing argument");
    if ((rc = tx_stmt_get(st, S_EACH_TERM, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, lang);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        r.id = sqlite3_column_int64(s, 0);
        r.key = (const char *)sqlite3_column_text(s, 1);
        r.n_words = (unsigned)sqlite3_column_int(s, 2);
        r.n_content = (unsigned)sqlite3_column_int(s, 3);
        r.freq = (uint64_t)sqlite3_column_int64(s, 4);
        r.df = (unsigned)sqlite3_column_int64(s, 5);
        r.cvalue = sqlite3_column_double(s, 6);
        r.score = sqlite3_column_double(s, 7);
        r.listed = sqlite3_column_int(s, 8);
        r.approved = sqlite3_column_int(s, 9);
        r.canonical = (const char *)sqlite3_column_text(s, 10);
        if (!r.key || !r.canonical) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(&r, arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading terms", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = tx_db_fail(st, err, "cannot read the terms");
    tx_stmt_done(s);
    return rc;
}

tx_status tx_store_set_score(tx_store *st, int64_t id, double cvalue, double score,
                             int listed, tx_error *err)
{
    sqlite3_stmt *s;
    char what[32];
    tx_status rc;

    if (!st)
        return tx_fail(err, TX_EINVAL, "tx_store_set_score: no store");
    if ((rc = tx_stmt_get(st, S_SET_SCORE, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_double(s, 2, cvalue);
    sqlite3_bind_double(s, 3, score);
    sqlite3_bind_int(s, 4, listed != 0);
    snprintf(what, sizeof what, "%lld", (long long)id);
    if ((rc = tx_stmt_run(st, s, err, "store the score of term", what)) != TX_OK)
        return rc;
    if (sqlite3_changes(st->db) == 0)
        return tx_fail(err, TX_ENOTFOUND, "%s: no term with id %lld", st->path,
                       (long long)id);
    return TX_OK;
}

tx_status tx_store_each_listed(tx_store *st, const char *lang,
                               int (*fn)(const tx_listed_term *t, void *arg), void *arg,
                               tx_error *err)
{
    sqlite3_stmt *s;
    tx_listed_term t;
    tx_status rc;
    int src;

    if ((rc = tx_stmt_get(st, S_LISTED_EACH, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, lang);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        t.id = sqlite3_column_int64(s, 0);
        t.key = (const char *)sqlite3_column_text(s, 1);
        t.canonical = (const char *)sqlite3_column_text(s, 2);
        t.n_content = (unsigned)sqlite3_column_int(s, 3);
        t.freq = (uint64_t)sqlite3_column_int64(s, 4);
        t.doc_counts = (const char *)sqlite3_column_text(s, 5);
        t.status = (const char *)sqlite3_column_text(s, 6);
        if (!t.key || !t.canonical || !t.doc_counts || !t.status) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(&t, arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading terms", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = tx_db_fail(st, err, "cannot read the listed terms");
    tx_stmt_done(s);
    return rc;
}

tx_status tx_store_has_terms(tx_store *st, const char *lang, int *yes, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    *yes = 0;
    if ((rc = tx_stmt_get(st, S_HAS_TERMS, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, lang);
    if (sqlite3_step(s) == SQLITE_ROW)
        *yes = sqlite3_column_int(s, 0);
    else
        rc = tx_db_fail(st, err, "cannot count the terms");
    tx_stmt_done(s);
    return rc;
}

tx_status tx_store_counts(tx_store *st, uint64_t *n_docs, uint64_t *n_listed,
                          tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if (!st)
        return tx_fail(err, TX_EINVAL, "tx_store_counts: no store");
    if ((rc = tx_stmt_get(st, S_COUNTS, &s, err)) != TX_OK)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW) {
        if (n_docs)
            *n_docs = (uint64_t)sqlite3_column_int64(s, 0);
        if (n_listed)
            *n_listed = (uint64_t)sqlite3_column_int64(s, 1);
    } else {
        rc = tx_db_fail(st, err, "cannot count documents and terms");
    }
    tx_stmt_done(s);
    return rc;
}

tx_status tx_store_main_lang(tx_store *st, char *lang, size_t size, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;
    int src;

    if (!st || !lang || size < 2)
        return tx_fail(err, TX_EINVAL, "tx_store_main_lang: bad argument");
    lang[0] = '\0';
    if ((rc = tx_stmt_get(st, S_MAIN_LANG, &s, err)) != TX_OK)
        return rc;
    src = sqlite3_step(s);
    if (src == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(lang, size, "%s", (const char *)sqlite3_column_text(s, 0));
    else if (src != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot read the glossary's language");
    else
        rc = TX_ENOTFOUND;
    tx_stmt_done(s);
    return rc;
}
