/* boilerplate.c: the text stages of an extraction run after clean-up, and
 * boilerplate counted once.
 *
 * Language identification (langid.h) drops the paragraphs of a document in
 * another language.  Boilerplate: a paragraph found in at least max(3, half)
 * of the run's documents (running headers, navigation, "Report a
 * documentation error") counts once, not once per document.  Each worker
 * records the short paragraphs of its documents (text -> documents and
 * copies in each), while it counts candidates as usual; once the shards are
 * merged, the records are merged in input order (the workers read runs of
 * consecutive inputs), and for each boilerplate paragraph its candidates are
 * found again from its text, once, and taken back from the merged table for
 * every copy but one (tx_cand_take_back()): the copy in the document whose
 * content has the smallest hash, so that the result depends neither on
 * --jobs nor on the order of the inputs, and terms outside boilerplate keep
 * exact counts.  Boilerplate is found within a run: adding documents one run
 * at a time finds none (--keep-boilerplate gives the same glossary both
 * ways).  One
 * pass: reading and cleaning the documents twice would cost more than what
 * the records hold (see docs/performance.md). */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "buildInt.h"
#include "error.h"

/* Paragraphs longer than this are not recorded: boilerplate is short. */
#define BOILER_MAX_BYTES 400
/* Only the paragraphs among the first and the last BOILER_EDGE of a
 * document are recorded: headers, navigation and footers are there, and the
 * record of a large corpus stays small (a fixed rule, so the same whatever
 * --jobs). */
#define BOILER_EDGE 100
/* Fewer documents than this: no boilerplate. */
#define BOILER_MIN_DOCS 3

/* One paragraph's copies: (document, copies in it) in input order. */
typedef struct boiler_para {
    tx_cand_count *v;
    size_t n, cap;
} boiler_para;

/* A worker's record: paragraph text -> boiler_para *. */
typedef struct tx_boiler_shard {
    tx_strmap paras;
} tx_boiler_shard;

static void para_free(boiler_para *p)
{
    if (p)
        free(p->v);
    free(p);
}

void tx_build_boiler_free(struct tx_boiler_shard *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->paras.cap; i++)
        if (s->paras.slots[i].key)
            para_free(s->paras.slots[i].val);
    tx_strmap_release(&s->paras);
    free(s);
}

/* Count `n` copies in document `doc` (not before the last one noted). */
static int para_add(boiler_para *p, uint32_t doc, uint64_t n)
{
    if (p->n && p->v[p->n - 1].input == doc) {
        p->v[p->n - 1].count += n;
        return 0;
    }
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 4;
        tx_cand_count *v = realloc(p->v, cap * sizeof *v);
        if (!v)
            return -1;
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n].input = doc;
    p->v[p->n++].count = n;
    return 0;
}

/* Record the short paragraphs of document `doc` (those of its first and
 * last BOILER_EDGE) in the worker's shard. */
static tx_status note_paragraphs(tx_build_worker *w, uint32_t doc, const char *text,
                                 size_t len)
{
    const char *p = text, *end = text + len;
    size_t n_lines = 0, line = 0;

    if (!w->boiler && !(w->boiler = calloc(1, sizeof *w->boiler)))
        return TX_ENOMEM;
    for (const char *q = text; q < end && (q = memchr(q, '\n', (size_t)(end - q))); q++)
        n_lines++;
    for (; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        tx_strmap_slot *slot;
        if (line >= BOILER_EDGE && line + BOILER_EDGE < n_lines) {
            p += l + 1; /* the middle of a long document */
            continue;
        }
        if (l >= 2 && l <= BOILER_MAX_BYTES) {
            if (tx_strmap_put(&w->boiler->paras, p, l, &slot, NULL) != TX_OK ||
                (!slot->val && !(slot->val = calloc(1, sizeof(boiler_para)))) ||
                para_add(slot->val, doc, 1) < 0)
                return TX_ENOMEM;
        }
        p += l + 1;
    }
    return TX_OK;
}

/* Does the clean text hold anything but page-break lines? */
static int has_words(const char *text, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (text[k] != '\n' && text[k] != '\f')
            return 1;
    return 0;
}

tx_status tx_build_text_stages(tx_build_worker *w, size_t i, char *text, size_t *len)
{
    tx_build *b = w->b;
    tx_status rc;

    uint64_t n_other = w->n_other_lang;

    if (b->langid &&
        (rc = tx_langid_filter(b->langid, w->lcache, text, len, &w->n_other_lang,
                               &w->err)) != TX_OK)
        return rc;
    /* nothing left but page breaks: say why the document has no text */
    b->inputs.v[i].other_lang = w->n_other_lang > n_other && !has_words(text, *len);
    if (!b->o->keep_boilerplate && b->inputs.n >= BOILER_MIN_DOCS &&
        (rc = note_paragraphs(w, (uint32_t)i, text, *len)) != TX_OK)
        return tx_fail(&w->err, rc, "out of memory");
    return TX_OK;
}

/* Merge the workers' records into the first one's, in input order. */
static tx_status merge_records(tx_build *b, tx_boiler_shard **into)
{
    *into = NULL;
    for (unsigned k = 0; k < b->n_workers; k++) {
        tx_boiler_shard *s = b->workers[k].boiler;
        if (!s)
            continue;
        if (!*into) {
            *into = s;
            continue;
        }
        for (size_t i = 0; i < s->paras.cap; i++) {
            tx_strmap_slot *fs = &s->paras.slots[i], *slot;
            boiler_para *src = fs->val;
            if (!fs->key)
                continue;
            if (tx_strmap_put(&(*into)->paras, fs->key, fs->len, &slot, NULL) != TX_OK)
                return TX_ENOMEM;
            if (!slot->val) {
                slot->val = src;
                fs->val = NULL;
                continue;
            }
            for (size_t j = 0; j < src->n; j++)
                if (para_add(slot->val, src->v[j].input, src->v[j].count) < 0)
                    return TX_ENOMEM;
        }
    }
    return TX_OK;
}

/* Take back from the merged table the candidates of paragraph `text` for
 * every copy in `p` but one (see the top of the file), found again with the
 * tokenizer and the finder of worker `w` (whose shard is merged: what it
 * finds now changes nothing it counted). */
static tx_status take_back(tx_build *b, tx_build_worker *w, const char *text, size_t len,
                           boiler_para *p, tx_error *err)
{
    tx_candtable_opts to = {.n_shards = 1, .n_docs = 1, .max_contexts = 1,
                            .max_links = TX_MAX_RELATIONS, .link_before = tx_surface_before,
                            .finders = &w->cands};
    tx_candtable *t = NULL;
    tx_strmap *merged = tx_candtable_merged(b->table), *found;
    uint64_t n_tokens;
    size_t keep = 0;
    tx_status rc;

    for (size_t j = 1; j < p->n; j++) /* the copy that counts: by content */
        if (strcmp(b->inputs.v[p->v[j].input].hash, b->inputs.v[p->v[keep].input].hash) < 0)
            keep = j;
    p->v[keep].count--;
    if ((rc = tx_candtable_new(&to, &t, err)) != TX_OK ||
        (rc = tx_candtable_add_text(t, 0, w->tok, 0, text, len, &n_tokens, err)) !=
            TX_OK ||
        (rc = tx_candtable_finish(t, 0, err)) != TX_OK ||
        (rc = tx_candtable_merge(t, err)) != TX_OK)
        goto out;
    found = tx_candtable_merged(t);
    for (size_t i = 0; i < found->cap && rc == TX_OK; i++) {
        const tx_strmap_slot *s = &found->slots[i];
        tx_cand *c;
        if (!s->key || !(c = tx_strmap_get(merged, s->key, s->len)))
            continue; /* pruned */
        if (tx_cand_take_back(c, s->val, p->v, p->n) != TX_OK)
            rc = tx_fail(err, TX_ENOMEM, "out of memory");
    }
out:
    tx_candtable_free(t);
    return rc;
}

tx_status tx_build_boilerplate(tx_build *b, tx_extract_stats *stats, tx_error *err)
{
    tx_boiler_shard *all;
    size_t n_docs = 0, need;
    tx_status rc = TX_OK;

    for (unsigned k = 0; k < b->n_workers; k++)
        stats->n_other_lang += b->workers[k].n_other_lang;
    for (size_t i = 0; i < b->inputs.n; i++)
        n_docs += b->inputs.v[i].state == TX_INPUT_ADDED;
    need = (n_docs + 1) / 2 > BOILER_MIN_DOCS ? (n_docs + 1) / 2 : BOILER_MIN_DOCS;
    if (merge_records(b, &all) != TX_OK)
        return tx_fail(err, TX_ENOMEM, "out of memory");
    if (!all || n_docs < BOILER_MIN_DOCS)
        return TX_OK;
    for (size_t i = 0; i < all->paras.cap && rc == TX_OK; i++) {
        const tx_strmap_slot *s = &all->paras.slots[i];
        boiler_para *p = s->key ? s->val : NULL;
        size_t n_in_docs = 0;
        if (!p)
            continue;
        for (size_t j = 0; j < p->n; j++) /* documents the run added */
            n_in_docs += b->inputs.v[p->v[j].input].state == TX_INPUT_ADDED;
        if (n_in_docs < need)
            continue;
        stats->n_boilerplate++;
        for (size_t j = 0; j < p->n; j++)
            stats->n_boilerplate_occ += p->v[j].count;
        stats->n_boilerplate_occ--;
        rc = take_back(b, &b->workers[0], s->key, s->len, p, err);
    }
    return rc;
}
