/* cleanup.h: repair the damage of PDF-to-text extraction.
 *
 * Input is decoded text (tx_decode()); output is one paragraph per line, so
 * that a line end in the output is a hard boundary (no term crosses it) and
 * sentence breaking can run on each line.  Repairs, as they occur in UN
 * documents: lines broken mid-sentence are joined (a blank line ends a
 * paragraph; in "double-spaced" extractions where every line is followed by an
 * empty line, it takes a whitespace-only line or two empty lines); a word
 * hyphenated at a line end ("dévelop-\npement") is rejoined while real hyphens
 * ("socio-économique", "Addis-Abeba") stay; footnote numbers glued to words
 * ("paix1", "internationale2", "l'horizon 20303" with footnote 3) and footnote
 * blocks are removed; URLs ("https://undocs.org/fr/A/RES/73/338") go; a space
 * before an apostrophe ("l 'Asie", "d 'adopter") is removed; page headers,
 * page numbers, job numbers and document symbols on lines of their own are
 * dropped; markdown **bold** markers are removed. */
#ifndef TX_CLEANUP_H
#define TX_CLEANUP_H

#include <stddef.h>

#include "tx.h"

/* Clean `len` bytes of UTF-8 `text` (language `lang`, e.g. "fr") into *out, a
 * NUL-terminated string of *out_len bytes, one paragraph per '\n'-terminated
 * line, no empty lines; a form feed (pdftotext's page break) gives a line
 * holding only '\f' before the first paragraph that starts after it (one per
 * form feed), as docread.h's segmented text has, so that the pages of the
 * sentences can be counted (tx_candtable_add_text()).  Running headers and
 * footers (a short line repeated at the top or foot of most pages) go.  The caller frees *out with free().
 * Returns TX_OK or TX_ENOMEM (nothing in *out). */
tx_status tx_cleanup(const char *text, size_t len, const char *lang, char **out,
                     size_t *out_len, tx_error *err);

/* tx_cleanup() for the paragraphs of a document reader (docread.h): each
 * '\n' ends a paragraph, which is never joined to the next; the lines of a
 * paragraph (split by '\v', a line break its author put there) join or
 * break as a text file's lines do, and every repair of tx_cleanup() applies
 * (hyphenation, footnote numbers, page furniture: text pasted from a PDF into
 * a DOCX carries them too).  A document whose paragraphs are really lines (a
 * PDF extraction converted line by line: one boundary in five, at least 8,
 * falls mid-sentence after a full line) has all its paragraphs rebuilt as
 * tx_cleanup() rebuilds a text file's.  Same contract as tx_cleanup(). */
tx_status tx_cleanup_document(const char *text, size_t len, const char *lang, char **out,
                              size_t *out_len, tx_error *err);

/* tx_cleanup() in line mode (cleanup_segments.c), for segmented text (a
 * document reader's output, a list of UI strings): each line is a paragraph,
 * never joined to the next.  White space is collapsed and trimmed, empty
 * lines dropped, URLs, markdown bold markers and the space in "l 'Asie" go;
 * the rules that need the document's layout (footnote numbers, page
 * headers, hyphenation) do not apply.  A line holding only a form feed
 * (a page break) stays as a line "\f" before the next paragraph, one per
 * page break, so that counting them gives a paragraph's page; none follows
 * the last paragraph.  Same contract as tx_cleanup(). */
tx_status tx_cleanup_segments(const char *text, size_t len, const char *lang, char **out,
                              size_t *out_len, tx_error *err);

/* How a line ending with a hyphen joins the next line, as tx_cleanup() joins
 * them (the PDF reader shares the rule): TX_HYPHEN_NONE, the hyphen is no
 * hyphenation (a dash, "2010-", no letter after: join as usual);
 * TX_HYPHEN_KEEP, a compound ("socio-" + "économique", "Addis-" + "Abeba"):
 * join with no space, keeping the hyphen; TX_HYPHEN_DROP, a word cut in two
 * ("dévelop-" + "pement"): join with no space and drop the hyphen.  `a` is
 * the end of the first line (a_len bytes, no trailing space; markdown bold
 * markers after the hyphen are allowed), `b` the start of the next (b_len
 * bytes, no leading space). */
typedef enum tx_hyphen_join { TX_HYPHEN_NONE, TX_HYPHEN_KEEP, TX_HYPHEN_DROP } tx_hyphen_join;

tx_hyphen_join tx_cleanup_hyphen(const char *a, size_t a_len, const char *b, size_t b_len);

#endif
