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
 * line, no empty lines.  The caller frees *out with free().
 * Returns TX_OK or TX_ENOMEM (nothing in *out). */
tx_status tx_cleanup(const char *text, size_t len, const char *lang, char **out,
                     size_t *out_len, tx_error *err);

/* tx_cleanup() in line mode (cleanup_segments.c), for segmented text (a
 * document reader's output, a list of UI strings): each line is a paragraph,
 * never joined to the next.  White space is collapsed and trimmed, empty
 * lines dropped, URLs, markdown bold markers and the space in "l 'Asie" go;
 * the rules that need the document's layout (footnote numbers, page
 * headers, hyphenation) do not apply.  A line holding only a form feed
 * (a page break) stays as a line "\f", but never first, last or twice in a
 * row.  Same contract as tx_cleanup(). */
tx_status tx_cleanup_segments(const char *text, size_t len, const char *lang, char **out,
                              size_t *out_len, tx_error *err);

#endif
