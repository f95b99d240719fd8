/* sentalign.h: sentence alignment of two documents that translate each other.
 *
 * The two texts arrive split into sentences but not aligned (a French and an
 * English UN document: the translator may split, merge or drop sentences).
 * The aligner is Gale & Church (1993): dynamic programming over "beads" of
 * 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2 sentences, each costed by how well the two
 * sides' lengths in characters agree, plus a cross-language anchor term
 * (shared numbers, document symbols, names, cognates) described in
 * sentalign.c.  The search is restricted to a band around the diagonal so
 * that time and memory stay O(n * band) on long documents. */
#ifndef TX_SENTALIGN_H
#define TX_SENTALIGN_H

#include <stddef.h>

#include "tx.h"

typedef struct tx_bead {
    size_t src, n_src; /* source sentences [src, src + n_src) */
    size_t tgt, n_tgt; /* target sentences [tgt, tgt + n_tgt) */
    double score;      /* 0..1: confidence of this bead; 0 for 1-0 and 0-1 beads */
} tx_bead;

typedef struct tx_sentalign_opts {
    double mean_ratio; /* expected target/source length ratio in characters;
                        * 0 = estimate from the two texts' total lengths
                        * (clamped to 0.5..2), which is also the default */
    double variance;   /* Gale & Church s^2 per source character; 0 = 6.8 */
} tx_sentalign_opts;

#define TX_SENTALIGN_OPTS_INIT { 0.0, 6.8 }

/* Align sentences src[0..n_src) with tgt[0..n_tgt) (UTF-8 strings, lengths
 * counted in code points) by dynamic programming over the bead types 1-1, 1-0,
 * 0-1, 2-1, 1-2, 2-2 (Gale & Church 1993), with anchors (numbers, document
 * symbols such as "A/RES/76/299", identical capitalised words, cognates) as an
 * extra cost term.  On TX_OK, *beads covers both texts in order (every
 * sentence in exactly one bead, beads sorted) and *n_beads is their number;
 * *doc_score (0..1; `doc_score` may be NULL) is the mean bead score weighted by
 * the characters on both sides, 1-0 and 0-1 beads counting as 0.  An empty
 * side gives only 1-0 or 0-1 beads and doc_score 0 (and *beads NULL when both
 * are empty).  Malformed UTF-8 is not an error: stray bytes count as one
 * character each and never form anchors.  opts may be NULL (defaults).
 * Returns TX_OK, TX_EINVAL (NULL output pointers, a NULL sentence, a negative
 * or non-finite option) or TX_ENOMEM, with *beads NULL and *n_beads 0 on failure.
 * The caller owns *beads and frees it with free(); the sentences are only read
 * during the call. */
tx_status tx_sentalign(const char *const *src, size_t n_src, const char *const *tgt,
                       size_t n_tgt, const tx_sentalign_opts *opts, tx_bead **beads,
                       size_t *n_beads, double *doc_score, tx_error *err);

#endif
