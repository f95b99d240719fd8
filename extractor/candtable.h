/* candtable.h: the candidate table of an extraction run.
 *
 * Counts the candidates (candidates.h) of many documents: for each distinct
 * candidate its frequency, written forms, count in each document, a few
 * example sentences and the terms the text links to it (its acronyms, the
 * elliptic terms its enumerations imply).  A table has one shard per worker
 * thread; a shard counts the documents one worker reads, keyed by the ids of
 * that worker's candidate finder, and stays within its share of a memory
 * budget by dropping the rarest candidates (candprune.c).  At the end each
 * shard is rekeyed by the string keys the glossary stores and the shards are
 * merged into one table, which holds what one worker reading every document
 * in order would have found.  Text only: the table knows no database; the
 * rules it shares with the glossary (which links to keep) come in its options.
 *
 * Documents are numbered 0..n_docs-1 by the caller; example sentences are
 * ranked by the rank of the occurrence in its document, then by the
 * document's SHA-256 (tx_candtable_set_doc()), so that what is kept does not
 * depend on the order the documents are read in. */
#ifndef TX_CANDTABLE_H
#define TX_CANDTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "candidates.h"
#include "strmap.h"
#include "tokenize.h"
#include "tx.h"

/* Example sentences taken from one document at most. */
#define TX_CONTEXTS_PER_DOC 3

/* Shards of one table at most (a context names its shard in 8 bits). */
#define TX_CANDTABLE_MAX_SHARDS 256
_Static_assert(TX_MAX_JOBS <= TX_CANDTABLE_MAX_SHARDS, "a shard per worker thread");

/* A written form of a candidate. */
typedef struct tx_cand_variant {
    char *surface;
    size_t len;           /* of surface */
    uint64_t count;
    int lower_initial;
} tx_cand_variant;

/* An example sentence of a candidate, in the pool of the shard that read it
 * (tx_candtable_context_text()). */
typedef struct tx_cand_context {
    uint32_t input;       /* the document */
    uint32_t text_hash;   /* of the sentence (sentence_hash(), candtable.c), never 0 */
    uint64_t offset : 38; /* into that shard's sentence pool (256 GiB at most) */
    uint64_t level : 2;   /* the occurrence's rank in the document, < TX_CONTEXTS_PER_DOC */
    uint64_t shard : 8;   /* < TX_CANDTABLE_MAX_SHARDS */
    uint64_t page : 16;   /* the sentence's page, from 1 (the '\f' lines before it,
                             plus one: docread.h); 0 = unknown or past 65535 */
} tx_cand_context;

_Static_assert(TX_CONTEXTS_PER_DOC <= 4, "tx_cand_context.level has 2 bits");

/* The terms the text names with a candidate, of one kind (those its
 * enumeration implies, or its acronyms): "key\tsurface" strings sorted by
 * key, at most max_links (tx_candtable_opts), in an array of that size. */
typedef struct tx_cand_links {
    char **v;
    size_t n;
} tx_cand_links;

/* One distinct candidate.  Fields are read by the caller once the table is
 * merged; only the table changes them, except cvalue, score and listed,
 * which are the caller's. */
typedef struct tx_cand {
    unsigned n_words, n_content; /* n_content: the least of its occurrences' (a
                                  * window cut counts one more than the window) */
    uint64_t freq;
    double cvalue, score; /* the caller's: scores it gives the candidate */
    int listed;           /* the caller's */
    tx_cand_variant *variants;
    size_t n_variants;
    /* Per-document counts (tx_cand_doc_counts()): the current document's in
     * cur_input/cur_count, the earlier ones as varint pairs (input, count) in
     * dbuf, 2 to 4 bytes each instead of a 16-byte struct: on a corpus of many
     * documents they are most of what a frequent candidate holds. */
    uint32_t cur_input, cur_count;
    unsigned char *dbuf;
    uint32_t dlen, dcap;
    uint32_t n_docs;
    tx_cand_context *contexts;
    size_t n_contexts;
    tx_cand_links acronyms; /* acronyms defined after it */
    tx_cand_links elliptic; /* implied elliptic terms */
    /* Most candidates of a large corpus are seen once: their key in the
     * shard's table, first variant, first example and first surface live in
     * the candidate's own allocation (variants == &v0, contexts == &ctx0,
     * v0.surface == tx_cand_text()) until a second one comes. */
    tx_cand_variant v0;
    tx_cand_context ctx0;
    uint32_t key_len;     /* bytes of key */
    uint32_t str_len;     /* bytes of the string key rekeying will give it */
    uint32_t key[];       /* the key (token ids), then the first surface */
} tx_cand;

/* One document's count of a candidate. */
typedef struct tx_cand_count {
    uint32_t input;  /* the document */
    uint64_t count;
} tx_cand_count;

typedef struct tx_candtable_opts {
    unsigned n_shards;      /* 1..TX_CANDTABLE_MAX_SHARDS, one per worker thread */
    size_t n_docs;          /* documents are numbered 0..n_docs-1 */
    unsigned max_contexts;  /* example sentences kept per candidate */
    /* Bytes for the whole table, shared equally by the shards (0 = no
     * limit): beyond its share a shard drops its rarest candidates. */
    uint64_t max_memory;
    /* Links of each kind a candidate keeps: those of the max_links smallest
     * keys, one per key, with the written form link_before() prefers (the
     * glossary's rule, so that a candidate keeps what the glossary would). */
    unsigned max_links;
    int (*link_before)(const char *a, const char *b);
    /* The candidate finder of each shard (n_shards of them, borrowed: they
     * outlive the table; the array is read by tx_candtable_new() only),
     * which gives the ids the shard is keyed by. */
    tx_candidates *const *finders;
} tx_candtable_opts;

typedef struct tx_candtable tx_candtable;

/* Create an empty table.  Returns TX_OK, TX_EINVAL for bad options, or
 * TX_ENOMEM; the caller frees *out with tx_candtable_free(). */
tx_status tx_candtable_new(const tx_candtable_opts *o, tx_candtable **out, tx_error *err);
void tx_candtable_free(tx_candtable *t);

/* Record the SHA-256 (64 hex digits) of document `doc`, which ranks its
 * example sentences; before any of its text is added. */
void tx_candtable_set_doc(tx_candtable *t, uint32_t doc, const char *hash);

/* Tokenize `text` (len bytes) with `tok` and count its candidates into shard
 * `shard`, as document `doc`; *n_tokens gets the document's word count.  A
 * text holding lines of a lone '\f' (segmented text of a PDF: docread.h) has
 * pages: each example sentence keeps its page (tx_cand_context.page), 1 +
 * the number of '\f' lines before it; in a text without any, pages are 0.  One
 * thread per shard; shards may be filled concurrently.  Returns TX_OK,
 * TX_ENOMEM, or the tokenizer's error for this text (in `err`). */
tx_status tx_candtable_add_text(tx_candtable *t, unsigned shard, tx_tokenizer *tok,
                                uint32_t doc, const char *text, size_t len,
                                uint64_t *n_tokens, tx_error *err);

/* Done adding to shard `shard`: rekey it by string keys (pruning first if
 * that would pass its budget).  Returns TX_OK or TX_ENOMEM. */
tx_status tx_candtable_finish(tx_candtable *t, unsigned shard, tx_error *err);

/* Merge the finished shards into one table (tx_candtable_merged()).
 * Returns TX_OK or TX_ENOMEM. */
tx_status tx_candtable_merge(tx_candtable *t, tx_error *err);

/* The merged table: string key -> tx_cand *.  Owned by `t`; the caller may
 * read and reorder a candidate's variants and contexts, not add or free. */
tx_strmap *tx_candtable_merged(tx_candtable *t);

/* What pruning dropped, over all shards: candidates, times pruned, and the
 * highest frequency dropped. */
void tx_candtable_prune_stats(const tx_candtable *t, uint64_t *n_pruned,
                              unsigned *n_prunes, unsigned *prune_freq);

/* Sort the example sentences of `c` best first. */
void tx_candtable_sort_contexts(const tx_candtable *t, tx_cand *c);

/* The text of example sentence `ctx`, owned by `t`; the int64 just before it
 * (tx_candtable_context_id()) is free for the caller, 0 until it sets it: the
 * glossary keeps the sentence's id there, so a sentence shared by many
 * candidates is stored once. */
char *tx_candtable_context_text(const tx_candtable *t, const tx_cand_context *ctx);
int64_t *tx_candtable_context_id(const tx_candtable *t, const tx_cand_context *ctx);

/* Write the per-document counts of `c` to out[] (room for c->n_docs), in
 * document order; returns how many. */
size_t tx_cand_doc_counts(tx_cand *c, tx_cand_count *out);

/* Take back from `c` the occurrences counted by `part` (a candidate of the
 * same key, found in one copy of a paragraph) `copies[k].count` times in
 * document copies[k].input (n_copies of them, in document order): from its
 * frequency, its written forms and its per-document counts, never below
 * zero; a document left with no occurrence loses its example sentences.
 * Returns TX_OK or TX_ENOMEM (c unchanged). */
tx_status tx_cand_take_back(tx_cand *c, const tx_cand *part, const tx_cand_count *copies,
                            size_t n_copies);

#endif
