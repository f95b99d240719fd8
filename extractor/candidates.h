/* candidates.h: multiword term candidates in a tokenized sentence.
 *
 * A candidate is a run of tokens inside one sentence that crosses no
 * punctuation, whose first and last words are content words (not stopwords,
 * not numbers, not elided forms, not a participle opening the sentence), and
 * whose inner words are content words, numbers or the function words of the
 * language profile ("de", "la", "pour", "et"...).  Its size is counted in
 * content words, between min_words and max_words: "Centre régional des
 * Nations Unies pour la diplomatie préventive en Asie centrale" has 8.
 *
 * Coordinated terms come out whole: in "zone de paix, de confiance et de
 * coopération" (head, preposition, then an enumeration that repeats it) the
 * commas do not cut, and the elliptic terms it implies ("zone de confiance",
 * "zone de coopération") are reported with it.
 *
 * Acronyms (all-capital words: ONUDC, OCS) are candidates of their own even
 * when single words are not, so that their use can be counted, and an
 * acronym defined in brackets after a candidate is reported with it.
 *
 * The key of a candidate, which groups its variants, is its tokens' keys
 * joined by spaces: a content word's Snowball stem, a function word's
 * normalised form, a number as written, a comma as ",".  A finder also gives
 * each distinct token key an id, so that a caller counting millions of
 * occurrences can compare short arrays of ids instead of strings, and spell
 * out the string key (tx_candidates_ids_key) once per distinct candidate. */
#ifndef TX_CANDIDATES_H
#define TX_CANDIDATES_H

#include <stddef.h>

#include "buf.h"
#include "stem.h"
#include "lang.h"
#include "tokenize.h"
#include "tx.h"

typedef struct tx_elliptic {
    const char *key;     /* key of the implied term */
    const char *surface; /* e.g. "zone de confiance" */
    int lower_initial;   /* the head was written with a lower-case initial */
} tx_elliptic;

typedef struct tx_cand_occ {
    size_t first, last;  /* token indexes in the sentence, inclusive */
    unsigned n_words;    /* word and number tokens */
    unsigned n_content;  /* content words; max_words + 1 for a run the window cut
                          * before its next content word (never listed) */
    const char *key;     /* NUL-terminated; NULL when string keys are off */
    size_t key_len;
    uint64_t key_hash;   /* tx_strhash(key, key_len) */
    const uint32_t *ids; /* the key as ids, one per token first..last */
    size_t n_ids;
    uint64_t ids_hash;   /* tx_idhash_add() over ids, from TX_IDHASH_INIT */
    const tx_elliptic *elliptic; /* implied terms of a coordinated candidate */
    size_t n_elliptic;
    /* An acronym defined right after the occurrence, "... (ONUDC)", whose
     * letters the occurrence's initials account for; NULL otherwise. */
    const char *acronym;     /* as written */
    const char *acronym_key; /* its key (the key of its own candidate) */
} tx_cand_occ;

typedef struct tx_candidates tx_candidates;

/* Hash of a sequence of ids, built id by id from TX_IDHASH_INIT. */
#define TX_IDHASH_INIT 0x243F6A8885A308D3ULL
static inline uint64_t tx_idhash_add(uint64_t h, uint32_t id)
{
    h = (h ^ id) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 32);
}

/* Create a candidate finder using the (shared, read-only) profile `lang` and
 * the (borrowed, per-thread) `stemmer`.  The caller frees it with
 * tx_candidates_free(). */
tx_status tx_candidates_new(const tx_lang *lang, tx_stemmer *stemmer,
                            unsigned min_words, unsigned max_words,
                            tx_candidates **out, tx_error *err);
void tx_candidates_free(tx_candidates *c);

/* Find every candidate occurrence of `s`; *occ and *n_occ receive them.  They
 * and their strings are owned by `c` and valid until the next call.
 * Returns TX_OK or TX_ENOMEM. */
tx_status tx_candidates_find(tx_candidates *c, const tx_sentence *s,
                             const tx_cand_occ **occ, size_t *n_occ, tx_error *err);

/* About how many bytes `c` holds: mostly its table of the word forms and keys
 * it has seen, which grows with the vocabulary (a few hundred bytes a form). */
size_t tx_candidates_memory(const tx_candidates *c);

/* Whether tx_candidates_find() spells out each occurrence's string key (on
 * by default).  A caller that keys on ids turns it off and saves the work. */
void tx_candidates_set_string_keys(tx_candidates *c, int on);

/* The string key of the id sequence ids[0..n) (ids given by `c`) into `out`,
 * replacing its contents.  Returns TX_OK, TX_ENOMEM, or TX_EINVAL for an id
 * `c` never gave. */
tx_status tx_candidates_ids_key(const tx_candidates *c, const uint32_t *ids, size_t n,
                                tx_buf *out);
/* Its length in bytes, without building it. */
size_t tx_candidates_ids_key_len(const tx_candidates *c, const uint32_t *ids, size_t n);

/* Call fn(fold, len, arg) for each content word (case-folded) that `c` has
 * seen right after a determiner of its language (tx_lang_is_determiner()), in
 * any sentence so far: the corpus's nouns, as far as it shows them ("la
 * diplomatie", "des mesures"; never "relative" or "portant").  A non-zero
 * return stops.  `fold` is valid as long as `c`. */
void tx_candidates_each_noun(const tx_candidates *c,
                             int (*fn)(const char *fold, size_t len, void *arg), void *arg);

/* Call fn(key, len, n, arg) for each one-word key: a content word that may
 * start and end a term, with the times `c` has seen it so far (what a
 * one-word candidate of it counts, whatever min_words: the corpus side of the
 * word-level contrast, score.h).  A non-zero return stops.  `key` is valid as
 * long as `c`. */
void tx_candidates_each_word(const tx_candidates *c,
                             int (*fn)(const char *key, size_t len, uint64_t n, void *arg),
                             void *arg);

/* After tx_candidates_find(): is token `i` of that sentence a content word?
 * If so, *key and *len (may be NULL) receive its key (the Snowball stem),
 * owned by `c` and valid until the next call on it. */
int tx_candidates_content(const tx_candidates *c, size_t i, const char **key, size_t *len);

/* Key of a free text (a user's query for `termex show`): tokenized, stemmed
 * and normalised as candidates are.  The caller frees *key with free(). */
tx_status tx_candidates_key_of(tx_candidates *c, tx_tokenizer *tok, const char *text,
                               char **key, tx_error *err);

#endif
