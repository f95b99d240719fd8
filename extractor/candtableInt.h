/* candtableInt.h: what the candidate table's files (candtable.c, candprune.c)
 * share; nothing else includes it. */
#ifndef TX_CANDTABLEINT_H
#define TX_CANDTABLEINT_H

#include <stdint.h>

#include "buf.h"
#include "candidates.h"
#include "candtable.h"
#include "strmap.h"
#include "tx.h"

/* What an allocation of n bytes costs, malloc's header included (see
 * candprune.c). */
#define TX_ALLOC_COST(n) ((uint64_t)(n) + 16)

/* The part of the table one worker thread fills. */
typedef struct tx_shard {
    tx_candtable *t;
    unsigned id;
    tx_candidates *cands; /* borrowed: the worker's finder, whose ids key `table` */
    tx_strmap table;      /* key -> tx_cand (ids, then strings once rekeyed) */
    tx_buf pool;          /* sentences referenced by contexts */
    uint64_t mem;         /* estimated bytes held by the table's candidates */
    uint64_t budget;      /* prune the table beyond this (0 = never) */
    uint64_t n_pruned;    /* candidates dropped by pruning */
    uint64_t str_keys;    /* what the table's string keys will take (rekey_cost()) */
    unsigned ctx_cap;     /* contexts a candidate may hold (lowered by pruning) */
    unsigned page;        /* the page of the sentence being counted (0 = unknown) */
    unsigned prune_freq;  /* the highest frequency dropped */
    unsigned n_prunes;
} tx_shard;

/* What ranks a document's example sentences (ctx_before() in candtable.c). */
typedef struct tx_cand_doc {
    uint64_t hkey;   /* the hash's first 16 hex digits, to compare it fast */
    char hash[65];   /* SHA-256, hex; "" until tx_candtable_set_doc() */
} tx_cand_doc;

struct tx_candtable {
    tx_candtable_opts o;  /* o.finders NULL: the finders are the shards' */
    tx_shard *shards;     /* o.n_shards */
    tx_cand_doc *docs;    /* o.n_docs */
};

/* The first surface of `c`, kept in its own allocation after its key. */
static inline char *tx_cand_text(const tx_cand *c)
{
    return (char *)c->key + c->key_len;
}

/* Free candidate `c` (may be NULL) and all it holds. */
void tx_cand_free(tx_cand *c);

/* Append a sentence to a shard's pool as [padding][int64 sentence id][text
 * NUL], the id being `id` (0 until the glossary gives the sentence one, see
 * tx_candtable_context_id()); *off gets the offset of the text.  Returns
 * TX_OK or TX_ENOMEM. */
tx_status tx_cand_pool_add(tx_buf *pool, int64_t id, const char *text, size_t len,
                           size_t *off);

/* candprune.c: is shard `s`, with `extra` bytes more, over its budget? */
int tx_shard_over_budget(const tx_shard *s, uint64_t extra);

/* candprune.c: drop the rarest candidates of `s` (and excess example
 * sentences) so that it is within half its budget.  TX_OK or TX_ENOMEM. */
tx_status tx_shard_prune(tx_shard *s);

#endif
