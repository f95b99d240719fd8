/* store_review.c: a person's decisions on a term (tx.h, "review"): its
 * status, entry form and fields, its translations, read back with its
 * history.  Every decision bumps the term's version and adds a line to the
 * history table (who, when, what); a decision made on a version that is no
 * longer the term's is refused (TX_ESTALE).  Each runs in a transaction of
 * its own, or inside the open one as a savepoint; tx_review_begin() opens
 * one for a group of decisions, in which a term's version is bumped once,
 * so that the group is one change.  Merging and deleting terms are in
 * store_review_merge.c. */
#define _POSIX_C_SOURCE 200809L /* getpwuid_r(), gmtime_r(), strdup() */
#include "storeInt.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "decode.h" /* tx_utf8_check() */
#include "error.h"

/* The longest value a field takes, in bytes. */
#define TX_REVIEW_MAX_VALUE 65536

/* ---- who and when ---- */

/* Now as "YYYY-MM-DDTHH:MM:SSZ", or SOURCE_DATE_EPOCH when it holds a
 * number of seconds (reproducible-builds.org), so that a scripted session
 * writes the same glossary each time. */
void tx_rv_now(char out[32])
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t = time(NULL);
    struct tm tm;

    if (sde && *sde) {
        char *end;
        long long v;
        errno = 0;
        v = strtoll(sde, &end, 10);
        if (!*end && errno == 0 && v >= 0)
            t = (time_t)v;
    }
    if (!gmtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, 32, "1970-01-01T00:00:00Z");
}

const char *tx_rv_user(const char *user, char *buf, size_t size)
{
    struct passwd pw, *found = NULL;

    if (user && *user)
        return user;
    if (getpwuid_r(geteuid(), &pw, buf, size, &found) == 0 && found && pw.pw_name &&
        *pw.pw_name)
        return pw.pw_name;
    return "unknown";
}

tx_status tx_rv_log(tx_store *st, int64_t id, const tx_review *r, const char *action,
                    const char *detail, tx_error *err)
{
    char at[32], buf[1024];
    const char *who = tx_rv_user(r ? r->user : NULL, buf, sizeof buf);

    tx_rv_now(at);
    return tx_rv_log_at(st, id, at, who, action, detail, err);
}

tx_status tx_rv_log_at(tx_store *st, int64_t id, const char *at, const char *who,
                       const char *action, const char *detail, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_RV_LOG, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    tx_bind_text(s, 2, at);
    tx_bind_text(s, 3, who);
    tx_bind_text(s, 4, action);
    if (detail)
        tx_bind_text(s, 5, detail);
    return tx_stmt_run(st, s, err, "record a decision on term", action);
}

/* ---- transactions ---- */

tx_status tx_rv_enter(tx_store *st, int *own, tx_error *err)
{
    tx_status rc;

    *own = 0;
    if (!st || !st->db)
        return tx_fail(err, TX_EINVAL, "review: no glossary");
    if (sqlite3_get_autocommit(st->db)) {
        if ((rc = tx_store_begin(st, err)) != TX_OK)
            return rc;
        *own = 1;
        st->n_rv_touched = 0;
        return TX_OK;
    }
    return tx_exec_sql(st, "SAVEPOINT tx_review", "cannot start a decision", err);
}

tx_status tx_rv_leave(tx_store *st, int own, tx_status rc, tx_error *err)
{
    /* Sentences a deleted term left are dropped with its transaction. */
    if (rc == TX_OK && !st->rv_open)
        rc = tx_store_drop_evicted(st, err);
    if (own) {
        if (rc == TX_OK && (rc = tx_store_commit(st, err)) == TX_OK)
            return TX_OK;
        tx_store_rollback(st);
        return rc;
    }
    if (rc == TX_OK)
        return tx_exec_sql(st, "RELEASE tx_review", "cannot end a decision", err);
    sqlite3_exec(st->db, "ROLLBACK TO tx_review; RELEASE tx_review", NULL, NULL, NULL);
    return rc;
}

tx_status tx_review_begin(tx_store *st, tx_error *err)
{
    tx_status rc;

    if (!st || !st->db)
        return tx_fail(err, TX_EINVAL, "tx_review_begin: no glossary");
    if (st->rv_open || !sqlite3_get_autocommit(st->db))
        return tx_fail(err, TX_EINVAL, "%s: a transaction is open already", st->path);
    if ((rc = tx_store_begin(st, err)) != TX_OK)
        return rc;
    st->rv_open = 1;
    st->n_rv_touched = 0;
    return TX_OK;
}

tx_status tx_review_end(tx_store *st, int commit, tx_error *err)
{
    tx_status rc = TX_OK;

    if (!st || !st->rv_open)
        return tx_fail(err, TX_EINVAL, "tx_review_end: no review transaction is open");
    st->rv_open = 0;
    st->n_rv_touched = 0;
    if (commit && (rc = tx_store_drop_evicted(st, err)) == TX_OK &&
        (rc = tx_store_commit(st, err)) == TX_OK)
        return TX_OK;
    tx_store_rollback(st);
    return rc;
}

/* ---- the term a decision is on ---- */

void tx_rv_term_release(tx_rv_term *t)
{
    free(t->lang);
    free(t->canonical);
    free(t->key);
    memset(t, 0, sizeof *t);
}

/* Read term `id` into *t. */
static tx_status read_term(tx_store *st, int64_t id, tx_rv_term *t, tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    memset(t, 0, sizeof *t);
    if ((rc = tx_stmt_get(st, S_RV_TERM, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        t->id = id;
        t->lang = tx_column_dup(s, 0);
        t->canonical = tx_column_dup(s, 1);
        t->version = sqlite3_column_int64(s, 2);
        t->key = tx_column_dup(s, 3);
        if (!t->lang || !t->canonical || !t->key) {
            tx_rv_term_release(t);
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
        }
    } else if (src == SQLITE_DONE) {
        rc = tx_fail(err, TX_ENOTFOUND, "%s: no term #%lld", st->path, (long long)id);
    } else {
        rc = tx_db_fail(st, err, "cannot read term #%lld", (long long)id);
    }
    tx_stmt_done(s);
    return rc;
}

/* TX_ESTALE for term `t`, seen at version `seen`, now at `now`: the message
 * names the last change. */
static tx_status stale(tx_store *st, const tx_rv_term *t, int64_t seen, int64_t now,
                       tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_RV_LAST, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, t->id);
    if (sqlite3_step(s) == SQLITE_ROW)
        rc = tx_fail(err, TX_ESTALE,
                     "'%s' changed since you read it (version %lld, now %lld: %s by %s "
                     "at %s)", t->canonical, (long long)seen, (long long)now,
                     (const char *)sqlite3_column_text(s, 0),
                     (const char *)sqlite3_column_text(s, 1),
                     (const char *)sqlite3_column_text(s, 2));
    else
        rc = tx_fail(err, TX_ESTALE, "'%s' changed since you read it (version %lld, "
                     "now %lld)", t->canonical, (long long)seen, (long long)now);
    tx_stmt_done(s);
    return rc;
}

/* The touched entry of term `id` in the open review transaction, or NULL. */
static struct rv_touched *touched(tx_store *st, int64_t id)
{
    for (size_t i = 0; st->rv_open && i < st->n_rv_touched; i++)
        if (st->rv_touched[i].id == id)
            return &st->rv_touched[i];
    return NULL;
}

tx_status tx_rv_touch(tx_store *st, int64_t id, const tx_review *r, tx_rv_term *t,
                      tx_error *err)
{
    struct rv_touched *seen;
    int64_t base;
    sqlite3_stmt *s;
    char what[32];
    tx_status rc;

    if ((rc = read_term(st, id, t, err)) != TX_OK)
        return rc;
    seen = touched(st, id);
    base = seen ? seen->version : t->version;
    if (r && r->version && r->version != base) {
        rc = stale(st, t, r->version, t->version, err);
        goto fail;
    }
    if (seen)
        return TX_OK;
    if (st->rv_open) {
        if (tx_grow((void **)&st->rv_touched, &st->cap_rv_touched,
                    st->n_rv_touched + 1, sizeof *st->rv_touched, 16) < 0) {
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
            goto fail;
        }
        st->rv_touched[st->n_rv_touched++] = (struct rv_touched){id, t->version};
    }
    if ((rc = tx_stmt_get(st, S_RV_BUMP, &s, err)) != TX_OK)
        goto fail;
    sqlite3_bind_int64(s, 1, id);
    snprintf(what, sizeof what, "#%lld", (long long)id);
    if ((rc = tx_stmt_run(st, s, err, "change the version of term", what)) == TX_OK)
        return TX_OK;
fail:
    tx_rv_term_release(t);
    return rc;
}

/* ---- checking what a person gives ---- */

/* TX_EINVAL unless `v` is text a glossary may hold (UTF-8 of XML
 * characters, TX_REVIEW_MAX_VALUE bytes at most); a `one_line` value holds
 * no tab or line break either.  `what` names it in the message. */
static tx_status check_value(const char *what, const char *v, int one_line,
                             tx_error *err)
{
    size_t len = strlen(v), off;
    uint32_t cp;

    if (len > TX_REVIEW_MAX_VALUE)
        return tx_fail(err, TX_EINVAL, "%s too long (%zu bytes, at most %d)", what, len,
                       TX_REVIEW_MAX_VALUE);
    if (tx_utf8_check(v, len, &off) != TX_OK)
        return tx_fail(err, TX_EINVAL, "%s is not valid UTF-8 (byte %zu)", what, off);
    if (tx_text_find_bad(v, len, &off, &cp))
        return tx_fail(err, TX_EINVAL, "%s holds U+%04X, which a glossary cannot hold "
                       "(byte %zu)", what, (unsigned)cp, off);
    if (one_line && strpbrk(v, "\t\r\n"))
        return tx_fail(err, TX_EINVAL, "%s holds a tab or a line break", what);
    return TX_OK;
}

/* ---- status ---- */

tx_status tx_review_status(tx_store *st, int64_t id, tx_term_status status,
                           const tx_review *r, tx_error *err)
{
    static const char *const actions[] = {"reset", "approve", "reject"};
    const char *name = tx_term_status_name(status);
    tx_rv_term t;
    sqlite3_stmt *s;
    int own;
    tx_status rc;

    if (!name)
        return tx_fail(err, TX_EINVAL, "tx_review_status: no status %d", (int)status);
    if ((rc = tx_rv_enter(st, &own, err)) != TX_OK)
        return rc;
    if ((rc = tx_rv_touch(st, id, r, &t, err)) != TX_OK)
        return tx_rv_leave(st, own, rc, err);
    if ((rc = tx_stmt_get(st, S_RV_STATUS, &s, err)) == TX_OK) {
        sqlite3_bind_int64(s, 1, id);
        tx_bind_text(s, 2, name);
        rc = tx_stmt_run(st, s, err, "set the status of", t.canonical);
    }
    if (rc == TX_OK)
        rc = tx_rv_log(st, id, r, actions[status], NULL, err);
    tx_rv_term_release(&t);
    return tx_rv_leave(st, own, rc, err);
}

/* ---- the entry form and the fields ---- */

/* Set the entry form of term `t` to `form`, refused when another term of
 * its language is written so, case aside. */
static tx_status set_form(tx_store *st, const tx_rv_term *t, const char *form,
                          tx_error *err)
{
    sqlite3_stmt *s;
    int64_t other = 0;
    int src;
    tx_status rc = TX_OK;

    if ((rc = tx_stmt_get(st, S_RV_FORM_OWNER, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, t->lang);
    tx_bind_text(s, 2, form);
    sqlite3_bind_int64(s, 3, t->id);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        other = sqlite3_column_int64(s, 0);
        rc = tx_fail(err, TX_EINVAL, "'%s' is the entry form of term #%lld ('%s') "
                     "already: merge the two terms instead", form, (long long)other,
                     (const char *)sqlite3_column_text(s, 1));
    } else if (src != SQLITE_DONE) {
        rc = tx_db_fail(st, err, "cannot look up '%s'", form);
    }
    tx_stmt_done(s);
    if (rc != TX_OK)
        return rc;
    if ((rc = tx_stmt_get(st, S_RV_SET_FORM, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, t->id);
    tx_bind_text(s, 2, form);
    return tx_stmt_run(st, s, err, "set the entry form of", t->canonical);
}

/* Set field `f` (not the form) of term `t` to `value` (NULL: cleared). */
static tx_status set_field(tx_store *st, const tx_rv_term *t, tx_field f,
                           const char *value, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_RV_SET_FIELD, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, t->id);
    sqlite3_bind_int(s, 2, (int)f);
    if (value)
        tx_bind_text(s, 3, value);
    return tx_stmt_run(st, s, err, "set a field of", t->canonical);
}

tx_status tx_review_set(tx_store *st, int64_t id, tx_field f, const char *value,
                        const tx_review *r, tx_error *err)
{
    const char *name = tx_field_name(f);
    char action[32];
    tx_rv_term t;
    int own;
    tx_status rc;

    if (!name)
        return tx_fail(err, TX_EINVAL, "tx_review_set: no field %d", (int)f);
    if (value && !*value)
        value = NULL;
    if (f == TX_FIELD_FORM && !value)
        return tx_fail(err, TX_EINVAL, "the entry form cannot be empty");
    if (value && (rc = check_value(name, value, f == TX_FIELD_FORM, err)) != TX_OK)
        return rc;
    if ((rc = tx_rv_enter(st, &own, err)) != TX_OK)
        return rc;
    if ((rc = tx_rv_touch(st, id, r, &t, err)) != TX_OK)
        return tx_rv_leave(st, own, rc, err);
    rc = f == TX_FIELD_FORM ? set_form(st, &t, value, err)
                            : set_field(st, &t, f, value, err);
    if (f == TX_FIELD_FORM)
        snprintf(action, sizeof action, "form");
    else
        snprintf(action, sizeof action, "%s-%s", value ? "set" : "clear", name);
    if (rc == TX_OK)
        rc = tx_rv_log(st, id, r, action, value, err);
    tx_rv_term_release(&t);
    return tx_rv_leave(st, own, rc, err);
}

tx_status tx_review_unlock_form(tx_store *st, int64_t id, const tx_review *r,
                                tx_error *err)
{
    tx_rv_term t;
    sqlite3_stmt *s;
    int own;
    tx_status rc;

    if ((rc = tx_rv_enter(st, &own, err)) != TX_OK)
        return rc;
    if ((rc = tx_rv_touch(st, id, r, &t, err)) != TX_OK)
        return tx_rv_leave(st, own, rc, err);
    /* Then the form is chosen again from the variants, as extraction does. */
    if ((rc = tx_stmt_get(st, S_RV_UNLOCK, &s, err)) == TX_OK) {
        sqlite3_bind_int64(s, 1, id);
        rc = tx_stmt_run(st, s, err, "unlock the entry form of", t.canonical);
    }
    if (rc == TX_OK && (rc = tx_stmt_get(st, S_TERM_CANONICAL, &s, err)) == TX_OK) {
        sqlite3_bind_int64(s, 1, id);
        rc = tx_stmt_run(st, s, err, "choose the canonical form of", t.canonical);
    }
    if (rc == TX_OK)
        rc = tx_rv_log(st, id, r, "unlock-form", NULL, err);
    tx_rv_term_release(&t);
    return tx_rv_leave(st, own, rc, err);
}

/* ---- translations ---- */

/* Check a translation's language and text as a person gives them. */
static tx_status check_translation(const char *lang, const char *text, tx_error *err)
{
    tx_status rc;

    if (!lang || !*lang || strlen(lang) >= TX_SETTING_MAX || strpbrk(lang, " \t\r\n"))
        return tx_fail(err, TX_EINVAL, "'%s' is no language tag", lang ? lang : "");
    if (!text || !*text)
        return tx_fail(err, TX_EINVAL, "a translation cannot be empty");
    if ((rc = check_value("the language", lang, 1, err)) != TX_OK)
        return rc;
    return check_value("a translation", text, 1, err);
}

/* "LANG: TEXT", the detail of a decision on a translation; NULL when out
 * of memory.  The caller frees it. */
static char *tr_detail(const char *lang, const char *text)
{
    size_t len = strlen(lang) + strlen(text) + 3;
    char *d = malloc(len);

    if (d)
        snprintf(d, len, "%s: %s", lang, text);
    return d;
}

/* Get statement `id` (S_RV_TR_SET or S_RV_TR_ADD, which take the same
 * parameters) into *s, bound to translation `text` into `lang` of term `t`
 * with `status` and `note` (NULL: left unbound, the note kept). */
static tx_status bind_translation(tx_store *st, enum stmt_id id, const tx_rv_term *t,
                                  const char *lang, const char *text, const char *status,
                                  const char *note, sqlite3_stmt **s, tx_error *err)
{
    tx_status rc;

    if ((rc = tx_stmt_get(st, id, s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(*s, 1, t->id);
    tx_bind_text(*s, 2, lang);
    tx_bind_text(*s, 3, text);
    tx_bind_text(*s, 4, status);
    if (note)
        tx_bind_text(*s, 5, note);
    return TX_OK;
}

/* Set the status (and note) of translation `text` into `lang` of term `t`,
 * adding it when the term has none such. */
static tx_status put_translation(tx_store *st, const tx_rv_term *t, const char *lang,
                                 const char *text, const char *status,
                                 const char *note, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = bind_translation(st, S_RV_TR_SET, t, lang, text, status, note, &s, err)) !=
            TX_OK ||
        (rc = tx_stmt_run(st, s, err, "change a translation of", t->canonical)) != TX_OK ||
        sqlite3_changes(st->db) > 0)
        return rc;
    if ((rc = bind_translation(st, S_RV_TR_ADD, t, lang, text, status, note, &s, err)) !=
        TX_OK)
        return rc;
    return tx_stmt_run(st, s, err, "add a translation to", t->canonical);
}

tx_status tx_review_translation(tx_store *st, int64_t id, const char *lang,
                                const char *text, tx_tr_status status, const char *note,
                                const tx_review *r, tx_error *err)
{
    static const char *const actions[] = {"suggest", "translate", "forbid"};
    const char *name = tx_tr_status_name(status);
    char *detail;
    tx_rv_term t;
    int own;
    tx_status rc;

    if (!name)
        return tx_fail(err, TX_EINVAL, "tx_review_translation: no status %d",
                       (int)status);
    if ((rc = check_translation(lang, text, err)) != TX_OK ||
        (note && (rc = check_value("a note", note, 0, err)) != TX_OK))
        return rc;
    if (!(detail = tr_detail(lang, text)))
        return tx_fail(err, TX_ENOMEM, "out of memory");
    if ((rc = tx_rv_enter(st, &own, err)) == TX_OK) {
        if ((rc = tx_rv_touch(st, id, r, &t, err)) == TX_OK) {
            rc = put_translation(st, &t, lang, text, name, note, err);
            if (rc == TX_OK)
                rc = tx_rv_log(st, id, r, actions[status], detail, err);
            tx_rv_term_release(&t);
        }
        rc = tx_rv_leave(st, own, rc, err);
    }
    free(detail);
    return rc;
}

tx_status tx_review_remove_translation(tx_store *st, int64_t id, const char *lang,
                                       const char *text, const tx_review *r,
                                       tx_error *err)
{
    sqlite3_stmt *s;
    char *detail;
    tx_rv_term t;
    int own;
    tx_status rc;

    if ((rc = check_translation(lang, text, err)) != TX_OK)
        return rc;
    if (!(detail = tr_detail(lang, text)))
        return tx_fail(err, TX_ENOMEM, "out of memory");
    if ((rc = tx_rv_enter(st, &own, err)) == TX_OK) {
        if ((rc = tx_rv_touch(st, id, r, &t, err)) == TX_OK) {
            if ((rc = tx_stmt_get(st, S_RV_TR_DEL, &s, err)) == TX_OK) {
                sqlite3_bind_int64(s, 1, id);
                tx_bind_text(s, 2, lang);
                tx_bind_text(s, 3, text);
                rc = tx_stmt_run(st, s, err, "remove a translation of", t.canonical);
            }
            if (rc == TX_OK && sqlite3_changes(st->db) == 0)
                rc = tx_fail(err, TX_ENOTFOUND, "'%s' has no translation '%s' into %s",
                             t.canonical, text, lang);
            if (rc == TX_OK)
                rc = tx_rv_log(st, id, r, "remove-translation", detail, err);
            tx_rv_term_release(&t);
        }
        rc = tx_rv_leave(st, own, rc, err);
    }
    free(detail);
    return rc;
}

/* ---- reading ---- */

tx_status tx_review_get(tx_store *st, int64_t id, tx_term_review *out, tx_error *err)
{
    size_t off[TX_FIELD_COUNT];
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    if (!st || !out)
        return tx_fail(err, TX_EINVAL, "tx_review_get: missing argument");
    memset(out, 0, sizeof *out);
    if ((rc = tx_stmt_get(st, S_RV_GET, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    src = sqlite3_step(s);
    if (src != SQLITE_ROW) {
        rc = src == SQLITE_DONE
            ? tx_fail(err, TX_ENOTFOUND, "%s: no term #%lld", st->path, (long long)id)
            : tx_db_fail(st, err, "cannot read term #%lld", (long long)id);
        tx_stmt_done(s);
        return rc;
    }
    out->version = sqlite3_column_int64(s, 0);
    out->form_locked = sqlite3_column_int(s, 1);
    /* The strings live in st->rv_text, NUL-separated: offsets first, since
     * the buffer may move as it grows. */
    tx_buf_reset(&st->rv_text);
    for (int f = 0; f < TX_FIELD_COUNT && rc == TX_OK; f++) {
        const unsigned char *v = sqlite3_column_text(s, 2 + f);
        off[f] = (size_t)-1;
        if (!v)
            continue;
        off[f] = st->rv_text.len;
        if (tx_buf_add(&st->rv_text, v, (size_t)sqlite3_column_bytes(s, 2 + f) + 1) !=
            TX_OK)
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    }
    tx_stmt_done(s);
    for (int f = 0; f < TX_FIELD_COUNT && rc == TX_OK; f++)
        out->fields[f] = off[f] == (size_t)-1 ? NULL : st->rv_text.data + off[f];
    return rc;
}

tx_status tx_review_history(tx_store *st, int64_t id,
                            int (*fn)(const tx_history *h, void *arg), void *arg,
                            tx_error *err)
{
    sqlite3_stmt *s;
    tx_history h;
    int src;
    tx_status rc;

    if (!st || !fn)
        return tx_fail(err, TX_EINVAL, "tx_review_history: missing argument");
    if ((rc = tx_stmt_get(st, S_RV_HISTORY, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        h.at = (const char *)sqlite3_column_text(s, 0);
        h.who = (const char *)sqlite3_column_text(s, 1);
        h.action = (const char *)sqlite3_column_text(s, 2);
        h.detail = (const char *)sqlite3_column_text(s, 3);
        if (!h.at || !h.who || !h.action) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(&h, arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading history", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = tx_db_fail(st, err, "cannot read the history of term #%lld", (long long)id);
    tx_stmt_done(s);
    return rc;
}
