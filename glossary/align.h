/* align.h: term alignment, internal pieces exposed for the unit tests.
 * The whole run is tx_align_run() in tx.h. */
#ifndef TX_ALIGN_H
#define TX_ALIGN_H

#include <stddef.h>

/* Similarity in 0..1 of two words (UTF-8), by edit distance once lower-cased
 * and stripped of accents: "coopér" / "cooper" = 1, "diplomat" / "diplomaci"
 * = 0.78.  Words under 3 letters count only when equal. */
double tx_align_cognate(const char *a, size_t alen, const char *b, size_t blen);

#endif
