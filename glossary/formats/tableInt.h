/* tableInt.h: what the CSV/TSV reader (table.c: bytes to rows; tablehead.c:
 * the header; tablesheet.c: rows to concepts) and writer (tablewrite.c) share: the columns of the review sheet and their header
 * names, the language codes a header may hold, the decimal point, the
 * formula rule, the byte reader.  Internal to those files. */
#ifndef TX_TABLEINT_H
#define TX_TABLEINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "decode.h"
#include "table.h"

/* Columns of the review sheet, in the order they are written.  COL_SRC is
 * the entry form ("term"), COL_TGT a translation ("translation"); the
 * translation_* columns are that translation's, the others the term's. */
enum column {
    COL_ID, COL_SRC, COL_STATUS, COL_TGT, COL_TR_STATUS, COL_TR_NOTE,
    COL_NOTE, COL_DEFINITION, COL_DOMAIN, COL_POS, COL_USAGE, COL_GENDER, COL_GEO,
    COL_TYPE, COL_SCORE, COL_FREQ, COL_CONTEXT, COL_SOURCE,
    N_COLS,
    COL_NONE = -1
};

/* Header names of the columns, as written. */
extern const char *const tx_table_col_names[N_COLS];

/* Is column `k` text (escaped against formulas), rather than a number or id? */
int tx_table_text_col(int k);

/* Would a spreadsheet take the cell `s` for a formula, after the file's own
 * rewriting (TSV turns a tab, CR or LF into a space)?  ^'*[=+\-@\t\r] (the
 * tab and CR in CSV only): see table.h. */
int tx_table_runs_as_formula(const char *s, tx_table_format fmt);

/* Language codes become JSON keys, so they must need no quoting: 1 when `s`
 * is 1 to 64 ASCII letters, digits, '-' and '_'. */
int tx_table_valid_lang(const char *s);

/* The C locale's decimal point, which printf("%f") writes and strtod() reads. */
const char *tx_table_locale_point(void);

/* Map the header `cells` (n of them, trimmed) to columns: col[COL_x] is the
 * index of the cell, or COL_NONE; *col_alt that of "<tgt>_alt"; kept[i] is
 * set to 1 for each cell given a column.  Returns 0, or -1 when the header
 * has no term column, or no translation column and no id column. */
int tx_table_map_header(char *const *cells, size_t n, const char *src_lang,
                        const char *tgt_lang, int col[N_COLS], int *col_alt,
                        unsigned char *kept);

/* The language a header cell names ("English", "français", "Deutsch"), as a
 * primary language subtag ("en"), or NULL. */
const char *tx_table_lang_name(const char *cell);

/* What a header without the columns should have had, for the message. */
void tx_table_expected(const char *src_lang, const char *tgt_lang, char *out,
                       size_t size);

/* ---- the byte reader (table.c) ---- */

#define TX_TABLE_CHUNK 65536

/* A file read a row of fields at a time (CSV or tab-separated). */
typedef struct tx_table_reader {
    const char *path;
    FILE *f;
    unsigned char chunk[TX_TABLE_CHUNK];  /* bytes as read from the file */
    size_t raw_len;              /* bytes in chunk */
    const unsigned char *bytes;  /* what is parsed: chunk, or conv_out's UTF-8 */
    size_t pos, len;
    int eof;                     /* nothing more to read into chunk */
    unsigned long long n_read;   /* bytes read so far */
    unsigned long long max_file; /* more is refused */
    const char *charset;         /* from the BOM: "UTF-16LE", ...; NULL for UTF-8 */
    tx_utf8_stream *conv;        /* converts chunk when charset is set */
    tx_buf conv_out;
    int conv_failed;             /* conv_out ends where an invalid sequence starts */
    int sep;                     /* ',' or '\t' */
    int quoting;                 /* CSV: '"' quotes fields */
    unsigned long line;          /* line of the next byte */
    tx_buf data;                 /* the current row's fields, each NUL-terminated */
    size_t start[TX_TABLE_MAX_FIELDS];        /* offset of each field in data */
    unsigned long field_line[TX_TABLE_MAX_FIELDS]; /* line each field starts on */
    size_t n_fields;
    unsigned long row_line;      /* line the current row starts on */
    int borrowed;                /* f is the caller's: not closed */
} tx_table_reader;

/* Open r->path (or read r->f when the caller set it and r->borrowed) for
 * reading; a byte order mark decides the encoding.  r->path, r->line, r->sep
 * and r->quoting are set by the caller.  TX_OK with the first bytes ready;
 * tx_table_reader_close() in every case. */
tx_status tx_table_reader_open(tx_table_reader *r, unsigned long long max_file,
                               tx_error *err);
void tx_table_reader_close(tx_table_reader *r);

/* Read the next row into r->data and r->start.  At the end of the file,
 * returns TX_OK with r->n_fields == 0. */
tx_status tx_table_next_row(tx_table_reader *r, tx_error *err);

/* Field `i` of the current row. */
static inline char *tx_table_field(tx_table_reader *r, size_t i)
{
    return r->data.data + r->start[i];
}

/* Parse a decimal number ("12", "-0.5", "1.5e3"; not "nan", "inf" or hex) with
 * '.' for decimal point.  Returns 1 and sets *out, or 0. */
int tx_table_parse_score(const char *s, double *out);
/* Parse a non-negative integer ("+" allowed).  Returns 1 and sets *out, or 0. */
int tx_table_parse_freq(const char *s, uint64_t *out);
/* Strip ASCII spaces and tabs from both ends of `s`, in place. */
char *tx_table_trim(char *s);

#endif
