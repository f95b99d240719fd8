/* docread.h: documents as translators have them -> text the extractor reads.
 *
 * A document is recognised by its content (tx_doc_sniff(): magic bytes, the
 * XML root, the members of a zip container), never by its name, and the
 * reader of its format turns it into "segmented text": UTF-8, one paragraph
 * (or segment, or table cell, or heading) per '\n'-terminated line, no empty
 * lines, a line break the author put inside a paragraph (DOCX w:br, ODF
 * text:line-break, HTML <br>) written '\v' (as Word writes it in text), and a
 * line holding only '\f' before the first paragraph of each new page (PDF;
 * page 1 has none; a page where no paragraph starts keeps its line).  The run
 * then cleans it up (cleanup.h): the segments of bilingual files and
 * spreadsheets, and a PDF's paragraphs (its reader rebuilt them from the
 * layout), with tx_cleanup_segments(); the paragraphs of the other documents
 * with tx_cleanup_document(), where a '\n' always ends a paragraph and the
 * lines between '\v's join as a text file's lines do; plain text
 * (TX_DOC_TEXT) with tx_decode() and tx_cleanup() as before.
 *
 * Every reader treats its input as hostile: limits on sizes and ratios (zip),
 * no entity expansion, no DTD, no network (XML), no file named by the
 * document is opened.  A reader never prints; what goes wrong is a status and
 * a message that names the document ("report.docx: ...").
 *
 * Internal to the library: the extraction run (build.c) calls
 * tx_doc_sniff() and tx_doc_read(). */
#ifndef TX_DOCREAD_H
#define TX_DOCREAD_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "tx.h"

typedef enum tx_doc_format {
    TX_DOC_TEXT = 0, /* plain text in any encoding tx_decode() reads */
    TX_DOC_PDF,      /* %PDF- */
    TX_DOC_DOCX,     /* zip: word/document.xml */
    TX_DOC_PPTX,     /* zip: ppt/presentation.xml */
    TX_DOC_XLSX,     /* zip: xl/workbook.xml */
    TX_DOC_ODF,      /* zip: mimetype application/vnd.oasis.opendocument.*
                      * (text, presentation, spreadsheet), content.xml */
    TX_DOC_HTML,     /* HTML or XHTML */
    TX_DOC_XLIFF,    /* XLIFF 1.2 or 2.0 */
    TX_DOC_TMX,      /* TMX */
    TX_DOC_PO,       /* gettext PO or POT */
    TX_DOC_IGNORED,  /* an image, stylesheet, script, font, audio or video file,
                        an archive: not a document; skipped quietly, counted */
    TX_DOC_BINARY,   /* none of these: skipped with one line saying what it is */
    TX_DOC_N_FORMATS
} tx_doc_format;

/* The format's name for messages and `--verbose` ("PDF", "DOCX", "text"). */
const char *tx_doc_format_name(tx_doc_format f);

/* Does the format hold segments rather than running text (PO, XLIFF, TMX,
 * XLSX and ODF spreadsheets)?  The run then reads one segment per line
 * without rebuilding paragraphs whatever the segment mode is. */
int tx_doc_format_is_segmented(tx_doc_format f);

/* Recognise the `len` bytes at `data` (the whole document).  For
 * TX_DOC_IGNORED and TX_DOC_BINARY, *what (if not NULL) receives a static
 * description for messages ("PNG image", "CSS stylesheet", "ZIP archive",
 * "ELF executable", "binary data"); else NULL.  Never fails: what cannot be
 * recognised is TX_DOC_TEXT when tx_decode() would take it (its own checks
 * decide), else TX_DOC_BINARY. */
tx_doc_format tx_doc_sniff(const char *data, size_t len, const char **what);

/* tx_doc_sniff()'s look into a zip container (doc_zip.c): TX_DOC_DOCX,
 * TX_DOC_PPTX, TX_DOC_XLSX or TX_DOC_ODF by its members, else TX_DOC_IGNORED
 * with *what = "ZIP archive" (or "EPUB book", ...), or TX_DOC_BINARY with
 * *what = "damaged ZIP archive" when libzip cannot read its directory. */
tx_doc_format tx_doc_sniff_zip(const char *data, size_t len, const char **what);

/* Limits of the readers (tx_doc_opts_init() sets these defaults). */
#define TX_DOC_MAX_MEMBER ((uint64_t)256 << 20) /* bytes a zip member inflates to */
#define TX_DOC_MAX_UNZIPPED ((uint64_t)1 << 30) /* bytes all members read inflate to */
#define TX_DOC_MAX_RATIO 200                    /* inflated / compressed, per member
                                                   larger than 1 MiB inflated */
#define TX_DOC_MAX_MEMBERS 100000               /* entries of a zip container */
#define TX_DOC_MAX_PAGES 100000                 /* pages of a PDF */

typedef struct tx_doc_opts {
    int target_side;       /* bilingual files (XLIFF, TMX, PO): read the target
                              side instead of the source side */
    uint64_t max_member, max_unzipped, max_members;
    unsigned max_ratio;
    unsigned max_pages;
} tx_doc_opts;

void tx_doc_opts_init(tx_doc_opts *o);

/* What a reading found, beyond the text (tx_doc_read() fills it). */
typedef struct tx_doc_info {
    tx_doc_format format;
    unsigned n_pages;      /* PDF: pages read; 0 for other formats */
    unsigned n_dropped;    /* running headers, footers, page numbers,
                              footnotes, navigation... left out */
    unsigned n_segments;   /* bilingual files: segments read */
    char side_lang[36];    /* bilingual files: the language of the side read
                              ("fr-FR"), "" when the file does not say */
} tx_doc_info;

/* Read document `name` (used in messages only), whose `len` bytes are at
 * `data` (borrowed) and whose format tx_doc_sniff() found to be `f` (not
 * TX_DOC_TEXT, TX_DOC_IGNORED or TX_DOC_BINARY), appending its segmented text
 * to `out` and filling *info.  Returns TX_OK; TX_EINPUT with a message naming
 * `name` and the problem for a damaged, encrypted, hostile or empty-of-text
 * document ("scan.pdf: no text on any of its 12 pages (a scanned document?
 * run OCR first)", "bomb.docx: member word/document.xml would inflate to more
 * than 256 MiB"); TX_ENOMEM.  On failure `out` may hold part of the text: the
 * caller drops it. */
tx_status tx_doc_read(const char *name, const char *data, size_t len, tx_doc_format f,
                      const tx_doc_opts *o, tx_buf *out, tx_doc_info *info,
                      tx_error *err);

/* The readers tx_doc_read() dispatches to, one file each; same contract. */
tx_status tx_doc_read_pdf(const char *name, const char *data, size_t len,
                          const tx_doc_opts *o, tx_buf *out, tx_doc_info *info,
                          tx_error *err);                       /* doc_pdf.c */
tx_status tx_doc_read_ooxml(const char *name, const char *data, size_t len,
                            tx_doc_format f, const tx_doc_opts *o, tx_buf *out,
                            tx_doc_info *info, tx_error *err);  /* doc_ooxml.c */
tx_status tx_doc_read_odf(const char *name, const char *data, size_t len,
                          const tx_doc_opts *o, tx_buf *out, tx_doc_info *info,
                          tx_error *err);                       /* doc_odf.c */
tx_status tx_doc_read_html(const char *name, const char *data, size_t len,
                           const tx_doc_opts *o, tx_buf *out, tx_doc_info *info,
                           tx_error *err);                      /* doc_html.c */
tx_status tx_doc_read_bitext(const char *name, const char *data, size_t len,
                             tx_doc_format f, const tx_doc_opts *o, tx_buf *out,
                             tx_doc_info *info, tx_error *err); /* doc_bitext.c:
                                                                   XLIFF, TMX, PO */

#endif
