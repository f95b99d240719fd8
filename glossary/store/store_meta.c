/* store_meta.c: the glossary's settings, kept in the meta table: its source
 * language ('lang'), the profile it was extracted with ('profile') and its
 * listing thresholds ('min_freq', 'min_words', 'max_words'), the reference
 * profile it is scored with ('reference'), each a row of
 * text.  What a glossary does not store yet (a new one, or one of schema 6
 * read without upgrading) has the value the upgrade to schema 7 gives it. */
#include "storeInt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "score.h" /* TX_DEFAULT_MIN_FREQ, ... */

/* Copy meta value `key` into `out` (`size` bytes); *found says whether it is
 * stored.  A value that does not fit is TX_EDB. */
static tx_status meta_get(tx_store *st, const char *key, char *out, size_t size,
                          int *found, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;
    int src;

    *found = 0;
    out[0] = '\0';
    if ((rc = tx_stmt_get(st, S_META_GET, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, key);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(s, 0);
        *found = 1;
        if (!v || (size_t)snprintf(out, size, "%s", v) >= size)
            rc = tx_fail(err, TX_EDB, "%s: the glossary's setting '%s' is not valid",
                         st->path, key);
    } else if (src != SQLITE_DONE) {
        rc = tx_db_fail(st, err, "cannot read the glossary's setting '%s'", key);
    }
    tx_stmt_done(s);
    return rc;
}

tx_status tx_store_uid(tx_store *st, char *out, size_t size, tx_error *err)
{
    int found;

    return meta_get(st, "uid", out, size, &found, err);
}

int tx_store_stem_keys(tx_store *st)
{
    char v[16];
    int found;

    return meta_get(st, "keys", v, sizeof v, &found, NULL) == TX_OK && found &&
           strcmp(v, "stems") == 0;
}

tx_status tx_store_get_reference(tx_store *st, char *out, size_t size, tx_error *err)
{
    int found;

    return meta_get(st, "reference", out, size, &found, err);
}

tx_status tx_store_set_reference(tx_store *st, const char *ref, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_META_SET, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, "reference");
    tx_bind_text(s, 2, ref);
    return tx_stmt_run(st, s, err, "record the reference profile", "");
}

/* Read threshold `key` into *out, leaving it when it is not stored; *found
 * as meta_get().  A stored value must be a whole number from 1 to 1000000. */
static tx_status meta_get_uint(tx_store *st, const char *key, unsigned *out, int *found,
                               tx_error *err)
{
    char text[32], *end;
    unsigned long v;
    tx_status rc = meta_get(st, key, text, sizeof text, found, err);

    if (rc != TX_OK || !*found)
        return rc;
    v = strtoul(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end || v < 1 || v > 1000000)
        return tx_fail(err, TX_EDB, "%s: the glossary's setting '%s' is not valid: '%s'",
                       st->path, key, text);
    *out = (unsigned)v;
    return TX_OK;
}

tx_status tx_store_get_settings(tx_store *st, tx_settings *s, tx_error *err)
{
    int found[3], has_lang;
    tx_status rc;

    memset(s, 0, sizeof *s);
    s->listing = (tx_listing){TX_DEFAULT_MIN_FREQ, TX_DEFAULT_MIN_WORDS,
                              TX_DEFAULT_MAX_WORDS};
    if ((rc = meta_get(st, "lang", s->lang, sizeof s->lang, &has_lang, err)) != TX_OK ||
        (rc = meta_get(st, "profile", s->profile, sizeof s->profile, &found[0], err)) !=
            TX_OK ||
        (rc = meta_get_uint(st, "min_freq", &s->listing.min_freq, &found[0], err)) !=
            TX_OK ||
        (rc = meta_get_uint(st, "min_words", &s->listing.min_words, &found[1], err)) !=
            TX_OK ||
        (rc = meta_get_uint(st, "max_words", &s->listing.max_words, &found[2], err)) !=
            TX_OK)
        return rc;
    s->has_listing = found[0] || found[1] || found[2];
    if (s->listing.min_words > s->listing.max_words)
        return tx_fail(err, TX_EDB, "%s: the glossary's settings min_words %u and "
                       "max_words %u do not fit", st->path, s->listing.min_words,
                       s->listing.max_words);
    if (!has_lang &&
        (rc = tx_store_main_lang(st, s->lang, sizeof s->lang, err)) == TX_ENOTFOUND)
        rc = TX_OK;
    return rc;
}

static tx_status meta_set(tx_store *st, const char *key, const char *value,
                          tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_META_SET, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, key);
    tx_bind_text(s, 2, value);
    return tx_stmt_run(st, s, err, "store the glossary's setting", key);
}

tx_status tx_store_set_settings(tx_store *st, const tx_settings *s, tx_error *err)
{
    char freq[16], minw[16], maxw[16];
    tx_status rc = TX_OK;

    snprintf(freq, sizeof freq, "%u", s->listing.min_freq);
    snprintf(minw, sizeof minw, "%u", s->listing.min_words);
    snprintf(maxw, sizeof maxw, "%u", s->listing.max_words);
    if (s->lang[0])
        rc = meta_set(st, "lang", s->lang, err);
    if (rc == TX_OK && s->profile[0])
        rc = meta_set(st, "profile", s->profile, err);
    if (rc == TX_OK)
        rc = meta_set(st, "min_freq", freq, err);
    if (rc == TX_OK)
        rc = meta_set(st, "min_words", minw, err);
    if (rc == TX_OK)
        rc = meta_set(st, "max_words", maxw, err);
    return rc;
}

tx_status tx_store_lang(tx_store *st, char *lang, size_t size, tx_error *err)
{
    tx_settings s;
    tx_status rc;

    if (!st || !lang || !size)
        return tx_fail(err, TX_EINVAL, "tx_store_lang: bad argument");
    lang[0] = '\0';
    if ((rc = tx_store_get_settings(st, &s, err)) != TX_OK)
        return rc;
    if ((size_t)snprintf(lang, size, "%s", s.lang) >= size)
        return tx_fail(err, TX_EINVAL, "tx_store_lang: no room for '%s'", s.lang);
    return TX_OK;
}
