/* score.h: termhood scores over the whole glossary.
 *
 * C-value (Frantzi, Ananiadou & Mima 2000) for a candidate a of |a| words:
 *     C(a) = log2|a| * f(a)                              if a is not nested
 *     C(a) = log2|a| * (f(a) - (1/P(Ta)) * sum_{b in Ta} f(b))   otherwise
 * where Ta is the set of longer candidates that contain a and P(Ta) their
 * number.  For one-word terms (only with min_words 1) log2 1 = 0 would zero
 * every score, so the length factor is 1 there.  A candidate that never
 * occurs outside one longer candidate (some b in Ta has f(b) = f(a)) is a
 * fragment ("régional des Nations Unies pour la diplomatie") and is not
 * listed; so is one that the same word extends in at least three quarters of
 * its occurrences (b = w + a or a + w with 4 f(b) >= 3 f(a): "relative à la
 * protection" inside "convention relative à la protection").  The ranking score is C(a) * (1 + log2 df(a)): a term used across
 * documents ranks above one as frequent in a single document.
 *
 * With a reference profile of general language (tx_score_opts.ref), each term
 * also gets a termhood (tx_termhood()); the ranking score is then
 *     C(a) * (1 + log2 df(a)) * (1 + max(0, termhood))^p
 * (p = termhood_power, 2: measured on ACTER, docs/evaluation.md)
 * and a term that the reference has seen whose termhood is below
 * termhood_min is not listed.  A term the reference never saw is only ranked
 * by its termhood, never dropped: a reference of a few million words cannot
 * tell a rare term from a rare phrase, and in a large corpus a term seen
 * twice is rarer per million words than a word seen once in the reference. */
#ifndef TX_SCORE_H
#define TX_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "reference.h"
#include "strmap.h"
#include "tx.h"

typedef struct tx_score_term {
    int64_t id;         /* the store's id, carried through */
    char *key;          /* space-separated token keys; owned by the caller */
    unsigned n_words;
    unsigned n_content;
    uint64_t freq;
    unsigned df;
    /* results */
    double cvalue;
    double score;
    int fragment;       /* never occurs outside one longer candidate */
    int listed;         /* tx_listed() */
    int approved;       /* a person decided on it (approved or rejected): listed
                         * whatever its scores */
    /* optional: strlen(key) and tx_strhash() of it when the caller has them
     * (key_len 0: computed and filled in here) */
    size_t key_len;
    uint64_t key_hash;
    int bad_start;      /* its first word may not start a listed term
                           (build_terms.c), whatever its scores */
    double termhood;    /* tx_termhood(), 0 without a reference */
    uint64_t ref_count; /* the reference's count of the term itself (0: unseen) */
} tx_score_term;

typedef struct tx_score_opts {
    unsigned min_freq;
    unsigned min_words; /* content words */
    unsigned max_words;
    unsigned threads;   /* for the nesting pass; 0 or 1: the caller's only */
    /* The contrast with general language (tx_termhood()); without `ref`
     * (NULL) the scores are C-value and spread alone. */
    const tx_reference *ref;
    const tx_strmap *words;   /* one-word key -> its corpus count (uintptr_t), or
                               * NULL: one-word terms' own counts */
    uint64_t corpus_tokens;   /* N_c: word tokens of the corpus */
    double termhood_weight;   /* a: the phrase's share, 1 - a the words' */
    double termhood_min;      /* seen in the reference and below this termhood:
                               * not listed */
    double smoothing;         /* k */
    double termhood_power;    /* p of the ranking factor (see above); 0: 1 */
    double one_word_weight;   /* a one-word term's ranking score is multiplied by
                               * it (0: 1); its listing does not change */
} tx_score_opts;

/* Defaults of the termhood parameters (tx_score_opts). */
#define TX_DEFAULT_TERMHOOD_WEIGHT 0.5
#define TX_DEFAULT_TERMHOOD_MIN 4.0
#define TX_DEFAULT_TERMHOOD_SMOOTHING 1.0
#define TX_DEFAULT_TERMHOOD_POWER 2.0
#define TX_DEFAULT_ONE_WORD_WEIGHT 0.15

/* The defaults of a glossary's listing thresholds (tx_listing). */
#define TX_DEFAULT_MIN_FREQ 2
#define TX_DEFAULT_MIN_WORDS 1
#define TX_DEFAULT_MAX_WORDS 8

/* The one rule that decides whether a term is listed, for the run's scoring,
 * the rescoring of the glossary and the views of `termex list`: an approved
 * term is; another one when it passes the thresholds `l` and is a term by
 * its scores (`termlike`: a C-value above 0, not a fragment of longer terms,
 * opening on a noun where that rule applies: see tx_score_terms() and
 * build_terms.c). */
int tx_listed(const tx_listing *l, uint64_t freq, unsigned n_content, int termlike,
              int approved);

/* The termhood of term `t` against general language, in bits:
 *     spec_p = (1e6 f / N_c + k) / (1e6 ref(key) / N_r + k)
 *     spec_w = geometric mean over its content words w (its one-word keys: the
 *              key's tokens that are one-word keys of `o->words` or `ref`) of
 *              (1e6 f_c(w) / N_c + k) / (1e6 ref(w) / N_r + k)
 *     termhood = a log2 spec_p + (1 - a) log2 spec_w
 * ("simple maths", Kilgarriff 2009, on the phrase and on its words; a =
 * termhood_weight, k = smoothing).  A word without a corpus count is left out
 * of the mean; a term with no such word has spec_w = spec_p.  A phrase of
 * ordinary language ("mise en oeuvre", "âge moyen") is about as frequent in
 * the reference: near 0; a domain term, rare there, several bits.  `o->ref`
 * is not NULL. */
double tx_termhood(const tx_score_term *t, const tx_score_opts *o);

/* Compute the result fields of all `n` terms; `listed` by tx_listed(), with
 * each term's `bad_start` and `approved` as given.  Returns TX_OK or
 * TX_ENOMEM. */
tx_status tx_score_terms(tx_score_term *terms, size_t n, const tx_score_opts *o,
                         tx_error *err);

#endif
