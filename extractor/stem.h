/* stem.h: Snowball stemming (libstemmer) with a cache.
 *
 * One tx_stemmer per thread: libstemmer's sb_stemmer is not thread-safe, and
 * neither is the cache.  Each distinct word is stemmed once. */
#ifndef TX_STEM_H
#define TX_STEM_H

#include <stddef.h>

#include "tx.h"

typedef struct tx_stemmer tx_stemmer;

/* Does libstemmer have the Snowball algorithm `algorithm` ("french", or one
 * of the codes libstemmer itself accepts, "fr")?  The language profile names
 * it (tx_lang_snowball()). */
int tx_stem_known(const char *algorithm);

/* Create a stemmer running the Snowball algorithm `algorithm`; TX_ENOTFOUND
 * when libstemmer has no such algorithm.  The caller frees it with
 * tx_stemmer_free(). */
tx_status tx_stemmer_new(const char *algorithm, tx_stemmer **out, tx_error *err);
void tx_stemmer_free(tx_stemmer *s);

/* Stem `word` (UTF-8, NFC, already lower-cased, `len` bytes).  The result is
 * NUL-terminated, owned by `s` and valid until tx_stemmer_free(); *out_len
 * (may be NULL) receives its length.  NULL only when out of memory. */
const char *tx_stemmer_stem(tx_stemmer *s, const char *word, size_t len,
                            size_t *out_len);

/* The same without the cache, for a caller that keeps its own: the result is
 * owned by `s` and valid until its next call.  NULL only when out of memory. */
const char *tx_stemmer_stem_once(tx_stemmer *s, const char *word, size_t len,
                                 size_t *out_len);

/* Number of distinct words stemmed so far (cache size). */
size_t tx_stemmer_cache_size(const tx_stemmer *s);

#endif
