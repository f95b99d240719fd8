/* store_import.c: import (termex import): a concept read from a file merged
 * into the terms, contexts, relations, translations and history tables, every
 * field it carries applied; store_exchange.c is the way out. */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#include "storeInt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "sha256.h"

/* `s`, NULL when it is NULL or empty: an empty cell sets nothing. */
static const char *given(const char *s)
{
    return s && *s ? s : NULL;
}

/* Set *id to the term of key `key` in the concept's language, or to 0. */
static tx_status import_find(tx_store *st, const tx_concept *c, const char *key,
                             int64_t *id, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;
    int src;

    *id = 0;
    if ((rc = tx_stmt_get(st, S_IMP_FIND, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, c->src_lang);
    tx_bind_text(s, 2, key);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    else if (src != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot look up term '%s'", c->src[0].text);
    tx_stmt_done(s);
    return rc;
}

/* Set *id to the term the concept is about: c->term_id when the glossary has
 * that term in the concept's language (a review sheet of this glossary),
 * else the term of key `key` (0: none).  A sheet row whose id names one term
 * and whose text another is refused, naming both. */
static tx_status import_which(tx_store *st, const tx_concept *c, const char *key,
                              const char *file, int64_t *id, tx_error *err)
{
    sqlite3_stmt *s;
    int64_t by_key;
    tx_status rc;
    int src;

    if ((rc = import_find(st, c, key, &by_key, err)) != TX_OK)
        return rc;
    *id = by_key;
    if (c->term_id <= 0)
        return TX_OK;
    if ((rc = tx_stmt_get(st, S_IMP_BY_ID, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, c->term_id);
    tx_bind_text(s, 2, c->src_lang);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW && by_key && by_key != c->term_id)
        rc = tx_fail(err, TX_EINPUT,
                     "%s:%lu: id %lld is term '%s', but '%s' is term #%lld: two terms "
                     "in one row (merge them, or fix the id)", file, c->line,
                     (long long)c->term_id, (const char *)sqlite3_column_text(s, 0),
                     c->src[0].text, (long long)by_key);
    else if (src == SQLITE_ROW)
        *id = c->term_id;
    else if (src != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot look up term #%lld", (long long)c->term_id);
    tx_stmt_done(s);
    return rc;
}

/* Bind the concept's term fields to ?first.. in the order pos, note,
 * definition, domain, usage, gender, geo, term_type. */
static void bind_fields(sqlite3_stmt *s, int first, const tx_concept *c)
{
    const tx_concept_term *t = &c->src[0];
    const char *v[] = {t->pos,   t->note,   c->definition, c->domain,
                       t->usage, t->gender, t->geo,        t->type};

    for (int i = 0; i < 8; i++)
        if (given(v[i]))
            tx_bind_text(s, first + i, v[i]);
}

/* Give term *id (0: a new one, of key `key`, whose id *id then gets) the
 * concept's status, entry form and fields, and list it.  *changed says
 * whether an existing term changed. */
static tx_status import_term(tx_store *st, const tx_concept *c, const char *key,
                             tx_term_status status, unsigned n_words, unsigned n_content,
                             int64_t *id, int *changed, tx_error *err)
{
    const tx_concept_term *t = &c->src[0];
    sqlite3_stmt *s;
    tx_status rc;

    *changed = 0;
    if (*id) {
        if ((rc = tx_stmt_get(st, S_IMP_UPDATE, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, *id);
        tx_bind_text(s, 2, tx_term_status_name(status));
        tx_bind_text(s, 3, t->text);
        bind_fields(s, 4, c);
        if ((rc = tx_stmt_run(st, s, err, "update imported term", t->text)) != TX_OK)
            return rc;
        *changed = sqlite3_changes(st->db) > 0;
        return TX_OK;
    }
    if ((rc = tx_stmt_get(st, S_IMP_INSERT, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, c->src_lang);
    tx_bind_text(s, 2, key);
    tx_bind_text(s, 3, t->text);
    sqlite3_bind_int(s, 4, (int)n_words);
    sqlite3_bind_int(s, 5, (int)n_content);
    sqlite3_bind_int64(s, 6, (sqlite3_int64)c->freq);
    sqlite3_bind_double(s, 7, c->score);
    tx_bind_text(s, 8, tx_term_status_name(status));
    bind_fields(s, 9, c);
    if ((rc = tx_stmt_run(st, s, err, "add imported term", t->text)) != TX_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(st->db);
    return TX_OK;
}

/* Set *doc_id to the document standing for `source`, the origin of an
 * imported context, made on first use. */
static tx_status import_source_doc(tx_store *st, const tx_concept *c, const char *source,
                                   int64_t *doc_id, tx_error *err)
{
    tx_buf b = TX_BUF_INIT;
    char hash[65];
    sqlite3_stmt *s;
    tx_status rc;

    *doc_id = 0;
    if (tx_buf_addstr(&b, "termex import source\n") != TX_OK ||
        tx_buf_addstr(&b, source) != TX_OK) {
        tx_buf_release(&b);
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    }
    tx_sha256_hex(b.data, b.len, hash);
    tx_buf_release(&b);
    if ((rc = tx_stmt_get(st, S_IMP_DOC, &s, err)) != TX_OK)
        return rc;
    if (tx_bind_path(s, 1, 4, source) != 0) {
        tx_stmt_done(s);
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    }
    tx_bind_text(s, 2, hash);
    tx_bind_text(s, 3, c->src_lang);
    if (sqlite3_step(s) == SQLITE_ROW)
        *doc_id = sqlite3_column_int64(s, 0);
    else
        rc = tx_db_fail(st, err, "cannot record the source of '%s'", c->src[0].text);
    tx_stmt_done(s);
    return rc;
}

/* Attach the concept's context to term `id`, on a document standing for its
 * source (or `file`), unless the term has that sentence already. */
static tx_status import_context(tx_store *st, const tx_concept *c, int64_t id,
                                const char *file, tx_error *err)
{
    const tx_concept_term *t = &c->src[0];
    const char *slash = strrchr(file, '/');
    /* Without a source, the file's name (not the path a client has no
     * business seeing). */
    const char *source = t->source && *t->source ? t->source
                         : slash && slash[1]      ? slash + 1
                                                  : file;
    int64_t doc_id, sentence_id;
    sqlite3_stmt *s;
    tx_status rc;
    int src;

    if ((rc = import_source_doc(st, c, source, &doc_id, err)) != TX_OK)
        return rc;
    if ((rc = tx_stmt_get(st, S_CTX_HAS, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    tx_bind_text(s, 2, t->context);
    src = sqlite3_step(s);
    tx_stmt_done(s);
    if (src == SQLITE_ROW)
        return TX_OK;
    if (src != SQLITE_DONE)
        return tx_db_fail(st, err, "cannot read the contexts of '%s'", t->text);
    if ((rc = tx_stmt_get(st, S_SENT_ADD, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, doc_id);
    tx_bind_text(s, 2, t->context);
    if ((rc = tx_stmt_run(st, s, err, "add the context of", t->text)) != TX_OK)
        return rc;
    sentence_id = sqlite3_last_insert_rowid(st->db);
    if ((rc = tx_stmt_get(st, S_CTX_ADD, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, sentence_id);
    sqlite3_bind_int(s, 3, -1); /* the user's: before what extraction finds */
    return tx_stmt_run(st, s, err, "add the context of", t->text);
}

/* Acronyms given as terms of the concept become links of term `key`. */
static tx_status import_acronyms(tx_store *st, const tx_concept *c,
                                 const char *const *src_keys, tx_error *err)
{
    tx_status rc;

    for (size_t i = 1; i < c->n_src; i++) {
        const tx_concept_term *a = &c->src[i];
        if (!a->type ||
            (strcmp(a->type, "acronym") != 0 && strcmp(a->type, "abbreviation")) ||
            !a->text || !*a->text || !src_keys[i] || !*src_keys[i])
            continue;
        if ((rc = tx_store_add_relation(st, c->src_lang, src_keys[0], "abbreviation",
                                        src_keys[i], a->text, err)) != TX_OK)
            return rc;
    }
    return TX_OK;
}

/* The stored status of target term `t`: the file's (a tx_tr_status name;
 * "rejected" is a forbidden form), "approved" when it gives none; NULL for a
 * value that is no status. */
static const char *translation_status(const tx_concept_term *t)
{
    tx_tr_status s;

    if (!given(t->status))
        return tx_tr_status_name(TX_TR_APPROVED);
    if (strcmp(t->status, "rejected") == 0)
        return tx_tr_status_name(TX_TR_FORBIDDEN);
    return tx_tr_status_from_name(t->status, &s) == 0 ? tx_tr_status_name(s) : NULL;
}

/* Give term `id` translation `i` of the concept: added, or, when the term has
 * that translation, its status and data set.  *changed is set when so. */
static tx_status import_translation(tx_store *st, const tx_concept *c, size_t i,
                                    int64_t id, const char *file, int *changed,
                                    tx_error *err)
{
    const tx_concept_term *t = &c->tgt[i];
    const char *status = translation_status(t);
    const char *v[] = {t->note, t->pos, t->gender, t->geo, t->type};
    sqlite3_stmt *s;
    int64_t tr_id = 0;
    tx_status rc;
    int src;

    if (!status)
        return tx_fail(err, TX_EINPUT, "%s:%lu: '%s': unknown translation status '%s'"
                       " (approved, forbidden or candidate)", file, c->line, t->text,
                       t->status);
    if ((rc = tx_stmt_get(st, S_IMP_TR_HAS, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    tx_bind_text(s, 2, c->tgt_lang);
    tx_bind_text(s, 3, t->text);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        tr_id = sqlite3_column_int64(s, 0);
    tx_stmt_done(s);
    if (src != SQLITE_ROW && src != SQLITE_DONE)
        return tx_db_fail(st, err, "cannot read the translations of '%s'", c->src[0].text);
    if ((rc = tx_stmt_get(st, tr_id ? S_IMP_TR_SET : S_IMP_TR_ADD, &s, err)) != TX_OK)
        return rc;
    if (tr_id) {
        sqlite3_bind_int64(s, 1, tr_id);
        tx_bind_text(s, 2, status);
        sqlite3_bind_double(s, 8, 1.0 - 0.001 * (double)i);
        for (int k = 0; k < 5; k++)
            if (given(v[k]))
                tx_bind_text(s, 3 + k, v[k]);
    } else {
        sqlite3_bind_int64(s, 1, id);
        tx_bind_text(s, 2, c->tgt_lang);
        tx_bind_text(s, 3, t->text);
        sqlite3_bind_double(s, 4, 1.0 - 0.001 * (double)i); /* keeps the file's order */
        tx_bind_text(s, 5, status);
        for (int k = 0; k < 5; k++)
            if (given(v[k]))
                tx_bind_text(s, 6 + k, v[k]);
    }
    if ((rc = tx_stmt_run(st, s, err, "add the translation", t->text)) != TX_OK)
        return rc;
    *changed |= sqlite3_changes(st->db) > 0;
    return TX_OK;
}

/* Add a line to the history of term `id` unless it has that one already. */
static tx_status history_add(tx_store *st, const tx_concept *c, int64_t id,
                             const char *action, const char *at, const char *who,
                             const char *detail, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;
    int src;

    if (!detail) {
        if ((rc = tx_stmt_get(st, S_IMP_HIST_HAS, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        tx_bind_text(s, 2, action);
        tx_bind_text(s, 3, at);
        tx_bind_text(s, 4, who);
        src = sqlite3_step(s);
        tx_stmt_done(s);
        if (src == SQLITE_ROW)
            return TX_OK;
        if (src != SQLITE_DONE)
            return tx_db_fail(st, err, "cannot read the history of '%s'", c->src[0].text);
    }
    return tx_rv_log_at(st, id, at, who, action, detail, err);
}

/* The concept's transactions become history lines of term `id` (at: the
 * file's date), then one line says the import (which export leaves out, so
 * that an export of an imported export is the same file). */
static tx_status import_history(tx_store *st, const tx_concept *c, int64_t id,
                                const char *file, const char *user, tx_error *err)
{
    char now[32], buf[1024];
    const char *who = tx_rv_user(user, buf, sizeof buf);
    tx_status rc;

    for (size_t i = 0; i < c->n_transactions; i++) {
        const tx_transaction *tr = &c->transactions[i];
        if (!given(tr->type) || !given(tr->date))
            continue;
        if ((rc = history_add(st, c, id, tr->type, tr->date, tr->who ? tr->who : "", NULL,
                              err)) != TX_OK)
            return rc;
    }
    tx_rv_now(now);
    return history_add(st, c, id, "import", now, who, file, err);
}

/* One extra of term `id` (an S_IMP_EXTRA row), unless it has it already. */
static tx_status extra_add(tx_store *st, const tx_concept *c, int64_t id, const char *level,
                           const char *tgt, const char *elem, const char *type,
                           const char *target, const char *source, const char *text,
                           const char *file, tx_error *err)
{
    const char *v[] = {level, tgt, elem, type, target, source, text, file};
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_IMP_EXTRA, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    for (int k = 0; k < 8; k++)
        tx_bind_text(s, 2 + k, v[k] ? v[k] : "");
    return tx_stmt_run(st, s, err, "keep the TBX data of", c->src[0].text);
}

/* The concept's extras (concept.h) and its translations' contexts become
 * extras of term `id`; a translation is named by its text.  The reader
 * bounded their number and size.  The entry's id in `file` is kept too, for
 * the refs of that file that point at it (store_exchange.c). */
static tx_status import_extras(tx_store *st, const tx_concept *c, int64_t id,
                               const char *file, tx_error *err)
{
    tx_status rc;

    if (c->id && *c->id && strlen(c->id) <= 256 &&
        (rc = extra_add(st, c, id, "concept", NULL, "id", NULL, NULL, file, c->id, file,
                        err)) != TX_OK)
        return rc;

    for (size_t i = 0; i < c->n_extra; i++) {
        const tx_data_cat *e = &c->extra[i];
        const char *tgt = NULL;
        if (!e->level || !e->elem || !e->text)
            continue;
        if (strcmp(e->level, "translation") == 0) {
            if (e->tgt_index >= c->n_tgt)
                continue;
            tgt = c->tgt[e->tgt_index].text;
        }
        if ((rc = extra_add(st, c, id, e->level, tgt, e->elem, e->type, e->target, NULL,
                            e->text, file, err)) != TX_OK)
            return rc;
    }
    for (size_t i = 0; i < c->n_tgt; i++) {
        const tx_concept_term *t = &c->tgt[i];
        if (given(t->context) && *t->context &&
            (rc = extra_add(st, c, id, "translation", t->text, "descrip", "context", NULL,
                            t->source, t->context, file, err)) != TX_OK)
            return rc;
    }
    return TX_OK;
}

tx_status tx_store_import_concept(tx_store *st, const tx_concept *c,
                                  const char *const *src_keys, unsigned n_words,
                                  unsigned n_content, const char *file, const char *user,
                                  int *created, tx_error *err)
{
    const tx_concept_term *t = &c->src[0];
    tx_term_status status = TX_TERM_APPROVED;
    int64_t term_id;
    int changed = 0, tr_changed = 0;
    tx_status rc;

    if (given(t->status) && tx_term_status_from_name(t->status, &status) != 0)
        return tx_fail(err, TX_EINPUT, "%s:%lu: '%s': unknown term status '%s'", file,
                       c->line, t->text, t->status);
    if ((rc = import_which(st, c, src_keys[0], file, &term_id, err)) != TX_OK)
        return rc;
    *created = term_id == 0;
    if ((rc = import_term(st, c, src_keys[0], status, n_words, n_content, &term_id,
                          &changed, err)) != TX_OK)
        return rc;
    if (t->context && *t->context &&
        (rc = import_context(st, c, term_id, file, err)) != TX_OK)
        return rc;
    if ((rc = import_acronyms(st, c, src_keys, err)) != TX_OK)
        return rc;
    for (size_t i = 0; i < c->n_tgt; i++)
        if ((rc = import_translation(st, c, i, term_id, file, &tr_changed, err)) != TX_OK)
            return rc;
    if ((rc = import_extras(st, c, term_id, file, err)) != TX_OK)
        return rc;
    if (!*created && (changed || tr_changed)) {
        sqlite3_stmt *s;
        if ((rc = tx_stmt_get(st, S_RV_BUMP, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, term_id);
        if ((rc = tx_stmt_run(st, s, err, "update imported term", t->text)) != TX_OK)
            return rc;
    }
    return import_history(st, c, term_id, file, user, err);
}
