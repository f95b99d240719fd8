/* candprune.c: memory accounting and pruning of the candidate table's shards.
 *
 * A shard's table grows with every new n-gram, and on a large corpus most of
 * them are seen once.  The shard keeps an estimate of what its candidates
 * hold (allocations and malloc's headers) and of its sentence pool; beyond its
 * share of the table's max_memory, less what its candidate finder holds (see
 * cand_budget()), it drops the candidates seen fewest times, at the
 * lowest threshold (once, twice, ...) that brings it down to half its budget,
 * keeps at most 3 example sentences per candidate from then on (2, then 1, if
 * sentences still take a third of the budget), and compacts its pool.  This
 * is the frequency-threshold pruning of the literature on counting n-grams in
 * bounded memory; its effect on the glossary is measured by
 * scripts/bench-prune (see the README). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "candidates.h"
#include "candtable.h"
#include "candtableInt.h"
#include "strmap.h"

static uint64_t array_cost(size_t n, size_t size)
{
    size_t cap = 1;

    if (!n)
        return 0;
    while (cap < n)
        cap *= 2;
    return TX_ALLOC_COST(cap * size);
}

static uint64_t links_cost(const tx_candtable_opts *o, const tx_cand_links *l)
{
    uint64_t m = l->v ? TX_ALLOC_COST(o->max_links * sizeof *l->v) : 0;

    for (size_t i = 0; i < l->n; i++)
        m += TX_ALLOC_COST(strlen(l->v[i]) + 1);
    return m;
}

/* What candidate `c` holds, its key in the shard's table included. */
static uint64_t cand_cost(const tx_candtable_opts *o, const tx_cand *c)
{
    uint64_t m = TX_ALLOC_COST(sizeof *c + c->key_len + strlen(tx_cand_text(c)) + 1);

    if (c->variants != &c->v0)
        m += array_cost(c->n_variants, sizeof *c->variants);
    for (size_t i = 0; i < c->n_variants; i++)
        if (c->variants[i].surface != tx_cand_text(c))
            m += TX_ALLOC_COST(c->variants[i].len + 1);
    if (c->dcap)
        m += TX_ALLOC_COST(c->dcap);
    if (c->contexts != &c->ctx0)
        m += array_cost(c->n_contexts, sizeof *c->contexts);
    m += links_cost(o, &c->elliptic) + links_cost(o, &c->acronyms);
    return m;
}

static uint64_t shard_bytes(const tx_shard *sh)
{
    return sh->mem + sh->table.cap * sizeof *sh->table.slots + sh->pool.cap;
}

/* What the shard's candidate finder holds (the word forms and keys it has
 * seen) counts against its budget too.  Pruning cannot shrink it, so the
 * candidates get what it leaves of the budget, but never less than a quarter. */
static uint64_t cand_budget(const tx_shard *sh)
{
    uint64_t f = tx_candidates_memory(sh->cands);

    return f < sh->budget / 4 * 3 ? sh->budget - f : sh->budget / 4;
}

int tx_shard_over_budget(const tx_shard *sh, uint64_t extra)
{
    return sh->budget && shard_bytes(sh) + extra > cand_budget(sh);
}

/* What prune() tells its filter: the shard, and the highest frequency
 * dropped. */
typedef struct prune_arg {
    tx_shard *sh;
    unsigned f;
} prune_arg;

static int keep_frequent(const tx_strmap_slot *s, void *arg)
{
    return ((const tx_cand *)s->val)->freq > ((const prune_arg *)arg)->f;
}

static void drop_cand(tx_strmap_slot *s, void *arg)
{
    const tx_cand *c = s->val;

    ((prune_arg *)arg)->sh->str_keys -= TX_ALLOC_COST(c->str_len + 1);
    tx_cand_free(s->val);
    s->val = NULL;
}

/* An example sentence of some candidate, by its offset in the pool: sorting
 * these reads no candidate. */
typedef struct context_ref {
    uint64_t offset;
    tx_cand_context *ctx;
} context_ref;

static int cmp_context_ref(const void *a, const void *b)
{
    const context_ref *x = a, *y = b;

    return (x->offset > y->offset) - (x->offset < y->offset);
}

/* Rebuild the sentence pool with only the sentences contexts still use.
 * Returns TX_OK, or TX_ENOMEM with the pool and contexts unchanged. */
static tx_status compact_pool(tx_shard *sh)
{
    context_ref *refs;
    size_t n = 0, k = 0, old = 0, to = 0;
    tx_buf np = TX_BUF_INIT;
    tx_status rc = TX_OK;

    for (size_t i = 0; i < sh->table.cap; i++)
        if (sh->table.slots[i].key)
            n += ((tx_cand *)sh->table.slots[i].val)->n_contexts;
    if (!(refs = malloc((n ? n : 1) * sizeof *refs)))
        return TX_ENOMEM;
    for (size_t i = 0; i < sh->table.cap; i++) {
        tx_cand *c = sh->table.slots[i].val;
        if (sh->table.slots[i].key)
            for (size_t j = 0; j < c->n_contexts; j++)
                refs[k++] = (context_ref){c->contexts[j].offset, &c->contexts[j]};
    }
    qsort(refs, n, sizeof *refs, cmp_context_ref);
    /* Copy each sentence once, in pool order; refs[i].offset becomes the
     * new offset, given to the contexts only once all is copied. */
    for (size_t i = 0; i < n && rc == TX_OK; i++) {
        const char *text;
        int64_t id;
        if (!i || refs[i].offset != old) {
            old = refs[i].offset;
            text = sh->pool.data + old;
            memcpy(&id, text - sizeof id, sizeof id);
            rc = tx_cand_pool_add(&np, id, text, strlen(text), &to);
        }
        refs[i].offset = to;
    }
    if (rc == TX_OK) {
        for (size_t i = 0; i < n; i++)
            refs[i].ctx->offset = refs[i].offset;
        tx_buf_release(&sh->pool);
        sh->pool = np;
    } else {
        tx_buf_release(&np);
    }
    free(refs);
    return rc;
}

/* Frequencies above this share the last bucket of prune()'s histogram. */
#define PRUNE_BUCKETS 4096

/* The lowest frequency threshold at which the candidates of `sh` seen more
 * often fit in `target` bytes, their example sentences included; lowers
 * sh->ctx_cap when sentences would take over a third of it.  0 when out of
 * memory (no threshold is then 0: the last is 1). */
static unsigned prune_threshold(tx_shard *sh, uint64_t target)
{
    /* cost[f]: what the candidates seen f times (f >= PRUNE_BUCKETS in the
     * last bucket) would keep, sentences aside; ctx[f]: how many example
     * sentences they would keep, then what those take */
    uint64_t *cost = calloc(2 * (PRUNE_BUCKETS + 1), sizeof *cost), *ctx;
    uint64_t n_ctx = 0, per_ctx, keep, keep_ctx;
    unsigned f;

    if (!cost)
        return 0;
    ctx = cost + PRUNE_BUCKETS + 1;
    if (sh->ctx_cap > 3)
        sh->ctx_cap = 3;
    for (size_t i = 0; i < sh->table.cap; i++) {
        const tx_strmap_slot *sl = &sh->table.slots[i];
        const tx_cand *c;
        unsigned b;
        if (!sl->key)
            continue;
        c = sl->val;
        b = c->freq < PRUNE_BUCKETS ? (unsigned)c->freq : PRUNE_BUCKETS;
        n_ctx += c->n_contexts;
        ctx[b] += c->n_contexts < sh->ctx_cap ? c->n_contexts : sh->ctx_cap;
        cost[b] += cand_cost(&sh->t->o, c) + 2 * sizeof *sl;
    }
    /* Sentences are shared among candidates: this overestimates, if anything. */
    per_ctx = n_ctx ? sh->pool.len / n_ctx + 1 : 0;
    for (f = 0; f <= PRUNE_BUCKETS; f++)
        ctx[f] *= per_ctx;
    /* The lowest threshold f whose survivors (seen more than f times) fit. */
    keep = keep_ctx = 0;
    for (f = PRUNE_BUCKETS; f > 1; f--) {
        if (keep + cost[f] + ctx[f] > target)
            break;
        keep += cost[f] + ctx[f];
        keep_ctx += ctx[f];
    }
    /* Fewer example sentences when theirs is over a third of what is kept. */
    while (sh->ctx_cap > 1 && keep_ctx > target / 3) {
        keep_ctx = keep_ctx * (sh->ctx_cap - 1) / sh->ctx_cap;
        sh->ctx_cap--;
    }
    free(cost);
    return f;
}

tx_status tx_shard_prune(tx_shard *sh)
{
    size_t before = sh->table.n;
    unsigned f = prune_threshold(sh, cand_budget(sh) / 2);

    if (!f)
        return TX_ENOMEM;
    if (tx_strmap_filter(&sh->table, keep_frequent, drop_cand, &(prune_arg){sh, f}) !=
        TX_OK)
        return TX_ENOMEM;
    sh->mem = 0;
    for (size_t i = 0; i < sh->table.cap; i++) {
        tx_cand *c = sh->table.slots[i].val;
        if (!sh->table.slots[i].key)
            continue;
        if (c->n_contexts > sh->ctx_cap) {
            tx_candtable_sort_contexts(sh->t, c);
            c->n_contexts = sh->ctx_cap; /* the best ones */
        }
        sh->mem += cand_cost(&sh->t->o, c);
    }
    if (compact_pool(sh) != TX_OK)
        return TX_ENOMEM;
    sh->n_pruned += before - sh->table.n;
    if (f > sh->prune_freq)
        sh->prune_freq = f;
    sh->n_prunes++;
    return TX_OK;
}
