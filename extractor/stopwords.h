/* stopwords.h: the language profile the candidate finder works with.
 *
 * Per language: the stop list (stopwords/<lang>.txt: words that never start
 * or end a term, plus stopwords/<lang>-verbs.txt when there is one: the
 * conjugated forms that can only be verbs), the small list of function words allowed inside a term
 * with their normalised form for term keys ("des", "du", "d'" -> "de"), and
 * the endings of participles that open a clause ("Rappelant", "Considérant",
 * "Guidée par"), which are not content words there, the complex
 * prepositions ("en matière de") whose noun is not part of a term, and the
 * determiners after which nouns are written. */
#ifndef TX_STOPWORDS_H
#define TX_STOPWORDS_H

#include <stddef.h>

#include "tx.h"

typedef struct tx_lang tx_lang;

/* Load the profile of `lang` ("fr", "en", ...), reading the stop list from
 * `data_dir` (NULL: the folders of tx_data_dirs(), datadir.h).
 * TX_ENOTFOUND (naming the file) when there is no stop list for `lang`.
 * The caller frees the profile with tx_lang_free(); it is read-only
 * afterwards, so threads may share it. */
tx_status tx_lang_load(const char *lang, const char *data_dir, tx_lang **out,
                       tx_error *err);
void tx_lang_free(tx_lang *l);

/* Language code the profile was loaded for. */
const char *tx_lang_code(const tx_lang *l);

/* Is the case-folded word (`len` bytes) a stopword?  Elided forms ("l'",
 * "qu'") count as their bare form ("l", "qu"). */
int tx_lang_is_stopword(const tx_lang *l, const char *fold, size_t len);

/* A function word that may stand inside a term. */
typedef struct tx_inner {
    const char *word; /* as written, case-folded: "des" */
    const char *norm; /* its form in term keys: "de" */
    char role;        /* 'a' article, 'c' coordinating conjunction, 'p' preposition */
} tx_inner;

/* The entry of `fold` when it may stand inside a term, else NULL.  Static. */
const tx_inner *tx_lang_inner(const tx_lang *l, const char *fold, size_t len);

/* Does `fold` look like a participle or adjective opening a clause?
 * `strong` endings (French -ant) count anywhere at a sentence start; weak
 * ones (-é, -ée, -ue...) only when `next_is_function` says a function word
 * or punctuation follows ("Guidée par", "Consciente de"). */
int tx_lang_is_clause_opener(const tx_lang *l, const char *fold, size_t len,
                             int next_is_function);

/* Is `fold` a past participle introducing its complement, given the next
 * word `next` ("visés" before "à")?  Such a word does not start a term. */
int tx_lang_is_participle_before(const tx_lang *l, const char *fold, size_t len,
                                 const char *next, size_t next_len);
/* Its two halves, for a caller that keeps them per word form:
 * tx_lang_is_participle_before() = has_participle_end(fold) && is_participle_prep(next). */
int tx_lang_has_participle_end(const tx_lang *l, const char *fold, size_t len);
int tx_lang_is_participle_prep(const tx_lang *l, const char *fold, size_t len);

/* Does the language have determiners (articles, demonstratives, possessives)
 * that show which words are nouns?  French does; see tx_lang_is_determiner(). */
int tx_lang_has_determiners(const tx_lang *l);
/* Is `fold` a determiner ("la", "l'", "ces")?  Called once per word form. */
int tx_lang_is_determiner(const tx_lang *l, const char *fold, size_t len);

/* A complex preposition: a noun between function words ("en matière de",
 * "au niveau de", "on behalf of").  There the noun belongs to the
 * preposition, not to a term: "matière de sécurité" cut out of "en matière
 * de sécurité" is a fragment, while "coopération en matière de sécurité" is
 * whole.  `words` are in key form (a function word as its tx_inner.norm,
 * another word case-folded as written): words[0..noun) before the noun,
 * words[noun] the noun, words[noun + 1] the preposition after it. */
#define TX_LOCUTION_MAX_WORDS 6
typedef struct tx_locution {
    const char *words[TX_LOCUTION_MAX_WORDS];
    size_t noun;
} tx_locution;

/* The complex prepositions whose noun is `fold` (*n of them, next to each
 * other), or NULL.  Owned by the profile. */
const tx_locution *tx_lang_locutions(const tx_lang *l, const char *fold, size_t len,
                                     size_t *n);

/* Number of stopwords loaded. */
size_t tx_lang_n_stopwords(const tx_lang *l);

#endif
