/* store_exchange.c: export (termex export): the glossary read as concepts
 * (concept.h) for the file formats to write, every field a reviewer set with
 * them; the way back is store_import.c. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "storeInt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* ---- export ---- */

/* The columns of S_EXP_TR_IMP and S_EXP_TR_BEST, in order. */
enum { TR_TEXT, TR_STATUS, TR_NOTE, TR_POS, TR_GENDER, TR_GEO, TR_TYPE, TR_N };

/* The columns of S_EXP_EXTRA, in order. */
enum { EX_LEVEL, EX_TGT, EX_ELEM, EX_TYPE, EX_TARGET, EX_SOURCE, EX_TEXT, EX_FILE, EX_N };

/* A term exported and the concept id it is written under ("c<pos>"). */
typedef struct exp_pos {
    int64_t term_id;
    size_t pos;
} exp_pos;

typedef struct exp_tr {
    char *f[TR_N]; /* owned; NULL for a NULL column */
} exp_tr;

/* What one exported concept holds from its reading to the callback's return. */
typedef struct exp_concept {
    exp_tr *tr;                 /* its translations, strings owned */
    size_t n_tr, cap_tr;
    tx_concept_term *tgt;       /* tgt[i] points into tr[i] */
    tx_concept_term src[2];     /* the term, and its acronym if it has one */
    char *acronym;              /* owned: src[1].text */
    sqlite3_stmt *ctx;          /* S_EXP_CTX, whose row src[0] points into */
    tx_transaction trans[2];    /* origination, modification */
    char *trans_str[4];         /* owned: their dates and responsibilities */
    size_t n_trans;
    char *(*ex)[EX_N];          /* its extras' rows (S_EXP_EXTRA), owned */
    size_t n_ex, cap_ex;
    tx_data_cat *extra;         /* extra[i] points into ex */
    size_t n_extra, cap_extra;
    exp_pos *pos;               /* the terms exported, by term id */
    size_t n_pos, cap_pos;
} exp_concept;

static void free_translations(exp_concept *x)
{
    for (size_t i = 0; i < x->n_tr; i++)
        for (int k = 0; k < TR_N; k++)
            free(x->tr[i].f[k]);
    x->n_tr = 0;
}

/* Copy the row of `s` into a new x->tr[x->n_tr]; SQLITE_OK or SQLITE_NOMEM. */
static int add_translation(exp_concept *x, sqlite3_stmt *s)
{
    exp_tr *t;

    if (x->n_tr == x->cap_tr &&
        tx_grow((void **)&x->tr, &x->cap_tr, x->n_tr + 1, sizeof *x->tr, 4) != 0)
        return SQLITE_NOMEM;
    t = &x->tr[x->n_tr];
    for (int k = 0; k < TR_N; k++) {
        t->f[k] = NULL;
        if (sqlite3_column_type(s, k) != SQLITE_NULL && !(t->f[k] = tx_column_dup(s, k))) {
            while (k--)
                free(t->f[k]);
            return SQLITE_NOMEM;
        }
    }
    x->n_tr++;
    return SQLITE_OK;
}

/* Read the export translations of term `id` into x->tr (strings copied): the
 * ones a person gave or reviewed, else the best computed one. */
static tx_status export_translations(tx_store *st, int64_t id, const char *lang,
                                     exp_concept *x, tx_error *err)
{
    static const enum stmt_id ids[] = {S_EXP_TR_IMP, S_EXP_TR_BEST};
    sqlite3_stmt *s;
    tx_status rc = TX_OK;
    int src;

    free_translations(x);
    for (size_t q = 0; q < 2 && !x->n_tr && rc == TX_OK; q++) {
        if ((rc = tx_stmt_get(st, ids[q], &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        tx_bind_text(s, 2, lang);
        while ((src = sqlite3_step(s)) == SQLITE_ROW)
            if ((src = add_translation(x, s)) != SQLITE_OK)
                break;
        if (src == SQLITE_NOMEM)
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
        else if (src != SQLITE_DONE)
            rc = tx_db_fail(st, err, "cannot read the translations of term %lld",
                            (long long)id);
        tx_stmt_done(s);
    }
    return rc;
}

/* Column `col` of `s`, NULL when NULL or empty. */
static const char *column_or_null(sqlite3_stmt *s, int col)
{
    const char *v = (const char *)sqlite3_column_text(s, col);

    return v && *v ? v : NULL;
}

/* Fill x->src[0] from row `s` of S_EXP_TERMS (its strings belong to `s`). */
static tx_status export_source(tx_store *st, sqlite3_stmt *s, exp_concept *x,
                               tx_error *err)
{
    tx_concept_term *t = &x->src[0];
    tx_term_status status;

    memset(t, 0, sizeof *t);
    t->text = (const char *)sqlite3_column_text(s, 1);
    t->pos = column_or_null(s, 3);
    t->note = column_or_null(s, 6);
    t->usage = column_or_null(s, 9);
    t->gender = column_or_null(s, 10);
    t->geo = column_or_null(s, 11);
    t->type = column_or_null(s, 12);
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

    if ((rc = export_translations(st, id, lang, x, err)) != TX_OK)
        return rc;
    free(x->tgt);
    if (!(x->tgt = calloc(x->n_tr ? x->n_tr : 1, sizeof *x->tgt)))
        return tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
    for (size_t i = 0; i < x->n_tr; i++) {
        char **f = x->tr[i].f;
        tx_concept_term *t = &x->tgt[i];
        t->text = f[TR_TEXT];
        t->status = f[TR_STATUS];
        t->note = f[TR_NOTE];
        t->pos = f[TR_POS];
        t->gender = f[TR_GENDER];
        t->geo = f[TR_GEO];
        t->type = f[TR_TYPE];
    }
    return TX_OK;
}

/* The name a document goes out under: its file name, not the local path a
 * client has no business seeing; an imported source (a document of no
 * bytes: "Wikipedia", a URL) as it was given. */
static const char *document_name(const char *path, int64_t n_bytes)
{
    const char *slash;

    if (!path || n_bytes == 0)
        return path;
    slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* Give x->src[0] the first example sentence of term `id` and, unless
 * `no_source`, its document's name; on success x->ctx holds them until
 * tx_stmt_done(x->ctx). */
static tx_status export_context(tx_store *st, exp_concept *x, int64_t id, int no_source,
                                tx_error *err)
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
        if (!no_source)
            x->src[0].source = document_name((const char *)sqlite3_column_text(c, 1),
                                             sqlite3_column_int64(c, 2));
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

static void free_transactions(exp_concept *x)
{
    for (size_t i = 0; i < 4; i++) {
        free(x->trans_str[i]);
        x->trans_str[i] = NULL;
    }
    x->n_trans = 0;
}

/* The history of term `id` as TBX transactions: its first line (not an
 * import) is the origination, its last, when there are several, the
 * modification (date and who). */
static tx_status export_history(tx_store *st, exp_concept *x, int64_t id, tx_error *err)
{
    sqlite3_stmt *h;
    size_t n = 0;
    tx_status rc;
    int src, nomem = 0;

    free_transactions(x);
    if ((rc = tx_stmt_get(st, S_EXP_HIST, &h, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(h, 1, id);
    while ((src = sqlite3_step(h)) == SQLITE_ROW) {
        size_t k = n++ ? 1 : 0;
        free(x->trans_str[2 * k]);
        free(x->trans_str[2 * k + 1]);
        x->trans_str[2 * k] = tx_column_dup(h, 0);
        x->trans_str[2 * k + 1] = tx_column_dup(h, 1);
        nomem |= !x->trans_str[2 * k] || !x->trans_str[2 * k + 1];
    }
    tx_stmt_done(h);
    if (src != SQLITE_DONE)
        return tx_db_fail(st, err, "cannot read the history of term %lld", (long long)id);
    if (nomem)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
    x->n_trans = n > 1 ? 2 : n;
    for (size_t k = 0; k < x->n_trans; k++) {
        x->trans[k].type = k ? "modification" : "origination";
        x->trans[k].date = x->trans_str[2 * k];
        x->trans[k].who = *x->trans_str[2 * k + 1] ? x->trans_str[2 * k + 1] : NULL;
    }
    return TX_OK;
}

static void free_extras(exp_concept *x)
{
    for (size_t i = 0; i < x->n_ex; i++)
        for (int k = 0; k < EX_N; k++)
            free(x->ex[i][k]);
    x->n_ex = x->n_extra = 0;
}

/* Read the extras of term `id` into x->ex (strings copied). */
static tx_status read_extras(tx_store *st, exp_concept *x, int64_t id, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;
    int src, nomem = 0;

    free_extras(x);
    if ((rc = tx_stmt_get(st, S_EXP_EXTRA, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    while (!nomem && (src = sqlite3_step(s)) == SQLITE_ROW) {
        if (x->n_ex == x->cap_ex &&
            tx_grow((void **)&x->ex, &x->cap_ex, x->n_ex + 1, sizeof *x->ex, 8) != 0) {
            nomem = 1;
            break;
        }
        for (int k = 0; k < EX_N; k++) {
            x->ex[x->n_ex][k] = NULL;
            if (sqlite3_column_type(s, k) != SQLITE_NULL &&
                !(x->ex[x->n_ex][k] = tx_column_dup(s, k)))
                nomem = 1;
        }
        x->n_ex++;
    }
    tx_stmt_done(s);
    if (nomem)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
    if (src != SQLITE_DONE)
        return tx_db_fail(st, err, "cannot read the TBX data of term %lld", (long long)id);
    return TX_OK;
}

static int pos_cmp(const void *a, const void *b)
{
    const exp_pos *p = a, *q = b;

    return (p->term_id > q->term_id) - (p->term_id < q->term_id);
}

/* Fill x->pos with the terms S_EXP_TERMS (bound) gives, sorted by id; the
 * statement is reset for the export proper. */
static tx_status export_positions(tx_store *st, sqlite3_stmt *s, exp_concept *x,
                                  tx_error *err)
{
    int src;

    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        if (x->n_pos == x->cap_pos &&
            tx_grow((void **)&x->pos, &x->cap_pos, x->n_pos + 1, sizeof *x->pos, 64) != 0) {
            sqlite3_reset(s);
            return tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
        }
        x->pos[x->n_pos].term_id = sqlite3_column_int64(s, 0);
        x->pos[x->n_pos].pos = x->n_pos + 1;
        x->n_pos++;
    }
    sqlite3_reset(s);
    if (src != SQLITE_DONE)
        return tx_db_fail(st, err, "cannot read the terms to export");
    if (x->n_pos > 1)
        qsort(x->pos, x->n_pos, sizeof *x->pos, pos_cmp);
    return TX_OK;
}

/* A ref's target (row `f` of S_EXP_EXTRA) is the id of an entry of the file
 * it came from: made the id that entry's term is exported under, or NULL
 * (no target) when that term is not exported or not known. */
static tx_status ref_target(tx_store *st, exp_concept *x, char **f, tx_error *err)
{
    exp_pos key, *hit = NULL;
    sqlite3_stmt *s;
    char id[32];
    tx_status rc;

    if (!f[EX_TARGET])
        return TX_OK;
    if ((rc = tx_stmt_get(st, S_EXP_REF, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, f[EX_TARGET]);
    tx_bind_text(s, 2, f[EX_FILE] ? f[EX_FILE] : "");
    if (sqlite3_step(s) == SQLITE_ROW) {
        key.term_id = sqlite3_column_int64(s, 0);
        hit = x->n_pos ? bsearch(&key, x->pos, x->n_pos, sizeof *x->pos, pos_cmp) : NULL;
    }
    tx_stmt_done(s);
    free(f[EX_TARGET]);
    f[EX_TARGET] = NULL;
    if (hit) {
        snprintf(id, sizeof id, "c%zu", hit->pos);
        if (!(f[EX_TARGET] = strdup(id)))
            return tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
    }
    return TX_OK;
}

/* Hand the extras of x->ex to the concept: a translation's context to its
 * term, the rest as tx_data_cat at their level; an extra of a translation
 * not exported, or a source when `no_source`, stays out. */
static tx_status export_extras(tx_store *st, exp_concept *x, int64_t id, int no_source,
                               tx_error *err)
{
    tx_status rc;

    if ((rc = read_extras(st, x, id, err)) != TX_OK)
        return rc;
    if (x->n_ex > x->cap_extra &&
        tx_grow((void **)&x->extra, &x->cap_extra, x->n_ex, sizeof *x->extra, 8) != 0)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
    for (size_t i = 0; i < x->n_ex; i++) {
        char **f = x->ex[i];
        tx_data_cat *e = &x->extra[x->n_extra];
        size_t k = 0;
        int is_source = f[EX_TYPE] && strcmp(f[EX_TYPE], "source") == 0;
        if (!f[EX_LEVEL] || !f[EX_ELEM] || !f[EX_TEXT] || (no_source && is_source))
            continue;
        if (strcmp(f[EX_ELEM], "ref") == 0 && (rc = ref_target(st, x, f, err)) != TX_OK)
            return rc;
        if (strcmp(f[EX_LEVEL], "translation") == 0) {
            while (k < x->n_tr && (!f[EX_TGT] || strcmp(x->tgt[k].text, f[EX_TGT]) != 0))
                k++;
            if (k == x->n_tr)
                continue;
            if (strcmp(f[EX_ELEM], "descrip") == 0) {
                if (f[EX_TYPE] && strcmp(f[EX_TYPE], "context") == 0 && !x->tgt[k].context) {
                    x->tgt[k].context = f[EX_TEXT];
                    x->tgt[k].source = no_source ? NULL : f[EX_SOURCE];
                }
                continue;
            }
        }
        e->level = f[EX_LEVEL];
        e->elem = f[EX_ELEM];
        e->type = f[EX_TYPE];
        e->target = f[EX_TARGET];
        e->text = f[EX_TEXT];
        e->tgt_index = k;
        x->n_extra++;
    }
    return TX_OK;
}

/* Read the concept of row `s` of S_EXP_TERMS into `x`, and `con` with it. */
static tx_status export_concept(tx_store *st, sqlite3_stmt *s, const tx_export_opts *o,
                                exp_concept *x, tx_concept *con, tx_error *err)
{
    int64_t term_id = sqlite3_column_int64(s, 0);
    tx_status rc;

    memset(con, 0, sizeof *con);
    if ((rc = export_source(st, s, x, err)) != TX_OK ||
        (rc = export_targets(st, x, term_id, o->tgt_lang, err)) != TX_OK ||
        (rc = export_history(st, x, term_id, err)) != TX_OK ||
        (rc = export_extras(st, x, term_id, o->no_source, err)) != TX_OK ||
        (rc = export_context(st, x, term_id, o->no_source, err)) != TX_OK)
        return rc;
    if ((rc = export_acronym(st, x, term_id, err)) != TX_OK) {
        tx_stmt_done(x->ctx);
        return rc;
    }
    con->src_lang = o->src_lang;
    con->tgt_lang = o->tgt_lang;
    con->src = x->src;
    con->n_src = x->acronym ? 2 : 1;
    con->tgt = x->tgt;
    con->n_tgt = x->n_tr;
    con->score = sqlite3_column_double(s, 4);
    con->freq = (uint64_t)sqlite3_column_int64(s, 5);
    con->term_id = term_id;
    con->definition = column_or_null(s, 7);
    con->domain = column_or_null(s, 8);
    con->transactions = x->trans;
    con->n_transactions = x->n_trans;
    con->extra = x->extra;
    con->n_extra = x->n_extra;
    return TX_OK;
}

tx_status tx_store_each_concept(tx_store *st, const tx_export_opts *o, tx_concept_fn fn,
                                void *arg, tx_error *err)
{
    exp_concept x;
    sqlite3_stmt *s;
    tx_concept con;
    size_t n_out = 0;
    char id[32], uid[32];
    tx_status rc;
    int src;

    memset(&x, 0, sizeof x);
    if ((rc = tx_store_uid(st, uid, sizeof uid, err)) != TX_OK ||
        (rc = tx_stmt_get(st, S_EXP_TERMS, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, o->src_lang);
    sqlite3_bind_double(s, 2, o->min_score);
    sqlite3_bind_int(s, 3, o->with_rejected != 0);
    sqlite3_bind_int(s, 4, o->approved_only != 0);
    if ((rc = export_positions(st, s, &x, err)) != TX_OK) {
        tx_stmt_done(s);
        free(x.pos);
        return rc;
    }
    while (rc == TX_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = export_concept(st, s, o, &x, &con, err)) != TX_OK)
            break;
        snprintf(id, sizeof id, "c%zu", ++n_out);
        con.id = id;
        con.term_origin = *uid ? uid : NULL;
        int stop = fn(&con, arg);
        tx_stmt_done(x.ctx);
        free(x.acronym);
        if (stop)
            break;
    }
    if (rc == TX_OK && src != SQLITE_ROW && src != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot read the terms to export");
    tx_stmt_done(s);
    free_translations(&x);
    free_transactions(&x);
    free_extras(&x);
    free(x.ex);
    free(x.extra);
    free(x.pos);
    free(x.tr);
    free(x.tgt);
    return rc;
}

/* Append "LANG (N terms)" items of `s`'s rows of kind `kind` to `b`. */
static int add_langs(tx_buf *b, sqlite3_stmt *s, int *src, int kind, const char *unit)
{
    int first = 1;

    while (*src == SQLITE_ROW && sqlite3_column_int(s, 0) == kind) {
        const char *lang = (const char *)sqlite3_column_text(s, 1);
        long long n = sqlite3_column_int64(s, 2);
        char num[64];
        snprintf(num, sizeof num, " (%lld %s%s)", n, unit, n == 1 ? "" : "s");
        if ((!first && tx_buf_addstr(b, ", ") != TX_OK) ||
            tx_buf_addstr(b, lang ? lang : "?") != TX_OK || tx_buf_addstr(b, num) != TX_OK)
            return -1;
        first = 0;
        *src = sqlite3_step(s);
    }
    if (first && tx_buf_addstr(b, "none") != TX_OK)
        return -1;
    return 0;
}

tx_status tx_store_check_langs(tx_store *st, const char *src_lang, const char *tgt_lang,
                               tx_error *err)
{
    sqlite3_stmt *s;
    tx_buf terms = TX_BUF_INIT, trs = TX_BUF_INIT;
    int has_src = 0, has_tgt = 0, any_tr = 0, any_term = 0, src, bad = 0;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_EXP_LANGS, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, src_lang);
    for (src = sqlite3_step(s); src == SQLITE_ROW; src = sqlite3_step(s)) {
        const char *lang = (const char *)sqlite3_column_text(s, 1);
        int kind = sqlite3_column_int(s, 0);
        any_term |= kind == 0;
        any_tr |= kind == 1;
        if (lang && strcmp(lang, kind ? tgt_lang : src_lang) == 0)
            *(kind ? &has_tgt : &has_src) = 1;
    }
    if (src != SQLITE_DONE) {
        tx_stmt_done(s);
        return tx_db_fail(st, err, "cannot read the glossary's languages");
    }
    /* An empty glossary, or one without translations, has nothing to say
     * about the target language. */
    if (!any_term || (has_src && (has_tgt || !any_tr))) {
        tx_stmt_done(s);
        return TX_OK;
    }
    tx_stmt_done(s);
    tx_bind_text(s, 1, has_src ? src_lang : "");
    src = sqlite3_step(s);
    bad |= add_langs(&terms, s, &src, 0, "term");
    if (has_src)
        bad |= add_langs(&trs, s, &src, 1, "translation");
    tx_stmt_done(s);
    if (bad)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    else if (!has_src)
        rc = tx_fail(err, TX_EINVAL, "%s: no term in '%s': the glossary's terms are in %s",
                     st->path, src_lang, tx_buf_str(&terms));
    else
        rc = tx_fail(err, TX_EINVAL,
                     "%s: no translation into '%s': the glossary's '%s' terms are "
                     "translated into %s", st->path, tgt_lang, src_lang, tx_buf_str(&trs));
    tx_buf_release(&terms);
    tx_buf_release(&trs);
    return rc;
}
