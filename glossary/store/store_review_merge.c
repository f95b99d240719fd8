/* store_review_merge.c: the decisions that change which terms there are:
 * merging two terms that are one concept (tx_review_merge()) and deleting
 * one (tx_review_delete()).  A merged term's key is kept in the table
 * merged, so that extraction adds what it finds under that key to the term
 * it went into (S_TERM_FIND in store_merge.c).  A deleted term's sentences
 * that no other term uses are dropped with the transaction. */
#include "storeInt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* The kinds of links extraction makes (build_terms.c). */
static const char *const link_kinds[] = {"abbreviation", "elliptic"};

/* Run statement `id` with ?1 = `a`, ?2 = `b` (and ?3 = `c` when `c_text`
 * is NULL and c >= 0, else the text `c_text`); `what` names it on failure. */
static tx_status run2(tx_store *st, enum stmt_id id, int64_t a, int64_t b, int64_t c,
                      const char *c_text, const char *what, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, id, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, a);
    sqlite3_bind_int64(s, 2, b);
    if (c_text)
        tx_bind_text(s, 3, c_text);
    else if (c >= 0)
        sqlite3_bind_int64(s, 3, c);
    return tx_stmt_run(st, s, err, what, "");
}

/* The integer (query_int()) or text (query_text(), the caller's to free)
 * the one-row statement `id` gives for ?1 = `a`. */
static tx_status query_int(tx_store *st, enum stmt_id id, int64_t a, int64_t *out,
                           tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, id, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, a);
    if (sqlite3_step(s) == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    else
        rc = tx_db_fail(st, err, "cannot read term #%lld", (long long)a);
    tx_stmt_done(s);
    return rc;
}

static tx_status query_text(tx_store *st, enum stmt_id id, int64_t a, char **out,
                            tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    *out = NULL;
    if ((rc = tx_stmt_get(st, id, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, a);
    if (sqlite3_step(s) != SQLITE_ROW)
        rc = tx_db_fail(st, err, "cannot read term #%lld", (long long)a);
    else if (!(*out = tx_column_dup(s, 0)))
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    tx_stmt_done(s);
    return rc;
}

/* Term `from`'s counts added to `into`'s, its fields where `into` has none. */
static tx_status merge_counts(tx_store *st, int64_t into, int64_t from, tx_error *err)
{
    char *a = NULL, *b = NULL;
    tx_buf docs = TX_BUF_INIT;
    size_t n_docs;
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = query_text(st, S_RV_DOCS, into, &a, err)) == TX_OK &&
        (rc = query_text(st, S_RV_DOCS, from, &b, err)) == TX_OK &&
        tx_doc_counts_merge(a, b, &docs, &n_docs) < 0)
        rc = tx_fail(err, TX_EDB, "%s: the document counts of term #%lld or #%lld are "
                     "damaged", st->path, (long long)into, (long long)from);
    if (rc == TX_OK && (rc = tx_stmt_get(st, S_RV_MERGE_TERM, &s, err)) == TX_OK) {
        sqlite3_bind_int64(s, 1, into);
        sqlite3_bind_int64(s, 2, from);
        sqlite3_bind_text(s, 3, tx_buf_str(&docs), -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 4, (sqlite3_int64)n_docs);
        rc = tx_stmt_run(st, s, err, "merge the counts of", "");
    }
    free(a);
    free(b);
    tx_buf_release(&docs);
    return rc;
}

/* Move what hangs on term `from` to term `into` (keys `into_key`,
 * `from_key`), before `from` is deleted. */
static tx_status merge_rows(tx_store *st, int64_t into, int64_t from,
                            const char *into_key, const char *from_key, tx_error *err)
{
    int64_t n_into = 0, n_from = 0;
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = query_int(st, S_RV_N_VARIANTS, into, &n_into, err)) != TX_OK ||
        (rc = query_int(st, S_RV_N_VARIANTS, from, &n_from, err)) != TX_OK)
        return rc;
    if ((rc = run2(st, S_RV_MERGE_VARIANTS, into, from, n_into, NULL,
                   "merge the variants", err)) != TX_OK ||
        (rc = run2(st, S_RV_MERGE_FORM, into, from, n_into + n_from, NULL,
                   "merge the entry form", err)) != TX_OK ||
        (rc = run2(st, S_RV_MERGE_CONTEXTS, into, from, -1, NULL, "merge the contexts",
                   err)) != TX_OK ||
        (rc = run2(st, S_RV_MERGE_RELATIONS, into, from, -1, into_key,
                   "merge the links", err)) != TX_OK)
        return rc;
    /* A link of `into` to `from` would now be a link to itself. */
    if ((rc = tx_stmt_get(st, S_RV_REL_DROP, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, into);
    tx_bind_text(s, 2, from_key);
    if ((rc = tx_stmt_run(st, s, err, "drop a link of", into_key)) != TX_OK)
        return rc;
    /* A term keeps TX_MAX_RELATIONS links of a kind (tx_relation_put()). */
    for (size_t k = 0; k < sizeof link_kinds / sizeof link_kinds[0]; k++) {
        if ((rc = tx_stmt_get(st, S_REL_TRIM, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, into);
        tx_bind_text(s, 2, link_kinds[k]);
        sqlite3_bind_int(s, 3, TX_MAX_RELATIONS);
        if ((rc = tx_stmt_run(st, s, err, "trim the links of", into_key)) != TX_OK)
            return rc;
    }
    if ((rc = run2(st, S_RV_MERGE_TR_STATUS, into, from, -1, NULL,
                   "merge the translations", err)) != TX_OK ||
        (rc = run2(st, S_RV_MERGE_TR_DUPS, into, from, -1, NULL,
                   "merge the translations", err)) != TX_OK ||
        (rc = run2(st, S_RV_MERGE_TR_MOVE, into, from, -1, NULL,
                   "merge the translations", err)) != TX_OK ||
        (rc = merge_counts(st, into, from, err)) != TX_OK ||
        (rc = run2(st, S_RV_MERGE_HISTORY, into, from, -1, NULL, "merge the histories",
                   err)) != TX_OK ||
        (rc = run2(st, S_RV_MERGE_EXTRAS, into, from, -1, NULL, "merge the TBX data",
                   err)) != TX_OK)
        return rc;
    /* Extraction that finds `from`'s key, or a key merged into it before,
     * adds to `into` (see store_merge.c). */
    if ((rc = run2(st, S_RV_REDIRECT_MOVE, into, from, -1, NULL, "keep the merged keys",
                   err)) != TX_OK ||
        (rc = run2(st, S_RV_REDIRECT_ADD, into, from, -1, NULL, "keep the merged key",
                   err)) != TX_OK)
        return rc;
    return TX_OK;
}

/* Delete term `id` (its variants, contexts, translations, links and
 * redirects go with it: ON DELETE CASCADE); its sentences are noted for
 * tx_store_drop_evicted(). */
static tx_status delete_term(tx_store *st, int64_t id, tx_error *err)
{
    sqlite3_stmt *s;
    char what[32];
    tx_status rc;

    snprintf(what, sizeof what, "#%lld", (long long)id);
    if ((rc = tx_evict_ready(st, err)) != TX_OK ||
        (rc = tx_stmt_get(st, S_RV_EVICT_TERM, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = tx_stmt_run(st, s, err, "note the sentences of term", what)) != TX_OK)
        return rc;
    st->evicted = 1;
    if ((rc = tx_stmt_get(st, S_RV_DELETE, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    return tx_stmt_run(st, s, err, "delete term", what);
}

tx_status tx_review_merge(tx_store *st, int64_t into, int64_t from, const tx_review *r,
                          tx_error *err)
{
    tx_rv_term ti = {0}, tf = {0};
    char *detail = NULL;
    size_t len;
    int own;
    tx_status rc;

    if (into == from)
        return tx_fail(err, TX_EINVAL, "cannot merge term #%lld into itself",
                       (long long)into);
    if ((rc = tx_rv_enter(st, &own, err)) != TX_OK)
        return rc;
    /* The version the person saw is `into`'s. */
    if ((rc = tx_rv_touch(st, into, r, &ti, err)) != TX_OK ||
        (rc = tx_rv_touch(st, from, NULL, &tf, err)) != TX_OK)
        goto done;
    if (strcmp(ti.lang, tf.lang) != 0) {
        rc = tx_fail(err, TX_EINVAL, "cannot merge '%s' (%s) into '%s' (%s): not one "
                     "language", tf.canonical, tf.lang, ti.canonical, ti.lang);
        goto done;
    }
    len = strlen(tf.canonical) + 32;
    if (!(detail = malloc(len))) {
        rc = tx_fail(err, TX_ENOMEM, "out of memory");
        goto done;
    }
    snprintf(detail, len, "%s (#%lld)", tf.canonical, (long long)from);
    if ((rc = merge_rows(st, into, from, ti.key, tf.key, err)) != TX_OK ||
        (rc = tx_rv_log(st, into, r, "merge", detail, err)) != TX_OK)
        goto done;
    rc = delete_term(st, from, err);
done:
    free(detail);
    tx_rv_term_release(&ti);
    tx_rv_term_release(&tf);
    return tx_rv_leave(st, own, rc, err);
}

tx_status tx_review_delete(tx_store *st, int64_t id, const tx_review *r, tx_error *err)
{
    tx_rv_term t;
    int own;
    tx_status rc;

    if ((rc = tx_rv_enter(st, &own, err)) != TX_OK)
        return rc;
    if ((rc = tx_rv_touch(st, id, r, &t, err)) != TX_OK)
        return tx_rv_leave(st, own, rc, err);
    /* The history names the term as it was; it stays. */
    if ((rc = tx_rv_log(st, id, r, "delete", NULL, err)) == TX_OK)
        rc = delete_term(st, id, err);
    tx_rv_term_release(&t);
    return tx_rv_leave(st, own, rc, err);
}
