/* tablewrite.c: writing glossary entries as CSV (RFC 4180) and TSV (the
 * review sheet), OmegaT's tab-separated glossary and JSON (RFC 8259), and the
 * characters a glossary holds (concept.h); the reader is table.c.
 *
 * The writer builds each row or object in a buffer and writes it with one
 * fwrite(), so a concept is either refused whole (bad score) or written; text
 * it cannot write as it is (invalid UTF-8, characters XML forbids) is repaired
 * on the way, in the same linear pass, and cells a spreadsheet would run as a
 * formula get a leading '.  Strings and fields are encoded by common/escape.c.
 * Numbers are written with '.' whatever LC_NUMERIC says. */
#include "table.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "escape.h"
#include "tableInt.h"
#include "xmlsafe.h" /* tx_lang_pair_check() */

/* ---- the characters a glossary holds (concept.h) ---- */

int tx_text_shown(const char *s)
{
    size_t n = strlen(s);

    if (n <= 40)
        return (int)n;
    n = 40;
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

static int bad_ascii(unsigned char c)
{
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

int tx_text_find_bad(const char *s, size_t len, size_t *off, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i;

    /* Valid UTF-8: a byte below 0x20 is that character, and EF BF BE/BF can
     * only be U+FFFE/U+FFFF, so bytes are enough. */
    for (i = 0; i < len; i++) {
        if (bad_ascii(u[i])) {
            *off = i;
            *cp = u[i];
            return 1;
        }
        if (u[i] == 0xEF && i + 2 < len && u[i + 1] == 0xBF &&
            (u[i + 2] == 0xBE || u[i + 2] == 0xBF)) {
            *off = i;
            *cp = u[i + 2] == 0xBE ? 0xFFFE : 0xFFFF;
            return 1;
        }
    }
    return 0;
}

tx_status tx_text_clean(tx_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        const unsigned char *run = p;
        uint32_t cp;
        size_t n;

        /* the longest run of bytes that stay as they are */
        for (;;) {
            if (*p >= 0x20 && *p < 0x80) {
                p++;
                continue;
            }
            if (!*p || *p < 0x20) {
                if (*p && !bad_ascii(*p)) {
                    p++;
                    continue;
                }
                break;
            }
            n = tx_utf8_next(p, &cp);
            if (n == 0 || cp == 0xFFFE || cp == 0xFFFF)
                break;
            p += n;
        }
        if (p > run && tx_buf_add(b, run, (size_t)(p - run)) != TX_OK)
            return TX_ENOMEM;
        if (!*p)
            break;
        /* p is at a bad byte or a forbidden character */
        n = tx_utf8_next(p, &cp);
        if (tx_buf_addstr(b, REPLACEMENT) != TX_OK)
            return TX_ENOMEM;
        p += n ? n : 1;
    }
    return tx_buf_grow(b, 0); /* terminated even when `s` is "" */
}

/* ---- writing ---- */

/* Print `v` as "%.4f" with a '.' for decimal point into `out` (room for DBL_MAX). */
static void format_score(double v, char out[400])
{
    const char *dp = tx_table_locale_point();
    char *p;

    snprintf(out, 400, "%.4f", v);
    if (strcmp(dp, ".") != 0 && (p = strstr(out, dp)) != NULL) {
        *p = '.';
        memmove(p + 1, p + strlen(dp), strlen(p + strlen(dp)) + 1);
    }
}

struct tx_table_writer {
    FILE *f;              /* borrowed */
    tx_table_format fmt;
    unsigned flags;       /* TX_TABLE_BOM, TX_TABLE_NO_SOURCE */
    char src_lang[65];
    char tgt_lang[65];
    tx_buf out;           /* the row or object being built */
    tx_buf cell;          /* the cell being written, repaired */
    uint64_t n_written;   /* concepts written */
    int finished;
};

static tx_status add_csv_field(tx_buf *b, const char *s)
{
    tx_status rc = TX_OK;

    if (!strpbrk(s, ",\"\r\n"))
        return tx_buf_addstr(b, s);
    rc = tx_buf_addch(b, '"');
    for (; *s && rc == TX_OK; s++)
        rc = *s == '"' ? tx_buf_add(b, "\"\"", 2) : tx_buf_addch(b, *s);
    return rc == TX_OK ? tx_buf_addch(b, '"') : rc;
}

/* Append one CSV or TSV row of `n` cells (NULL = empty) and its line end.
 * Text cells (text[i], or all when `text` is NULL) are repaired in `cell`
 * first, and in CSV and TSV get a leading ' when a spreadsheet would run
 * them (not in OmegaT's tab-separated files, which no spreadsheet opens). */
static tx_status add_row(tx_buf *b, tx_buf *cell, tx_table_format fmt,
                         const char *const *cells, size_t n, const int *text)
{
    tx_status rc = TX_OK;
    size_t i;

    for (i = 0; i < n && rc == TX_OK; i++) {
        const char *s = cells[i] ? cells[i] : "";

        if (i > 0)
            rc = tx_buf_addch(b, fmt == TX_TABLE_CSV ? ',' : '\t');
        if (rc == TX_OK && (!text || text[i])) {
            tx_buf_reset(cell);
            if (fmt != TX_TABLE_OMEGAT && tx_table_runs_as_formula(s, fmt))
                rc = tx_buf_addch(cell, '\'');
            if (rc == TX_OK)
                rc = tx_text_clean(cell, s);
            s = tx_buf_str(cell);
        }
        if (rc == TX_OK)
            rc = fmt == TX_TABLE_CSV ? add_csv_field(b, s) : tx_tsv_add_field(b, s);
    }
    return rc == TX_OK ? tx_buf_addstr(b, fmt == TX_TABLE_CSV ? "\r\n" : "\n") : rc;
}

/* Append a review-sheet row of N_COLS cells. */
static tx_status add_sheet_row(tx_table_writer *w, const char *const cells[N_COLS])
{
    int text[N_COLS];
    int k;

    for (k = 0; k < N_COLS; k++)
        text[k] = tx_table_text_col(k);
    return add_row(&w->out, &w->cell, w->fmt, cells, N_COLS, text);
}

/* The review sheet's rows of concept `c`: one per translation (one when it
 * has none), each with the id and the entry form, so that a row read alone
 * still names its term; the term's own cells (status, note, ..., source) on
 * the first row only, where the reader takes them from. */
static tx_status add_sheet_concept(tx_table_writer *w, const tx_concept *c,
                                   const char *score, const char *freq)
{
    const tx_concept_term *s = &c->src[0];
    const char *cells[N_COLS];
    char id[64] = "";
    size_t i, n = c->n_tgt ? c->n_tgt : 1;
    tx_status rc = TX_OK;

    if (c->term_id > 0)
        snprintf(id, sizeof id, "%lld%s%s", (long long)c->term_id,
                 c->term_origin ? "@" : "", c->term_origin ? c->term_origin : "");
    for (i = 0; i < n && rc == TX_OK; i++) {
        memset(cells, 0, sizeof cells);
        cells[COL_ID] = id;
        cells[COL_SRC] = s->text;
        if (c->n_tgt) {
            cells[COL_TGT] = c->tgt[i].text;
            cells[COL_TR_STATUS] = c->tgt[i].status;
            cells[COL_TR_NOTE] = c->tgt[i].note;
        }
        if (i == 0) {
            cells[COL_STATUS] = s->status;
            cells[COL_NOTE] = s->note;
            cells[COL_DEFINITION] = c->definition;
            cells[COL_DOMAIN] = c->domain;
            cells[COL_POS] = s->pos;
            cells[COL_USAGE] = s->usage;
            cells[COL_GENDER] = s->gender;
            cells[COL_GEO] = s->geo;
            cells[COL_TYPE] = s->type;
            cells[COL_SCORE] = score;
            cells[COL_FREQ] = freq;
            cells[COL_CONTEXT] = s->context;
            if (!(w->flags & TX_TABLE_NO_SOURCE))
                cells[COL_SOURCE] = s->source;
        }
        rc = add_sheet_row(w, cells);
    }
    return rc;
}

/* OmegaT's glossary: a row "source<TAB>target<TAB>comment" per translation to
 * use, the term's note for comment.  OmegaT has no status: a rejected term, a
 * forbidden translation and a term without translation are left out. */
static tx_status add_omegat_concept(tx_table_writer *w, const tx_concept *c)
{
    const tx_concept_term *s = &c->src[0];
    tx_status rc = TX_OK;
    size_t i;

    if (s->status && strcmp(s->status, "rejected") == 0)
        return TX_OK;
    for (i = 0; i < c->n_tgt && rc == TX_OK; i++) {
        const char *cells[3];
        if (c->tgt[i].status && strcmp(c->tgt[i].status, "forbidden") == 0)
            continue;
        cells[0] = s->text;
        cells[1] = c->tgt[i].text;
        cells[2] = s->note;
        rc = add_row(&w->out, &w->cell, w->fmt, cells, s->note ? 3 : 2, NULL);
    }
    return rc;
}

/* Append `"key": "value"` (value NULL = null), preceded by ", " unless `first`. */
static tx_status add_json_member(tx_buf *b, int first, const char *key, const char *value)
{
    tx_status rc = first ? TX_OK : tx_buf_addstr(b, ", ");

    if (rc == TX_OK)
        rc = tx_json_add_str(b, key);
    if (rc == TX_OK)
        rc = tx_buf_addstr(b, ": ");
    return rc == TX_OK ? tx_json_add_str(b, value) : rc;
}

static tx_status add_json_concept(tx_table_writer *w, const tx_concept *c, const char *id,
                                  const char *score)
{
    tx_buf *b = &w->out;
    const tx_concept_term *s = &c->src[0];
    tx_status rc;
    size_t i;

    rc = tx_buf_addstr(b, w->n_written ? ",\n{" : "{");
    if (rc == TX_OK)
        rc = add_json_member(b, 1, "id", id);
    if (rc == TX_OK)
        rc = tx_buf_addstr(b, ", ");
    if (rc == TX_OK)
        rc = tx_json_add_str(b, w->src_lang);
    if (rc == TX_OK)
        rc = tx_buf_addstr(b, ": {");
    if (rc == TX_OK)
        rc = add_json_member(b, 1, "term", s->text);
    if (rc == TX_OK)
        rc = add_json_member(b, 0, "status", s->status);
    if (rc == TX_OK)
        rc = add_json_member(b, 0, "pos", s->pos);
    if (rc == TX_OK)
        rc = add_json_member(b, 0, "context", s->context);
    if (rc == TX_OK)
        rc = add_json_member(b, 0, "source",
                             (w->flags & TX_TABLE_NO_SOURCE) ? NULL : s->source);
    if (rc == TX_OK)
        rc = tx_buf_addstr(b, "}, ");
    if (rc == TX_OK)
        rc = tx_json_add_str(b, w->tgt_lang);
    if (rc == TX_OK)
        rc = tx_buf_addstr(b, ": [");
    for (i = 0; i < c->n_tgt && rc == TX_OK; i++) {
        const tx_concept_term *t = &c->tgt[i];

        rc = tx_buf_addstr(b, i ? ", {" : "{");
        if (rc == TX_OK)
            rc = add_json_member(b, 1, "term", t->text);
        if (rc == TX_OK)
            rc = add_json_member(b, 0, "status", t->status);
        if (rc == TX_OK && t->pos)
            rc = add_json_member(b, 0, "pos", t->pos);
        if (rc == TX_OK && t->context)
            rc = add_json_member(b, 0, "context", t->context);
        if (rc == TX_OK && t->source && !(w->flags & TX_TABLE_NO_SOURCE))
            rc = add_json_member(b, 0, "source", t->source);
        if (rc == TX_OK)
            rc = tx_buf_addch(b, '}');
    }
    if (rc == TX_OK)
        rc = tx_buf_addf(b, "], \"score\": %s, \"frequency\": %" PRIu64 "}", score, c->freq);
    return rc;
}

static tx_status flush_out(tx_table_writer *w, tx_error *err)
{
    size_t len = w->out.len;

    if (len && fwrite(w->out.data, 1, len, w->f) != len) {
        tx_buf_reset(&w->out);
        return tx_fail(err, TX_EIO, "cannot write table: %s", strerror(errno));
    }
    tx_buf_reset(&w->out);
    return TX_OK;
}

tx_status tx_table_writer_new(FILE *f, tx_table_format fmt, const char *src_lang,
                              const char *tgt_lang, unsigned flags,
                              tx_table_writer **out, tx_error *err)
{
    tx_table_writer *w;
    tx_status rc = TX_OK;

    *out = NULL;
    if (!f || (fmt != TX_TABLE_CSV && fmt != TX_TABLE_TSV && fmt != TX_TABLE_JSON &&
               fmt != TX_TABLE_OMEGAT))
        return tx_fail(err, TX_EINVAL, "tx_table_writer_new: no file or unknown format");
    if (!tx_table_valid_lang(src_lang) || !tx_table_valid_lang(tgt_lang))
        return tx_fail(err, TX_EINVAL, "bad language code '%s' or '%s'",
                       src_lang ? src_lang : "", tgt_lang ? tgt_lang : "");
    if ((rc = tx_lang_pair_check(src_lang, tgt_lang, err)) != TX_OK)
        return rc;
    w = calloc(1, sizeof *w);
    if (!w)
        return tx_fail(err, TX_ENOMEM, "cannot allocate table writer");
    w->f = f;
    w->fmt = fmt;
    w->flags = flags;
    snprintf(w->src_lang, sizeof w->src_lang, "%s", src_lang);
    snprintf(w->tgt_lang, sizeof w->tgt_lang, "%s", tgt_lang);
    tx_buf_init(&w->out);
    tx_buf_init(&w->cell);
    /* A byte-order mark tells a spreadsheet the file is UTF-8 (JSON has none). */
    if ((flags & TX_TABLE_BOM) && fmt != TX_TABLE_JSON)
        rc = tx_buf_addstr(&w->out, "\xEF\xBB\xBF");
    if (rc != TX_OK)
        ;
    else if (fmt == TX_TABLE_JSON)
        rc = tx_buf_addstr(&w->out, "[\n");
    else if (fmt == TX_TABLE_OMEGAT) /* what OmegaT writes atop a glossary it makes */
        rc = tx_buf_addstr(&w->out, "# Glossary in tab-separated format -*- coding: "
                                    "utf-8 -*-\n");
    else
        rc = add_row(&w->out, &w->cell, fmt, tx_table_col_names, N_COLS, NULL);
    if (rc != TX_OK)
        rc = tx_fail(err, TX_ENOMEM, "cannot allocate table header");
    else
        rc = flush_out(w, err);
    if (rc != TX_OK) {
        tx_table_writer_free(w);
        return rc;
    }
    *out = w;
    return TX_OK;
}

tx_status tx_table_write(tx_table_writer *w, const tx_concept *c, tx_error *err)
{
    char id_buf[32];
    char score[400];
    char freq[32];
    const char *id;
    tx_status rc;
    size_t i;

    if (!w || !c || w->finished)
        return tx_fail(err, TX_EINVAL, "tx_table_write: no writer or concept, or finished");
    snprintf(id_buf, sizeof id_buf, "c%" PRIu64, w->n_written + 1);
    id = c->id ? c->id : id_buf;
    if (c->n_src < 1 || !c->src || !c->src[0].text || (c->n_tgt && !c->tgt))
        return tx_fail(err, TX_EINVAL, "concept '%s' has no source term", id);
    if (!isfinite(c->score))
        return tx_fail(err, TX_EINVAL, "concept '%s': score is not a finite number", id);
    for (i = 0; i < c->n_tgt; i++)
        if (!c->tgt[i].text)
            return tx_fail(err, TX_EINVAL, "concept '%s': a target term has no text", id);

    format_score(c->score, score);
    snprintf(freq, sizeof freq, "%" PRIu64, c->freq);
    tx_buf_reset(&w->out);
    if (w->fmt == TX_TABLE_JSON) {
        rc = add_json_concept(w, c, id, score);
    } else if (w->fmt == TX_TABLE_OMEGAT) {
        rc = add_omegat_concept(w, c);
    } else {
        rc = add_sheet_concept(w, c, score, freq);
    }
    if (rc != TX_OK) {
        tx_buf_reset(&w->out);
        return tx_fail(err, TX_ENOMEM, "concept '%s': out of memory", id);
    }
    if ((rc = flush_out(w, err)) != TX_OK)
        return rc;
    w->n_written++;
    return TX_OK;
}

tx_status tx_table_writer_finish(tx_table_writer *w, tx_error *err)
{
    tx_status rc = TX_OK;

    if (!w)
        return tx_fail(err, TX_EINVAL, "tx_table_writer_finish: no writer");
    if (!w->finished && w->fmt == TX_TABLE_JSON) {
        tx_buf_reset(&w->out);
        if (tx_buf_addstr(&w->out, w->n_written ? "\n]\n" : "]\n") != TX_OK)
            return tx_fail(err, TX_ENOMEM, "cannot close JSON array");
        rc = flush_out(w, err);
    }
    w->finished = 1;
    if (rc != TX_OK)
        return rc;
    if (fflush(w->f) != 0)
        return tx_fail(err, TX_EIO, "cannot write table: %s", strerror(errno));
    if (ferror(w->f))
        return tx_fail(err, TX_EIO, "cannot write table: write error");
    return TX_OK;
}

void tx_table_writer_free(tx_table_writer *w)
{
    if (!w)
        return;
    tx_buf_release(&w->out);
    tx_buf_release(&w->cell);
    free(w);
}
