/* store_nouns.c: the nouns table: the words the corpus writes after a
 * determiner, which may open a lower-case term (build_terms.c). */
#include "storeInt.h"

#include "error.h"

tx_status tx_store_add_noun(tx_store *st, const char *lang, const char *word, size_t len,
                            tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_NOUN_ADD, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, lang);
    sqlite3_bind_text(s, 2, word, (int)len, SQLITE_STATIC);
    return tx_stmt_run(st, s, err, "record a noun of language", lang);
}

tx_status tx_store_each_noun(tx_store *st, const char *lang,
                             int (*fn)(const char *word, size_t len, void *arg), void *arg,
                             tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_NOUN_EACH, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, lang);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        const char *w = (const char *)sqlite3_column_text(s, 0);
        if (!w) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(w, (size_t)sqlite3_column_bytes(s, 0), arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading nouns", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = tx_db_fail(st, err, "cannot read the nouns");
    tx_stmt_done(s);
    return rc;
}

tx_status tx_store_nouns_complete(tx_store *st, int *yes, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    *yes = 0;
    if ((rc = tx_stmt_get(st, S_NOUNS_INCOMPLETE, &s, err)) != TX_OK)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        *yes = !sqlite3_column_int(s, 0);
    else
        rc = tx_db_fail(st, err, "cannot read the glossary's metadata");
    tx_stmt_done(s);
    return rc;
}
