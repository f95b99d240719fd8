/* extract.c: the extraction run, from paths to a rescored glossary.
 *
 * Inputs are read and processed by `jobs` worker threads, each with its own
 * tokenizer, stemmer and candidate table (per document: read, hash, decode,
 * clean up, tokenize, find candidates).  The main thread then merges the
 * tables, stores documents and candidates and rescores the whole glossary, all
 * in one transaction: a run that fails leaves the database as it was. */
#define _POSIX_C_SOURCE 200809L
#include "tx.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "candidates.h"
#include "cleanup.h"
#include "decode.h"
#include "error.h"
#include "pipeline.h"
#include "score.h"
#include "sha256.h"
#include "stem.h"
#include "stopwords.h"
#include "store.h"
#include "strmap.h"
#include "tokenize.h"

/* Largest document read: beyond this a file is more likely a mistake (a disk
 * image, a database) than a document. */
#define MAX_DOC_BYTES ((size_t)1 << 30)

/* Example sentences taken from one document at most (see add_occurrence()). */
#define CONTEXTS_PER_DOC 3

/* What an allocation of n bytes costs, malloc's header included (see "memory
 * accounting and pruning"). */
#define ALLOC_COST(n) ((uint64_t)(n) + 16)

void tx_extract_opts_init(tx_extract_opts *o)
{
    memset(o, 0, sizeof *o);
    o->lang = "fr";
    o->min_freq = 2;
    o->min_words = 2;
    o->max_words = 8;
    o->jobs = 1;
    o->max_contexts = 5;
    o->max_memory = (uint64_t)1 << 30;
}

tx_status tx_lang_check(const char *lang, const char *data_dir, tx_error *err)
{
    tx_lang *l = NULL;
    tx_status rc = tx_lang_load(lang, data_dir, &l, err);

    tx_lang_free(l);
    if (rc == TX_OK && !tx_stem_algorithm(lang))
        rc = tx_fail(err, TX_ENOTFOUND, "no Snowball stemmer for language '%s'", lang);
    return rc;
}

/* ---- per-run candidate table ---- */

typedef struct variant {
    char *surface;
    size_t len;           /* of surface */
    uint64_t count;
    int lower_initial;
} variant;

typedef struct doc_count {
    uint32_t input;  /* index into the run's inputs */
    uint64_t count;
} doc_count;

/* An example sentence of a candidate.  Of those a document offers, a
 * candidate keeps the best as ctx_before() ranks them: by `level`, the rank
 * of the occurrence in its document, then by the document's hash. */
typedef struct context {
    uint32_t input;
    uint32_t text_hash;  /* of the sentence (see sentence_hash()), never 0 */
    uint64_t offset : 54; /* into that worker's sentence pool */
    uint64_t level : 2;   /* < CONTEXTS_PER_DOC */
    uint64_t worker : 8;  /* jobs <= TX_MAX_JOBS */
} context;

_Static_assert(TX_MAX_JOBS <= 256, "context.worker has 8 bits");

_Static_assert(CONTEXTS_PER_DOC <= 4, "context.level has 2 bits");

/* The terms the text names with a candidate, of one kind (those its
 * enumeration implies, or its acronyms): "key\tsurface" strings sorted by
 * key, at most TX_MAX_RELATIONS, in an array of that size (see link_put()). */
typedef struct links {
    char **v;
    size_t n;
} links;

typedef struct cand {
    unsigned n_words, n_content;
    uint64_t freq;
    double cvalue, score; /* scored here when the glossary had no terms before */
    int listed;
    variant *variants;
    size_t n_variants;
    /* Per-document counts: the current document's in cur_input/cur_count,
     * the earlier ones as varint pairs (input, count) in dbuf, 2 to 4 bytes
     * each instead of a 16-byte struct: on a corpus of many documents they
     * are most of what a frequent candidate holds. */
    uint32_t cur_input, cur_count;
    unsigned char *dbuf;
    uint32_t dlen, dcap;
    uint32_t n_docs;
    context *contexts;
    size_t n_contexts;
    links acronyms;       /* acronyms defined after it */
    links elliptic;       /* implied elliptic terms */
    /* Most candidates of a large corpus are seen once: their key in the
     * worker's table, first variant, first example and first surface live in
     * the candidate's own allocation (variants == &v0, contexts == &ctx0,
     * v0.surface == cand_text()) until a second one comes; see grow_inline(). */
    variant v0;
    context ctx0;
    uint32_t key_len;     /* bytes of key */
    uint32_t str_len;     /* bytes of the string key rekey() will give it */
    uint32_t key[];       /* the key (token ids), then the first surface */
} cand;

/* The first surface of `c`, kept in its own allocation after its key. */
static char *cand_text(const cand *c)
{
    return (char *)c->key + c->key_len;
}

/* Compare the keys of links `a` and `b` ("key\tsurface"), as strcmp() would
 * the keys alone (keys hold no tab). */
static int link_key_cmp(const char *a, const char *b)
{
    while (*a == *b && *a != '\t') {
        a++;
        b++;
    }
    return (*a == '\t' ? 0 : (unsigned char)*a) - (*b == '\t' ? 0 : (unsigned char)*b);
}

/* Add link `ks` ("key\tsurface", malloc'ed; taken over: kept or freed) to `l`,
 * as the store keeps links (tx_store_add_relation()): one per key, with the
 * surface tx_surface_before() prefers, and the TX_MAX_RELATIONS smallest
 * keys, so that what a candidate keeps does not depend on the order it met
 * them in.  *mem (may be NULL) follows what `l` holds.  0, or -1 when out of
 * memory (`ks` freed). */
static int link_put(links *l, char *ks, uint64_t *mem)
{
    size_t i = 0;
    int c = 1;

    if (!l->v) {
        if (!(l->v = malloc(TX_MAX_RELATIONS * sizeof *l->v))) {
            free(ks);
            return -1;
        }
        if (mem)
            *mem += ALLOC_COST(TX_MAX_RELATIONS * sizeof *l->v);
    }
    while (i < l->n && (c = link_key_cmp(l->v[i], ks)) < 0)
        i++;
    if (i < l->n && c == 0) { /* the key is there: keep the preferred surface */
        if (tx_surface_before(strchr(ks, '\t') + 1, strchr(l->v[i], '\t') + 1)) {
            if (mem)
                *mem += strlen(ks) - strlen(l->v[i]);
            free(l->v[i]);
            l->v[i] = ks;
        } else {
            free(ks);
        }
        return 0;
    }
    if (i == TX_MAX_RELATIONS) { /* a larger key than all those kept */
        free(ks);
        return 0;
    }
    if (l->n == TX_MAX_RELATIONS) {
        if (mem)
            *mem -= ALLOC_COST(strlen(l->v[l->n - 1]) + 1);
        free(l->v[--l->n]);
    }
    memmove(l->v + i + 1, l->v + i, (l->n - i) * sizeof *l->v);
    l->v[i] = ks;
    l->n++;
    if (mem)
        *mem += ALLOC_COST(strlen(ks) + 1);
    return 0;
}

/* "key\tsurface" in a new allocation; NULL when out of memory. */
static char *link_new(const char *key, const char *surface)
{
    size_t len = strlen(key) + strlen(surface) + 2;
    char *ks = malloc(len);

    if (ks)
        snprintf(ks, len, "%s\t%s", key, surface);
    return ks;
}

/* Put the links of `from` into `into` (link_put()); `from` is left empty.
 * 0, or -1 when out of memory. */
static int links_move(links *into, links *from)
{
    int rc = 0;

    for (size_t i = 0; i < from->n; i++) {
        char *ks = from->v[i];
        from->v[i] = NULL; /* link_put() keeps or frees it, even when it fails */
        if (rc == 0 && link_put(into, ks, NULL) < 0)
            rc = -1;
        else if (rc != 0)
            free(ks);
    }
    from->n = 0;
    return rc;
}

static void links_release(links *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static uint64_t links_cost(const links *l)
{
    uint64_t m = l->v ? ALLOC_COST(TX_MAX_RELATIONS * sizeof *l->v) : 0;

    for (size_t i = 0; i < l->n; i++)
        m += ALLOC_COST(strlen(l->v[i]) + 1);
    return m;
}

typedef struct input {
    char *path;
    int walked;           /* found in a directory: read only as a regular file */
    int status;           /* 0 pending, 1 added, 2 known, 3 failed, 4 empty */
    size_t dup_of;        /* status 2: 1 + the index of the earlier input with this
                             content, or 0 when the glossary had it */
    char hash[65];
    uint64_t hkey;        /* the hash's first 16 hex digits, to compare it fast */
    uint64_t size;        /* from stat() when collected (0 for "-") */
    uint64_t n_bytes, n_tokens;
    int64_t doc_id;
} input;

typedef struct run run;

typedef struct worker {
    run *r;
    unsigned id;
    tx_tokenizer *tok;
    tx_stemmer *stem;
    tx_candidates *cands;
    tx_strmap table;     /* key -> cand */
    tx_buf pool;         /* sentences referenced by contexts */
    uint64_t mem;        /* estimated bytes held by the table's candidates */
    uint64_t budget;     /* prune the table beyond this (0 = never) */
    uint64_t n_pruned;   /* candidates dropped by pruning */
    uint64_t str_keys;   /* what the table's string keys will take (rekey_cost()) */
    unsigned ctx_cap;    /* contexts a candidate may hold (lowered by pruning) */
    unsigned prune_freq; /* the highest frequency dropped */
    unsigned n_prunes;
    size_t first, end;   /* the inputs it reads (see share_inputs()) */
    tx_status rc;
    tx_error err;
    pthread_t thread;
} worker;

struct run {
    tx_store *st;
    const tx_extract_opts *o;
    tx_lang *lang;
    input *inputs;
    size_t n_inputs, cap_inputs;
    uint64_t bytes_done;
    size_t n_done;
    tx_strmap hashes;    /* hashes seen in this run */
    tx_strmap dirs;      /* directories walked: (device, inode) -> their path */
    pthread_mutex_t lock;
    worker *workers;
    unsigned n_workers;
    int failed;          /* a worker hit a fatal error */
    int stopped;         /* a progress or notice callback said stop (tx.h) */
    tx_strmap nouns;     /* the corpus's nouns (gather_nouns()), case-folded */
    int noun_rule;       /* list a lower-case term only if it starts with one */
};

static void notice(run *r, tx_status rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void notice(run *r, tx_status rc, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    if (!r->o->notice)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->o->notice(rc, msg, r->o->cb_arg) != 0)
        r->stopped = 1;
}

static void cand_free(cand *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_variants; i++)
        if (c->variants[i].surface != cand_text(c))
            free(c->variants[i].surface);
    links_release(&c->elliptic);
    links_release(&c->acronyms);
    if (c->variants != &c->v0)
        free(c->variants);
    free(c->dbuf);
    if (c->contexts != &c->ctx0)
        free(c->contexts);
    free(c);
}

static void table_release(tx_strmap *t)
{
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].key)
            cand_free(t->slots[i].val);
    tx_strmap_release(t);
}

/* Free all that worker `w` holds. */
static void release_worker(worker *w)
{
    table_release(&w->table);
    tx_buf_release(&w->pool);
    tx_candidates_free(w->cands);
    tx_stemmer_free(w->stem);
    tx_tokenizer_free(w->tok);
}

/* Thread start: release_worker() on every worker of run `arg`. */
static void *release_workers(void *arg)
{
    run *r = arg;

    for (unsigned k = 0; k < r->n_workers; k++)
        release_worker(&r->workers[k]);
    return NULL;
}

static int grow(void **p, size_t n, size_t size)
{
    /* Arrays here grow one element at a time: double at powers of two. */
    void *q;

    if (n && (n & (n - 1)))
        return 0;
    q = realloc(*p, (n ? n * 2 : 1) * size);
    if (!q)
        return -1;
    *p = q;
    return 0;
}

/* grow() for an array whose first element may live in the candidate itself,
 * at `inl`: an empty array starts there, and moves to the heap (room for two)
 * when a second element comes. */
static int grow_inline(void **p, void *inl, size_t n, size_t size)
{
    void *q;

    if (!inl || (*p && *p != inl))
        return grow(p, n, size);
    if (!n) {
        *p = inl;
        return 0;
    }
    if (!(q = malloc(2 * size)))
        return -1;
    memcpy(q, inl, size);
    *p = q;
    return 0;
}

/* ---- memory accounting and pruning ----
 *
 * A worker's table grows with every new n-gram, and on a large corpus most of
 * them are seen once.  The worker keeps an estimate of what its candidates
 * hold (allocations and malloc's headers) and of its sentence pool; beyond its
 * share of opts->max_memory, less what its candidate finder holds (see
 * cand_budget()), it drops the candidates seen fewest times, at the
 * lowest threshold (once, twice, ...) that brings it down to half its budget,
 * keeps at most 3 example sentences per candidate from then on (2, then 1, if
 * sentences still take a third of the budget), and compacts its pool.  This
 * is the frequency-threshold pruning of the literature on counting n-grams in
 * bounded memory; its effect on the glossary is measured by
 * scripts/bench-prune (see the README). */

static uint64_t array_cost(size_t n, size_t size)
{
    size_t cap = 1;

    if (!n)
        return 0;
    while (cap < n)
        cap *= 2;
    return ALLOC_COST(cap * size);
}

/* What candidate `c` holds, its key in the worker's table included. */
static uint64_t cand_cost(const cand *c)
{
    uint64_t m = ALLOC_COST(sizeof *c + c->key_len + strlen(cand_text(c)) + 1);

    if (c->variants != &c->v0)
        m += array_cost(c->n_variants, sizeof *c->variants);
    for (size_t i = 0; i < c->n_variants; i++)
        if (c->variants[i].surface != cand_text(c))
            m += ALLOC_COST(c->variants[i].len + 1);
    if (c->dcap)
        m += ALLOC_COST(c->dcap);
    if (c->contexts != &c->ctx0)
        m += array_cost(c->n_contexts, sizeof *c->contexts);
    m += links_cost(&c->elliptic) + links_cost(&c->acronyms);
    return m;
}

static unsigned char *put_varint(unsigned char *p, uint32_t v)
{
    while (v >= 0x80) {
        *p++ = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    *p++ = (unsigned char)v;
    return p;
}

static const unsigned char *get_varint(const unsigned char *p, uint32_t *v)
{
    uint32_t x = 0;
    unsigned shift = 0;

    while (*p & 0x80) {
        x |= (uint32_t)(*p++ & 0x7f) << shift;
        shift += 7;
    }
    *v = x | (uint32_t)*p++ << shift;
    return p;
}

/* Move the current document's count of `c` into its dbuf; *added (may be
 * NULL) gets the bytes allocated.  Returns 0, or -1 when out of memory. */
static int flush_doc(cand *c, uint64_t *added)
{
    if (c->dlen + 10 > c->dcap) {
        uint32_t cap = c->dcap ? c->dcap * 2 : 16;
        unsigned char *p = realloc(c->dbuf, cap);
        if (!p)
            return -1;
        if (added)
            *added += cap - c->dcap + (c->dcap ? 0 : 16);
        c->dbuf = p;
        c->dcap = cap;
    }
    c->dlen = (uint32_t)(put_varint(put_varint(c->dbuf + c->dlen, c->cur_input),
                                    c->cur_count) - c->dbuf);
    return 0;
}

/* grow_inline() for the worker's own table, counting what it allocates. */
static int wgrow(worker *w, void **p, void *inl, size_t n, size_t size)
{
    int in_place = inl && (!*p || *p == inl);

    if (grow_inline(p, inl, n, size) < 0)
        return -1;
    if (in_place)
        w->mem += n ? ALLOC_COST(2 * size) : 0;
    else if (!n)
        w->mem += ALLOC_COST(size);
    else if (!(n & (n - 1)))
        w->mem += (uint64_t)n * size;
    return 0;
}

static uint64_t worker_bytes(const worker *w)
{
    return w->mem + w->table.cap * sizeof *w->table.slots + w->pool.cap;
}

/* What the worker's candidate finder holds (the word forms and keys it has
 * seen) counts against its budget too.  Pruning cannot shrink it, so the
 * candidates get what it leaves of the budget, but never less than a quarter. */
static uint64_t cand_budget(const worker *w)
{
    uint64_t f = tx_candidates_memory(w->cands);

    return f < w->budget / 4 * 3 ? w->budget - f : w->budget / 4;
}

/* What prune() tells its filter: the worker, and the highest frequency
 * dropped. */
typedef struct prune_arg {
    worker *w;
    unsigned f;
} prune_arg;

static int keep_frequent(const tx_strmap_slot *s, void *arg)
{
    return ((const cand *)s->val)->freq > ((const prune_arg *)arg)->f;
}

static void drop_cand(tx_strmap_slot *s, void *arg)
{
    const cand *c = s->val;

    ((prune_arg *)arg)->w->str_keys -= ALLOC_COST(c->str_len + 1);
    cand_free(s->val);
    s->val = NULL;
}

/* An example sentence of some candidate, by its offset in the pool: sorting
 * these reads no candidate. */
typedef struct context_ref {
    uint64_t offset;
    context *ctx;
} context_ref;

static int cmp_context_ref(const void *a, const void *b)
{
    const context_ref *x = a, *y = b;

    return (x->offset > y->offset) - (x->offset < y->offset);
}

/* Append a sentence to a worker's pool as [padding][int64 sentence id][text
 * NUL], the id being 0 until the store gives the sentence one (see
 * store_candidates()); *off gets the offset of the text.  Returns TX_OK or
 * TX_ENOMEM. */
static tx_status pool_add(tx_buf *pool, int64_t id, const char *text, size_t len,
                          size_t *off)
{
    static const char zeros[8];
    size_t pad = (8 - pool->len % 8) % 8;

    if (tx_buf_add(pool, zeros, pad) != TX_OK ||
        tx_buf_add(pool, &id, sizeof id) != TX_OK)
        return TX_ENOMEM;
    *off = pool->len;
    if (tx_buf_add(pool, text, len) != TX_OK || tx_buf_addch(pool, '\0') != TX_OK)
        return TX_ENOMEM;
    return TX_OK;
}

/* Rebuild the sentence pool with only the sentences contexts still use.
 * Returns TX_OK, or TX_ENOMEM with the pool and contexts unchanged. */
static tx_status compact_pool(worker *w)
{
    context_ref *refs;
    size_t n = 0, k = 0, old = 0, to = 0;
    tx_buf np = TX_BUF_INIT;
    tx_status rc = TX_OK;

    for (size_t i = 0; i < w->table.cap; i++)
        if (w->table.slots[i].key)
            n += ((cand *)w->table.slots[i].val)->n_contexts;
    if (!(refs = malloc((n ? n : 1) * sizeof *refs)))
        return TX_ENOMEM;
    for (size_t i = 0; i < w->table.cap; i++) {
        cand *c = w->table.slots[i].val;
        if (w->table.slots[i].key)
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
            text = w->pool.data + old;
            memcpy(&id, text - sizeof id, sizeof id);
            rc = pool_add(&np, id, text, strlen(text), &to);
        }
        refs[i].offset = to;
    }
    if (rc == TX_OK) {
        for (size_t i = 0; i < n; i++)
            refs[i].ctx->offset = refs[i].offset;
        tx_buf_release(&w->pool);
        w->pool = np;
    } else {
        tx_buf_release(&np);
    }
    free(refs);
    return rc;
}

static void sort_contexts(const run *r, cand *c);

/* Frequencies above this share the last bucket of prune()'s histogram. */
#define PRUNE_BUCKETS 4096

/* Drop the rarest candidates (and excess example sentences) so that the worker
 * is within half its budget. */
static tx_status prune(worker *w)
{
    /* cost[f]: what the candidates seen f times (f >= PRUNE_BUCKETS in the
     * last bucket) would keep, sentences aside; ctx[f]: how many example
     * sentences they would keep, then what those take */
    uint64_t *cost = calloc(2 * (PRUNE_BUCKETS + 1), sizeof *cost), *ctx;
    uint64_t n_ctx = 0, per_ctx, keep, keep_ctx, target = cand_budget(w) / 2;
    unsigned f;
    size_t before = w->table.n;

    if (!cost)
        return TX_ENOMEM;
    ctx = cost + PRUNE_BUCKETS + 1;
    if (w->ctx_cap > 3)
        w->ctx_cap = 3;
    for (size_t i = 0; i < w->table.cap; i++) {
        const tx_strmap_slot *sl = &w->table.slots[i];
        const cand *c;
        unsigned b;
        if (!sl->key)
            continue;
        c = sl->val;
        b = c->freq < PRUNE_BUCKETS ? (unsigned)c->freq : PRUNE_BUCKETS;
        n_ctx += c->n_contexts;
        ctx[b] += c->n_contexts < w->ctx_cap ? c->n_contexts : w->ctx_cap;
        cost[b] += cand_cost(c) + 2 * sizeof *sl;
    }
    /* Sentences are shared among candidates: this overestimates, if anything. */
    per_ctx = n_ctx ? w->pool.len / n_ctx + 1 : 0;
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
    while (w->ctx_cap > 1 && keep_ctx > target / 3) {
        keep_ctx = keep_ctx * (w->ctx_cap - 1) / w->ctx_cap;
        w->ctx_cap--;
    }
    free(cost);
    if (tx_strmap_filter(&w->table, keep_frequent, drop_cand, &(prune_arg){w, f}) != TX_OK)
        return TX_ENOMEM;
    w->mem = 0;
    for (size_t i = 0; i < w->table.cap; i++) {
        cand *c = w->table.slots[i].val;
        if (!w->table.slots[i].key)
            continue;
        if (c->n_contexts > w->ctx_cap) {
            sort_contexts(w->r, c);
            c->n_contexts = w->ctx_cap; /* the best ones */
        }
        w->mem += cand_cost(c);
    }
    if (compact_pool(w) != TX_OK)
        return TX_ENOMEM;
    w->n_pruned += before - w->table.n;
    if (f > w->prune_freq)
        w->prune_freq = f;
    w->n_prunes++;
    return TX_OK;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- collecting the inputs ---- */

static tx_status add_input(run *r, const char *path, uint64_t size, int walked)
{
    input *in;

    if (r->n_inputs == r->cap_inputs) {
        size_t cap = r->cap_inputs ? r->cap_inputs * 2 : 16;
        input *p = realloc(r->inputs, cap * sizeof *p);
        if (!p)
            return TX_ENOMEM;
        r->inputs = p;
        r->cap_inputs = cap;
    }
    in = &r->inputs[r->n_inputs];
    memset(in, 0, sizeof *in);
    in->path = strdup(path);
    if (!in->path)
        return TX_ENOMEM;
    in->size = size;
    in->walked = walked;
    r->n_inputs++;
    return TX_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a file that is not a document is, for messages. */
static const char *file_kind(mode_t mode)
{
    return S_ISFIFO(mode)   ? "a FIFO"
           : S_ISCHR(mode)  ? "a character device"
           : S_ISBLK(mode)  ? "a block device"
           : S_ISSOCK(mode) ? "a socket"
                            : "not a regular file";
}

/* Is directory `sb` (at `path`) walked already?  If not, remember it. */
static tx_status dir_seen(run *r, const char *path, const struct stat *sb,
                          const char **first)
{
    char key[sizeof sb->st_dev + sizeof sb->st_ino];
    tx_strmap_slot *slot;
    int created;

    memcpy(key, &sb->st_dev, sizeof sb->st_dev);
    memcpy(key + sizeof sb->st_dev, &sb->st_ino, sizeof sb->st_ino);
    if (tx_strmap_put(&r->dirs, key, sizeof key, &slot, &created) != TX_OK)
        return TX_ENOMEM;
    if (!created) {
        *first = slot->val;
        return TX_OK;
    }
    *first = NULL;
    if (!(slot->val = strdup(path)))
        return TX_ENOMEM;
    return TX_OK;
}

/* Add `path`: a file, "-", or a directory walked recursively in name order
 * (hidden entries skipped); `walked` when it was found in a directory.  Each
 * directory is walked once, however many links lead to it (a link to "."
 * would otherwise make the walk endless), and only regular files are read
 * from a walk: a FIFO would block the run and a device never ends; one named
 * on the command line is read as a stream.  The glossary's own files are
 * skipped wherever they are.  What is skipped is reported; unreadable paths
 * count as failed. */
static tx_status collect(run *r, const char *path, size_t *n_failed, int depth,
                         int walked)
{
    struct stat sb;
    DIR *d;
    struct dirent *de;
    char **names = NULL;
    const char *first;
    size_t n = 0, cap = 0;
    tx_status rc = TX_OK;

    if (!walked && strcmp(path, "-") == 0)
        return add_input(r, path, 0, 0);
    if (stat(path, &sb) != 0) {
        notice(r, TX_EIO, "cannot open '%s': %s", path, strerror(errno));
        (*n_failed)++;
        return TX_OK;
    }
    if (tx_store_owns_file(r->st, path, &sb)) {
        notice(r, TX_OK, "'%s': the glossary itself, skipped", path);
        return TX_OK;
    }
    if (!S_ISDIR(sb.st_mode)) {
        if (S_ISREG(sb.st_mode) ||
            (!walked && (S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode))))
            return add_input(r, path, S_ISREG(sb.st_mode) && sb.st_size > 0
                                          ? (uint64_t)sb.st_size : 0, walked);
        if (walked) {
            notice(r, TX_OK, "'%s': %s, not a document, skipped", path,
                   file_kind(sb.st_mode));
            return TX_OK;
        }
        notice(r, TX_EINPUT, "'%s': %s, not a document", path, file_kind(sb.st_mode));
        (*n_failed)++;
        return TX_OK;
    }
    if ((rc = dir_seen(r, path, &sb, &first)) != TX_OK)
        return rc;
    if (first) {
        notice(r, TX_OK, "'%s': the directory '%s' again (a symbolic link), walked once",
               path, first);
        return TX_OK;
    }
    if (depth > 64) {
        notice(r, TX_EINPUT, "'%s': directories nested too deep, skipped", path);
        (*n_failed)++;
        return TX_OK;
    }
    if (!(d = opendir(path))) {
        notice(r, TX_EIO, "cannot open directory '%s': %s", path, strerror(errno));
        (*n_failed)++;
        return TX_OK;
    }
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **p = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof *p);
            if (!p) {
                rc = TX_ENOMEM;
                break;
            }
            names = p;
        }
        size_t len = strlen(path) + strlen(de->d_name) + 2;
        if (!(names[n] = malloc(len))) {
            rc = TX_ENOMEM;
            break;
        }
        snprintf(names[n++], len, "%s%s%s", path,
                 path[strlen(path) - 1] == '/' ? "" : "/", de->d_name);
    }
    closedir(d);
    if (rc == TX_OK && n) /* qsort() must not be given NULL, even for 0 names */
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (rc == TX_OK)
            rc = collect(r, names[i], n_failed, depth + 1, 1);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* ---- per-document work ---- */

/* Open input `in` for reading: "-" is standard input (not to be closed), a
 * walked input must still be a regular file when opened (not a FIFO put in
 * its place since the walk, whose open would block).  Returns the
 * descriptor, or -1 with a message in `err`. */
static int open_input(const input *in, tx_error *err)
{
    struct stat sb;
    int fd;

    if (!in->walked && strcmp(in->path, "-") == 0)
        return STDIN_FILENO;
    fd = open(in->path, O_RDONLY | O_NOCTTY | O_CLOEXEC | (in->walked ? O_NONBLOCK : 0));
    if (fd < 0) {
        tx_fail(err, TX_EIO, "cannot open '%s': %s", in->path, strerror(errno));
        return -1;
    }
    if (in->walked && (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))) {
        close(fd);
        tx_fail(err, TX_EINPUT, "'%s': not a regular file any more, skipped", in->path);
        return -1;
    }
    if (in->walked)
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

/* Read up to `len` bytes from `fd` into `buf`; the count, or -1 (errno set). */
static ssize_t read_full(int fd, char *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (ssize_t)got;
}

/* Read input `in` whole into *data (*len bytes; the caller frees it), at
 * most MAX_DOC_BYTES.  Binary data is refused as soon as its first block
 * shows it (tx_decode_sniff()), so that a device or a disk image named by
 * mistake is not read for a gigabyte first. */
static tx_status read_all(const input *in, char **data, size_t *len, tx_error *err)
{
    tx_buf b = TX_BUF_INIT;
    char *chunk = malloc(65536);
    int fd = chunk ? open_input(in, err) : -1;
    tx_status rc = TX_OK;
    ssize_t n;

    *data = NULL;
    if (!chunk)
        return tx_fail(err, TX_ENOMEM, "'%s': out of memory", in->path);
    if (fd < 0) {
        free(chunk);
        return err ? err->code : TX_EIO;
    }
    while ((n = read_full(fd, chunk, 65536)) > 0) {
        if (b.len + (size_t)n > MAX_DOC_BYTES) {
            rc = tx_fail(err, TX_EINPUT, "'%s': larger than %zu MiB (termex's limit for "
                         "one document), skipped", in->path, MAX_DOC_BYTES >> 20);
            break;
        }
        if (tx_buf_add(&b, chunk, (size_t)n) != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "'%s': out of memory", in->path);
            break;
        }
        if (b.len == (size_t)n && (rc = tx_decode_sniff(in->path, b.data, b.len, err)) !=
                                      TX_OK)
            break;
    }
    if (n < 0 && rc == TX_OK)
        rc = tx_fail(err, TX_EIO, "cannot read '%s': %s", in->path, strerror(errno));
    if (fd != STDIN_FILENO)
        close(fd);
    free(chunk);
    if (rc != TX_OK) {
        tx_buf_release(&b);
        return rc;
    }
    *data = tx_buf_detach(&b, len);
    return *data ? TX_OK : tx_fail(err, TX_ENOMEM, "out of memory");
}

/* A sentence's text as a non-zero 32-bit hash: a candidate keeps one example
 * of each text (a sentence repeated across documents is one example); two
 * texts that collide would only cost a candidate one example. */
static uint32_t sentence_hash(const tx_sentence *s)
{
    uint64_t h = tx_strhash(s->text, s->len);
    uint32_t v = (uint32_t)(h ^ (h >> 32));

    return v + !v;
}

/* The text of example sentence `c`, in its worker's pool. */
static const char *ctx_text(const run *r, const context *c)
{
    return r->workers[c->worker].pool.data + c->offset;
}

/* Is example sentence `c` the text text[0..len), whose sentence_hash() is
 * `hash`? */
static int same_text(const run *r, const context *c, const char *text, size_t len,
                     uint32_t hash)
{
    const char *t;

    if (c->text_hash != hash)
        return 0;
    t = ctx_text(r, c);
    return strncmp(t, text, len) == 0 && t[len] == '\0';
}

/* Is example sentence `a` better than `b`: an earlier occurrence in its
 * document (a lower level), then one from the document with the smaller
 * SHA-256?  The store ranks them the same way (tx_store_merge_term()). */
static int ctx_before(const run *r, const context *a, const context *b)
{
    const input *x = &r->inputs[a->input], *y = &r->inputs[b->input];

    if (a->level != b->level)
        return a->level < b->level;
    if (x->hkey != y->hkey)
        return x->hkey < y->hkey;
    return strcmp(x->hash, y->hash) < 0;
}

/* Sort the example sentences of `c` best first (few: an insertion sort). */
static void sort_contexts(const run *r, cand *c)
{
    for (size_t i = 1; i < c->n_contexts; i++) {
        context x = c->contexts[i];
        size_t j = i;
        for (; j > 0 && ctx_before(r, &x, &c->contexts[j - 1]); j--)
            c->contexts[j] = c->contexts[j - 1];
        c->contexts[j] = x;
    }
}

/* Offer sentence `s` of input `input_idx`, where it is occurrence number
 * c->cur_count of candidate `c`, as one of its example sentences: `c` keeps
 * the ctx_cap best as ctx_before() ranks them, one per text, as the store
 * will (tx_store_merge_term()), so that they do not depend on the order the
 * documents came in.  *pool_off and *text_hash: as for add_occurrence().
 * Returns TX_OK or TX_ENOMEM. */
static tx_status offer_context(worker *w, cand *c, uint32_t input_idx,
                               const tx_sentence *s, size_t *pool_off,
                               uint32_t *text_hash)
{
    context nc = {input_idx, 0, 0, c->cur_count, w->id};
    size_t at = c->n_contexts;

    /* Full: only one better than the worst may come in (most are not). */
    if (c->n_contexts >= w->ctx_cap) {
        at = 0;
        for (size_t k = 1; k < c->n_contexts; k++)
            if (ctx_before(w->r, &c->contexts[at], &c->contexts[k]))
                at = k;
        if (!ctx_before(w->r, &nc, &c->contexts[at]))
            return TX_OK;
    }
    nc.text_hash = *text_hash ? *text_hash : (*text_hash = sentence_hash(s));
    /* The same text kept already: this one replaces it if better. */
    for (size_t k = 0; k < c->n_contexts; k++) {
        if (same_text(w->r, &c->contexts[k], s->text, s->len, nc.text_hash)) {
            if (!ctx_before(w->r, &nc, &c->contexts[k]))
                return TX_OK;
            at = k;
            break;
        }
    }
    if (*pool_off == (size_t)-1 &&
        pool_add(&w->pool, 0, s->text, s->len, pool_off) != TX_OK)
        return TX_ENOMEM;
    if (at == c->n_contexts) {
        if (wgrow(w, (void **)&c->contexts, &c->ctx0, c->n_contexts, sizeof *c->contexts) <
            0)
            return TX_ENOMEM;
        c->n_contexts++;
    }
    nc.offset = *pool_off;
    c->contexts[at] = nc;
    return TX_OK;
}

/* Count occurrence `occ` of sentence `s`.  *pool_off is where the sentence is
 * in the worker's pool ((size_t)-1 until a candidate keeps it as an example)
 * and *text_hash its sentence_hash() (0 until needed). */
static tx_status add_occurrence(worker *w, uint32_t input_idx, const tx_sentence *s,
                                const tx_cand_occ *occ, size_t *pool_off,
                                uint32_t *text_hash)
{
    tx_strmap_slot *slot;
    cand *c;
    const tx_token *a = &s->tokens[occ->first], *b = &s->tokens[occ->last];
    const char *surface = s->text + a->start;
    size_t surface_len = b->end - a->start;
    size_t ids_len = occ->n_ids * sizeof *occ->ids;
    size_t i;

    /* Keyed by ids while the worker runs (see rekey()); the table borrows
     * the key from the candidate. */
    c = tx_strmap_get_hashed(&w->table, (const char *)occ->ids, ids_len, occ->ids_hash);
    if (!c) {
        if (!(c = calloc(1, sizeof *c + ids_len + surface_len + 1)))
            return TX_ENOMEM;
        memcpy(c->key, occ->ids, ids_len);
        c->key_len = (uint32_t)ids_len;
        c->str_len = (uint32_t)tx_candidates_ids_key_len(w->cands, occ->ids, occ->n_ids);
        if (tx_strmap_put_hashed(&w->table, (const char *)c->key, ids_len, occ->ids_hash,
                                 &slot, NULL) != TX_OK) {
            free(c);
            return TX_ENOMEM;
        }
        slot->val = c;
        w->mem += ALLOC_COST(sizeof *c + ids_len + surface_len + 1);
        w->str_keys += ALLOC_COST(c->str_len + 1);
        c->n_words = occ->n_words;
        c->n_content = occ->n_content;
        memcpy(cand_text(c), surface, surface_len);
        c->variants = &c->v0;
        c->v0.surface = cand_text(c);
        c->v0.len = surface_len;
        c->v0.lower_initial = !(a->flags & TX_TOK_UPPER_INITIAL);
        c->n_variants = 1;
    }
    c->freq++;
    for (i = 0; i < c->n_variants; i++)
        if (c->variants[i].len == surface_len &&
            memcmp(c->variants[i].surface, surface, surface_len) == 0)
            break;
    if (i == c->n_variants) {
        if (wgrow(w, (void **)&c->variants, &c->v0, c->n_variants, sizeof *c->variants) < 0 ||
            !(c->variants[i].surface = strndup(surface, surface_len)))
            return TX_ENOMEM;
        w->mem += ALLOC_COST(surface_len + 1);
        c->variants[i].len = surface_len;
        c->variants[i].count = 0;
        c->variants[i].lower_initial = !(a->flags & TX_TOK_UPPER_INITIAL);
        c->n_variants++;
    }
    c->variants[i].count++;
    if (!c->n_docs || c->cur_input != input_idx) {
        if (c->n_docs && flush_doc(c, &w->mem) < 0)
            return TX_ENOMEM;
        c->cur_input = input_idx;
        c->cur_count = 0;
        c->n_docs++;
    }
    /* Example sentences: the first CONTEXTS_PER_DOC occurrences of each
     * document are offered. */
    if (c->cur_count < CONTEXTS_PER_DOC && w->ctx_cap > 0 &&
        offer_context(w, c, input_idx, s, pool_off, text_hash) != TX_OK)
        return TX_ENOMEM;
    c->cur_count++;
    if (occ->acronym) {
        char *ks = link_new(occ->acronym_key, occ->acronym);
        if (!ks || link_put(&c->acronyms, ks, &w->mem) < 0)
            return TX_ENOMEM;
    }
    for (size_t k = 0; k < occ->n_elliptic; k++) {
        char *ks = link_new(occ->elliptic[k].key, occ->elliptic[k].surface);
        if (!ks || link_put(&c->elliptic, ks, &w->mem) < 0)
            return TX_ENOMEM;
    }
    return TX_OK;
}

static tx_status process_text(worker *w, uint32_t input_idx, const char *text,
                              size_t len, uint64_t *n_tokens)
{
    const tx_sentence *s;
    const tx_cand_occ *occ;
    size_t n_occ;
    tx_status rc;

    tx_tokenizer_set_text(w->tok, text, len);
    while ((rc = tx_tokenizer_next(w->tok, &s, &w->err)) == TX_OK && s) {
        size_t pool_off = (size_t)-1;
        uint32_t text_hash = 0;
        if ((rc = tx_candidates_find(w->cands, s, &occ, &n_occ, &w->err)) != TX_OK)
            return rc;
        /* The table is far bigger than a CPU cache: ask for the sentence's
         * slots, then their keys and candidates, then each candidate's
         * variants, before counting, so that the memory reads overlap. */
        for (size_t i = 0; i < n_occ; i++)
            tx_strmap_prefetch_slot(&w->table, occ[i].ids_hash);
        for (size_t i = 0; i < n_occ; i++)
            tx_strmap_prefetch_entry(&w->table, occ[i].ids_hash);
        for (size_t i = 0; i < n_occ; i++) {
            const tx_strmap_slot *sl = tx_strmap_first(&w->table, occ[i].ids_hash);
            if (sl && sl->val)
                __builtin_prefetch(((const cand *)sl->val)->variants);
        }
        for (size_t i = 0; i < n_occ; i++)
            if ((rc = add_occurrence(w, input_idx, s, &occ[i], &pool_off, &text_hash)) !=
                TX_OK)
                return tx_fail(&w->err, rc, "out of memory");
        if (w->budget && worker_bytes(w) > cand_budget(w) && prune(w) != TX_OK)
            return tx_fail(&w->err, TX_ENOMEM, "out of memory pruning candidates");
    }
    *n_tokens = tx_tokenizer_n_words(w->tok);
    return rc;
}

/* Handle input `i`; a bad document is reported and skipped (status 3), only
 * a fatal error (out of memory, database) is returned. */
static tx_status process_input(worker *w, size_t i)
{
    run *r = w->r;
    input *in = &r->inputs[i];
    char *raw = NULL, *text = NULL, *clean = NULL;
    size_t raw_len = 0, text_len = 0, clean_len = 0;
    tx_error e;
    tx_status rc;
    int64_t doc_id = 0;
    tx_strmap_slot *slot;
    int created = 0;

    if (in->status == 2) /* a duplicate of an earlier input (mark_duplicates()) */
        return TX_OK;
    tx_error_clear(&e);
    if ((rc = read_all(in, &raw, &raw_len, &e)) != TX_OK) {
        if (rc == TX_ENOMEM)
            return tx_fail(&w->err, rc, "%s", e.msg);
        in->status = 3;
        pthread_mutex_lock(&r->lock);
        notice(r, rc, "%s", e.msg);
        pthread_mutex_unlock(&r->lock);
        return TX_OK;
    }
    in->n_bytes = raw_len;
    tx_sha256_hex(raw, raw_len, in->hash);
    in->hkey = 0;
    for (int k = 0; k < 16; k++)
        in->hkey = in->hkey << 4 | (uint64_t)(in->hash[k] <= '9' ? in->hash[k] - '0'
                                                                 : in->hash[k] - 'a' + 10);
    pthread_mutex_lock(&r->lock);
    rc = tx_store_find_document(r->st, in->hash, &doc_id, &w->err);
    if (rc == TX_OK && !doc_id) {
        if (tx_strmap_put(&r->hashes, in->hash, 64, &slot, &created) != TX_OK)
            rc = tx_fail(&w->err, TX_ENOMEM, "out of memory");
        else if (created)
            slot->val = (void *)(uintptr_t)(i + 1);
        else
            in->dup_of = (size_t)(uintptr_t)slot->val;
    }
    pthread_mutex_unlock(&r->lock);
    if (rc != TX_OK)
        goto out;
    if (doc_id || !created) {
        in->status = 2;
        goto out;
    }
    if ((rc = tx_decode(in->path, raw, raw_len, &text, &text_len, &e)) != TX_OK ||
        (rc = tx_cleanup(text, text_len, tx_lang_code(r->lang), &clean, &clean_len, &e)) !=
            TX_OK) {
        if (rc == TX_ENOMEM) {
            rc = tx_fail(&w->err, rc, "%s", e.msg);
            goto out;
        }
        in->status = 3;
        pthread_mutex_lock(&r->lock);
        notice(r, rc, "%s", e.msg);
        pthread_mutex_unlock(&r->lock);
        rc = TX_OK;
        goto out;
    }
    free(raw);
    raw = NULL;
    free(text);
    text = NULL;
    if ((rc = process_text(w, (uint32_t)i, clean, clean_len, &in->n_tokens)) != TX_OK) {
        if (rc != TX_ENOMEM) {
            /* An ICU failure on this document only: skip it. */
            in->status = 3;
            pthread_mutex_lock(&r->lock);
            notice(r, rc, "%s: %s", in->path, w->err.msg);
            pthread_mutex_unlock(&r->lock);
            rc = TX_OK;
            tx_error_clear(&w->err);
        }
        goto out;
    }
    in->status = in->n_tokens ? 1 : 4;
out:
    free(raw);
    free(text);
    free(clean);
    return rc;
}

static tx_status rekey(worker *w);

/* What rekey() adds while it runs: a string key for each candidate, and the
 * slots of the table they go in (the id keys stay in their candidates). */
static uint64_t rekey_cost(const worker *w)
{
    return tx_strmap_cap_for(w->table.n) * sizeof *w->table.slots + w->str_keys;
}

/* Give each worker a run of consecutive inputs of about the same size in
 * bytes.  A fixed share, not inputs taken as workers become free, because
 * what a worker prunes depends on what it has read: so a run that prunes
 * keeps the same candidates every time. */
static void share_inputs(run *r)
{
    uint64_t total = 0, done = 0;
    size_t i = 0;

    for (size_t k = 0; k < r->n_inputs; k++)
        total += r->inputs[k].size + 1; /* + 1: empty files and "-" count */
    for (unsigned k = 0; k < r->n_workers; k++) {
        /* worker k ends where the bytes before it reach (k + 1) / n of all */
        uint64_t goal = total / r->n_workers * (k + 1) +
                        total % r->n_workers * (k + 1) / r->n_workers;
        r->workers[k].first = i;
        while (i < r->n_inputs && (k + 1 == r->n_workers || done < goal))
            done += r->inputs[i++].size + 1;
        r->workers[k].end = i;
    }
}

typedef struct sized {
    uint64_t size;
    size_t i;
    char head[65];   /* SHA-256 of the first DUP_HEAD bytes; "" if unreadable */
} sized;

/* Inputs of equal size are told apart by their first bytes before any is
 * read whole. */
#define DUP_HEAD 65536

static int cmp_sized(const void *a, const void *b)
{
    const sized *x = a, *y = b;

    if (x->size != y->size)
        return x->size < y->size ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int cmp_head(const void *a, const void *b)
{
    const sized *x = a, *y = b;
    int c = strcmp(x->head, y->head);

    return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

/* Set x->head from the first DUP_HEAD bytes of its file (left "" when the
 * file cannot be read: process_input() reports it). */
static void hash_head(const run *r, sized *x, unsigned char *buf)
{
    int fd = open_input(&r->inputs[x->i], NULL);
    ssize_t n;

    x->head[0] = 0;
    if (fd < 0)
        return;
    n = read_full(fd, (char *)buf, DUP_HEAD);
    if (n >= 0)
        tx_sha256_hex(buf, (size_t)n, x->head);
    if (fd != STDIN_FILENO)
        close(fd);
}

/* With several workers, which of two inputs with the same content is read
 * (and its path recorded) would depend on which worker reaches its copy
 * first.  Settle it before they start, as one worker reading in order would:
 * among inputs of equal size whose first bytes are equal too, hash each whole
 * and mark each one whose content an earlier input has as its duplicate
 * (status 2).  So an input is read twice only when its size and first
 * 64 KiB are another's; one that cannot be read is left for process_input()
 * to report.  Fails only when out of memory. */
static tx_status mark_duplicates(run *r)
{
    sized *v = malloc((r->n_inputs ? r->n_inputs : 1) * sizeof *v);
    unsigned char *buf = malloc(DUP_HEAD);
    tx_strmap seen;
    tx_status rc = TX_OK;

    if (!v || !buf) {
        free(v);
        free(buf);
        return TX_ENOMEM;
    }
    tx_strmap_init(&seen);
    for (size_t k = 0; k < r->n_inputs; k++)
        v[k] = (sized){r->inputs[k].size, k, ""};
    qsort(v, r->n_inputs, sizeof *v, cmp_sized);
    for (size_t a = 0, b; a < r->n_inputs && rc == TX_OK; a = b) {
        for (b = a + 1; b < r->n_inputs && v[b].size == v[a].size; b++)
            ;
        /* size 0: empty files and "-", whose size is not known */
        if (b - a < 2 || v[a].size == 0)
            continue;
        for (size_t k = a; k < b; k++)
            hash_head(r, &v[k], buf);
        /* runs of equal first bytes, each in input order */
        qsort(v + a, b - a, sizeof *v, cmp_head);
        for (size_t k = a; k < b && rc == TX_OK; k++) {
            input *in = &r->inputs[v[k].i];
            char *raw = NULL, hash[65];
            size_t len = 0;
            tx_strmap_slot *slot;
            int created;
            tx_error e;

            if (!v[k].head[0] || ((k == a || strcmp(v[k - 1].head, v[k].head) != 0) &&
                                  (k + 1 == b || strcmp(v[k + 1].head, v[k].head) != 0)))
                continue; /* unreadable, or no other input begins the same way */
            if (v[k].size <= DUP_HEAD) {
                memcpy(hash, v[k].head, sizeof hash);
            } else {
                tx_error_clear(&e);
                if ((rc = read_all(in, &raw, &len, &e)) != TX_OK) {
                    rc = rc == TX_ENOMEM ? rc : TX_OK;
                    continue;
                }
                tx_sha256_hex(raw, len, hash);
                free(raw);
            }
            if (tx_strmap_put(&seen, hash, 64, &slot, &created) != TX_OK)
                rc = TX_ENOMEM;
            else if (created)
                slot->val = (void *)(uintptr_t)(v[k].i + 1);
            else {
                in->status = 2;
                in->dup_of = (size_t)(uintptr_t)slot->val;
            }
        }
    }
    tx_strmap_release(&seen);
    free(buf);
    free(v);
    return rc;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    run *r = w->r;

    for (size_t i = w->first; i < w->end; i++) {
        int stop;
        pthread_mutex_lock(&r->lock);
        stop = r->failed || r->stopped;
        pthread_mutex_unlock(&r->lock);
        if (stop)
            break;
        w->rc = process_input(w, i);
        pthread_mutex_lock(&r->lock);
        if (w->rc != TX_OK)
            r->failed = 1;
        r->n_done++;
        r->bytes_done += r->inputs[i].n_bytes;
        if (r->o->progress &&
            r->o->progress(r->n_done, r->n_inputs, r->bytes_done, r->o->cb_arg) != 0)
            r->stopped = 1;
        pthread_mutex_unlock(&r->lock);
        if (w->rc != TX_OK)
            break;
    }
    /* rekey() holds both tables for a while: the budget must cover that too. */
    if (w->rc == TX_OK && w->budget && worker_bytes(w) + rekey_cost(w) > cand_budget(w) &&
        (w->rc = prune(w)) != TX_OK)
        tx_fail(&w->err, w->rc, "out of memory pruning candidates");
    if (w->rc == TX_OK && (w->rc = rekey(w)) != TX_OK)
        tx_fail(&w->err, w->rc, "out of memory gathering candidates");
    return NULL;
}

/* ---- merging and storing ---- */

/* Keep the `cap` best example sentences of `c`, one per text: what one
 * worker reading every document would have kept (add_occurrence()). */
static void keep_best_contexts(const run *r, cand *c, unsigned cap)
{
    size_t n = 0;

    sort_contexts(r, c);
    for (size_t k = 0; k < c->n_contexts && n < cap; k++) {
        const char *text = ctx_text(r, &c->contexts[k]);
        size_t j = 0;
        while (j < n && !same_text(r, &c->contexts[j], text, strlen(text),
                                   c->contexts[k].text_hash))
            j++;
        if (j == n)
            c->contexts[n++] = c->contexts[k];
    }
    c->n_contexts = n;
}

/* Move what candidate `src` holds into `dst`, two candidates of one key that
 * counted disjoint documents, keeping at most `ctx_cap` example sentences;
 * `src` is left for cand_free(). */
static tx_status merge_cand(const run *r, cand *dst, cand *src, unsigned ctx_cap)
{
    dst->freq += src->freq;
    for (size_t v = 0; v < src->n_variants; v++) {
        size_t j;
        for (j = 0; j < dst->n_variants; j++)
            if (strcmp(dst->variants[j].surface, src->variants[v].surface) == 0)
                break;
        if (j < dst->n_variants) {
            dst->variants[j].count += src->variants[v].count;
            continue;
        }
        if (grow_inline((void **)&dst->variants, &dst->v0, dst->n_variants,
                        sizeof *dst->variants) < 0)
            return TX_ENOMEM;
        dst->variants[dst->n_variants] = src->variants[v];
        if (src->variants[v].surface == cand_text(src) &&
            !(dst->variants[dst->n_variants].surface = strdup(cand_text(src))))
            return TX_ENOMEM;
        dst->n_variants++;
        src->variants[v].surface = NULL;
    }
    /* Workers see disjoint documents: dst's current one joins its dbuf,
     * src's become dst's (the order is restored when storing). */
    if (flush_doc(dst, NULL) < 0)
        return TX_ENOMEM;
    if (src->dlen) {
        unsigned char *p = realloc(dst->dbuf, (size_t)dst->dlen + src->dlen + 10);
        if (!p)
            return TX_ENOMEM;
        memcpy(p + dst->dlen, src->dbuf, src->dlen);
        dst->dbuf = p;
        dst->dlen += src->dlen;
        dst->dcap = dst->dlen + 10;
    }
    dst->cur_input = src->cur_input;
    dst->cur_count = src->cur_count;
    dst->n_docs += src->n_docs;
    for (size_t k = 0; k < src->n_contexts; k++) {
        if (grow_inline((void **)&dst->contexts, &dst->ctx0, dst->n_contexts,
                        sizeof *dst->contexts) < 0)
            return TX_ENOMEM;
        dst->contexts[dst->n_contexts++] = src->contexts[k];
    }
    src->n_contexts = 0;
    keep_best_contexts(r, dst, ctx_cap);
    if (links_move(&dst->acronyms, &src->acronyms) < 0 ||
        links_move(&dst->elliptic, &src->elliptic) < 0)
        return TX_ENOMEM;
    return TX_OK;
}

/* Move the candidates of `from` into `into` (both tables of this run, keyed
 * by strings). */
static tx_status merge_tables(const run *r, tx_strmap *into, tx_strmap *from,
                              unsigned ctx_cap)
{
    for (size_t i = 0; i < from->cap; i++) {
        tx_strmap_slot *fs = &from->slots[i], *slot;
        if (!fs->key)
            continue;
        if (tx_strmap_put(into, fs->key, fs->len, &slot, NULL) != TX_OK)
            return TX_ENOMEM;
        if (!slot->val) {
            slot->val = fs->val;
            fs->val = NULL;
        } else if (merge_cand(r, slot->val, fs->val, ctx_cap) != TX_OK) {
            return TX_ENOMEM;
        }
    }
    return TX_OK;
}

/* A worker's table is keyed by the ids of its candidate finder while it
 * counts; turn it into a table keyed by the string keys the glossary stores,
 * which mean the same in every worker.  Ids name distinct key strings and a
 * key string has no spaces, so no two candidates meet here; merge_cand()
 * would join them if they did. */
static tx_status rekey(worker *w)
{
    tx_strmap ids = w->table;
    tx_buf key = TX_BUF_INIT;
    tx_status rc = TX_OK;

    tx_strmap_init(&w->table);
    for (size_t i = 0; i < ids.cap && rc == TX_OK; i++) {
        tx_strmap_slot *is = &ids.slots[i], *slot;
        if (!is->key)
            continue;
        rc = tx_candidates_ids_key(w->cands, (const uint32_t *)(void *)is->key,
                                   is->len / sizeof(uint32_t), &key);
        if (rc == TX_OK && (rc = tx_strmap_put(&w->table, key.data, key.len, &slot,
                                               NULL)) == TX_OK) {
            if (!slot->val) {
                slot->val = is->val;
                is->val = NULL;
            } else {
                rc = merge_cand(w->r, slot->val, is->val, w->ctx_cap);
            }
        }
        if (rc == TX_OK) { /* done with this one: let the memory go now */
            cand_free(is->val);
            is->key = NULL;
            ids.n--;
        }
    }
    tx_buf_release(&key);
    table_release(&ids);
    return rc;
}

/* Variants are stored in byte order: the store orders them by content
 * anyway (count, then form), so their order here changes nothing. */
static int cmp_variant(const void *a, const void *b)
{
    return strcmp(((const variant *)a)->surface, ((const variant *)b)->surface);
}

/* Per-document counts in input order, as one thread would see them. */
static int cmp_doc(const void *a, const void *b)
{
    const doc_count *x = a, *y = b;

    return (x->input > y->input) - (x->input < y->input);
}

/* A slot to sort by key: the key's first 16 bytes, big-endian, decide most
 * comparisons without reading the key itself (keys are NUL-free, so a short
 * key's zero padding sorts as strcmp() would). */
#define KEY_PREFIX 16

typedef struct keyed_slot {
    uint64_t prefix[KEY_PREFIX / 8];
    tx_strmap_slot *slot;
} keyed_slot;

static void key_prefix(keyed_slot *k, const char *key, size_t len)
{
    for (size_t w = 0; w < KEY_PREFIX / 8; w++) {
        uint64_t p = 0;
        for (size_t i = w * 8; i < w * 8 + 8; i++)
            p = p << 8 | (i < len ? (unsigned char)key[i] : 0);
        k->prefix[w] = p;
    }
}

/* strcmp() order: equal prefixes that are not the whole of both keys go on. */
static int cmp_keyed_slot(const void *a, const void *b)
{
    const keyed_slot *x = a, *y = b;

    for (size_t w = 0; w < KEY_PREFIX / 8; w++)
        if (x->prefix[w] != y->prefix[w])
            return x->prefix[w] < y->prefix[w] ? -1 : 1;
    if (x->slot->len < KEY_PREFIX || y->slot->len < KEY_PREFIX)
        return (x->slot->len > y->slot->len) - (x->slot->len < y->slot->len);
    return strcmp(x->slot->key + KEY_PREFIX, y->slot->key + KEY_PREFIX);
}

/* Point `r` at a link kept as "key\tsurface", cutting it at the tab (the
 * caller puts the tab back). */
static void relation(tx_relation_row *r, const char *kind, char *link)
{
    char *tab = strchr(link, '\t');

    *tab = '\0';
    r->kind = kind;
    r->other_key = link;
    r->other_surface = tab + 1;
}

/* ---- the corpus's nouns ---- */

/* May a term whose canonical form is `canonical` be listed, as far as its
 * first word goes?  A French term starts with its head noun (adjectives
 * mostly follow it), and the corpus writes that noun after a determiner
 * somewhere: "diplomatie préventive" ("la diplomatie"), "mesures de
 * confiance" ("des mesures").  A lower-case first word never written so is
 * an adjective, a participle, an adverb or a verb: "relative à la
 * protection", "portant atteinte", "bien sûr", "participer aux réglages".  A
 * first word with capitals (a name, an acronym) may always start a term; so
 * may any word when the rule is off (see gather_nouns()). */
static int noun_start(const run *r, const char *canonical)
{
    size_t len = 0;

    if (!r->noun_rule)
        return 1;
    while (canonical[len] && canonical[len] != ' ' && canonical[len] != ',')
        len++;
    return !tx_is_folded(canonical, len) || tx_strmap_get(&r->nouns, canonical, len);
}

typedef struct noun_sink {
    run *r;
    int record;   /* new words go to the glossary too */
    tx_status rc;
    tx_error *err;
} noun_sink;

static int put_noun(const char *word, size_t len, void *arg)
{
    noun_sink *ns = arg;
    tx_strmap_slot *slot;
    int created;

    if (tx_strmap_put(&ns->r->nouns, word, len, &slot, &created) != TX_OK) {
        ns->rc = tx_fail(ns->err, TX_ENOMEM, "out of memory gathering nouns");
        return 1;
    }
    slot->val = ns->r;
    if (created && ns->record &&
        (ns->rc = tx_store_add_noun(ns->r->st, tx_lang_code(ns->r->lang), word, len,
                                    ns->err)) != TX_OK)
        return 1;
    return 0;
}

/* The nouns of the whole corpus for noun_start(): the glossary's, from the
 * earlier runs, and the workers' (tx_candidates_each_noun()), which are
 * recorded in the glossary.  The rule is on only for a language with
 * determiners, in a glossary whose nouns come from all its documents. */
static tx_status gather_nouns(run *r, tx_error *err)
{
    noun_sink ns = {r, 0, TX_OK, err};
    int complete;
    tx_status rc;

    if (!tx_lang_has_determiners(r->lang))
        return TX_OK;
    if ((rc = tx_store_nouns_complete(r->st, &complete, err)) != TX_OK ||
        (rc = tx_store_each_noun(r->st, tx_lang_code(r->lang), put_noun, &ns, err)) !=
            TX_OK)
        return rc;
    ns.record = 1;
    for (unsigned k = 0; k < r->n_workers && ns.rc == TX_OK; k++)
        tx_candidates_each_noun(r->workers[k].cands, put_noun, &ns);
    r->noun_rule = complete;
    return ns.rc;
}

static tx_status store_candidates(run *r, tx_strmap *table, int scored, tx_error *err)
{
    tx_relation_row rrows[2 * TX_MAX_RELATIONS];
    tx_variant_row *vrows = NULL;
    doc_count *docs = NULL;
    tx_doc_count *drows = NULL;
    tx_context_row *crows = NULL;
    size_t vcap = 0, dcap = 0, ccap = 0, n = 0;
    keyed_slot *order = malloc((table->n ? table->n : 1) * sizeof *order);
    tx_status rc = TX_OK;

    if (!order)
        return tx_fail(err, TX_ENOMEM, "out of memory storing terms");
    /* In key order, the glossary's key index grows at its end instead of at
     * random places: SQLite's B-tree then touches few pages per insert. */
    for (size_t i = 0; i < table->cap; i++)
        if (table->slots[i].key) {
            key_prefix(&order[n], table->slots[i].key, table->slots[i].len);
            order[n++].slot = &table->slots[i];
        }
    qsort(order, n, sizeof *order, cmp_keyed_slot);
    for (size_t i = 0; i < n && rc == TX_OK; i++) {
        tx_strmap_slot *slot = order[i].slot;
        cand *c;
        tx_occ_row row;
        c = slot->val;
        qsort(c->variants, c->n_variants, sizeof *c->variants, cmp_variant);
        sort_contexts(r, c);
        if (c->n_variants > vcap || c->n_docs > dcap || c->n_contexts > ccap) {
            vcap = c->n_variants > vcap ? c->n_variants * 2 : vcap;
            dcap = c->n_docs > dcap ? c->n_docs * 2 : dcap;
            ccap = c->n_contexts > ccap ? c->n_contexts * 2 : ccap;
            free(vrows), free(docs), free(drows), free(crows);
            vrows = malloc(vcap * sizeof *vrows + 1);
            docs = malloc(dcap * sizeof *docs + 1);
            drows = malloc(dcap * sizeof *drows + 1);
            crows = malloc(ccap * sizeof *crows + 1);
            if (!vrows || !docs || !drows || !crows) {
                rc = tx_fail(err, TX_ENOMEM, "out of memory storing terms");
                break;
            }
        }
        for (size_t v = 0; v < c->n_variants; v++) {
            vrows[v].surface = c->variants[v].surface;
            vrows[v].count = c->variants[v].count;
            vrows[v].lower_initial = c->variants[v].lower_initial;
        }
        {
            /* dbuf holds n_docs - 1 pairs, the current document the last */
            const unsigned char *p = c->dbuf, *end = p ? p + c->dlen : p;
            size_t d = 0;
            while (p < end && d + 1 < c->n_docs) {
                uint32_t in_idx, count;
                p = get_varint(get_varint(p, &in_idx), &count);
                docs[d].input = in_idx;
                docs[d++].count = count;
            }
            docs[d].input = c->cur_input;
            docs[d].count = c->cur_count;
            c->n_docs = (uint32_t)d + 1; /* the same, unless dbuf was cut short */
            qsort(docs, c->n_docs, sizeof *docs, cmp_doc);
        }
        for (size_t d = 0; d < c->n_docs; d++) {
            drows[d].doc_id = r->inputs[docs[d].input].doc_id;
            drows[d].count = docs[d].count;
        }
        for (size_t k = 0; k < c->n_contexts; k++) {
            crows[k].doc_id = r->inputs[c->contexts[k].input].doc_id;
            char *text = r->workers[c->contexts[k].worker].pool.data + c->contexts[k].offset;
            crows[k].sentence = text;
            crows[k].sentence_id = (int64_t *)(void *)(text - sizeof(int64_t));
            crows[k].doc_hash = r->inputs[c->contexts[k].input].hash;
            crows[k].level = c->contexts[k].level;
        }
        memset(&row, 0, sizeof row);
        row.lang = tx_lang_code(r->lang);
        row.key = slot->key;
        row.n_words = c->n_words;
        row.n_content = c->n_content;
        row.variants = vrows;
        row.n_variants = c->n_variants;
        row.docs = drows;
        row.n_docs = c->n_docs;
        row.contexts = crows;
        row.n_contexts = c->n_contexts;
        row.scored = scored;
        row.known_new = scored; /* scored here: the glossary had none of them */
        row.cvalue = c->cvalue;
        row.score = c->score;
        row.listed = c->listed && (!scored || !row.n_variants ||
                                   noun_start(r, tx_store_best_variant(&row)->surface));
        /* Links are kept as "key\tsurface": split them for the call. */
        for (size_t k = 0; k < c->acronyms.n; k++)
            relation(&rrows[row.n_relations++], "abbreviation", c->acronyms.v[k]);
        for (size_t k = 0; k < c->elliptic.n; k++)
            relation(&rrows[row.n_relations++], "elliptic", c->elliptic.v[k]);
        row.relations = rrows;
        rc = tx_store_merge_term(r->st, &row, r->o->max_contexts, err);
        for (size_t k = 0; k < row.n_relations; k++)
            *(char *)(rrows[k].other_surface - 1) = '\t';
    }
    free(order);
    free(vrows);
    free(docs);
    free(drows);
    free(crows);
    return rc;
}

/* A glossary with no terms yet is exactly this run's table: score it here
 * and store the scores with the terms, sparing the rescoring pass a read and
 * a write of every term. */
static tx_status score_table(run *r, tx_strmap *table, tx_error *err)
{
    tx_score_term *v = malloc((table->n ? table->n : 1) * sizeof *v);
    tx_score_opts so = {r->o->min_freq, r->o->min_words, r->o->max_words, r->n_workers};
    size_t n = 0;
    tx_status rc;

    if (!v)
        return tx_fail(err, TX_ENOMEM, "out of memory scoring");
    for (size_t i = 0; i < table->cap; i++) {
        const cand *c = table->slots[i].val;
        if (!table->slots[i].key)
            continue;
        memset(&v[n], 0, sizeof v[n]);
        v[n].key = table->slots[i].key; /* borrowed: tx_score_terms() only reads it */
        v[n].key_len = table->slots[i].len;
        v[n].key_hash = table->slots[i].hash;
        v[n].n_words = c->n_words;
        v[n].n_content = c->n_content;
        v[n].freq = c->freq;
        v[n].df = (unsigned)c->n_docs;
        v[n].id = (int64_t)i; /* the slot, to find the candidate again */
        n++;
    }
    rc = tx_score_terms(v, n, &so, err);
    for (size_t k = 0; k < n && rc == TX_OK; k++) {
        cand *c = table->slots[v[k].id].val;
        c->cvalue = v[k].cvalue;
        c->score = v[k].score;
        c->listed = v[k].listed;
    }
    free(v);
    return rc;
}

typedef struct score_list {
    const run *r;
    tx_score_term *terms;
    size_t n, cap;
    int oom;
} score_list;

static int collect_score(const tx_score_row *row, void *arg)
{
    score_list *l = arg;
    tx_score_term *t;

    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1024;
        tx_score_term *p = realloc(l->terms, cap * sizeof *p);
        if (!p) {
            l->oom = 1;
            return 1;
        }
        l->terms = p;
        l->cap = cap;
    }
    t = &l->terms[l->n];
    memset(t, 0, sizeof *t);
    t->id = row->id;
    if (!(t->key = strdup(row->key))) {
        l->oom = 1;
        return 1;
    }
    t->n_words = row->n_words;
    t->n_content = row->n_content;
    t->freq = row->freq;
    t->df = row->df;
    t->cvalue = row->cvalue;
    t->score = row->score;
    t->listed = row->listed;
    t->approved = row->approved;
    t->bad_start = !noun_start(l->r, row->canonical);
    l->n++;
    return 0;
}

static tx_status rescore(run *r, tx_error *err)
{
    score_list l = {r, NULL, 0, 0, 0};
    tx_score_term *old = NULL;
    tx_score_opts so;
    tx_status rc;

    so.min_freq = r->o->min_freq;
    so.min_words = r->o->min_words;
    so.max_words = r->o->max_words;
    so.threads = r->n_workers;
    rc = tx_store_each_term(r->st, tx_lang_code(r->lang), collect_score, &l, err);
    if (rc == TX_OK && l.oom)
        rc = tx_fail(err, TX_ENOMEM, "out of memory rescoring");
    if (rc == TX_OK) {
        /* tx_score_terms() overwrites the results: keep the stored ones to
         * write back only what changed. */
        old = malloc((l.n ? l.n : 1) * sizeof *old);
        if (!old)
            rc = tx_fail(err, TX_ENOMEM, "out of memory rescoring");
        for (size_t i = 0; i < l.n && old; i++)
            old[i] = l.terms[i];
    }
    if (rc == TX_OK)
        rc = tx_score_terms(l.terms, l.n, &so, err);
    for (size_t i = 0; i < l.n && rc == TX_OK; i++) {
        tx_score_term *t = &l.terms[i];
        t->listed = (t->listed && !t->bad_start) || old[i].approved; /* the user's stay */
        if (t->cvalue == old[i].cvalue && t->score == old[i].score &&
            t->listed == old[i].listed)
            continue;
        rc = tx_store_set_score(r->st, t->id, t->cvalue, t->score, t->listed, err);
    }
    free(old);
    for (size_t i = 0; i < l.n; i++)
        free(l.terms[i].key);
    free(l.terms);
    return rc;
}

tx_status tx_extract_run(tx_store *st, const char *const *paths, size_t n_paths,
                         const tx_extract_opts *opts, tx_extract_stats *stats,
                         tx_error *err)
{
    tx_extract_opts defaults;
    run r;
    tx_status rc = TX_OK;
    size_t n_failed = 0;
    int began = 0, n_stdin = 0;
    uint64_t n_docs = 0, n_listed = 0;
    double t0 = 0, t1 = 0, t_scored = 0;
    int had_terms = 0, releasing = 0;
    pthread_t releaser;

    if (!opts) {
        tx_extract_opts_init(&defaults);
        opts = &defaults;
    }
    memset(stats, 0, sizeof *stats);
    memset(&r, 0, sizeof r);
    if (!opts->lang || opts->min_words < 1 || opts->max_words < opts->min_words ||
        opts->max_words > TX_MAX_WORDS || opts->jobs < 1 || opts->jobs > TX_MAX_JOBS)
        return tx_fail(err, TX_EINVAL, "invalid extraction options");
    for (size_t i = 0; i < n_paths; i++)
        n_stdin += strcmp(paths[i], "-") == 0;
    if (n_stdin > 1)
        return tx_fail(err, TX_EINVAL, "standard input ('-') given more than once");
    r.st = st;
    r.o = opts;
    tx_strmap_init(&r.hashes);
    tx_strmap_init(&r.dirs);
    tx_strmap_init(&r.nouns);
    pthread_mutex_init(&r.lock, NULL);
    if ((rc = tx_lang_load(opts->lang, opts->data_dir, &r.lang, err)) != TX_OK)
        goto done;
    if (!tx_stem_algorithm(opts->lang)) {
        rc = tx_fail(err, TX_ENOTFOUND, "no Snowball stemmer for language '%s'", opts->lang);
        goto done;
    }
    for (size_t i = 0; i < n_paths && rc == TX_OK; i++)
        rc = collect(&r, paths[i], &n_failed, 0, 0);
    if (rc != TX_OK) {
        rc = tx_fail(err, rc, "out of memory listing inputs");
        goto done;
    }
    r.n_workers = opts->jobs < r.n_inputs ? opts->jobs : (unsigned)(r.n_inputs ? r.n_inputs : 1);
    r.workers = calloc(r.n_workers, sizeof *r.workers);
    if (!r.workers) {
        rc = tx_fail(err, TX_ENOMEM, "out of memory");
        goto done;
    }
    for (unsigned k = 0; k < r.n_workers && rc == TX_OK; k++) {
        worker *w = &r.workers[k];
        w->r = &r;
        w->id = k;
        tx_strmap_init_borrowed(&w->table);
        tx_buf_init(&w->pool);
        w->budget = opts->max_memory / r.n_workers;
        w->ctx_cap = opts->max_contexts;
        if ((rc = tx_tokenizer_new(opts->lang, &w->tok, err)) == TX_OK &&
            (rc = tx_stemmer_new(opts->lang, &w->stem, err)) == TX_OK)
            rc = tx_candidates_new(r.lang, w->stem, opts->min_words, opts->max_words,
                                   &w->cands, err);
        if (rc == TX_OK)
            tx_candidates_set_string_keys(w->cands, 0);
    }
    if (rc != TX_OK)
        goto done;
    /* The write transaction spans the whole run; reads of the document table
     * by the workers go through the same connection, under r.lock. */
    if ((rc = tx_store_begin_trusted(st, err)) != TX_OK)
        goto done;
    began = 1;
    t0 = now();
    if (r.n_workers > 1 && (rc = mark_duplicates(&r)) != TX_OK) {
        rc = tx_fail(err, rc, "out of memory comparing the inputs");
        goto done;
    }
    share_inputs(&r);
    if (r.n_workers == 1) {
        worker_main(&r.workers[0]);
    } else {
        unsigned started = 0;
        for (; started < r.n_workers; started++)
            if (pthread_create(&r.workers[started].thread, NULL, worker_main,
                               &r.workers[started]) != 0)
                break;
        /* the shares of threads that could not start are read here */
        for (unsigned k = started; k < r.n_workers; k++)
            worker_main(&r.workers[k]);
        for (unsigned k = 0; k < started; k++)
            pthread_join(r.workers[k].thread, NULL);
    }
    for (unsigned k = 0; k < r.n_workers; k++) {
        if (r.workers[k].rc != TX_OK) {
            rc = tx_fail(err, r.workers[k].rc, "%s", r.workers[k].err.msg);
            goto done;
        }
    }
    for (unsigned k = 1; k < r.n_workers; k++) {
        if (merge_tables(&r, &r.workers[0].table, &r.workers[k].table,
                         opts->max_contexts) != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "out of memory merging candidates");
            goto done;
        }
    }
    stats->n_inputs = r.n_inputs + n_failed;
    stats->n_failed = n_failed;
    for (size_t i = 0; i < r.n_inputs; i++) {
        input *in = &r.inputs[i];
        if (in->status == 2) {
            stats->n_known++;
            if (in->dup_of)
                notice(&r, TX_OK, "'%s': same content as '%s', skipped", in->path,
                       r.inputs[in->dup_of - 1].path);
            else
                notice(&r, TX_OK, "'%s': already in the glossary, skipped", in->path);
        } else if (in->status == 3) {
            stats->n_failed++;
        } else if (in->status == 4) {
            notice(&r, TX_OK, "'%s': no text, skipped", in->path);
        } else if (in->status == 1) {
            tx_doc_row doc = {in->path, in->hash, tx_lang_code(r.lang), in->n_tokens,
                              in->n_bytes};
            if ((rc = tx_store_add_document(st, &doc, &in->doc_id, err)) != TX_OK)
                goto done;
            stats->n_added++;
            stats->n_bytes += in->n_bytes;
            stats->n_tokens += in->n_tokens;
        }
    }
    if (r.stopped) { /* a callback said stop: nothing is written (tx.h) */
        rc = tx_fail_stopped(err);
        goto done;
    }
    stats->n_candidates = r.workers[0].table.n;
    for (unsigned k = 0; k < r.n_workers; k++) {
        stats->n_pruned += r.workers[k].n_pruned;
        stats->n_prunes += r.workers[k].n_prunes;
        if (r.workers[k].prune_freq > stats->prune_freq)
            stats->prune_freq = r.workers[k].prune_freq;
    }
    if ((rc = gather_nouns(&r, err)) != TX_OK)
        goto done;
    t1 = now();
    stats->t_process = t1 - t0;
    if ((rc = tx_store_has_terms(st, tx_lang_code(r.lang), &had_terms, err)) != TX_OK ||
        (!had_terms && (rc = score_table(&r, &r.workers[0].table, err)) != TX_OK))
        goto done;
    t_scored = now() - t1; /* counted with the rescoring */
    if ((rc = store_candidates(&r, &r.workers[0].table, !had_terms, err)) != TX_OK ||
        (rc = tx_store_drop_evicted(st, err)) != TX_OK)
        goto done;
    /* The candidates are stored: with several threads, one frees them while
     * this one commits (freeing a few hundred thousand candidates takes
     * about as long as the commit). */
    if (r.n_workers > 1 && pthread_create(&releaser, NULL, release_workers, &r) == 0)
        releasing = 1;
    t0 = now();
    stats->t_store = t0 - t1 - t_scored;
    if (had_terms && (rc = rescore(&r, err)) != TX_OK)
        goto done;
    if ((rc = tx_store_counts(st, &n_docs, &n_listed, err)) != TX_OK)
        goto done;
    stats->n_terms = (size_t)n_listed;
    if ((rc = tx_store_commit(st, err)) != TX_OK)
        goto done;
    began = 0;
    stats->t_score = now() - t0 + t_scored;
    if (stats->n_failed)
        rc = tx_fail(err, TX_EPARTIAL, "%zu of %zu inputs could not be used",
                     stats->n_failed, stats->n_inputs);
done:
    if (began)
        tx_store_rollback(st);
    if (releasing)
        pthread_join(releaser, NULL);
    else if (r.workers)
        release_workers(&r);
    free(r.workers);
    for (size_t i = 0; i < r.n_inputs; i++)
        free(r.inputs[i].path);
    free(r.inputs);
    tx_strmap_release(&r.hashes);
    for (size_t i = 0; i < r.dirs.cap; i++)
        if (r.dirs.slots[i].key)
            free(r.dirs.slots[i].val);
    tx_strmap_release(&r.dirs);
    tx_strmap_release(&r.nouns);
    tx_lang_free(r.lang);
    pthread_mutex_destroy(&r.lock);
    return rc;
}

/* Public lookup: by text, variant, or the key the text would have as a term. */
tx_status tx_store_get_term(tx_store *st, const char *text, tx_term_info **out,
                            tx_error *err)
{
    tx_pipeline p;
    char *key = NULL, code[16];
    tx_status rc;

    *out = NULL;
    /* The key needs the glossary language's profile; without one (an empty
     * glossary, a language without a stop list here), look up by text. */
    if (tx_store_main_lang(st, code, sizeof code, NULL) == TX_OK &&
        tx_pipeline_init(&p, code, NULL, 1, TX_MAX_WORDS, NULL) == TX_OK) {
        tx_candidates_key_of(p.cands, p.tok, text, &key, NULL);
        tx_pipeline_release(&p);
    }
    rc = tx_store_find_term(st, text, key, out, err);
    free(key);
    return rc;
}
