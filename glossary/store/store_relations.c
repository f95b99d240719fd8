/* store_relations.c: links between terms (the relations table): the elliptic
 * terms a coordinated term implies, and acronyms ("Office des Nations Unies
 * contre la drogue et le crime (ONUDC)"), which `termex check` reads back. */
#include "storeInt.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Link term `id` to the term of key `other_key` (`kind` "abbreviation" or
 * "elliptic"), as the worker of a run does (candtable.c): one link a key, with
 * the written form tx_surface_before() prefers, and of each kind the
 * TX_MAX_RELATIONS smallest keys, whatever order they came in. */
tx_status tx_relation_put(tx_store *st, int64_t id, const char *kind,
                          const char *other_key, const char *other_surface,
                          tx_error *err)
{
    sqlite3_stmt *s;
    int src, better = 0, found = 0;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_REL_GET, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    tx_bind_text(s, 2, kind);
    tx_bind_text(s, 3, other_key);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        const char *old = (const char *)sqlite3_column_text(s, 0);
        found = 1;
        better = old && tx_surface_before(other_surface, old);
    } else if (src != SQLITE_DONE) {
        rc = tx_db_fail(st, err, "cannot read the links of term %lld", (long long)id);
    }
    tx_stmt_done(s);
    if (rc != TX_OK || (found && !better))
        return rc;
    if ((rc = tx_stmt_get(st, found ? S_REL_SET : S_REL_ADD_ID, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    tx_bind_text(s, 2, kind);
    tx_bind_text(s, 3, other_key);
    tx_bind_text(s, 4, other_surface);
    if ((rc = tx_stmt_run(st, s, err, "link term", other_key)) != TX_OK || found)
        return rc;
    if ((rc = tx_stmt_get(st, S_REL_TRIM, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    tx_bind_text(s, 2, kind);
    sqlite3_bind_int(s, 3, TX_MAX_RELATIONS);
    return tx_stmt_run(st, s, err, "link term", other_key);
}

tx_status tx_store_add_relation(tx_store *st, const char *lang, const char *key,
                                const char *kind, const char *other_key,
                                const char *other_surface, tx_error *err)
{
    sqlite3_stmt *s;
    int64_t id = 0;
    int src;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_IMP_FIND, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, lang);
    tx_bind_text(s, 2, key);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    else if (src != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot look up term '%s'", key);
    tx_stmt_done(s);
    if (rc != TX_OK || !id)
        return rc;
    return tx_relation_put(st, id, kind, other_key, other_surface, err);
}

tx_status tx_store_each_abbreviation(tx_store *st, const char *lang,
                                     int (*fn)(const tx_abbreviation *a, void *arg),
                                     void *arg, tx_error *err)
{
    sqlite3_stmt *s;
    tx_abbreviation ab;
    tx_status rc;
    int src;

    if ((rc = tx_stmt_get(st, S_ABBR_EACH, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, lang);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        int bad;
        memset(&ab, 0, sizeof ab);
        ab.term = (const char *)sqlite3_column_text(s, 0);
        ab.acronym = (const char *)sqlite3_column_text(s, 2);
        if (!ab.term || !ab.acronym) {
            src = SQLITE_NOMEM;
            break;
        }
        bad = tx_store_parse_doc_counts((const char *)sqlite3_column_text(s, 1), &ab.full,
                                        &ab.n_full) < 0 ||
              tx_store_parse_doc_counts((const char *)sqlite3_column_text(s, 3), &ab.abbr,
                                        &ab.n_abbr) < 0;
        int stop = bad ? 0 : fn(&ab, arg);
        free(ab.full);
        free(ab.abbr);
        if (bad) {
            src = SQLITE_NOMEM;
            break;
        }
        if (stop)
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading acronyms", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = tx_db_fail(st, err, "cannot read the acronyms");
    tx_stmt_done(s);
    return rc;
}
