/* candidatesInt.h: what the candidate finder's files (candidates.c,
 * candidates_coord.c) share: the finder's struct, the classes of its tokens
 * and the helpers that build a candidate's key and record it.  Only
 * candidates*.c include it. */
#ifndef TX_CANDIDATESINT_H
#define TX_CANDIDATESINT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "candidates.h"
#include "lang.h"
#include "strmap.h"
#include "tokenize.h"
#include "tx.h"

/* A token's class in its sentence: a break cuts every run; a content word may
 * start and end one; an inner (function) word may stand inside; a number may
 * stand inside or end one. */
enum cls { C_BREAK, C_CONTENT, C_INNER, C_NUM };

struct word;

/* What a token of the current sentence is (c->info[i] for token i). */
typedef struct tokinfo {
    enum cls cls;
    char role;       /* C_INNER: 'a' article, 'c' conjunction, 'p' preposition */
    int no_start;    /* a content word that may not start a term */
    int no_end;      /* nor end one */
    const char *key; /* stem, normalised function word, number, or "," */
    size_t key_len;
    uint64_t hash;   /* of the token's fold (tx_strhash) */
    struct word *form;
} tokinfo;

/* What a folded word form is, worked out once per form and finder: its class
 * as a plain word (not elided, not opening a clause), its key and the ids of
 * its key and fold in the finder's key table.  Most tokens of a corpus are
 * forms seen before, so classifying one is a single hash lookup. */
typedef struct word {
    enum cls cls;
    char role;
    char participle_end;    /* tx_lang_has_participle_end() */
    char participle_prep;   /* tx_lang_is_participle_prep() */
    char determiner;        /* tx_lang_is_determiner() */
    char after_det;         /* a content word seen right after a determiner */
    unsigned char lex;      /* its TX_LEX_ bits where the lexicon knows it, else 0 */
    const char *key;        /* in c->keys, or `fold` for a break or a number */
    const char *fold;       /* the copy in c->words */
    size_t key_len, fold_len;
    uint32_t key_id;        /* NO_ID for a break */
    uint32_t fold_id;       /* NO_ID until a number token needs it (fold_id()) */
    const tx_locution *locs; /* complex prepositions with this noun */
    size_t n_locs;
} word;

/* The id of a token that is never part of a key. */
#define NO_ID UINT32_MAX

typedef struct occ_rec {  /* tx_cand_occ with offsets into c->arena */
    tx_cand_occ occ;
    size_t key_off;   /* (size_t)-1 when string keys are off */
    size_t ell_first, n_ell;
    size_t acr_tok;   /* token of the acronym defined after it, +1; 0: none */
    size_t acr_off;   /* the acronym as written, in c->arena */
} occ_rec;

typedef struct ell_rec {
    size_t key_off, surface_off;
    int lower_initial;
} ell_rec;

struct tx_candidates {
    const tx_lang *lang;
    tx_stemmer *stemmer;
    unsigned min_words, max_words;
    tokinfo *info;
    uint32_t *ids;  /* key id of each token of the sentence */
    size_t info_cap, ids_cap;
    tx_strmap words;  /* fold -> word */
    tx_strmap keys;   /* key string -> its id + 1 */
    struct { const char *s; size_t len; } *key_ref; /* id -> the copy in `keys` */
    size_t n_keys, key_cap;
    uint32_t comma_id;
    int string_keys;  /* build tx_cand_occ.key (on by default) */
    size_t mem;       /* bytes held by the forms and the keys, tables aside */
    occ_rec *recs;
    size_t n_recs, recs_cap;
    tx_cand_occ *occs;
    size_t occs_cap;
    ell_rec *ells;
    size_t n_ells, ells_cap;
    tx_elliptic *ell_out;
    size_t ell_out_cap;
    tx_buf arena;   /* keys and surfaces of the current sentence */
    tx_buf key;     /* key under construction */
    uint64_t key_hash; /* running hash of `key` (tx_strhash_add) */
    uint64_t ids_hash; /* running hash of its ids (tx_idhash_add) */
    uint64_t *word_n;  /* key id -> times it was a content word that may
                          start and end a term (tx_candidates_each_word()) */
    size_t word_n_cap;
};

/* ---- candidates.c ---- */

/* Empty the key under construction (c->key, c->key_hash, c->ids_hash). */
void tx_cand_key_reset(tx_candidates *c);

/* Append the key of tokens [a, b] of the classified sentence to c->key when
 * `strings`, and their ids to c->ids_hash; c->key is owned by `c`.  TX_OK or
 * TX_ENOMEM. */
tx_status tx_cand_add_keys(tx_candidates *c, size_t a, size_t b, int strings);

/* Record tokens [first, last] as an occurrence keyed by c->key (copied to
 * c->arena when string keys are on), with the elliptic terms
 * c->ells[ell_first, ell_first + n_ell); the record is owned by `c` until the
 * next tx_candidates_find().  TX_OK or TX_ENOMEM. */
tx_status tx_cand_emit(tx_candidates *c, size_t first, size_t last, unsigned n_words,
                       unsigned n_content, size_t ell_first, size_t n_ell);

/* May a run go on past the conjunction at token `j`, given the run's
 * prepositions `preps` (borrowed key ids)? */
int tx_cand_conjunction_ok(const tx_candidates *c, const tx_sentence *s, size_t j,
                           const uint32_t *preps, size_t n_preps);

/* Does the article at token `j` start a new phrase (it follows a content
 * word, not a preposition)? */
int tx_cand_article_breaks(const tx_candidates *c, size_t j);

/* ---- candidates_coord.c ---- */

/* Record the coordinated terms of classified sentence `s` and the elliptic
 * terms they imply, owned by `c` until the next tx_candidates_find().  TX_OK
 * or TX_ENOMEM. */
tx_status tx_cand_find_coordinations(tx_candidates *c, const tx_sentence *s);

/* Record the acronyms of classified sentence `s` and link each one defined in
 * brackets to the candidate before it (the records found so far), owned by
 * `c` until the next tx_candidates_find().  TX_OK or TX_ENOMEM. */
tx_status tx_cand_find_acronyms(tx_candidates *c, const tx_sentence *s);

#endif
