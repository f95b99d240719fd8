/* table.c: CSV (RFC 4180), TSV and JSON (RFC 8259) exchange of glossary entries.
 *
 * The writer builds each row or object in a buffer and writes it with one
 * fwrite(), so a concept is either refused whole (bad UTF-8, bad score) or
 * written.  The reader is a byte-at-a-time state machine over a fixed chunk
 * buffer; it keeps one row at a time, capped in size, so memory does not depend
 * on the file.  Numbers are written and read with '.' whatever LC_NUMERIC says:
 * a file made under a French locale must read back under any other. */
#define _POSIX_C_SOURCE 200809L /* fileno(), fstat() */
#include "table.h"

#include <errno.h>
#include <inttypes.h>
#include <locale.h> /* localeconv(): the decimal point printf and strtod use */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h> /* strncasecmp */
#include <sys/stat.h>

#include "buf.h"
#include "decode.h"
#include "error.h"

/* Columns of the CSV and TSV layouts, in the order they are written. */
/* Alternative target labels read from one "<tgt>_alt" cell, at most. */
#define TX_TABLE_MAX_ALT 16

enum column {
    COL_SRC, COL_TGT, COL_STATUS, COL_SCORE, COL_FREQ, COL_CONTEXT, COL_SOURCE, COL_POS,
    N_COLS,
    COL_NONE = -1
};

/* Header names of the columns after the two language columns. */
static const char *const col_names[N_COLS] = {
    NULL, NULL, "status", "score", "frequency", "context", "source", "pos"
};

static const char *const statuses[] = { "approved", "candidate", "rejected" };

/* ---- small helpers ---- */

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Case-insensitive ASCII comparison of `a` (of `len` bytes) with the string `b`. */
static int same_word(const char *a, size_t len, const char *b)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (!b[i] || ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
            return 0;
    return b[i] == '\0';
}

/* Length of the primary subtag of a language code: "fr" in "fr-FR" or "fr_CA". */
static size_t primary_len(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len && s[i] != '-' && s[i] != '_'; i++)
        ;
    return i;
}

/* Language codes become header cells and JSON keys, so they must need no quoting. */
static int valid_lang(const char *s)
{
    if (!s || !*s || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
            return 0;
    return 1;
}

/* The C locale's decimal point, which printf("%f") writes and strtod() reads. */
static const char *locale_point(void)
{
    const char *dp = localeconv()->decimal_point;

    return dp && *dp ? dp : ".";
}

/* Print `v` as "%.4f" with a '.' for decimal point into `out` (room for DBL_MAX). */
static void format_score(double v, char out[400])
{
    const char *dp = locale_point();
    char *p;

    snprintf(out, 400, "%.4f", v);
    if (strcmp(dp, ".") != 0 && (p = strstr(out, dp)) != NULL) {
        *p = '.';
        memmove(p + 1, p + strlen(dp), strlen(p + strlen(dp)) + 1);
    }
}

/* Parse a decimal number ("12", "-0.5", "1.5e3"; not "nan", "inf" or hex) with
 * '.' for decimal point.  Returns 1 and sets *out, or 0. */
static int parse_score(const char *s, double *out)
{
    const char *dp = locale_point();
    size_t dp_len = strlen(dp);
    char buf[400];
    size_t n = 0;
    char *end;
    double v;

    for (; *s; s++) {
        if (*s == '.') {
            if (n + dp_len >= sizeof buf)
                return 0;
            memcpy(buf + n, dp, dp_len);
            n += dp_len;
        } else if ((*s >= '0' && *s <= '9') || *s == '+' || *s == '-' || *s == 'e' ||
                   *s == 'E') {
            if (n + 1 >= sizeof buf)
                return 0;
            buf[n++] = *s;
        } else {
            return 0;
        }
    }
    buf[n] = '\0';
    if (n == 0)
        return 0;
    v = strtod(buf, &end);
    if (end != buf + n || !isfinite(v))
        return 0;
    *out = v;
    return 1;
}

/* Parse a non-negative integer ("+" allowed).  Returns 1 and sets *out, or 0. */
static int parse_freq(const char *s, uint64_t *out)
{
    uint64_t v = 0;

    if (*s == '+')
        s++;
    if (!*s)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
            return 0;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return 1;
}

/* Strip ASCII spaces and tabs from both ends of `s`, in place. */
static char *trim(char *s)
{
    size_t len;

    while (*s == ' ' || *s == '\t')
        s++;
    len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        s[--len] = '\0';
    return s;
}

/* How many bytes of `s` to quote in a message: at most 40, not cutting a character. */
static int shown(const char *s)
{
    size_t n = strlen(s);

    if (n <= 40)
        return (int)n;
    n = 40;
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

/* ---- writing ---- */

struct tx_table_writer {
    FILE *f;              /* borrowed */
    tx_table_format fmt;
    char src_lang[65];
    char tgt_lang[65];
    tx_buf out;           /* the row or object being built */
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

/* TSV cannot quote: a tab or line end in a field would split it, so it becomes a
 * space (CRLF one space, as it is one line end). */
static tx_status add_tsv_field(tx_buf *b, const char *s)
{
    tx_status rc = TX_OK;

    for (; *s && rc == TX_OK; s++) {
        if (*s == '\r' && s[1] == '\n')
            s++;
        rc = tx_buf_addch(b, *s == '\t' || *s == '\r' || *s == '\n' ? ' ' : *s);
    }
    return rc;
}

/* Append one CSV or TSV row of N_COLS cells (NULL = empty) and its line end. */
static tx_status add_row(tx_buf *b, tx_table_format fmt, const char *const cells[N_COLS])
{
    tx_status rc = TX_OK;
    int i;

    for (i = 0; i < N_COLS && rc == TX_OK; i++) {
        if (i > 0)
            rc = tx_buf_addch(b, fmt == TX_TABLE_CSV ? ',' : '\t');
        if (rc == TX_OK)
            rc = fmt == TX_TABLE_CSV ? add_csv_field(b, cells[i] ? cells[i] : "")
                                     : add_tsv_field(b, cells[i] ? cells[i] : "");
    }
    return rc == TX_OK ? tx_buf_addstr(b, fmt == TX_TABLE_CSV ? "\r\n" : "\n") : rc;
}

/* Append `s` as a JSON string (RFC 8259), or null when `s` is NULL. */
static tx_status add_json_str(tx_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    tx_status rc;

    if (!s)
        return tx_buf_addstr(b, "null");
    rc = tx_buf_addch(b, '"');
    for (; *p && rc == TX_OK; p++) {
        if (*p == '"' || *p == '\\')
            rc = tx_buf_addf(b, "\\%c", *p);
        else if (*p < 0x20)
            rc = tx_buf_addf(b, "\\u%04x", *p);
        else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
            /* valid JSON raw, but not valid JavaScript before ES2019 */
            rc = tx_buf_addstr(b, p[2] == 0xA8 ? "\\u2028" : "\\u2029");
            p += 2;
        } else
            rc = tx_buf_addch(b, (char)*p);
    }
    return rc == TX_OK ? tx_buf_addch(b, '"') : rc;
}

/* Append `"key": "value"` (value NULL = null), preceded by ", " unless `first`. */
static tx_status add_json_member(tx_buf *b, int first, const char *key, const char *value)
{
    tx_status rc = first ? TX_OK : tx_buf_addstr(b, ", ");

    if (rc == TX_OK)
        rc = add_json_str(b, key);
    if (rc == TX_OK)
        rc = tx_buf_addstr(b, ": ");
    return rc == TX_OK ? add_json_str(b, value) : rc;
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
        rc = add_json_str(b, w->src_lang);
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
        rc = add_json_member(b, 0, "source", s->source);
    if (rc == TX_OK)
        rc = tx_buf_addstr(b, "}, ");
    if (rc == TX_OK)
        rc = add_json_str(b, w->tgt_lang);
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
        if (rc == TX_OK && t->source)
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
                              const char *tgt_lang, tx_table_writer **out,
                              tx_error *err)
{
    const char *header[N_COLS];
    tx_table_writer *w;
    tx_status rc;
    int i;

    *out = NULL;
    if (!f || (fmt != TX_TABLE_CSV && fmt != TX_TABLE_TSV && fmt != TX_TABLE_JSON))
        return tx_fail(err, TX_EINVAL, "tx_table_writer_new: no file or unknown format");
    if (!valid_lang(src_lang) || !valid_lang(tgt_lang))
        return tx_fail(err, TX_EINVAL, "bad language code '%s' or '%s'",
                       src_lang ? src_lang : "", tgt_lang ? tgt_lang : "");
    if (same_word(src_lang, strlen(src_lang), tgt_lang))
        return tx_fail(err, TX_EINVAL, "source and target language are both '%s'",
                       src_lang);
    w = calloc(1, sizeof *w);
    if (!w)
        return tx_fail(err, TX_ENOMEM, "cannot allocate table writer");
    w->f = f;
    w->fmt = fmt;
    snprintf(w->src_lang, sizeof w->src_lang, "%s", src_lang);
    snprintf(w->tgt_lang, sizeof w->tgt_lang, "%s", tgt_lang);
    tx_buf_init(&w->out);
    if (fmt == TX_TABLE_JSON) {
        rc = tx_buf_addstr(&w->out, "[\n");
    } else {
        for (i = 0; i < N_COLS; i++)
            header[i] = col_names[i];
        header[COL_SRC] = w->src_lang;
        header[COL_TGT] = w->tgt_lang;
        rc = add_row(&w->out, fmt, header);
    }
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

/* Check that `s` (NULL allowed) is valid UTF-8. */
static tx_status check_utf8(const char *s, const char *id, const char *what, tx_error *err)
{
    size_t off;

    if (s && tx_utf8_check(s, strlen(s), &off) != TX_OK)
        return tx_fail(err, TX_EINPUT, "concept '%s': invalid UTF-8 in %s at byte %zu",
                       id, what, off);
    return TX_OK;
}

static tx_status check_term(const tx_concept_term *t, const char *id, tx_error *err)
{
    tx_status rc = check_utf8(t->text, id, "a term", err);

    if (rc == TX_OK)
        rc = check_utf8(t->status, id, "a status", err);
    if (rc == TX_OK)
        rc = check_utf8(t->pos, id, "a part of speech", err);
    if (rc == TX_OK)
        rc = check_utf8(t->context, id, "a context", err);
    return rc == TX_OK ? check_utf8(t->source, id, "a context source", err) : rc;
}

tx_status tx_table_write(tx_table_writer *w, const tx_concept *c, tx_error *err)
{
    char id_buf[32];
    char score[400];
    char freq[32];
    const char *id;
    const char *cells[N_COLS];
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
    rc = check_utf8(c->id, id_buf, "its id", err);
    for (i = 0; i < c->n_src && rc == TX_OK; i++)
        rc = check_term(&c->src[i], id, err);
    for (i = 0; i < c->n_tgt && rc == TX_OK; i++)
        rc = check_term(&c->tgt[i], id, err);
    if (rc != TX_OK)
        return rc;
    for (i = 0; i < c->n_tgt; i++)
        if (!c->tgt[i].text)
            return tx_fail(err, TX_EINVAL, "concept '%s': a target term has no text", id);

    format_score(c->score, score);
    snprintf(freq, sizeof freq, "%" PRIu64, c->freq);
    tx_buf_reset(&w->out);
    if (w->fmt == TX_TABLE_JSON) {
        rc = add_json_concept(w, c, id, score);
    } else {
        cells[COL_SRC] = c->src[0].text;
        cells[COL_TGT] = c->n_tgt ? c->tgt[0].text : NULL;
        cells[COL_STATUS] = c->src[0].status;
        cells[COL_SCORE] = score;
        cells[COL_FREQ] = freq;
        cells[COL_CONTEXT] = c->src[0].context;
        cells[COL_SOURCE] = c->src[0].source;
        cells[COL_POS] = c->src[0].pos;
        rc = add_row(&w->out, w->fmt, cells);
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
    free(w);
}

/* ---- reading ---- */

#define CHUNK 65536

typedef struct reader {
    const char *path;
    FILE *f;
    unsigned char chunk[CHUNK];
    size_t pos, len;
    int eof;                   /* nothing more to read into chunk */
    unsigned long long n_read; /* bytes read so far */
    int sep;                   /* ',' or '\t' */
    int quoting;               /* CSV: '"' quotes fields */
    unsigned long line;        /* line of the next byte */
    tx_buf data;               /* the current row's fields, each NUL-terminated */
    size_t start[TX_TABLE_MAX_FIELDS];        /* offset of each field in data */
    unsigned long field_line[TX_TABLE_MAX_FIELDS]; /* line each field starts on */
    size_t n_fields;
    unsigned long row_line;    /* line the current row starts on */
    int col_tgt_alt;           /* "<tgt>_alt": more target terms, " | "-separated */
} reader;

/* Make sure a byte is available; returns 0 at the end of the file. */
static int fill(reader *r, tx_error *err, tx_status *rc)
{
    size_t n;

    if (r->pos < r->len)
        return 1;
    if (r->eof)
        return 0;
    n = fread(r->chunk, 1, CHUNK, r->f);
    if (n < CHUNK) {
        if (ferror(r->f)) {
            *rc = tx_fail(err, TX_EIO, "%s: %s", r->path, strerror(errno));
            return 0;
        }
        r->eof = 1;
    }
    r->n_read += n;
    if (r->n_read > TX_TABLE_MAX_FILE) { /* not a regular file, or one that grew */
        *rc = tx_fail(err, TX_EINPUT, "%s: file larger than %llu bytes", r->path,
                      TX_TABLE_MAX_FILE);
        return 0;
    }
    r->pos = 0;
    r->len = n;
    return n > 0;
}

/* Lines end at LF, CRLF or a lone CR. */
static unsigned long count_lines(const char *s, size_t len)
{
    unsigned long n = 0;
    size_t i;

    for (i = 0; i < len; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
            n++;
    return n;
}

static tx_status end_field(reader *r, unsigned long line, tx_error *err)
{
    size_t start = r->start[r->n_fields];
    size_t off;

    if (tx_utf8_check(r->data.data + start, r->data.len - start, &off) != TX_OK)
        return tx_fail(err, TX_EINPUT, "%s:%lu: invalid UTF-8", r->path,
                       line + count_lines(r->data.data + start, off));
    if (tx_buf_addch(&r->data, '\0') != TX_OK)
        return tx_fail(err, TX_ENOMEM, "%s:%lu: out of memory", r->path, line);
    r->field_line[r->n_fields] = line;
    r->n_fields++;
    return TX_OK;
}

static tx_status begin_field(reader *r, tx_error *err)
{
    if (r->n_fields == TX_TABLE_MAX_FIELDS)
        return tx_fail(err, TX_EINPUT, "%s:%lu: more than %d fields", r->path,
                       r->row_line, TX_TABLE_MAX_FIELDS);
    if (tx_buf_grow(&r->data, 1) != TX_OK) /* data.data is never NULL after this */
        return tx_fail(err, TX_ENOMEM, "%s:%lu: out of memory", r->path, r->row_line);
    r->start[r->n_fields] = r->data.len;
    return TX_OK;
}

enum field_state { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED };

/* Read the next row into r->data and r->start.  At the end of the file, returns
 * TX_OK with r->n_fields == 0. */
static tx_status next_row(reader *r, tx_error *err)
{
    enum field_state state = FIELD_START;
    unsigned long field_line = r->line;
    tx_status rc = TX_OK;
    int any = 0;
    int c;

    tx_buf_reset(&r->data);
    r->n_fields = 0;
    r->row_line = r->line;
    if ((rc = begin_field(r, err)) != TX_OK)
        return rc;
    for (;;) {
        unsigned long line = r->line;

        if (!fill(r, err, &rc)) {
            if (rc != TX_OK)
                return rc;
            if (state == QUOTED)
                return tx_fail(err, TX_EINPUT, "%s:%lu: unterminated quoted field",
                               r->path, field_line);
            if (!any) {
                r->n_fields = 0;
                return TX_OK;
            }
            return end_field(r, field_line, err);
        }
        c = r->chunk[r->pos++];
        any = 1;
        if (c == '\n') {
            r->line++;
        } else if (c == '\r') {
            if (!fill(r, err, &rc) && rc != TX_OK)
                return rc;
            if (r->pos == r->len || r->chunk[r->pos] != '\n')
                r->line++; /* a lone CR ends a line; in CRLF the LF counts */
        }
        if (c == '\0')
            return tx_fail(err, TX_EINPUT, "%s:%lu: NUL byte (binary data?)", r->path, line);
        if (r->data.len - r->n_fields > TX_TABLE_MAX_ROW)
            return tx_fail(err, TX_EINPUT, "%s:%lu: row longer than %zu bytes%s", r->path,
                           r->row_line, TX_TABLE_MAX_ROW,
                           state == QUOTED ? " (unterminated quote?)" : "");

        if (state == QUOTED) {
            if (c == '"')
                state = QUOTE_IN_QUOTED;
            else if (tx_buf_addch(&r->data, (char)c) != TX_OK)
                return tx_fail(err, TX_ENOMEM, "%s:%lu: out of memory", r->path, line);
            continue;
        }
        if (state == QUOTE_IN_QUOTED && c == '"') {
            state = QUOTED;
            if (tx_buf_addch(&r->data, '"') != TX_OK)
                return tx_fail(err, TX_ENOMEM, "%s:%lu: out of memory", r->path, line);
            continue;
        }
        if (c == r->sep) {
            if ((rc = end_field(r, field_line, err)) != TX_OK ||
                (rc = begin_field(r, err)) != TX_OK)
                return rc;
            state = FIELD_START;
            field_line = line;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (c == '\r' && r->pos < r->len && r->chunk[r->pos] == '\n') {
                r->pos++; /* CRLF: the CR's lookahead made the LF available */
                r->line++;
            }
            return end_field(r, field_line, err);
        }
        if (state == QUOTE_IN_QUOTED)
            return tx_fail(err, TX_EINPUT, "%s:%lu: '%c' after a closing quote",
                           r->path, line, c >= 0x20 && c < 0x7F ? c : '?');
        if (state == FIELD_START && c == '"' && r->quoting) {
            state = QUOTED;
            continue;
        }
        /* A quote inside an unquoted field is taken literally, as spreadsheets do. */
        state = UNQUOTED;
        if (tx_buf_addch(&r->data, (char)c) != TX_OK)
            return tx_fail(err, TX_ENOMEM, "%s:%lu: out of memory", r->path, line);
    }
}

static char *field(reader *r, size_t i)
{
    return r->data.data + r->start[i];
}

/* Find the column of language `lang` in the (trimmed) header: a cell equal to it,
 * else one with the same primary subtag ("fr-FR" for "fr"), skipping column `not`. */
static int find_lang(reader *r, const char *lang, int not)
{
    size_t lang_primary = primary_len(lang, strlen(lang));
    size_t i;

    for (i = 0; i < r->n_fields; i++)
        if ((int)i != not && same_word(field(r, i), strlen(field(r, i)), lang))
            return (int)i;
    for (i = 0; i < r->n_fields; i++) {
        const char *cell = field(r, i);
        size_t k;

        if ((int)i == not || !lang_primary || primary_len(cell, strlen(cell)) != lang_primary)
            continue;
        for (k = 0; k < lang_primary; k++)
            if (ascii_lower((unsigned char)cell[k]) != ascii_lower((unsigned char)lang[k]))
                break;
        if (k == lang_primary)
            return (int)i;
    }
    /* SKOS-style thesaurus exports (EuroVoc): "fr_pref" holds the French term. */
    for (i = 0; i < r->n_fields; i++) {
        const char *cell = field(r, i);
        size_t n = strlen(lang);
        if ((int)i != not && strlen(cell) == n + 5 && strncasecmp(cell, lang, n) == 0 &&
            strcasecmp(cell + n, "_pref") == 0)
            return (int)i;
    }
    return COL_NONE;
}

/* Map header cells to columns: col[COL_x] is the field index, or COL_NONE. */
static tx_status read_header(reader *r, const char *src_lang, const char *tgt_lang,
                             int col[N_COLS], tx_error *err)
{
    size_t i;
    int k;

    for (i = 0; i < r->n_fields; i++) {
        char *cell = field(r, i);

        r->start[i] += (size_t)(trim(cell) - cell);
    }
    for (k = 0; k < N_COLS; k++)
        col[k] = COL_NONE;
    col[COL_SRC] = find_lang(r, src_lang, COL_NONE);
    col[COL_TGT] = find_lang(r, tgt_lang, col[COL_SRC]);
    if (col[COL_SRC] == COL_NONE || col[COL_TGT] == COL_NONE)
        return tx_fail(err, TX_EINPUT, "%s:%lu: no '%s' column in the header (the source "
                       "and target columns are named '%s' and '%s')", r->path,
                       r->row_line, col[COL_SRC] == COL_NONE ? src_lang : tgt_lang,
                       src_lang, tgt_lang);
    r->col_tgt_alt = COL_NONE;
    for (i = 0; i < r->n_fields; i++) {
        const char *cell = field(r, i);
        size_t n = strlen(tgt_lang);

        if ((int)i == col[COL_SRC] || (int)i == col[COL_TGT])
            continue;
        if (strlen(cell) == n + 4 && strncasecmp(cell, tgt_lang, n) == 0 &&
            strcasecmp(cell + n, "_alt") == 0) {
            r->col_tgt_alt = (int)i;
            continue;
        }
        for (k = COL_STATUS; k < N_COLS; k++)
            if (col[k] == COL_NONE &&
                (same_word(cell, strlen(cell), col_names[k]) ||
                 (k == COL_FREQ && same_word(cell, strlen(cell), "freq"))))
                col[k] = (int)i;
    }
    return TX_OK;
}

/* The cell of column `k` in the current row, or "" when the file has no such column. */
static char *cell(reader *r, const int col[N_COLS], int k)
{
    static char empty[1]; /* writable, for trim(); stays "" */

    return col[k] == COL_NONE ? empty : field(r, (size_t)col[k]);
}

static const char *or_null(const char *s)
{
    return *s ? s : NULL;
}

/* Build the concept of the current row and pass it to fn; *stop set when fn says so. */
static tx_status process_row(reader *r, const int col[N_COLS], size_t n_header,
                             const char *src_lang, const char *tgt_lang,
                             unsigned long *n_rows, tx_concept_fn fn, void *arg,
                             int *stop, tx_error *err)
{
    tx_concept_term src = { NULL, NULL, NULL, NULL, NULL, NULL };
    tx_concept_term tgt[TX_TABLE_MAX_ALT + 1];
    size_t n_tgt = 0;
    tx_concept c;
    char id[32];
    char *s;
    size_t i;

    for (i = 0; i < r->n_fields && !*field(r, i); i++)
        ;
    if (i == r->n_fields)
        return TX_OK; /* a blank line, or a spreadsheet's row of empty cells */
    if (r->n_fields != n_header)
        return tx_fail(err, TX_EINPUT, "%s:%lu: %zu fields, the header has %zu", r->path,
                       r->row_line, r->n_fields, n_header);

    memset(&c, 0, sizeof c);
    src.text = cell(r, col, COL_SRC);
    if (!*src.text)
        return tx_fail(err, TX_EINPUT, "%s:%lu: empty '%s' term", r->path,
                       r->field_line[col[COL_SRC]], src_lang);
    s = trim(cell(r, col, COL_STATUS));
    if (*s) {
        for (i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
            if (same_word(s, strlen(s), statuses[i]))
                src.status = statuses[i];
        if (!src.status)
            return tx_fail(err, TX_EINPUT, "%s:%lu: unknown status '%.*s' (approved, "
                           "candidate or rejected)", r->path,
                           r->field_line[col[COL_STATUS]], shown(s), s);
    }
    s = trim(cell(r, col, COL_SCORE));
    if (*s && !parse_score(s, &c.score))
        return tx_fail(err, TX_EINPUT, "%s:%lu: score '%.*s' is not a number", r->path,
                       r->field_line[col[COL_SCORE]], shown(s), s);
    s = trim(cell(r, col, COL_FREQ));
    if (*s && !parse_freq(s, &c.freq))
        return tx_fail(err, TX_EINPUT, "%s:%lu: frequency '%.*s' is not a whole number",
                       r->path, r->field_line[col[COL_FREQ]], shown(s), s);
    src.context = or_null(cell(r, col, COL_CONTEXT));
    src.source = or_null(cell(r, col, COL_SOURCE));
    src.pos = or_null(cell(r, col, COL_POS));
    memset(tgt, 0, sizeof tgt);
    tgt[0].text = cell(r, col, COL_TGT);
    n_tgt = *tgt[0].text ? 1 : 0;
    if (r->col_tgt_alt != COL_NONE) {
        /* alternative labels, " | "-separated, after the preferred one */
        char *p = field(r, (size_t)r->col_tgt_alt);
        while (*p && n_tgt < TX_TABLE_MAX_ALT + 1) {
            char *bar = strstr(p, " | ");
            if (bar)
                *bar = '\0';
            if (*trim(p))
                tgt[n_tgt++].text = trim(p);
            if (!bar)
                break;
            p = bar + 3;
        }
    }

    (*n_rows)++;
    snprintf(id, sizeof id, "c%lu", *n_rows);
    c.id = id;
    c.src_lang = src_lang;
    c.tgt_lang = tgt_lang;
    c.src = &src;
    c.n_src = 1;
    c.tgt = tgt;
    c.n_tgt = n_tgt;
    if (fn && fn(&c, arg) != 0)
        *stop = 1;
    return TX_OK;
}

tx_status tx_table_read(const char *path, tx_table_format fmt, const char *src_lang,
                        const char *tgt_lang, tx_concept_fn fn, void *arg,
                        tx_error *err)
{
    int col[N_COLS];
    size_t n_header;
    unsigned long n_rows = 0;
    struct stat st;
    reader *r;
    tx_status rc = TX_OK;
    int stop = 0;

    if (!path || !*path)
        return tx_fail(err, TX_EINVAL, "tx_table_read: no path");
    if (fmt != TX_TABLE_CSV && fmt != TX_TABLE_TSV)
        return tx_fail(err, TX_EINVAL, "%s: only CSV and TSV can be read", path);
    if (!valid_lang(src_lang) || !valid_lang(tgt_lang) ||
        same_word(src_lang, strlen(src_lang), tgt_lang))
        return tx_fail(err, TX_EINVAL, "%s: bad language pair '%s', '%s'", path,
                       src_lang ? src_lang : "", tgt_lang ? tgt_lang : "");
    r = calloc(1, sizeof *r);
    if (!r)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", path);
    r->path = path;
    r->sep = fmt == TX_TABLE_CSV ? ',' : '\t';
    r->quoting = fmt == TX_TABLE_CSV;
    r->line = 1;
    tx_buf_init(&r->data);

    r->f = fopen(path, "rb");
    if (!r->f) {
        rc = tx_fail(err, TX_EIO, "%s: %s", path, strerror(errno));
        goto done;
    }
    if (fstat(fileno(r->f), &st) != 0) {
        rc = tx_fail(err, TX_EIO, "%s: %s", path, strerror(errno));
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        rc = tx_fail(err, TX_EIO, "%s: %s", path, strerror(EISDIR));
        goto done;
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > TX_TABLE_MAX_FILE) {
        rc = tx_fail(err, TX_EINPUT, "%s: file larger than %llu bytes", path,
                     TX_TABLE_MAX_FILE);
        goto done;
    }
    if (fill(r, err, &rc) && r->len >= 3 && memcmp(r->chunk, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
    if (rc != TX_OK)
        goto done;

    if ((rc = next_row(r, err)) != TX_OK)
        goto done;
    if (r->n_fields == 0) {
        rc = tx_fail(err, TX_EINPUT, "%s: empty file (no header row)", path);
        goto done;
    }
    if ((rc = read_header(r, src_lang, tgt_lang, col, err)) != TX_OK)
        goto done;
    n_header = r->n_fields;
    while (!stop) {
        if ((rc = next_row(r, err)) != TX_OK || r->n_fields == 0)
            break;
        rc = process_row(r, col, n_header, src_lang, tgt_lang, &n_rows, fn, arg, &stop,
                         err);
        if (rc != TX_OK)
            break;
    }
done:
    if (r->f)
        fclose(r->f);
    tx_buf_release(&r->data);
    free(r);
    return rc;
}
