/* candtable.c: the candidate table of an extraction run (see candtable.h).
 *
 * Each shard is filled by one worker thread, keyed by the ids of that
 * worker's candidate finder (short arrays, compared fast); once the worker is
 * done, its shard is rekeyed by string keys, which mean the same in every
 * shard, and the shards are merged.  Memory accounting and pruning are in
 * candprune.c. */
#define _POSIX_C_SOURCE 200809L
#include "candtable.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "candtableInt.h"
#include "error.h"
#include "strmap.h"

/* ---- links ---- */

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
 * as the glossary keeps links (o->max_links, o->link_before()): one per key,
 * with the surface link_before() prefers, and the max_links smallest keys, so
 * that what a candidate keeps does not depend on the order it met them in.
 * *mem (may be NULL) follows what `l` holds.  0, or -1 when out of memory
 * (`ks` freed). */
static int link_put(const tx_candtable_opts *o, tx_cand_links *l, char *ks, uint64_t *mem)
{
    size_t i = 0;
    int c = 1;

    if (!l->v) {
        if (!(l->v = malloc(o->max_links * sizeof *l->v))) {
            free(ks);
            return -1;
        }
        if (mem)
            *mem += TX_ALLOC_COST(o->max_links * sizeof *l->v);
    }
    while (i < l->n && (c = link_key_cmp(l->v[i], ks)) < 0)
        i++;
    if (i < l->n && c == 0) { /* the key is there: keep the preferred surface */
        if (o->link_before(strchr(ks, '\t') + 1, strchr(l->v[i], '\t') + 1)) {
            if (mem)
                *mem += strlen(ks) - strlen(l->v[i]);
            free(l->v[i]);
            l->v[i] = ks;
        } else {
            free(ks);
        }
        return 0;
    }
    if (i == o->max_links) { /* a larger key than all those kept */
        free(ks);
        return 0;
    }
    if (l->n == o->max_links) {
        if (mem)
            *mem -= TX_ALLOC_COST(strlen(l->v[l->n - 1]) + 1);
        free(l->v[--l->n]);
    }
    memmove(l->v + i + 1, l->v + i, (l->n - i) * sizeof *l->v);
    l->v[i] = ks;
    l->n++;
    if (mem)
        *mem += TX_ALLOC_COST(strlen(ks) + 1);
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
static int links_move(const tx_candtable_opts *o, tx_cand_links *into,
                      tx_cand_links *from)
{
    int rc = 0;

    for (size_t i = 0; i < from->n; i++) {
        char *ks = from->v[i];
        from->v[i] = NULL; /* link_put() keeps or frees it, even when it fails */
        if (rc == 0 && link_put(o, into, ks, NULL) < 0)
            rc = -1;
        else if (rc != 0)
            free(ks);
    }
    from->n = 0;
    return rc;
}

static void links_release(tx_cand_links *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* ---- candidates ---- */

void tx_cand_free(tx_cand *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_variants; i++)
        if (c->variants[i].surface != tx_cand_text(c))
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

/* Free the candidates of `t`, then `t` itself (not the struct). */
static void table_release(tx_strmap *t)
{
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].key)
            tx_cand_free(t->slots[i].val);
    tx_strmap_release(t);
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

/* grow_inline() for a shard's own table, counting what it allocates. */
static int sgrow(tx_shard *s, void **p, void *inl, size_t n, size_t size)
{
    int in_place = inl && (!*p || *p == inl);

    if (grow_inline(p, inl, n, size) < 0)
        return -1;
    if (in_place)
        s->mem += n ? TX_ALLOC_COST(2 * size) : 0;
    else if (!n)
        s->mem += TX_ALLOC_COST(size);
    else if (!(n & (n - 1)))
        s->mem += (uint64_t)n * size;
    return 0;
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
static int flush_doc(tx_cand *c, uint64_t *added)
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

/* Per-document counts in input order, as one thread would see them. */
static int cmp_count(const void *a, const void *b)
{
    const tx_cand_count *x = a, *y = b;

    return (x->input > y->input) - (x->input < y->input);
}

size_t tx_cand_doc_counts(tx_cand *c, tx_cand_count *out)
{
    /* dbuf holds n_docs - 1 pairs, the current document the last */
    const unsigned char *p = c->dbuf, *end = p ? p + c->dlen : p;
    size_t d = 0;

    while (p < end && d + 1 < c->n_docs) {
        uint32_t in_idx, count;
        p = get_varint(get_varint(p, &in_idx), &count);
        out[d].input = in_idx;
        out[d++].count = count;
    }
    out[d].input = c->cur_input;
    out[d].count = c->cur_count;
    c->n_docs = (uint32_t)d + 1; /* the same, unless dbuf was cut short */
    qsort(out, c->n_docs, sizeof *out, cmp_count);
    return c->n_docs;
}

/* ---- taking back (boilerplate) ---- */

/* Rewrite the per-document counts of `c` from v[0..n) (n >= 1, document
 * order), the last one current.  Returns 0, or -1 when out of memory. */
static int set_doc_counts(tx_cand *c, const tx_cand_count *v, size_t n)
{
    unsigned char *buf = NULL, *p;

    if (n > 1 && !(buf = malloc((n - 1) * 10 + 10)))
        return -1;
    p = buf;
    for (size_t k = 0; k + 1 < n; k++)
        p = put_varint(put_varint(p, v[k].input), (uint32_t)v[k].count);
    free(c->dbuf);
    c->dbuf = buf;
    c->dlen = (uint32_t)(p - buf);
    c->dcap = n > 1 ? (uint32_t)((n - 1) * 10 + 10) : 0;
    c->cur_input = v[n - 1].input;
    c->cur_count = (uint32_t)v[n - 1].count;
    c->n_docs = (uint32_t)n;
    return 0;
}

/* Drop the example sentences of `c` from documents no longer in v[0..n). */
static void drop_contexts(tx_cand *c, const tx_cand_count *v, size_t n)
{
    size_t kept = 0;

    for (size_t k = 0; k < c->n_contexts; k++) {
        size_t j = 0;
        while (j < n && v[j].input != c->contexts[k].input)
            j++;
        if (j < n)
            c->contexts[kept++] = c->contexts[k];
    }
    c->n_contexts = kept;
}

tx_status tx_cand_take_back(tx_cand *c, const tx_cand *part, const tx_cand_count *copies,
                            size_t n_copies)
{
    tx_cand_count *v = malloc(((size_t)c->n_docs + 1) * sizeof *v);
    size_t n, kept = 0, j = 0;
    uint64_t taken = 0;

    if (!v)
        return TX_ENOMEM;
    n = tx_cand_doc_counts(c, v);
    for (size_t k = 0; k < n; k++) {
        while (j < n_copies && copies[j].input < v[k].input)
            j++;
        if (j < n_copies && copies[j].input == v[k].input) {
            uint64_t t = part->freq * copies[j].count;
            if (t > v[k].count)
                t = v[k].count;
            v[k].count -= t;
            taken += t;
        }
        if (v[k].count || (k + 1 == n && !kept)) /* one document stays */
            v[kept++] = v[k];
    }
    if (set_doc_counts(c, v, kept) < 0) {
        free(v);
        return TX_ENOMEM;
    }
    drop_contexts(c, v, kept);
    free(v);
    c->freq -= taken < c->freq ? taken : c->freq - 1;
    /* the written forms, in proportion to what was taken */
    for (size_t i = 0; i < part->n_variants && part->freq; i++)
        for (size_t k = 0; k < c->n_variants; k++)
            if (strcmp(c->variants[k].surface, part->variants[i].surface) == 0) {
                uint64_t t = taken * part->variants[i].count / part->freq;
                c->variants[k].count -= t < c->variants[k].count ? t : c->variants[k].count;
                break;
            }
    return TX_OK;
}

/* ---- example sentences ---- */

tx_status tx_cand_pool_add(tx_buf *pool, int64_t id, const char *text, size_t len,
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

/* A sentence's text as a non-zero 32-bit hash: a candidate keeps one example
 * of each text (a sentence repeated across documents is one example); two
 * texts that collide would only cost a candidate one example. */
static uint32_t sentence_hash(const tx_sentence *s)
{
    uint64_t h = tx_strhash(s->text, s->len);
    uint32_t v = (uint32_t)(h ^ (h >> 32));

    return v + !v;
}

char *tx_candtable_context_text(const tx_candtable *t, const tx_cand_context *c)
{
    return t->shards[c->shard].pool.data + c->offset;
}

int64_t *tx_candtable_context_id(const tx_candtable *t, const tx_cand_context *c)
{
    return (int64_t *)(void *)(tx_candtable_context_text(t, c) - sizeof(int64_t));
}

/* Is example sentence `c` the text text[0..len), whose sentence_hash() is
 * `hash`? */
static int same_text(const tx_candtable *t, const tx_cand_context *c, const char *text,
                     size_t len, uint32_t hash)
{
    const char *s;

    if (c->text_hash != hash)
        return 0;
    s = tx_candtable_context_text(t, c);
    return strncmp(s, text, len) == 0 && s[len] == '\0';
}

/* Is example sentence `a` better than `b`: an earlier occurrence in its
 * document (a lower level), then one from the document with the smaller
 * SHA-256?  The glossary ranks them the same way (tx_store_merge_term()). */
static int ctx_before(const tx_candtable *t, const tx_cand_context *a,
                      const tx_cand_context *b)
{
    const tx_cand_doc *x = &t->docs[a->input], *y = &t->docs[b->input];

    if (a->level != b->level)
        return a->level < b->level;
    if (x->hkey != y->hkey)
        return x->hkey < y->hkey;
    return strcmp(x->hash, y->hash) < 0;
}

/* Sort the example sentences of `c` best first (few: an insertion sort). */
void tx_candtable_sort_contexts(const tx_candtable *t, tx_cand *c)
{
    for (size_t i = 1; i < c->n_contexts; i++) {
        tx_cand_context x = c->contexts[i];
        size_t j = i;
        for (; j > 0 && ctx_before(t, &x, &c->contexts[j - 1]); j--)
            c->contexts[j] = c->contexts[j - 1];
        c->contexts[j] = x;
    }
}

/* Offer sentence `s` of document `doc`, where it is occurrence number
 * c->cur_count of candidate `c`, as one of its example sentences: `c` keeps
 * the ctx_cap best as ctx_before() ranks them, one per text, as the glossary
 * will (tx_store_merge_term()), so that they do not depend on the order the
 * documents came in.  *pool_off and *text_hash: as for add_occurrence().
 * Returns TX_OK or TX_ENOMEM. */
static tx_status offer_context(tx_shard *sh, tx_cand *c, uint32_t doc,
                               const tx_sentence *s, size_t *pool_off,
                               uint32_t *text_hash)
{
    const tx_candtable *t = sh->t;
    tx_cand_context nc = {doc, 0, 0, c->cur_count, sh->id, sh->page};
    size_t at = c->n_contexts;

    /* Full: only one better than the worst may come in (most are not). */
    if (c->n_contexts >= sh->ctx_cap) {
        at = 0;
        for (size_t k = 1; k < c->n_contexts; k++)
            if (ctx_before(t, &c->contexts[at], &c->contexts[k]))
                at = k;
        if (!ctx_before(t, &nc, &c->contexts[at]))
            return TX_OK;
    }
    nc.text_hash = *text_hash ? *text_hash : (*text_hash = sentence_hash(s));
    /* The same text kept already: this one replaces it if better. */
    for (size_t k = 0; k < c->n_contexts; k++) {
        if (same_text(t, &c->contexts[k], s->text, s->len, nc.text_hash)) {
            if (!ctx_before(t, &nc, &c->contexts[k]))
                return TX_OK;
            at = k;
            break;
        }
    }
    if (*pool_off == (size_t)-1 &&
        tx_cand_pool_add(&sh->pool, 0, s->text, s->len, pool_off) != TX_OK)
        return TX_ENOMEM;
    if (at == c->n_contexts) {
        if (sgrow(sh, (void **)&c->contexts, &c->ctx0, c->n_contexts,
                  sizeof *c->contexts) < 0)
            return TX_ENOMEM;
        c->n_contexts++;
    }
    nc.offset = *pool_off;
    c->contexts[at] = nc;
    return TX_OK;
}

/* ---- counting ---- */

/* The candidate of occurrence `occ` (in sentence `s`) in shard `sh`, created
 * (with the occurrence's surface as its first variant) if new; NULL when out
 * of memory. */
static tx_cand *cand_get(tx_shard *sh, const tx_sentence *s, const tx_cand_occ *occ)
{
    tx_strmap_slot *slot;
    tx_cand *c;
    const tx_token *a = &s->tokens[occ->first], *b = &s->tokens[occ->last];
    size_t surface_len = b->end - a->start;
    size_t ids_len = occ->n_ids * sizeof *occ->ids;

    /* Keyed by ids while the worker runs (see rekey()); the table borrows
     * the key from the candidate. */
    c = tx_strmap_get_hashed(&sh->table, (const char *)occ->ids, ids_len, occ->ids_hash);
    if (c)
        return c;
    if (!(c = calloc(1, sizeof *c + ids_len + surface_len + 1)))
        return NULL;
    memcpy(c->key, occ->ids, ids_len);
    c->key_len = (uint32_t)ids_len;
    c->str_len = (uint32_t)tx_candidates_ids_key_len(sh->cands, occ->ids, occ->n_ids);
    if (tx_strmap_put_hashed(&sh->table, (const char *)c->key, ids_len, occ->ids_hash,
                             &slot, NULL) != TX_OK) {
        free(c);
        return NULL;
    }
    slot->val = c;
    sh->mem += TX_ALLOC_COST(sizeof *c + ids_len + surface_len + 1);
    sh->str_keys += TX_ALLOC_COST(c->str_len + 1);
    c->n_words = occ->n_words;
    c->n_content = occ->n_content;
    memcpy(tx_cand_text(c), s->text + a->start, surface_len);
    c->variants = &c->v0;
    c->v0.surface = tx_cand_text(c);
    c->v0.len = surface_len;
    c->v0.lower_initial = !(a->flags & TX_TOK_UPPER_INITIAL);
    c->n_variants = 1;
    return c;
}

/* Count occurrence `occ` of sentence `s`.  *pool_off is where the sentence is
 * in the shard's pool ((size_t)-1 until a candidate keeps it as an example)
 * and *text_hash its sentence_hash() (0 until needed). */
static tx_status add_occurrence(tx_shard *sh, uint32_t doc, const tx_sentence *s,
                                const tx_cand_occ *occ, size_t *pool_off,
                                uint32_t *text_hash)
{
    const tx_token *a = &s->tokens[occ->first], *b = &s->tokens[occ->last];
    const char *surface = s->text + a->start;
    size_t surface_len = b->end - a->start;
    tx_cand *c = cand_get(sh, s, occ);
    size_t i;

    if (!c)
        return TX_ENOMEM;
    c->freq++;
    if (occ->n_content < c->n_content) /* one whole occurrence: not a window cut */
        c->n_content = occ->n_content;
    for (i = 0; i < c->n_variants; i++)
        if (c->variants[i].len == surface_len &&
            memcmp(c->variants[i].surface, surface, surface_len) == 0)
            break;
    if (i == c->n_variants) {
        if (sgrow(sh, (void **)&c->variants, &c->v0, c->n_variants,
                  sizeof *c->variants) < 0 ||
            !(c->variants[i].surface = strndup(surface, surface_len)))
            return TX_ENOMEM;
        sh->mem += TX_ALLOC_COST(surface_len + 1);
        c->variants[i].len = surface_len;
        c->variants[i].count = 0;
        c->variants[i].lower_initial = !(a->flags & TX_TOK_UPPER_INITIAL);
        c->n_variants++;
    }
    c->variants[i].count++;
    if (!c->n_docs || c->cur_input != doc) {
        if (c->n_docs && flush_doc(c, &sh->mem) < 0)
            return TX_ENOMEM;
        c->cur_input = doc;
        c->cur_count = 0;
        c->n_docs++;
    }
    /* Example sentences: the first TX_CONTEXTS_PER_DOC occurrences of each
     * document are offered. */
    if (c->cur_count < TX_CONTEXTS_PER_DOC && sh->ctx_cap > 0 &&
        offer_context(sh, c, doc, s, pool_off, text_hash) != TX_OK)
        return TX_ENOMEM;
    c->cur_count++;
    if (occ->acronym) {
        char *ks = link_new(occ->acronym_key, occ->acronym);
        if (!ks || link_put(&sh->t->o, &c->acronyms, ks, &sh->mem) < 0)
            return TX_ENOMEM;
    }
    for (size_t k = 0; k < occ->n_elliptic; k++) {
        char *ks = link_new(occ->elliptic[k].key, occ->elliptic[k].surface);
        if (!ks || link_put(&sh->t->o, &c->elliptic, ks, &sh->mem) < 0)
            return TX_ENOMEM;
    }
    return TX_OK;
}

tx_status tx_candtable_add_text(tx_candtable *t, unsigned shard, tx_tokenizer *tok,
                                uint32_t doc, const char *text, size_t len,
                                uint64_t *n_tokens, tx_error *err)
{
    tx_shard *sh = &t->shards[shard];
    const tx_sentence *s;
    const tx_cand_occ *occ;
    size_t n_occ;
    tx_status rc;
    /* Pages: '\f' lines are counted up to each sentence (docread.h). */
    const char *scan = memchr(text, '\f', len) ? text : NULL;
    unsigned page = 1;

    sh->page = 0;
    tx_tokenizer_set_text(tok, text, len);
    while ((rc = tx_tokenizer_next(tok, &s, err)) == TX_OK && s) {
        size_t pool_off = (size_t)-1;
        uint32_t text_hash = 0;
        if (scan) {
            const char *ff;
            while (scan < s->text &&
                   (ff = memchr(scan, '\f', (size_t)(s->text - scan))) != NULL) {
                page += page < 65535 ? 1 : 0;
                scan = ff + 1;
            }
            scan = s->text > scan ? s->text : scan;
            sh->page = page < 65535 ? page : 0;
        }
        if ((rc = tx_candidates_find(sh->cands, s, &occ, &n_occ, err)) != TX_OK)
            return rc;
        /* The table is far bigger than a CPU cache: ask for the sentence's
         * slots, then their keys and candidates, then each candidate's
         * variants, before counting, so that the memory reads overlap. */
        for (size_t i = 0; i < n_occ; i++)
            tx_strmap_prefetch_slot(&sh->table, occ[i].ids_hash);
        for (size_t i = 0; i < n_occ; i++)
            tx_strmap_prefetch_entry(&sh->table, occ[i].ids_hash);
        for (size_t i = 0; i < n_occ; i++) {
            const tx_strmap_slot *sl = tx_strmap_first(&sh->table, occ[i].ids_hash);
            if (sl && sl->val)
                __builtin_prefetch(((const tx_cand *)sl->val)->variants);
        }
        for (size_t i = 0; i < n_occ; i++)
            if ((rc = add_occurrence(sh, doc, s, &occ[i], &pool_off, &text_hash)) !=
                TX_OK)
                return tx_fail(err, rc, "out of memory");
        if (tx_shard_over_budget(sh, 0) && tx_shard_prune(sh) != TX_OK)
            return tx_fail(err, TX_ENOMEM, "out of memory pruning candidates");
    }
    *n_tokens = tx_tokenizer_n_words(tok);
    return rc;
}

/* ---- merging ---- */

/* Keep the `cap` best example sentences of `c`, one per text: what one
 * worker reading every document would have kept (add_occurrence()). */
static void keep_best_contexts(const tx_candtable *t, tx_cand *c, unsigned cap)
{
    size_t n = 0;

    tx_candtable_sort_contexts(t, c);
    for (size_t k = 0; k < c->n_contexts && n < cap; k++) {
        const char *text = tx_candtable_context_text(t, &c->contexts[k]);
        size_t j = 0;
        while (j < n && !same_text(t, &c->contexts[j], text, strlen(text),
                                   c->contexts[k].text_hash))
            j++;
        if (j == n)
            c->contexts[n++] = c->contexts[k];
    }
    c->n_contexts = n;
}

/* Move the variants of `src` into `dst` (merge_cand()). */
static tx_status merge_variants(tx_cand *dst, tx_cand *src)
{
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
        if (src->variants[v].surface == tx_cand_text(src) &&
            !(dst->variants[dst->n_variants].surface = strdup(tx_cand_text(src))))
            return TX_ENOMEM;
        dst->n_variants++;
        src->variants[v].surface = NULL;
    }
    return TX_OK;
}

/* Move what candidate `src` holds into `dst`, two candidates of one key that
 * counted disjoint documents, keeping at most `ctx_cap` example sentences;
 * `src` is left for tx_cand_free(). */
static tx_status merge_cand(const tx_candtable *t, tx_cand *dst, tx_cand *src,
                            unsigned ctx_cap)
{
    dst->freq += src->freq;
    if (src->n_content < dst->n_content) /* tx_cand_occ.n_content of a window cut */
        dst->n_content = src->n_content;
    if (merge_variants(dst, src) != TX_OK)
        return TX_ENOMEM;
    /* Shards see disjoint documents: dst's current one joins its dbuf,
     * src's become dst's (the order is restored by tx_cand_doc_counts()). */
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
    keep_best_contexts(t, dst, ctx_cap);
    if (links_move(&t->o, &dst->acronyms, &src->acronyms) < 0 ||
        links_move(&t->o, &dst->elliptic, &src->elliptic) < 0)
        return TX_ENOMEM;
    return TX_OK;
}

/* Move the candidates of `from` into `into` (both tables of `t`, keyed by
 * strings). */
static tx_status merge_tables(const tx_candtable *t, tx_strmap *into, tx_strmap *from,
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
        } else if (merge_cand(t, slot->val, fs->val, ctx_cap) != TX_OK) {
            return TX_ENOMEM;
        }
    }
    return TX_OK;
}

/* What rekey() adds while it runs: a string key for each candidate, and the
 * slots of the table they go in (the id keys stay in their candidates). */
static uint64_t rekey_cost(const tx_shard *sh)
{
    return tx_strmap_cap_for(sh->table.n) * sizeof *sh->table.slots + sh->str_keys;
}

/* A shard's table is keyed by the ids of its candidate finder while it
 * counts; turn it into a table keyed by the string keys the glossary stores,
 * which mean the same in every shard.  Ids name distinct key strings and a
 * key string has no spaces, so no two candidates meet here; merge_cand()
 * would join them if they did. */
static tx_status rekey(tx_shard *sh)
{
    tx_strmap ids = sh->table;
    tx_buf key = TX_BUF_INIT;
    tx_status rc = TX_OK;

    tx_strmap_init(&sh->table);
    for (size_t i = 0; i < ids.cap && rc == TX_OK; i++) {
        tx_strmap_slot *is = &ids.slots[i], *slot;
        if (!is->key)
            continue;
        rc = tx_candidates_ids_key(sh->cands, (const uint32_t *)(void *)is->key,
                                   is->len / sizeof(uint32_t), &key);
        if (rc == TX_OK && (rc = tx_strmap_put(&sh->table, key.data, key.len, &slot,
                                               NULL)) == TX_OK) {
            if (!slot->val) {
                slot->val = is->val;
                is->val = NULL;
            } else {
                rc = merge_cand(sh->t, slot->val, is->val, sh->ctx_cap);
            }
        }
        if (rc == TX_OK) { /* done with this one: let the memory go now */
            tx_cand_free(is->val);
            is->key = NULL;
            ids.n--;
        }
    }
    tx_buf_release(&key);
    table_release(&ids);
    return rc;
}

tx_status tx_candtable_finish(tx_candtable *t, unsigned shard, tx_error *err)
{
    tx_shard *sh = &t->shards[shard];
    tx_status rc;

    /* rekey() holds both tables for a while: the budget must cover that too. */
    if (tx_shard_over_budget(sh, rekey_cost(sh)) && (rc = tx_shard_prune(sh)) != TX_OK)
        return tx_fail(err, rc, "out of memory pruning candidates");
    if ((rc = rekey(sh)) != TX_OK)
        return tx_fail(err, rc, "out of memory gathering candidates");
    return TX_OK;
}

tx_status tx_candtable_merge(tx_candtable *t, tx_error *err)
{
    for (unsigned k = 1; k < t->o.n_shards; k++)
        if (merge_tables(t, &t->shards[0].table, &t->shards[k].table,
                         t->o.max_contexts) != TX_OK)
            return tx_fail(err, TX_ENOMEM, "out of memory merging candidates");
    return TX_OK;
}

/* ---- the table ---- */

tx_status tx_candtable_new(const tx_candtable_opts *o, tx_candtable **out, tx_error *err)
{
    tx_candtable *t;

    *out = NULL;
    if (o->n_shards < 1 || o->n_shards > TX_CANDTABLE_MAX_SHARDS || o->max_links < 1 ||
        !o->link_before || !o->finders)
        return tx_fail(err, TX_EINVAL, "invalid candidate table options");
    if (!(t = calloc(1, sizeof *t)) ||
        !(t->shards = calloc(o->n_shards, sizeof *t->shards)) ||
        !(t->docs = calloc(o->n_docs ? o->n_docs : 1, sizeof *t->docs))) {
        tx_candtable_free(t);
        return tx_fail(err, TX_ENOMEM, "out of memory");
    }
    t->o = *o;
    t->o.finders = NULL; /* the caller's array: read here only */
    for (unsigned k = 0; k < o->n_shards; k++) {
        tx_shard *sh = &t->shards[k];
        sh->t = t;
        sh->id = k;
        sh->cands = o->finders[k];
        tx_strmap_init_borrowed(&sh->table);
        tx_buf_init(&sh->pool);
        sh->budget = o->max_memory / o->n_shards;
        sh->ctx_cap = o->max_contexts;
    }
    *out = t;
    return TX_OK;
}

void tx_candtable_free(tx_candtable *t)
{
    if (!t)
        return;
    for (unsigned k = 0; t->shards && k < t->o.n_shards; k++) {
        table_release(&t->shards[k].table);
        tx_buf_release(&t->shards[k].pool);
    }
    free(t->shards);
    free(t->docs);
    free(t);
}

void tx_candtable_set_doc(tx_candtable *t, uint32_t doc, const char *hash)
{
    tx_cand_doc *d = &t->docs[doc];

    memcpy(d->hash, hash, 64);
    d->hash[64] = '\0';
    d->hkey = 0;
    for (int k = 0; k < 16; k++)
        d->hkey = d->hkey << 4 | (uint64_t)(hash[k] <= '9' ? hash[k] - '0'
                                                           : hash[k] - 'a' + 10);
}

tx_strmap *tx_candtable_merged(tx_candtable *t)
{
    return &t->shards[0].table;
}

void tx_candtable_prune_stats(const tx_candtable *t, uint64_t *n_pruned,
                              unsigned *n_prunes, unsigned *prune_freq)
{
    *n_pruned = 0;
    *n_prunes = 0;
    *prune_freq = 0;
    for (unsigned k = 0; k < t->o.n_shards; k++) {
        *n_pruned += t->shards[k].n_pruned;
        *n_prunes += t->shards[k].n_prunes;
        if (t->shards[k].prune_freq > *prune_freq)
            *prune_freq = t->shards[k].prune_freq;
    }
}
