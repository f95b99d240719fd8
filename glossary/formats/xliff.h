/* xliff.h: a streaming, hardened reader for XLIFF 1.2 and 2.0 files.
 *
 * Reads bilingual XLIFF (what CAT tools hand back after translation) one unit
 * at a time with libxml2's xmlTextReader and gives the caller each segment's
 * source and target text, for consistency checking (`termex check --xliff`).
 * The file is treated as hostile, exactly as tmx.c does (the shared hardening
 * is in xmlsafe.c): no entity is expanded, no DTD or external entity is loaded,
 * nothing touches the network, sizes are capped, libxml2 never prints.
 *
 * Thread safety: as tx_tmx_read() (see tmx.h): libxml2's process-wide external
 * entity loader is swapped for the duration of the call. */
#ifndef TX_XLIFF_H
#define TX_XLIFF_H

#include <stddef.h>

#include "segpair.h"
#include "tx.h"

/* Limits: a <source> or <target> holding more text than this is refused
 * (TX_EINPUT), as is a file larger than TX_XLIFF_MAX_FILE bytes. */
#define TX_XLIFF_MAX_SEG ((size_t)1 << 20)             /* 1 MiB of text */
#define TX_XLIFF_MAX_FILE ((unsigned long long)1 << 32) /* 4 GiB */

typedef struct tx_xliff_info {
    int version;       /* 12 (XLIFF 1.x) or 20 (XLIFF 2.x), 0 if not known yet */
    char src_lang[32]; /* the file's languages as written (first <file> of a 1.2 */
    char tgt_lang[32]; /* file), odd bytes shown as '?'; "" when absent */
    size_t n_units;    /* 1.2 <trans-unit> / 2.0 <unit> elements read */
    size_t n_pairs;    /* segments passed to the callback */
} tx_xliff_info;

/* Read the XLIFF file at `path`, calling `fn` (may be NULL to count only) for
 * each segment whose source and target are both non-empty after clean-up (a
 * non-zero return from `fn` stops the reading).
 *
 * XLIFF 1.2 (<xliff version="1.2">, also 1.0 and 1.1): each <trans-unit> is one
 * segment, its id the trans-unit's id; <seg-source>, <alt-trans> (earlier or
 * machine matches), <bin-unit>, <header> and elements of other namespaces are
 * ignored.  Languages are the source-language and target-language of each
 * <file>.  XLIFF 2.0 (<xliff version="2.0" srcLang trgLang>, also 2.1, 2.2):
 * each <segment> of a <unit> is one; <ignorable>, <originalData>, <notes> and
 * module elements (other namespaces: translation candidates also hold
 * <source>/<target>) are ignored.  A unit with one segment gives its own id;
 * with several, each gets "UNIT/SEGMENT" (the segment's id, else its position
 * counting from 1: "u7/2").  Only one segment is held back for that, so memory
 * does not grow with the file or the unit.
 *
 * The file's languages must answer `src_lang` and `tgt_lang` by primary subtag,
 * case-insensitively ("fr" for fr-FR, fr_ca); a missing target language (both
 * versions allow it) is not checked.
 *
 * Text is the text content of <source>/<target> with the native code of
 * <bpt>, <ept>, <ph>, <it> (1.2) dropped with its content, the text of <g>,
 * <mrk> (1.2) and <pc>, <mrk> (2.0) and of any unknown inline element kept,
 * empty placeholders (<x>, <bx>, <ex>; <ph>, <sc>, <ec>, <sm>, <em>) giving
 * nothing, and 2.0's <cp hex="..."/> giving its character (NUL, surrogates and
 * values beyond U+10FFFF are dropped).  Runs of XML white space become one
 * space and the ends are trimmed; xml:space is not honoured.
 *
 * As with tx_tmx_read(), pairs reach `fn` as they are read, so a file damaged
 * further on fails after some calls.  `info` (may be NULL) is filled as far as
 * the reading got, even on failure.  All arguments are borrowed and nothing is
 * left for the caller to free.
 *
 * Returns TX_OK (also when `fn` stopped the reading, and when no segment was
 * translated: see info->n_pairs), or:
 * - TX_EIO: the file cannot be opened or read ("PATH: No such file or directory");
 * - TX_EINPUT: malformed XML ("PATH:LINE: <libxml2's message>"); a root element
 *   other than <xliff> ("PATH:LINE: not an XLIFF file (root element is <tmx>)");
 *   an unknown version ("PATH:LINE: unsupported XLIFF version '3.0'"); other
 *   languages ("PATH:LINE: languages are fr-FR -> de-DE, not fr -> en"); a
 *   DOCTYPE declaring entities ("PATH: entity declarations are not accepted in
 *   XLIFF (in the DOCTYPE)") or an entity reference; a source or target over
 *   TX_XLIFF_MAX_SEG ("PATH:LINE: segment longer than 1048576 bytes"); a file
 *   over TX_XLIFF_MAX_FILE; misnested units, segments, sources or targets
 *   ("PATH:LINE: misplaced <trans-unit>");
 * - TX_EINVAL: a NULL or empty argument, or the same language twice; TX_ENOMEM. */
tx_status tx_xliff_read(const char *path, const char *src_lang, const char *tgt_lang,
                        tx_segment_pair_fn fn, void *arg, tx_xliff_info *info,
                        tx_error *err);

#endif
