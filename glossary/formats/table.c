/* table.c: reading CSV (RFC 4180) and tab-separated files into rows of
 * fields; tablesheet.c makes concepts of them, tablewrite.c is the writer.
 *
 * The reader is a byte-at-a-time state machine over
 * a fixed chunk buffer (UTF-16 and UTF-32 converted chunk by chunk); it keeps
 * one row at a time, capped in size, so memory does not depend on the file.
 * Numbers are written and read with '.' whatever LC_NUMERIC says: a file made
 * under a French locale must read back under any other.  The same reading
 * machinery serves bounded text files read line by line (dictionaries). */
#define _POSIX_C_SOURCE 200809L /* fileno(), fstat() */
#include "table.h"

#include <errno.h>
#include <inttypes.h>
#include <locale.h> /* localeconv(): the decimal point printf and strtod use */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "decode.h"
#include "error.h"
#include "tableInt.h"

int tx_table_valid_lang(const char *s)
{
    if (!s || !*s || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
            return 0;
    return 1;
}

const char *tx_table_locale_point(void)
{
    const char *dp = localeconv()->decimal_point;

    return dp && *dp ? dp : ".";
}

/* Parse a decimal number ("12", "-0.5", "1.5e3"; not "nan", "inf" or hex) with
 * '.' for decimal point.  Returns 1 and sets *out, or 0. */int tx_table_parse_score(const char *s, double *out)
{
    const char *dp = tx_table_locale_point();
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
int tx_table_parse_freq(const char *s, uint64_t *out)
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
char *tx_table_trim(char *s)
{
    size_t len;

    while (*s == ' ' || *s == '\t')
        s++;
    len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        s[--len] = '\0';
    return s;
}


/* Read the next piece of the file into chunk; 0 at its end or on error (*rc). */
static int read_raw(tx_table_reader *r, tx_error *err, tx_status *rc)
{
    size_t n = fread(r->chunk, 1, TX_TABLE_CHUNK, r->f);

    if (n < TX_TABLE_CHUNK) {
        if (ferror(r->f)) {
            *rc = tx_fail(err, TX_EIO, "%s: %s", r->path, strerror(errno));
            return 0;
        }
        r->eof = 1;
    }
    r->n_read += n;
    if (r->n_read > r->max_file) { /* not a regular file, or one that grew */
        *rc = tx_fail(err, TX_EINPUT, "%s: file larger than %llu bytes", r->path,
                      r->max_file);
        return 0;
    }
    r->raw_len = n;
    return 1;
}

/* Make chunk[skip..] the bytes to parse, converted to UTF-8 when the file is
 * UTF-16 or UTF-32.  A conversion error is reported by fill() once the text
 * before it is parsed, so that it names the line it is on. */
static int decode_raw(tx_table_reader *r, size_t skip, tx_error *err, tx_status *rc)
{
    tx_status crc;

    r->pos = 0;
    if (!r->conv) {
        r->bytes = r->chunk;
        r->pos = skip;
        r->len = r->raw_len;
        return 1;
    }
    tx_buf_reset(&r->conv_out);
    crc = tx_utf8_stream_convert(r->conv, (const char *)r->chunk + skip,
                                 r->raw_len - skip, r->eof, &r->conv_out);
    if (crc == TX_EINPUT) {
        r->conv_failed = 1;
    } else if (crc != TX_OK) {
        *rc = tx_fail(err, crc, "%s:%lu: cannot convert from %s: %s", r->path, r->line,
                      r->charset, tx_strerror(crc));
        return 0;
    }
    r->bytes = (const unsigned char *)r->conv_out.data;
    r->len = r->conv_out.len;
    return 1;
}

/* Make sure a byte is available; returns 0 at the end of the file, or on error
 * with *rc set. */
static int fill(tx_table_reader *r, tx_error *err, tx_status *rc)
{
    while (r->pos >= r->len) {
        if (r->conv_failed) {
            *rc = tx_fail(err, TX_EINPUT, "%s:%lu: invalid %s", r->path, r->line,
                          r->charset);
            return 0;
        }
        if (r->eof || !read_raw(r, err, rc) || !decode_raw(r, 0, err, rc))
            return 0;
    }
    return 1;
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

/* Open `path` for reading through r (set up by the caller: path, line); a
 * byte order mark decides the encoding.  TX_OK with the first bytes ready. */
tx_status tx_table_reader_open(tx_table_reader *r, unsigned long long max_file, tx_error *err)
{
    struct stat st;
    tx_status rc = TX_OK;
    size_t bom = 0;

    r->max_file = max_file;
    tx_buf_init(&r->data);
    tx_buf_init(&r->conv_out);
    if (!r->f)
        r->f = fopen(r->path, "rb");
    if (!r->f || fstat(fileno(r->f), &st) != 0)
        return tx_fail(err, TX_EIO, "%s: %s", r->path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return tx_fail(err, TX_EIO, "%s: %s", r->path, strerror(EISDIR));
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max_file)
        return tx_fail(err, TX_EINPUT, "%s: file larger than %llu bytes", r->path,
                       max_file);
    if (!read_raw(r, err, &rc))
        return rc;
    r->charset = tx_decode_bom((const char *)r->chunk, r->raw_len, &bom);
    if (r->charset && strcmp(r->charset, "UTF-8") == 0) {
        r->charset = NULL;
    } else if (r->charset) {
        rc = tx_utf8_stream_new(r->charset, &r->conv);
        if (rc != TX_OK)
            return tx_fail(err, rc, "%s: cannot read %s: %s", r->path, r->charset,
                           tx_strerror(rc));
    }
    if (!decode_raw(r, bom, err, &rc))
        return rc;
    return TX_OK;
}

void tx_table_reader_close(tx_table_reader *r)
{
    if (r->f && !r->borrowed)
        fclose(r->f);
    r->f = NULL;
    tx_utf8_stream_free(r->conv);
    r->conv = NULL;
    tx_buf_release(&r->data);
    tx_buf_release(&r->conv_out);
}

static tx_status end_field(tx_table_reader *r, unsigned long line, tx_error *err)
{
    size_t start = r->start[r->n_fields];
    const char *s = r->data.data + start;
    size_t len = r->data.len - start;
    size_t off;
    uint32_t cp;

    if (tx_utf8_check(s, len, &off) != TX_OK)
        return tx_fail(err, TX_EINPUT, "%s:%lu: invalid UTF-8", r->path,
                       line + count_lines(s, off));
    /* What TBX could not carry is refused here, where its line is known. */
    if (tx_text_find_bad(s, len, &off, &cp))
        return tx_fail(err, TX_EINPUT, "%s:%lu: %s U+%04X is not allowed in a glossary",
                       r->path, line + count_lines(s, off),
                       cp < 0x20 ? "control character" : "non-character", (unsigned)cp);
    if (tx_buf_addch(&r->data, '\0') != TX_OK)
        return tx_fail(err, TX_ENOMEM, "%s:%lu: out of memory", r->path, line);
    r->field_line[r->n_fields] = line;
    r->n_fields++;
    return TX_OK;
}

static tx_status begin_field(tx_table_reader *r, tx_error *err)
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
tx_status tx_table_next_row(tx_table_reader *r, tx_error *err)
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
        c = r->bytes[r->pos++];
        any = 1;
        if (c == '\n') {
            r->line++;
        } else if (c == '\r') {
            if (!fill(r, err, &rc) && rc != TX_OK)
                return rc;
            if (r->pos == r->len || r->bytes[r->pos] != '\n')
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
            if (c == '\r' && r->pos < r->len && r->bytes[r->pos] == '\n') {
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

/* ---- text files line by line ---- */

tx_status tx_read_lines(const char *path, unsigned long long max_bytes, tx_line_fn fn,
                        void *arg, tx_error *err)
{
    tx_table_reader *r;
    tx_status rc = TX_OK;
    int stop = 0;

    if (!path || !*path || !fn)
        return tx_fail(err, TX_EINVAL, "tx_read_lines: no path or callback");
    r = calloc(1, sizeof *r);
    if (!r)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", path);
    r->path = path;
    r->line = 1;
    if ((rc = tx_table_reader_open(r, max_bytes, err)) != TX_OK)
        goto done;
    while (!stop) {
        unsigned long line = r->line;
        size_t off;
        int c = -1;
        int more;

        tx_buf_reset(&r->data);
        while ((more = fill(r, err, &rc)) != 0) {
            c = r->bytes[r->pos++];
            if (c == '\n' || c == '\r')
                break;
            if (c == '\0') {
                rc = tx_fail(err, TX_EINPUT, "%s:%lu: NUL byte (binary data?)", path,
                             line);
                goto done;
            }
            if (r->data.len >= TX_TABLE_MAX_ROW) {
                rc = tx_fail(err, TX_EINPUT, "%s:%lu: line longer than %zu bytes", path,
                             line, TX_TABLE_MAX_ROW);
                goto done;
            }
            if (tx_buf_addch(&r->data, (char)c) != TX_OK) {
                rc = tx_fail(err, TX_ENOMEM, "%s:%lu: out of memory", path, line);
                goto done;
            }
        }
        if (rc != TX_OK)
            goto done;
        if (!more && r->data.len == 0)
            break; /* the end, after a line end or in an empty file */
        if (c == '\r' && fill(r, err, &rc) && r->bytes[r->pos] == '\n')
            r->pos++;
        if (rc != TX_OK)
            goto done;
        r->line++;
        if (tx_buf_grow(&r->data, 0) != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "%s:%lu: out of memory", path, line);
            goto done;
        }
        if (tx_utf8_check(r->data.data, r->data.len, &off) != TX_OK) {
            rc = tx_fail(err, TX_EINPUT, "%s:%lu: invalid UTF-8", path, line);
            goto done;
        }
        stop = fn(r->data.data, r->data.len, line, arg) != 0;
        if (!more)
            break;
    }
done:
    tx_table_reader_close(r);
    free(r);
    return rc;
}
