/* store_words.c: the words table (the corpus count of each one-word key, for
 * the word-level contrast of score.h) and the corpus's token total.  The
 * reference profile the glossary is scored with is a setting of
 * store_meta.c. */
#include "storeInt.h"

#include <stdio.h>

#include "error.h"

tx_status tx_store_add_word(tx_store *st, const char *lang, const char *key, size_t len,
                            uint64_t n, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_WORD_ADD, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, lang);
    sqlite3_bind_text(s, 2, key, (int)len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)n);
    return tx_stmt_run(st, s, err, "record a word count of language", lang);
}

tx_status tx_store_each_word(tx_store *st, const char *lang,
                             int (*fn)(const char *key, size_t len, uint64_t n, void *arg),
                             void *arg, tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_WORD_EACH, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, lang);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(s, 0);
        sqlite3_int64 n = sqlite3_column_int64(s, 1);
        if (!k) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(k, (size_t)sqlite3_column_bytes(s, 0), n > 0 ? (uint64_t)n : 0, arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading word counts", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = tx_db_fail(st, err, "cannot read the word counts");
    tx_stmt_done(s);
    return rc;
}

/* One number from statement `id` bound to `text` (NULL: no binding). */
static tx_status one_int(tx_store *st, enum stmt_id id, const char *text, int64_t *out,
                         tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    *out = 0;
    if ((rc = tx_stmt_get(st, id, &s, err)) != TX_OK)
        return rc;
    if (text)
        tx_bind_text(s, 1, text);
    if (sqlite3_step(s) == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    else
        rc = tx_db_fail(st, err, "cannot read the glossary");
    tx_stmt_done(s);
    return rc;
}

tx_status tx_store_words_complete(tx_store *st, int *yes, tx_error *err)
{
    int64_t incomplete;
    tx_status rc = one_int(st, S_WORDS_INCOMPLETE, NULL, &incomplete, err);

    *yes = rc == TX_OK && !incomplete;
    return rc;
}

tx_status tx_store_token_total(tx_store *st, const char *lang, uint64_t *n, tx_error *err)
{
    int64_t v;
    tx_status rc = one_int(st, S_TOKEN_TOTAL, lang, &v, err);

    *n = v > 0 ? (uint64_t)v : 0;
    return rc;
}
