/* store_exchange.c: export and import (termex export, termex import): the
 * glossary read as concepts (concept.h) for the file formats to write, and
 * a concept read from a file merged into the terms, contexts, relations and
 * translations tables. */
#include "storeInt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "sha256.h"

/* ---- export ---- */

typedef struct exp_tr {
    char *text, *status;
} exp_tr;

/* What one exported concept holds from its reading to the callback's return. */
typedef struct exp_concept {
    exp_tr *tr;                 /* its translations, strings owned */
    size_t n_tr, cap_tr;
    tx_concept_term *tgt;       /* tgt[i] points into tr[i] */
    tx_concept_term src[2];     /* the term, and its acronym if it has one */
    char *acronym;              /* owned: src[1].text */
    sqlite3_stmt *ctx;          /* S_EXP_CTX, whose row src[0] points into */
} exp_concept;

/* Read the export translations of term `id` into *v (strings copied). */
static tx_status export_translations(tx_store *st, int64_t id, const char *lang,
                                     exp_tr **v, size_t *n, size_t *cap, tx_error *err)
{
    static const enum stmt_id ids[] = {S_EXP_TR_IMP, S_EXP_TR_BEST};
    sqlite3_stmt *s;
    tx_status rc = TX_OK;
    int src;

    for (size_t i = 0; i < *n; i++) {
        free((*v)[i].text);
        free((*v)[i].status);
    }
    *n = 0;
    for (size_t q = 0; q < 2 && !*n && rc == TX_OK; q++) {
        if ((rc = tx_stmt_get(st, ids[q], &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        tx_bind_text(s, 2, lang);
        while ((src = sqlite3_step(s)) == SQLITE_ROW) {
            if (*n == *cap) {
                size_t c = *cap ? *cap * 2 : 4;
                exp_tr *p = realloc(*v, c * sizeof *p);
                if (!p) {
                    src = SQLITE_NOMEM;
                    break;
                }
                *v = p;
                *cap = c;
            }
            (*v)[*n].text = tx_column_dup(s, 0);
            (*v)[*n].status = tx_column_dup(s, 1);
            if (!(*v)[*n].text || !(*v)[*n].status) {
                free((*v)[*n].text);
                free((*v)[*n].status);
                src = SQLITE_NOMEM;
                break;
            }
            (*n)++;
        }
        if (src == SQLITE_NOMEM)
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
        else if (src != SQLITE_DONE)
            rc = tx_db_fail(st, err, "cannot read the translations of term %lld",
                            (long long)id);
        tx_stmt_done(s);
    }
    return rc;
}

/* Fill x->src[0] from row `s` of S_EXP_TERMS (its strings belong to `s`). */
static tx_status export_source(tx_store *st, sqlite3_stmt *s, exp_concept *x,
                               tx_error *err)
{
    tx_concept_term *t = &x->src[0];
    tx_term_status status;

    memset(t, 0, sizeof *t);
    t->text = (const char *)sqlite3_column_text(s, 1);
    t->pos = (const char *)sqlite3_column_text(s, 3);
    if (!t->text || !sqlite3_column_text(s, 2))
        return tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
    if (tx_column_status(s, 2, &status) != 0)
        return tx_fail(err, TX_EDB, "%s: term '%s' has no known status", st->path,
                       t->text);
    t->status = tx_term_status_name(status);
    return TX_OK;
}

/* Set x->tgt to the translations of term `id` into `lang`. */
static tx_status export_targets(tx_store *st, exp_concept *x, int64_t id,
                                const char *lang, tx_error *err)
{
    tx_status rc;

    if ((rc = export_translations(st, id, lang, &x->tr, &x->n_tr, &x->cap_tr, err)) !=
        TX_OK)
        return rc;
    free(x->tgt);
    if (!(x->tgt = calloc(x->n_tr ? x->n_tr : 1, sizeof *x->tgt)))
        return tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
    for (size_t i = 0; i < x->n_tr; i++) {
        x->tgt[i].text = x->tr[i].text;
        x->tgt[i].status = x->tr[i].status;
    }
    return TX_OK;
}

/* Give x->src[0] the first example sentence of term `id` and its document;
 * on success x->ctx holds them until tx_stmt_done(x->ctx). */
static tx_status export_context(tx_store *st, exp_concept *x, int64_t id, tx_error *err)
{
    sqlite3_stmt *c;
    tx_status rc;
    int src;

    if ((rc = tx_stmt_get(st, S_EXP_CTX, &c, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(c, 1, id);
    src = sqlite3_step(c);
    if (src == SQLITE_ROW) {
        x->src[0].context = (const char *)sqlite3_column_text(c, 0);
        x->src[0].source = (const char *)sqlite3_column_text(c, 1);
    } else if (src != SQLITE_DONE) {
        rc = tx_db_fail(st, err, "cannot read the contexts of term %lld", (long long)id);
        tx_stmt_done(c);
        return rc;
    }
    x->ctx = c;
    return TX_OK;
}

/* An acronym is a term of the same concept (TBX termType acronym): set
 * x->src[1] to that of term `id`, if it has one. */
static tx_status export_acronym(tx_store *st, exp_concept *x, int64_t id, tx_error *err)
{
    sqlite3_stmt *ab;
    tx_status rc;

    x->acronym = NULL;
    if ((rc = tx_stmt_get(st, S_EXP_ABBR, &ab, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(ab, 1, id);
    if (sqlite3_step(ab) == SQLITE_ROW)
        x->acronym = tx_column_dup(ab, 0);
    tx_stmt_done(ab);
    memset(&x->src[1], 0, sizeof x->src[1]);
    x->src[1].text = x->acronym;
    x->src[1].type = "acronym";
    return TX_OK;
}

/* Read the concept of row `s` of S_EXP_TERMS into `x`, and `con` with it. */
static tx_status export_concept(tx_store *st, sqlite3_stmt *s, const char *src_lang,
                                const char *tgt_lang, exp_concept *x, tx_concept *con,
                                tx_error *err)
{
    int64_t term_id = sqlite3_column_int64(s, 0);
    tx_status rc;

    memset(con, 0, sizeof *con);
    if ((rc = export_source(st, s, x, err)) != TX_OK ||
        (rc = export_targets(st, x, term_id, tgt_lang, err)) != TX_OK ||
        (rc = export_context(st, x, term_id, err)) != TX_OK)
        return rc;
    if ((rc = export_acronym(st, x, term_id, err)) != TX_OK) {
        tx_stmt_done(x->ctx);
        return rc;
    }
    con->src_lang = src_lang;
    con->tgt_lang = tgt_lang;
    con->src = x->src;
    con->n_src = x->acronym ? 2 : 1;
    con->tgt = x->tgt;
    con->n_tgt = x->n_tr;
    con->score = sqlite3_column_double(s, 4);
    con->freq = (uint64_t)sqlite3_column_int64(s, 5);
    return TX_OK;
}

tx_status tx_store_each_concept(tx_store *st, const char *src_lang, const char *tgt_lang,
                                int approved_only, double min_score, tx_concept_fn fn,
                                void *arg, tx_error *err)
{
    enum stmt_id terms = approved_only ? S_EXP_TERMS_APPROVED : S_EXP_TERMS;
    exp_concept x;
    sqlite3_stmt *s;
    tx_concept con;
    size_t n_out = 0;
    char id[32];
    tx_status rc;
    int src;

    memset(&x, 0, sizeof x);
    if ((rc = tx_stmt_get(st, terms, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, src_lang);
    sqlite3_bind_double(s, 2, min_score);
    while (rc == TX_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = export_concept(st, s, src_lang, tgt_lang, &x, &con, err)) != TX_OK)
            break;
        snprintf(id, sizeof id, "c%zu", ++n_out);
        con.id = id;
        int stop = fn(&con, arg);
        tx_stmt_done(x.ctx);
        free(x.acronym);
        if (stop)
            break;
    }
    if (rc == TX_OK && src != SQLITE_ROW && src != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot read the terms to export");
    tx_stmt_done(s);
    for (size_t i = 0; i < x.n_tr; i++) {
        free(x.tr[i].text);
        free(x.tr[i].status);
    }
    free(x.tr);
    free(x.tgt);
    return rc;
}

/* ---- import ---- */

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

/* Give term *id (0: a new one, of key `key`, whose id *id then gets) the
 * concept's status and part of speech, and list it. */
static tx_status import_term(tx_store *st, const tx_concept *c, const char *key,
                             tx_term_status status, unsigned n_words, unsigned n_content,
                             int64_t *id, tx_error *err)
{
    const tx_concept_term *t = &c->src[0];
    sqlite3_stmt *s;
    tx_status rc;

    if (*id) {
        if ((rc = tx_stmt_get(st, S_IMP_UPDATE, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, *id);
        tx_bind_text(s, 2, tx_term_status_name(status));
        if (t->pos)
            tx_bind_text(s, 3, t->pos);
        return tx_stmt_run(st, s, err, "update imported term", t->text);
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
    if (t->pos)
        tx_bind_text(s, 9, t->pos);
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
    const char *source = t->source && *t->source ? t->source : file;
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

/* Add the concept's translations to term `id`, in the file's order, once each. */
static tx_status import_translations(tx_store *st, const tx_concept *c, int64_t id,
                                     tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;
    int src;

    for (size_t i = 0; i < c->n_tgt; i++) {
        tx_translation_row row;
        if ((rc = tx_stmt_get(st, S_IMP_TR_HAS, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        tx_bind_text(s, 2, c->tgt_lang);
        tx_bind_text(s, 3, c->tgt[i].text);
        src = sqlite3_step(s);
        tx_stmt_done(s);
        if (src == SQLITE_ROW)
            continue;
        if (src != SQLITE_DONE)
            return tx_db_fail(st, err, "cannot read the translations of '%s'",
                              c->src[0].text);
        memset(&row, 0, sizeof row);
        row.text = c->tgt[i].text;
        row.score = 1.0 - 0.001 * (double)i; /* keeps the file's order */
        row.method = "import";
        row.status = c->tgt[i].status ? c->tgt[i].status
                                      : tx_term_status_name(TX_TERM_APPROVED);
        if ((rc = tx_store_add_translation(st, id, c->tgt_lang, &row, err)) != TX_OK)
            return rc;
    }
    return TX_OK;
}

tx_status tx_store_import_concept(tx_store *st, const tx_concept *c,
                                  const char *const *src_keys, unsigned n_words,
                                  unsigned n_content, const char *file, int *created,
                                  tx_error *err)
{
    const tx_concept_term *t = &c->src[0];
    tx_term_status status = TX_TERM_APPROVED;
    int64_t term_id;
    tx_status rc;

    if (t->status && tx_term_status_from_name(t->status, &status) != 0)
        return tx_fail(err, TX_EINVAL, "%s: '%s': unknown term status '%s'", st->path,
                       t->text, t->status);
    if ((rc = import_find(st, c, src_keys[0], &term_id, err)) != TX_OK)
        return rc;
    *created = term_id == 0;
    if ((rc = import_term(st, c, src_keys[0], status, n_words, n_content, &term_id,
                          err)) != TX_OK)
        return rc;
    if (t->context && *t->context &&
        (rc = import_context(st, c, term_id, file, err)) != TX_OK)
        return rc;
    if ((rc = import_acronyms(st, c, src_keys, err)) != TX_OK)
        return rc;
    return import_translations(st, c, term_id, err);
}
