/* parallel.h: parallel text in, segment pairs out.
 *
 * Three kinds of input (tx_parallel_kind): a TMX file (tmx.c), two
 * line-aligned files, and document pairs that are not sentence-aligned,
 * which are decoded, cleaned up, split into sentences (the extractor's own
 * stages) and aligned by sentalign.c. */
#ifndef TX_PARALLEL_H
#define TX_PARALLEL_H

#include "lang.h"
#include "store.h"
#include "tx.h"

/* Receives each segment pair; a status other than TX_OK stops the reading
 * and is returned. */
typedef tx_status (*tx_segment_sink)(const tx_segment_row *row, void *arg, tx_error *err);

/* Read `in` and pass its segment pairs to `sink`.  Document pairs are split
 * into sentences with the profiles langs[0] (source) and langs[1] (target);
 * their beads below o->min_bead_score are dropped (counted in *n_dropped);
 * each document pair's alignment score goes to o->notice.  Errors name the
 * file (and line). */
tx_status tx_parallel_read(const tx_parallel_input *in, const tx_align_opts *o,
                           const tx_lang *const langs[2], tx_segment_sink sink,
                           void *arg, size_t *n_dropped, tx_error *err);

#endif
