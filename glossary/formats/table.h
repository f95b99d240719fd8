/* table.h: the glossary as a spreadsheet (CSV, TSV) or as JSON, and back.
 *
 * The plain exchange formats beside TBX: one row per concept, the entry's term
 * and its best translation, for people who work in a spreadsheet; JSON for
 * programs.  Writing streams (one concept at a time); so does reading, row by
 * row, so memory does not grow with the file.  Files are written in UTF-8, and
 * read in UTF-8, or in UTF-16 or UTF-32 with a BOM (a spreadsheet's "Unicode
 * text").
 *
 * CSV and TSV columns, in this order (the header row names them):
 *
 *     <src>,<tgt>,status,score,frequency,context,source,pos
 *
 * <src> and <tgt> are the language codes ("fr", "en"): the source term and its
 * best translation (empty: none).  status, context, source (where the context
 * comes from) and pos are the source term's (src[0]); score is printed "%.4f",
 * frequency as an integer.  Unknown values are empty cells, except score and
 * frequency, which print 0.  Numbers always use '.' whatever the C locale.
 *
 * Reading takes the columns by header name, in any order, case-insensitively,
 * so a file saved by a spreadsheet with columns moved or added comes back.
 *
 * Spreadsheet formulas (OWASP "CSV injection"): a spreadsheet runs a cell that
 * starts with =, +, -, @ (or, in CSV, a tab or CR).  The writer puts a ' before
 * every text cell (all but score and frequency: the two terms, status, context,
 * source, pos) that matches ^'*[=+\-@\t\r], which spreadsheets show as text,
 * and the reader takes one ' off the same cells when they match ^'+[=+\-@\t\r].
 * Quotes already there are counted in, so the round trip is exact: "=x" is
 * written "'=x", "'=x" is written "''=x", "'x" stays "'x". */
#ifndef TX_TABLE_H
#define TX_TABLE_H

#include <stdio.h>

#include "concept.h"
#include "tx.h"

typedef enum tx_table_format { TX_TABLE_CSV, TX_TABLE_TSV, TX_TABLE_JSON } tx_table_format;

/* Reading limits: a larger file is refused (TX_EINPUT) before anything is read,
 * as is a row (header included) holding more bytes or fields than these. */
#define TX_TABLE_MAX_FILE ((unsigned long long)1 << 30) /* 1 GiB */
#define TX_TABLE_MAX_ROW ((size_t)1 << 20)              /* 1 MiB */
#define TX_TABLE_MAX_FIELDS 256

typedef struct tx_table_writer tx_table_writer;

/* Start writing on `f` (borrowed: it must stay open until tx_table_writer_free(),
 * and the caller closes it).  CSV: RFC 4180 (comma, CRLF line ends, fields
 * quoted when they hold a comma, quote, CR or LF, quotes doubled), UTF-8
 * without BOM, a header row.  TSV: tab-separated, LF, a header row; a tab, CR,
 * LF or CRLF inside a field becomes one space (TSV has no quoting:
 * tx_escape_tsv()).  The header
 * row is written here.  JSON: a top-level array, one object per concept, one per
 * line:
 *
 *     {"id": "c1", "fr": {"term": ..., "status": ..., "pos": ..., "context": ...,
 *      "source": ...}, "en": [{"term": ..., "status": ...}, ...],
 *      "score": 12.5000, "frequency": 3}
 *
 * The source object always has its five keys (null when unknown); a target
 * object has "term" and "status" (maybe null), and "pos", "context", "source"
 * only when known.  Strings are escaped as tx_escape_json() says (RFC 8259: "
 * and \ with a backslash, control characters as \u00XX, and U+2028, U+2029 for
 * JavaScript); other non-ASCII characters stay UTF-8.
 * `src_lang` and `tgt_lang` must differ, and be made of ASCII letters, digits,
 * '-' and '_' (they name header cells and JSON keys).  Returns TX_OK with *out
 * owned by the caller (tx_table_writer_free()), TX_EINVAL, TX_ENOMEM, or TX_EIO
 * when the header cannot be written. */
tx_status tx_table_writer_new(FILE *f, tx_table_format fmt, const char *src_lang,
                              const char *tgt_lang, tx_table_writer **out,
                              tx_error *err);

/* Write one concept (borrowed; nothing is kept).  CSV/TSV: one row, with the
 * best translation (tgt[0]) only, text cells escaped as formulas need (see the
 * top of this file).  A concept without an id is given "c<N>", N counting the
 * concepts written.  Text that cannot be written as it is, is repaired rather
 * than refused, so that one damaged row never stops an export: each byte that
 * starts no valid UTF-8 sequence becomes U+FFFD; so do, in CSV and TSV, the
 * characters XML forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF:
 * tx_text_clean()), which JSON escapes exactly instead (\u0001, \ufffe).  The
 * output is then valid UTF-8 that tx_table_read() accepts.  Errors: TX_EINVAL
 * (no source term, a target term without text, a score that is not finite;
 * nothing written), TX_ENOMEM, TX_EIO when writing fails. */
tx_status tx_table_write(tx_table_writer *w, const tx_concept *c, tx_error *err);

/* End the output (JSON: close the array) and flush `f`; `w` still needs
 * tx_table_writer_free() and `f` stays the caller's to close.  TX_EIO when this or
 * an earlier write failed (a full disk shows up here at the latest). */
tx_status tx_table_writer_finish(tx_table_writer *w, tx_error *err);

/* Free the writer (not its file).  NULL is a no-op. */
void tx_table_writer_free(tx_table_writer *w);

/* Read the CSV or TSV file at `path` (fmt TX_TABLE_CSV or TX_TABLE_TSV; JSON is
 * not read: TX_EINVAL) written as above or by a spreadsheet, calling `fn` once
 * per row.  A header row is required.  Columns are found by header name
 * (case-insensitive, spaces around ignored): the source and target terms under
 * the language codes `src_lang` and `tgt_lang` (a header "fr-FR" serves "fr"
 * when no cell is exactly "fr"), both required; status, score, frequency (or
 * freq), context, source and pos optional; other columns ignored.
 *
 * CSV per RFC 4180: quoted fields with commas, doubled quotes and line breaks
 * (kept as they are), CRLF, LF or CR line ends, a quote inside an unquoted field
 * taken literally; a CSV whose first line holds a tab and no comma is read with
 * tabs for commas (a spreadsheet's "Unicode text" export, whatever its name).
 * TSV: fields split at tabs, no quoting.  A UTF-8 BOM is skipped; a UTF-16 or
 * UTF-32 BOM (LE or BE) has the file converted to UTF-8 as it is read (lines
 * count the same); rows whose cells are all empty are skipped.  Cells are
 * given as written, white space included (the importer folds it in terms),
 * but for the formula escape taken off (see the top of this file).
 *
 * Each concept has id "c<N>", N the row number (1-based, header and skipped
 * rows excluded), `src_lang` and `tgt_lang` as given, one source term with
 * status, pos, context and source (NULL for empty cells), and its target
 * terms with only their text: the target cell's (none when it is empty), then
 * up to 16 alternatives from a "<tgt>_alt" column, " | "-separated (EuroVoc's
 * layout, whose "<lang>_pref" columns also name the two term columns).  Status cells are
 * "approved", "candidate" or "rejected" in any case; score and frequency empty
 * cells read as 0.  The concept's line is the line its row starts on.  The
 * concept and its strings are valid during the call only.
 * A non-zero return from `fn` stops the reading (TX_OK).
 *
 * Errors, TX_EINPUT with "PATH:LINE: ..." (LINE counting physical lines, 1 being
 * the header, or the BOM's line): invalid UTF-8, or an invalid UTF-16/UTF-32
 * sequence (the line of the bad byte), a character XML forbids in any cell
 * ("control character U+0001 is not allowed in a glossary", also U+FFFE and
 * U+FFFF: tx_text_find_bad(); tab, CR and LF are allowed, DEL and C1 controls
 * too), a NUL byte (binary data), an unterminated quote (the line where it
 * opened), a character after a closing quote, a row with fewer or more fields than the
 * header, an empty source term, a status, score or frequency that is not one,
 * a row or header over the limits above, a header without the two language
 * columns; "PATH: ..." for a file larger than 1 GiB or without a header.
 * TX_EIO when the file cannot be read, TX_ENOMEM.  Rows before the error have
 * been passed to `fn`. */
tx_status tx_table_read(const char *path, tx_table_format fmt, const char *src_lang,
                        const char *tgt_lang, tx_concept_fn fn, void *arg,
                        tx_error *err);

/* tx_read_lines() (tx.h), for small lists, is defined in table.c too. */

#endif
