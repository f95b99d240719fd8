/* store.h: the glossary database (SQLite), internal interface.
 *
 * One file holds documents, terms (every candidate seen, with its scores and a
 * `listed` flag for those that pass the filters), their variants, per-document
 * counts, a few example contexts per term and translations.  The schema carries
 * a version in PRAGMA user_version and is migrated on open.  WAL journal and a
 * busy timeout let a reader (`termex list`) run while `termex extract` writes.
 * SQLite's codes never leave this module: they become tx_status + message.
 * A tx_store is not thread-safe: use each handle from one thread at a time
 * (open one handle per thread if several must read or write).
 * The public part (open, close, list, get) is declared in tx.h.  The files
 * behind it, one per group of tables, are listed in storeInt.h. */
#ifndef TX_STORE_H
#define TX_STORE_H

#include <stdint.h>

#include "concept.h"
#include "tx.h"

#define TX_STORE_SCHEMA_VERSION 12

/* The oldest schema a reader may read as it is when it may not upgrade it
 * (tx_store_open_read()).  Schema 8 added the review's columns, which every
 * reader reads: an older glossary that may not be written is refused with a
 * message that says it must be upgraded once (any write access).  Schema 9
 * added what only writers read (merged).  Schema 11 added sentences.page,
 * which `show` reads from a schema-11 glossary only (S_INFO_CONTEXTS_V10). */
#define TX_STORE_READ_VERSION 8

/* ---- the glossary's own files ---- */

struct stat;

/* Is `path` the glossary file of `st` or one of the files SQLite keeps beside
 * it (-wal, -shm, -journal), compared by identity (device and inode), not by
 * name?  `sb` is stat() of `path` (following links), or NULL when `path` does
 * not exist; a side file that does not exist yet is recognised by its name:
 * the glossary's name (any path to it) and the suffix.  A command must never
 * read them as a document or write an output over them. */
int tx_store_owns_file(tx_store *st, const char *path, const struct stat *sb);

/* ---- transactions: one extraction run is one transaction ---- */

/* BEGIN IMMEDIATE (waits up to the busy timeout for another writer). */
tx_status tx_store_begin(tx_store *st, tx_error *err);
/* The same for a writer that adds only rows whose parent rows it has written
 * or read in this transaction, as extract does: SQLite does not check foreign
 * keys again on each insert until the transaction ends (the tests check the
 * result with PRAGMA foreign_key_check). */
tx_status tx_store_begin_trusted(tx_store *st, tx_error *err);
tx_status tx_store_commit(tx_store *st, tx_error *err);
/* Roll back the open transaction, if any; never fails. */
void tx_store_rollback(tx_store *st);
/* tx_store_begin_read() and tx_store_end_read() are public (tx.h). */

/* ---- the glossary's settings (meta; store_meta.c) ---- */

/* Room for a tag in tx_settings, its NUL included: longer tags are refused. */
#define TX_SETTING_MAX 64

typedef struct tx_settings {
    char lang[TX_SETTING_MAX];    /* the source language, a canonical BCP 47 tag;
                                   * "" for a glossary without any yet */
    char profile[TX_SETTING_MAX]; /* the tag of the profile extraction used
                                   * (the language's, or a parent's); "" unknown */
    tx_listing listing;           /* the listing thresholds */
    int has_listing;              /* they are stored, not the defaults */
} tx_settings;

/* Read the glossary's settings into *s.  What is not stored has its
 * default: the language most of the terms are in (as the upgrade to schema
 * 7 records it), the thresholds TX_DEFAULT_MIN_FREQ, ..., so a glossary read
 * without upgrading (TX_STORE_READ_VERSION) gets what the upgrade would
 * store.  TX_EDB for a stored value that is not one. */
tx_status tx_store_get_settings(tx_store *st, tx_settings *s, tx_error *err);

/* Store all of `s` (inside the caller's write transaction, if any); an
 * empty lang or profile is not stored. */
tx_status tx_store_set_settings(tx_store *st, const tx_settings *s, tx_error *err);

/* Copy the glossary's mark (meta 'uid', 8 hex digits made at its creation)
 * into `out` (`size` bytes); "" when it has none.  Review sheets write term
 * ids with it (concept.h, term_origin). */
tx_status tx_store_uid(tx_store *st, char *out, size_t size, tx_error *err);

/* ---- documents ---- */

typedef struct tx_doc_row {
    const char *path;  /* as given on the command line ("-" for stdin) */
    const char *hash;  /* SHA-256 of the raw bytes, 64 lower-case hex digits */
    const char *lang;
    uint64_t n_tokens; /* word tokens */
    uint64_t n_bytes;  /* raw size */
} tx_doc_row;

/* Set *doc_id to the id of the document whose content hash is `hash`, or to 0. */
tx_status tx_store_find_document(tx_store *st, const char *hash, int64_t *doc_id,
                                 tx_error *err);
/* Insert a document; *doc_id receives its id. */
tx_status tx_store_add_document(tx_store *st, const tx_doc_row *doc, int64_t *doc_id,
                                tx_error *err);

/* ---- merging the candidates of one run ---- */

typedef struct tx_variant_row {
    const char *surface;  /* surface form as written (NFC, cleaned) */
    uint64_t count;
    int lower_initial;    /* its first letter is lower case */
} tx_variant_row;

typedef struct tx_doc_count {
    int64_t doc_id;
    uint64_t count;
} tx_doc_count;

typedef struct tx_context_row {
    int64_t doc_id;
    const char *sentence;
    /* In and out, may be NULL: the sentence's id in the store once stored
     * (0 before), so that a sentence shared by many terms is stored once. */
    int64_t *sentence_id;
    const char *doc_hash; /* the document's SHA-256, hex: ranks the sentence */
    unsigned level;       /* the rank of this occurrence in the document, 0 first */
    unsigned page;        /* the sentence's page (PDF), from 1; 0 = unknown */
} tx_context_row;

/* Links a term keeps of each kind, at most: those of the smallest keys. */
#define TX_MAX_RELATIONS 16

/* Is written form `a` preferred to `b` for a link: the one with a lower-case
 * (or caseless) initial, as running text writes it ("zone de confiance"
 * rather than a title's "Zone de confiance"), then the first in byte order?
 * Content alone decides, so the choice does not depend on which came first. */
int tx_surface_before(const char *a, const char *b);

/* A link from a term to another one (see tx_store_add_relation()). */
typedef struct tx_relation_row {
    const char *kind;           /* "abbreviation", "elliptic" */
    const char *other_key;
    const char *other_surface;
} tx_relation_row;

/* Everything one run found about one candidate (all in new documents). */
typedef struct tx_occ_row {
    const char *lang;
    const char *key;        /* normalised key: see candidates.h */
    unsigned n_words;
    unsigned n_content;
    const tx_variant_row *variants;
    size_t n_variants;
    const tx_doc_count *docs;   /* one entry per document, documents are new */
    size_t n_docs;
    const tx_context_row *contexts; /* candidates for example sentences */
    size_t n_contexts;
    int scored;             /* a new term's scores are known: store them as is */
    double cvalue, score;
    int listed;
    /* The caller knows no term has this key yet, nor was merged into another
     * (the glossary has no term of this language, so no redirect either: see
     * tx_review_merge()): no lookup, and inside a
     * transaction the rows are written in bulk, before the next statement that
     * is not such a merge or at the commit; an error there (a key that was not
     * new after all) fails that call, and the transaction should be rolled
     * back.  Outside a transaction they are written before the call returns. */
    int known_new;
    const tx_relation_row *relations; /* links to add (as tx_store_add_relation()) */
    size_t n_relations;
} tx_occ_row;

/* Merge `row` into the glossary: create the term (status "candidate") or add
 * to it: freq += sum of doc counts, df += n_docs, variant counts added,
 * per-document counts inserted, and of the example sentences it had and those
 * `row` offers, the `max_contexts` first by (level, document hash, text), one
 * per text (then call tx_store_drop_evicted() before the commit).  The
 * canonical form is recomputed from all variants: the most frequent variant
 * with a lower-case initial if there is one, else the most frequent variant
 * (ties: the first in binary order, so that the form does not depend on the
 * order documents arrive in), unless the term is approved or a person set
 * its form.  A key whose term was merged into another (tx_review_merge())
 * adds to that one. */
tx_status tx_store_merge_term(tx_store *st, const tx_occ_row *row,
                              unsigned max_contexts, tx_error *err);
/* The canonical form that rule gives a new term with `row`'s variants
 * (row->n_variants > 0); it points into row->variants. */
const tx_variant_row *tx_store_best_variant(const tx_occ_row *row);

/* Link term (`lang`, `key`) to another term, named by its key and written
 * form since it need not be in the glossary; `kind` is e.g. "elliptic".  A
 * term keeps one link a key, with the form tx_surface_before() prefers, and
 * of each kind the TX_MAX_RELATIONS smallest keys; nothing happens when the
 * term is absent. */
tx_status tx_store_add_relation(tx_store *st, const char *lang, const char *key,
                                const char *kind, const char *other_key,
                                const char *other_surface, tx_error *err);

/* Remove the sentences that merges left no term using (tx_merge_contexts() in
 * store_contexts.c); call it once the run's merges are done. */
tx_status tx_store_drop_evicted(tx_store *st, tx_error *err);

/* ---- rescoring the whole glossary ---- */

typedef struct tx_score_row {
    int64_t id;
    const char *key;   /* valid during the callback only */
    unsigned n_words;
    unsigned n_content;
    uint64_t freq;
    unsigned df;
    double cvalue;     /* as last stored */
    double score;
    int listed;
    int approved;      /* a person decided on it (status 'approved' or
                        * 'rejected'): listed whatever its scores */
    const char *canonical; /* valid during the callback only */
} tx_score_row;

/* Call `fn` for every term of language `lang` (in id order); a non-zero return
 * stops the walk.  Do not write to the store from inside `fn`. */
tx_status tx_store_each_term(tx_store *st, const char *lang,
                             int (*fn)(const tx_score_row *row, void *arg),
                             void *arg, tx_error *err);

/* Store the scores of term `id`; `listed` says whether `list` shows it. */
tx_status tx_store_set_score(tx_store *st, int64_t id, double cvalue, double score,
                             int listed, tx_error *err);

/* ---- the corpus's nouns ---- */

/* Record that `word` (case-folded, `len` bytes) of language `lang` is written
 * after a determiner in the corpus (see tx_candidates_each_noun()); a word
 * recorded already is kept. */
tx_status tx_store_add_noun(tx_store *st, const char *lang, const char *word, size_t len,
                            tx_error *err);
/* Call fn(word, len, arg) for every recorded noun of `lang`; a non-zero
 * return stops.  `word` is valid during the call only. */
tx_status tx_store_each_noun(tx_store *st, const char *lang,
                             int (*fn)(const char *word, size_t len, void *arg), void *arg,
                             tx_error *err);
/* Set *yes to whether the recorded nouns come from every document of the
 * glossary: not in a glossary that had documents before schema version 5. */
tx_status tx_store_nouns_complete(tx_store *st, int *yes, tx_error *err);

/* ---- the corpus's word counts and reference profile (store_words.c) ---- */

/* Add `n` to the count of one-word key `key` (`len` bytes) of `lang`. */
tx_status tx_store_add_word(tx_store *st, const char *lang, const char *key, size_t len,
                            uint64_t n, tx_error *err);
/* Call fn(key, len, count, arg) for every word count of `lang`; a non-zero
 * return stops.  `key` is valid during the call only. */
tx_status tx_store_each_word(tx_store *st, const char *lang,
                             int (*fn)(const char *key, size_t len, uint64_t n, void *arg),
                             void *arg, tx_error *err);
/* Set *yes to whether the word counts come from every document of the
 * glossary: not in one that had documents before schema version 12. */
tx_status tx_store_words_complete(tx_store *st, int *yes, tx_error *err);
/* *n = the word tokens of the documents of `lang` (N_c of score.h). */
tx_status tx_store_token_total(tx_store *st, const char *lang, uint64_t *n, tx_error *err);
/* The reference profile the glossary was scored with (meta 'reference': a
 * path, 'default' or 'none'), copied into `out` (`size` bytes); "" when none
 * is recorded. */
tx_status tx_store_get_reference(tx_store *st, char *out, size_t size, tx_error *err);
/* Are the glossary's term keys made of Snowball stems (meta 'keys' =
 * 'stems': terms stored before schema 12), not of the lexicon's lemmas?
 * Every key made for this glossary must then be made so
 * (tx_lang_set_stem_keys()).  0 on any error. */
int tx_store_stem_keys(tx_store *st);
tx_status tx_store_set_reference(tx_store *st, const char *ref, tx_error *err);

/* Set *yes to whether the glossary has any term of language `lang`. */
tx_status tx_store_has_terms(tx_store *st, const char *lang, int *yes, tx_error *err);

/* Number of documents and of listed terms (for summaries). */
tx_status tx_store_counts(tx_store *st, uint64_t *n_docs, uint64_t *n_listed,
                          tx_error *err);

/* Copy into `lang` (`size` bytes) the language most of the glossary's terms
 * are in; TX_ENOTFOUND when the glossary has no terms. */
tx_status tx_store_main_lang(tx_store *st, char *lang, size_t size, tx_error *err);

/* ---- aligned segments and translations (termex align) ---- */

typedef struct tx_segment_row {
    const char *src_lang, *tgt_lang;
    const char *src, *tgt; /* the two texts */
    const char *source;    /* file(s) it came from */
    const char *ref;       /* "line 12", "tu 42", "sentences 3-4 / 3": may be NULL */
    double score;          /* alignment confidence, 1 for given pairs */
} tx_segment_row;

/* Store a segment pair unless the same pair (languages and texts) is there;
 * *id receives its id either way. */
tx_status tx_store_add_segment(tx_store *st, const tx_segment_row *row, int64_t *id,
                               tx_error *err);

typedef struct tx_segment {
    int64_t id;
    const char *src, *tgt; /* valid during the callback only */
    double score;
} tx_segment;

/* Call `fn` for every stored segment pair of the two languages, in id order;
 * a non-zero return stops.  Do not write to the store from inside `fn`. */
tx_status tx_store_each_segment(tx_store *st, const char *src_lang, const char *tgt_lang,
                                int (*fn)(const tx_segment *seg, void *arg), void *arg,
                                tx_error *err);

typedef struct tx_listed_term {
    int64_t id;
    const char *key, *canonical; /* valid during the callback only */
    unsigned n_content;
    uint64_t freq;
    const char *doc_counts; /* JSON [[document id, count], ...] */
    const char *status;     /* "candidate", "approved" or "rejected" */
} tx_listed_term;

/* Call `fn` for every listed term of `lang` (and every approved one, listed
 * or not yet), in id order. */
tx_status tx_store_each_listed(tx_store *st, const char *lang,
                               int (*fn)(const tx_listed_term *t, void *arg), void *arg,
                               tx_error *err);

/* Remove the computed translations of `src_lang` terms into `tgt_lang` that
 * are still candidates, before they are computed again: the imported ones,
 * those a reviewer added and those a person approved or forbade stay. */
tx_status tx_store_clear_translations(tx_store *st, const char *src_lang,
                                      const char *tgt_lang, tx_error *err);

typedef struct tx_translation_row {
    const char *text;
    double score;
    const char *method;  /* how it was found: "cooccurrence+cognate", ... */
    unsigned n_segments; /* supporting segment pairs */
    int64_t segment_id;  /* one of them, shown as evidence (0: none) */
    const char *status;  /* imported translations: the file's status; NULL: an
                          * aligned one, stored as a candidate unless the
                          * term has that translation already (then skipped) */
} tx_translation_row;

/* Add a translation of term `term_id` into `lang`; a computed one (status
 * NULL) the term has already (the user's, kept by
 * tx_store_clear_translations()) is not added again. */
tx_status tx_store_add_translation(tx_store *st, int64_t term_id, const char *lang,
                                   const tx_translation_row *row, tx_error *err);

typedef struct tx_translation_ref {
    int64_t term_id;
    const char *text;   /* valid during the callback only */
    const char *method; /* "import" for the user's, else how it was computed */
    double score;
    const char *status; /* a tx_tr_status name; NULL or "rejected" in files older
                         * than schema 8 or from an older import ("rejected":
                         * forbidden; NULL: a candidate) */
} tx_translation_ref;

/* Call `fn` for every translation into `tgt_lang` of a listed or approved
 * `src_lang` term: by term, the approved ones first, then the forbidden ones,
 * then the others by descending score. */
tx_status tx_store_each_translation(tx_store *st, const char *src_lang, const char *tgt_lang,
                                    int (*fn)(const tx_translation_ref *t, void *arg),
                                    void *arg, tx_error *err);

/* Parse a term's per-document counts ("[[1,3],[2,5]]") into *v (the caller
 * frees it with free()) and *n; -1 on bad syntax or no memory. */
int tx_store_parse_doc_counts(const char *s, tx_doc_count **v, size_t *n);

typedef struct tx_abbreviation {
    const char *term;     /* the full form (canonical) */
    const char *acronym;  /* as defined in the text */
    tx_doc_count *full;   /* per-document counts of the full form */
    size_t n_full;
    tx_doc_count *abbr;   /* per-document counts of the acronym */
    size_t n_abbr;
} tx_abbreviation;

/* Call `fn` for each term of `lang` with an acronym (a relation found by
 * extraction: "Office des Nations Unies contre la drogue et le crime (ONUDC)"),
 * in alphabetical order; everything is valid during the call only. */
tx_status tx_store_each_abbreviation(tx_store *st, const char *lang,
                                     int (*fn)(const tx_abbreviation *a, void *arg),
                                     void *arg, tx_error *err);

/* Copy the path of document `doc_id` into `path` (`size` bytes). */
tx_status tx_store_document_path(tx_store *st, int64_t doc_id, char *path, size_t size,
                                 tx_error *err);

/* ---- export and import (termex export, termex import) ---- */

/* Call `fn` for each concept to export, in alphabetical order of the source
 * term: approved terms of o->src_lang, listed candidates unless
 * o->approved_only, rejected ones when o->with_rejected, with a score of at
 * least o->min_score; ids c1, c2, ...; every field a reviewer set; the
 * target terms are the translations into o->tgt_lang a person gave or
 * reviewed (approved first, forbidden last), else the best computed one; the
 * first example sentence and its document's name (unless o->no_source); the
 * history as transactions (its first line, and its last when there are
 * several; imports left out).  Do not write to the store from inside `fn`. */
tx_status tx_store_each_concept(tx_store *st, const tx_export_opts *o, tx_concept_fn fn,
                                void *arg, tx_error *err);

/* TX_OK when the glossary has terms in `src_lang` and, if it has any
 * translations, some of them into `tgt_lang` (or no term at all); else
 * TX_EINVAL with a message naming the languages it has. */
tx_status tx_store_check_langs(tx_store *st, const char *src_lang, const char *tgt_lang,
                               tx_error *err);

/* Merge an imported concept: src_keys[i] is the key of c->src[i] (computed
 * as extraction does).  The term is c->term_id when the glossary has that
 * term in c->src_lang (a row naming it by id and another term by its text is
 * refused, TX_EINPUT, naming both), else that of key src_keys[0], created
 * (listed, with the file's frequency and score) when there is none.  Its
 * status is the file's, "approved" when the file has none; c->src[0].text
 * is its entry form (locked when it changes it); the fields the file gives
 * (pos, note, usage, gender, geo, type, definition, domain) replace the
 * stored ones; its context is attached to a document standing for the
 * context's source (or `file`); its translations are added (method
 * "import", status the file's, "approved" when none) or, when there,
 * updated; its other source terms typed "acronym" or "abbreviation" become
 * its abbreviations; the transactions become history lines, and one line
 * (action "import", by `user`) records the import.  The term's version is
 * bumped when it changed.  *created says whether the term is new. */
tx_status tx_store_import_concept(tx_store *st, const tx_concept *c,
                                  const char *const *src_keys, unsigned n_words,
                                  unsigned n_content, const char *file, const char *user,
                                  int *created, tx_error *err);

/* ---- lookup ---- */

/* Find a term by exact canonical form, else by an exact variant surface form,
 * else by the canonical form or a variant compared case-insensitively (ASCII
 * and Latin-1 letters), else by `key` (may be NULL), and fill *out (caller frees
 * with tx_term_info_free()).  Variants come most frequent first, documents by
 * descending count, all contexts, translations by descending score.
 * TX_ENOTFOUND with a message when there is no such term. */
tx_status tx_store_find_term(tx_store *st, const char *text, const char *key,
                             tx_term_info **out, tx_error *err);
/* The same lookup, setting *id to the term's id, or to 0 when there is none. */
tx_status tx_store_find_id(tx_store *st, const char *text, const char *key, int64_t *id,
                           tx_error *err);

#endif
