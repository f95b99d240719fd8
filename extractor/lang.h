/* lang.h: language profiles, the extractor's language knowledge as data.
 *
 * A profile is the folder stopwords/<tag>/ of the data directory: its
 * profile.txt holds the settings (the Snowball stemmer, the nouns-first
 * switch) and the short lists (function words allowed inside a term with
 * their key form, determiners, elisions, complex prepositions, the endings of
 * clause-opening participles), stop.txt and verbs.txt the stop list (words
 * that never start or end a term).  The format is described at the top of
 * stopwords/fr/profile.txt.  A profile may come from anywhere (--data-dir),
 * so its files are read with limits and every error names the file and line.
 * Nothing about a particular language is written in C. */
#ifndef TX_LANG_H
#define TX_LANG_H

#include <stddef.h>

#include "langtag.h"
#include "tx.h"

/* Limits on the files of a profile: bytes of a line (its end aside), bytes
 * of a file. */
#define TX_PROFILE_MAX_LINE 1000
#define TX_PROFILE_MAX_BYTES ((size_t)16 << 20)

typedef struct tx_lang tx_lang;

/* Load the profile of the language tag `tag` ("fr", "EN", "fr_CA": case and
 * '_' do not matter) from `data_dir` (NULL: the folders of tx_data_dirs(), datadir.h).  The profile of "fr-CA" is
 * stopwords/fr-CA/, else stopwords/fr/ (RFC 4647 lookup: the tag cut at its
 * last subtag until a folder exists).  TX_EINVAL for a tag that is not
 * well-formed, TX_ENOTFOUND when no folder has a profile.txt, TX_EINPUT
 * ("path:line: ...") for a malformed file or a Snowball stemmer libstemmer
 * lacks, TX_EIO, TX_ENOMEM.  The caller frees the profile with
 * tx_lang_free(); it is read-only afterwards, so threads may share it. */
tx_status tx_lang_load(const char *tag, const char *data_dir, tx_lang **out,
                       tx_error *err);
void tx_lang_free(tx_lang *l);

/* The tag the profile was loaded for, in canonical form ("fr", "fr-CA"):
 * the language code of the terms it extracts.  Owned by `l`. */
const char *tx_lang_code(const tx_lang *l);

/* The tag of the profile found for it (tx_lang_code()'s, or that of its
 * language: "fr" for "fr-CA" without a folder of its own).  Owned by `l`. */
const char *tx_lang_profile(const tx_lang *l);

/* The folder the profile was read from (its reference.txt, if any, is the
 * default reference profile: reference.h).  Owned by `l`. */
const char *tx_lang_folder(const tx_lang *l);

/* The Snowball algorithm of the language, for tx_stemmer_new().  Owned by `l`. */
const char *tx_lang_snowball(const tx_lang *l);

/* Fingerprints of libexttextcat (langid.h): names at most this long, and
 * at most this many others. */
#define TX_TEXTCAT_NAME_MAX 32
#define TX_TEXTCAT_MAX_OTHERS 64

/* The libexttextcat fingerprint of the language (setting "textcat", "fr" for
 * fr.lm), or NULL when the profile names none (no language identification);
 * *others (may be NULL) gets the NULL-terminated list of the fingerprints it
 * is told apart from (setting "textcat-others"; empty: all the folder's).
 * Owned by `l`. */
const char *tx_lang_textcat(const tx_lang *l, const char *const **others);

/* The elided forms ("l'", "qu'"), each ASCII letters and a final apostrophe,
 * as a NULL-terminated list (maybe empty), and the length of the longest
 * (0 when none).  Owned by `l`. */
const char *const *tx_lang_elisions(const tx_lang *l, size_t *max_len);

/* Is the case-folded word (`len` bytes) a stopword?  Elided forms ("l'",
 * "qu'") count as their bare form ("l", "qu"). */
int tx_lang_is_stopword(const tx_lang *l, const char *fold, size_t len);

/* A function word that may stand inside a term. */
typedef struct tx_inner {
    const char *word; /* as written, case-folded: "des" */
    const char *norm; /* its form in term keys: "de" */
    char role;        /* 'a' article, 'c' coordinating conjunction, 'p' preposition */
} tx_inner;

/* The entry of `fold` when it may stand inside a term, else NULL.  Owned by `l`. */
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

/* The nouns-first switch: a lower-case term is listed only when the corpus
 * writes its first word after a determiner (French: terms start with their
 * head noun).  A profile that sets it has determiners. */
int tx_lang_nouns_first(const tx_lang *l);
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

/* The lexicon of the profile (its lexicon.txt: lexicon.h), or NULL when the
 * language has none.  Owned by `l`. */
typedef struct tx_lex tx_lex;
const tx_lex *tx_lang_lexicon(const tx_lang *l);

/* Make the keys of this profile's words from Snowball stems, as before the
 * lexicon (a glossary whose terms were keyed so: tx_store_stem_keys()); to
 * call before any key is made.  The lexicon still gives parts of speech. */
void tx_lang_set_stem_keys(tx_lang *l);

/* The lexicon that makes keys: tx_lang_lexicon(), or NULL after
 * tx_lang_set_stem_keys().  Owned by `l`. */
const tx_lex *tx_lang_key_lexicon(const tx_lang *l);

#endif
