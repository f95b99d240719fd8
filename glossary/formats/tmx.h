/* tmx.h: a streaming, hardened reader for TMX 1.4 translation memories.
 *
 * Reads one <tu> at a time with libxml2's xmlTextReader, so memory stays bounded
 * whatever the size of the file, and hands the caller the pair of segments in two
 * asked languages.  The file is treated as hostile: no entity is expanded, no DTD
 * or external entity is loaded, nothing touches the network, sizes are capped.
 * libxml2 never prints from here and its errors become tx_status + message.
 *
 * Thread safety: tx_tmx_read() swaps libxml2's process-wide external entity loader
 * (xmlSetExternalEntityLoader: libxml2 2.9 has no per-parser resource loader) and
 * restores it on return.  Two reads running at once in different threads may
 * therefore leave the refusing loader installed after both return (harmless for
 * this library: it loads nothing) or restore the previous loader while the other
 * read still runs (then that read is still protected by XML_PARSE_NONET and by
 * never loading a DTD, but loses this extra layer).  The error handlers swapped
 * for the duration are per-thread in libxml2 and are restored exactly. */
#ifndef TX_TMX_H
#define TX_TMX_H

#include <stddef.h>

#include "segpair.h"
#include "tx.h"

/* Limits: a segment holding more text than this is refused (TX_EINPUT), as is
 * a file larger than TX_TMX_MAX_FILE bytes. */
#define TX_TMX_MAX_SEG ((size_t)1 << 20)             /* 1 MiB of text */
#define TX_TMX_MAX_FILE ((unsigned long long)1 << 32) /* 4 GiB */

typedef struct tx_tmx_stats {
    size_t n_tu;      /* <tu> elements read */
    size_t n_pairs;   /* of which passed to the callback */
    size_t n_skipped; /* tus without both languages */
    char langs[256];  /* languages seen, lower case, ", "-separated, for messages
                       * ("en-us, fr-ca"); ends in "..." when there were too many */
} tx_tmx_stats;

/* Read the TMX file at `path`, calling `fn` for each translation unit holding a
 * segment in `src_lang` and one in `tgt_lang`, with its pair of segments (the
 * pair's id is the tu's tuid attribute, or NULL; a non-zero return from `fn`
 * stops the reading).  Language codes match by primary
 * subtag, case-insensitively: "fr" matches fr, fr-FR, FR-ca, fr_CA; when a tu has
 * several segments in one language, one whose whole code equals the asked one
 * ("en-gb" asked: en-GB over en-US) wins, else the first.  A <tuv> fills at most
 * one side.  Languages are taken from <tuv xml:lang="..."> or the older
 * lang="..." (TMX 1.1-1.3); the header's srclang is not used.  `fn` may be NULL
 * to count only.
 *
 * Segment text is the text content of <seg> with the native-code elements <bpt>,
 * <ept>, <ph>, <it> and <ut> removed along with their content, while the text of
 * <hi> and <sub> (and of any unknown element) is kept; runs of XML white space
 * (space, tab, CR, LF) become one space and the ends are trimmed.  No-break
 * spaces are kept.  The file may be UTF-8 or UTF-16 (BOM) or any encoding its
 * XML declaration names; results are UTF-8.
 *
 * Pairs reach `fn` as they are read, so when `fn` writes somewhere and the file
 * turns out to be damaged further on, the writes already made stay: a caller
 * that wants all-or-nothing wraps the call in its own transaction and rolls back
 * on failure.
 *
 * `pair.line` is the line where the <tu> start tag ends, exact up to line 65534;
 * beyond, libxml2 keeps no element line and the parser's current line is used,
 * which may run a line or two late.
 * `stats` (may be NULL) is filled even on failure, as far as the reading got.
 * All arguments are borrowed and nothing is left for the caller to free.
 *
 * Returns TX_OK (also when `fn` stopped the reading), or:
 * - TX_EIO: the file cannot be opened or read ("PATH: No such file or directory");
 * - TX_EINPUT: malformed XML ("PATH:LINE: <libxml2's message>"), a root element
 *   other than <tmx> ("PATH:LINE: not a TMX file (root element is <xliff>)"), a
 *   DOCTYPE declaring entities ("PATH: entity declarations are not accepted in
 *   TMX (in the DOCTYPE)": libxml2 keeps no line for it) or an entity reference,
 *   a segment over TX_TMX_MAX_SEG ("PATH:LINE: segment longer than 1048576
 *   bytes"), a file over TX_TMX_MAX_FILE, misnested <tu>/<tuv>/<seg>
 *   ("PATH:LINE: misplaced <tuv>").  libxml2's own limits may stop an entity
 *   bomb first, with its message ("Detected an entity reference loop");
 * - TX_ENOTFOUND: no tu holds both languages ("PATH: no translation unit in both
 *   'fr' and 'en' (languages found: en-us, fr-ca)");
 * - TX_EINVAL: a NULL or empty argument; TX_ENOMEM. */
tx_status tx_tmx_read(const char *path, const char *src_lang, const char *tgt_lang,
                      tx_segment_pair_fn fn, void *arg, tx_tmx_stats *stats,
                      tx_error *err);

#endif
