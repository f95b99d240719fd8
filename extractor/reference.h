/* reference.h: a reference profile of general language, for the contrastive
 * termhood score (score.h).
 *
 * The file (written by `termex reference`, tx_reference_build()):
 *     # termex reference profile
 *     # lang: fr
 *     # tokens: 12345678       word tokens of the source text
 *     # source: free text      (any number of such lines)
 *     <count>\t<key>           one line per key, sorted by key in byte order
 * A key is a glossary's terms.key (content-word stems and normalised function
 * words separated by spaces): a one-word key gives a word's count, a longer
 * one a phrase's.  Lines starting with '#' other than these are comments. */
#ifndef TX_REFERENCE_H
#define TX_REFERENCE_H

#include <stddef.h>
#include <stdint.h>

#include "strmap.h"
#include "tx.h"

/* Limits on what the loader accepts: a profile is data from anywhere. */
#define TX_REFERENCE_MAX_LINE 4096 /* the writer skips longer keys */
#define TX_REFERENCE_MAX_BYTES (512u << 20)

typedef struct tx_reference {
    char lang[32];      /* the "# lang:" header, or "" */
    uint64_t tokens;    /* the "# tokens:" header: N_r */
    tx_strmap counts;   /* key -> count (the value is the count itself) */
} tx_reference;

/* Read the profile at `path` into a new *out, which the caller frees with
 * tx_reference_free().  TX_OK; TX_EIO when the file cannot be read; TX_EINPUT
 * ("path:line: ...") for a malformed line (a NUL byte too), a file without its
 * header or a token total of 0, or one over the limits above; TX_ENOMEM. */
tx_status tx_reference_load(const char *path, tx_reference **out, tx_error *err);

/* The count of key[0..len) in `ref`, 0 when absent. */
uint64_t tx_reference_count(const tx_reference *ref, const char *key, size_t len);

/* Free `ref` (NULL: nothing). */
void tx_reference_free(tx_reference *ref);

#endif
