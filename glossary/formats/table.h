/* table.h: the glossary as a spreadsheet (CSV, TSV: the review sheet), as
 * OmegaT's glossary file or as JSON, and back.
 *
 * Writing streams (one concept at a time); so does reading, row by row, so
 * memory does not grow with the file.  Files are written in UTF-8 (a BOM on
 * request), and read in UTF-8, or in UTF-16 or UTF-32 with a BOM (a
 * spreadsheet's "Unicode text").
 *
 * The review sheet (CSV and TSV; docs/review.md, "The review sheet").  Columns,
 * in this order, named by the header row:
 *
 *     id,term,status,translation,translation_status,translation_note,note,
 *     definition,domain,pos,usage,gender,geo,type,score,freq,context,source
 *
 * id is the glossary's term id (tx_concept.term_id; empty when unknown), by
 * which an import applies the row's edits; term the entry form; status the
 * term's (approved, candidate, rejected); translation one translation with
 * its own status (approved, forbidden, candidate) and note; then the term's
 * fields (definition and domain the concept's); score "%.4f", freq an integer,
 * context an example sentence and source where it comes from.
 *
 * Several translations: one row per translation, best first, in adjacent
 * rows that repeat the id and the term; the term's own cells (status, note
 * ... source) are written on the first row only and left empty on the others.
 * (Rather than translation_2, translation_2_status, ... columns: their number
 * is not known when the header is written, and a row per translation sorts
 * and filters in a spreadsheet.)  The reader takes adjacent rows with the
 * same id and term, whose term cells are empty or the first row's, as one
 * concept (without an id, rows whose other cells are all empty, as the
 * writer leaves them); an id seen again elsewhere is an error (keep a
 * term's rows together: sort by id or term).
 *
 * Spreadsheet formulas (OWASP "CSV injection"): a spreadsheet runs a cell that
 * starts with =, +, -, @ (or, in CSV, a tab or CR).  The writer puts a ' before
 * every text cell (all but id, score and freq) that matches ^'*[=+\-@\t\r],
 * which spreadsheets show as text, and the reader takes one ' off the same
 * cells when they match ^'+[=+\-@\t\r].  Quotes already there are counted in,
 * so the round trip is exact: "=x" is written "'=x", "'=x" is written "''=x",
 * "'x" stays "'x".
 *
 * OmegaT's glossary (TX_TABLE_OMEGAT, ".txt" or ".utf8"): tab-separated, no
 * header, each line "source<TAB>target<TAB>comment" (the comment optional),
 * lines starting with '#' comments.  No formula escape (no spreadsheet opens
 * it). */
#ifndef TX_TABLE_H
#define TX_TABLE_H

#include <stdio.h>

#include "concept.h"
#include "tx.h"

typedef enum tx_table_format {
    TX_TABLE_CSV, TX_TABLE_TSV, TX_TABLE_JSON,
    TX_TABLE_OMEGAT, /* OmegaT's glossary: tab-separated, no header */
    TX_TABLE_TEXT    /* reading only: a ".txt", a review sheet (tab- or
                      * comma-separated, as a spreadsheet saves "Unicode text")
                      * when its first line is a header, else OmegaT's */
} tx_table_format;

/* Writer flags. */
#define TX_TABLE_BOM 1u       /* start with a UTF-8 byte-order mark (not JSON) */
#define TX_TABLE_NO_SOURCE 2u /* leave the source column (where a context comes
                               * from) empty */

/* Reading limits: a larger file is refused (TX_EINPUT) before anything is read,
 * as is a row (header included) holding more bytes or fields than these. */
#define TX_TABLE_MAX_FILE ((unsigned long long)1 << 30) /* 1 GiB */
#define TX_TABLE_MAX_ROW ((size_t)1 << 20)              /* 1 MiB */
#define TX_TABLE_MAX_FIELDS 256

typedef struct tx_table_writer tx_table_writer;

/* Start writing on `f` (borrowed: it must stay open until tx_table_writer_free(),
 * and the caller closes it), with `flags` (TX_TABLE_BOM, TX_TABLE_NO_SOURCE).
 * CSV: RFC 4180 (comma, CRLF line ends, fields quoted when they hold a comma,
 * quote, CR or LF, quotes doubled), UTF-8, a header row.  TSV: tab-separated,
 * LF, a header row; a tab, CR, LF or CRLF inside a field becomes one space
 * (TSV has no quoting: tx_escape_tsv()).  OmegaT: as TSV, no header but a
 * '#' comment line.  The header row is written here.  JSON: a top-level array, one object per concept, one per
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
                              const char *tgt_lang, unsigned flags,
                              tx_table_writer **out, tx_error *err);

/* Write one concept (borrowed; nothing is kept).  CSV/TSV: its rows (one per
 * translation, see the top of this file), text cells escaped as formulas
 * need.  OmegaT: a line per translation but forbidden ones, none for a
 * rejected term or one without translation.  A concept without an id is given "c<N>", N counting the
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

/* Where and how tx_table_read_from() reads. */
typedef struct tx_table_in {
    const char *path;      /* the file, and the name in messages */
    FILE *f;               /* if set, read from it instead (borrowed, not
                            * closed; stdin): `path` only names it */
    tx_table_format fmt;   /* CSV, TSV, OMEGAT or TEXT */
    const char *src_lang;  /* the language of the terms ("fr") */
    const char *tgt_lang;  /* of the translations ("en") */
    tx_notice_fn notice;   /* NULL, or told once of each column not kept
                            * ("sheet.csv: column 'comments' not kept") */
    void *notice_arg;
    /* Header names to read as language tags: each "NAME=TAG" ("xx=en"), a
     * header cell NAME (case aside) standing for TAG; may be NULL. */
    const char *const *lang_map;
    size_t n_lang_map;
} tx_table_in;

/* Read a CSV, TSV or OmegaT file (JSON is not read: TX_EINVAL) written as
 * above or by a spreadsheet, calling `fn` once per concept.
 *
 * CSV and TSV need a header row.  Columns are found by header name
 * (case-insensitive, spaces around ignored, '_' and '-' as a space; tablehead.c):
 * the term column is "term", "source term", the language code `src_lang`
 * ("fr"; "fr-FR" serves when no cell is exactly "fr"), "<src>_pref" or the
 * language's name ("French", "français"); the translation column
 * "translation", "target term", "target", the code, "<tgt>_pref" or the name
 * of `tgt_lang`; with "target", a "source" column is the term (po2csv's
 * location,source,target), else where the context comes from.  The term
 * column is required, and the translation column unless there is an id
 * column; without them: TX_EINPUT naming what was expected.  The other
 * columns of the sheet are optional (also "frequency", "part of speech",
 * "subject field", ...), in any order; a column not kept is told once through
 * `notice`.
 *
 * CSV per RFC 4180: quoted fields with commas, doubled quotes and line breaks
 * (kept as they are), CRLF, LF or CR line ends, a quote inside an unquoted field
 * taken literally; a CSV whose first line holds a tab and no comma is read with
 * tabs for commas (a spreadsheet's "Unicode text" export, whatever its name).
 * TSV and OmegaT: fields split at tabs, no quoting.  A UTF-8 BOM is skipped; a
 * UTF-16 or UTF-32 BOM (LE or BE) has the file converted to UTF-8 as it is
 * read (lines count the same); rows whose cells are all empty are skipped.
 * Cells are given as written, white space included (the importer folds it in
 * terms), but for the formula escape taken off (CSV and TSV: see the top of
 * this file).
 *
 * Each concept has id "c<N>", N counting concepts; `src_lang` and `tgt_lang`
 * as given; term_id from the id cell (a whole number, "#12" too; 0 when
 * empty); one source term with status, pos, context, source, note, usage,
 * gender, geo and type; definition and domain; and its target terms: the
 * translation cell of each of its rows (none when empty) with its status and
 * note, then up to 16 alternatives from a "<tgt>_alt" column, " | "-separated
 * (EuroVoc's layout).  An empty cell is NULL, but for the review fields (note,
 * definition, domain, usage, gender, geo, type, translation_note) of a column
 * the file has: "" there says "none" (a reviewer emptied it), NULL "not said".
 * Term statuses: approved, candidate, rejected; translation statuses:
 * approved, candidate, forbidden ("rejected" too, read as forbidden), any
 * case.  A translation without a status of its own is approved when the
 * term is approved or has no status, else a candidate: a status column is
 * the term's, and never makes a rejected pairing an approved translation.
 * Score and frequency empty cells read as 0.  OmegaT: the first cell is the
 * term, the second its translation, the third the term's note; statuses are
 * not said.  The concept's line is the line its first row starts on.  The
 * concept and its strings are valid during the call only.  A non-zero return
 * from `fn` stops the reading (TX_OK).
 *
 * Errors, TX_EINPUT with "PATH:LINE: ..." (LINE counting physical lines, 1 being
 * the header, or the BOM's line): invalid UTF-8, or an invalid UTF-16/UTF-32
 * sequence (the line of the bad byte), a character XML forbids in any cell
 * ("control character U+0001 is not allowed in a glossary", also U+FFFE and
 * U+FFFF: tx_text_find_bad(); tab, CR and LF are allowed, DEL and C1 controls
 * too), a NUL byte (binary data), an unterminated quote (the line where it
 * opened), a character after a closing quote, a row with fewer or more fields
 * than the header, an empty term, a status, id, score or frequency that is not
 * one, an id on rows apart, a row or header over the limits above, a header
 * without the columns; "PATH: ..." for a file larger than 1 GiB or without a
 * header.  TX_EIO when the file cannot be read, TX_ENOMEM.  Concepts before
 * the error have been passed to `fn`. */
tx_status tx_table_read_from(const tx_table_in *in, tx_concept_fn fn, void *arg,
                             tx_error *err);

/* tx_table_read_from() on the file at `path`, without notices. */
tx_status tx_table_read(const char *path, tx_table_format fmt, const char *src_lang,
                        const char *tgt_lang, tx_concept_fn fn, void *arg,
                        tx_error *err);

/* tx_read_lines() (tx.h), for small lists, is defined in table.c too. */

#endif
