/* align.c: each source term's target-language equivalents, from aligned
 * segments.
 *
 * Both sides of every segment pair go through the extractor's own pipeline
 * (tokenizer, Snowball stemmer, candidate finder, with each language's stop
 * list): a source term occurs in a segment when a candidate of the segment
 * has its key; every target candidate (one to max_words content words) is a
 * possible equivalent.  A pair (t, e) is scored from:
 *   - association: Dice over segments, 2 c(t,e) / (c(t) + c(e));
 *   - composition: how well t's words and e's words translate each other,
 *     word by word (Dice of the two stems over segments, a bilingual
 *     dictionary, cognates), which still works for a term seen once or twice;
 *   - cognates: "diplomatie préventive" / "preventive diplomacy";
 *   - shape: similar numbers of content and function words.
 * Terms seen in three segments or more lean on association, rarer ones on
 * composition; the method field of each translation says which, and adds
 * "+cognate" and "+dictionary" where that evidence counted. */
#define _POSIX_C_SOURCE 200809L
#include "align.h"
#include "alignInt.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "candidates.h"
#include "error.h"
#include "lang.h"
#include "langtag.h"
#include "parallel.h"
#include "pipeline.h"
#include "stem.h"
#include "store.h"
#include "strmap.h"
#include "tokenize.h"
#include "tx.h"
#include "xmlsafe.h" /* tx_lang_pair_check() */

void tx_align_opts_init(tx_align_opts *o)
{
    memset(o, 0, sizeof *o);
    o->src_lang = "fr";
    o->tgt_lang = "en";
    o->min_bead_score = 0.3;
    o->min_doc_score = 0.2;
    o->max_alternatives = 3;
}

/* ---- growable arrays of indexes ---- */

typedef struct ids {
    uint32_t *v;
    size_t n, cap;
} ids;

static int ids_push(ids *a, uint32_t x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 4;
        uint32_t *p = realloc(a->v, cap * sizeof *p);
        if (!p)
            return -1;
        a->v = p;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 0;
}

/* ---- the run's tables ---- */

typedef struct term {
    int64_t id;
    char *key;
    uint32_t n_content, n_inner;
    ids segs;        /* segments it occurs in */
    ids words;       /* its content words (word ids of the source side) */
    size_t last_seg; /* +1: dedupe within a segment */
} term;

typedef struct variant {
    char *surface;
    uint32_t count;
    int lower_initial;
} variant;

typedef struct ecand {  /* a target-language candidate */
    char *key;
    uint32_t n_content, n_inner;
    uint32_t n_segs;
    int fragment;       /* mostly inside one longer candidate: not a translation */
    size_t last_seg;
    variant *variants;
    size_t n_variants;
    ids words;
} ecand;

typedef struct word {
    char *stem;
    uint32_t n_segs;
    size_t last_seg;
} word;

typedef struct seg {
    int64_t id;
    ids terms, ecands, fwords, ewords;
} seg;

typedef struct aligner {
    const tx_align_opts *o;  /* `opts`, the caller's with canonical language tags */
    tx_align_opts opts;
    char src_tag[TX_LANGTAG_MAX], tgt_tag[TX_LANGTAG_MAX];
    tx_pipeline src, tgt;
    term *terms;
    size_t n_terms, cap_terms;
    tx_strmap term_by_key;   /* key -> term index + 1 */
    ecand *ecands;
    size_t n_ecands, cap_ecands;
    tx_strmap ecand_by_key;  /* key -> index + 1 */
    word *fwords, *ewords;
    size_t n_fwords, n_ewords, cap_fwords, cap_ewords;
    tx_strmap fword_by_stem, eword_by_stem;
    tx_strmap pairs;         /* (fword, eword) as 8 bytes -> co-occurrence count */
    seg *segs;
    size_t n_segs, cap_segs;
    tx_align_dict dict;      /* the --dict lists */
} aligner;

#define IDX(p) ((size_t)(uintptr_t)(p) - 1)
#define PTR(i) ((void *)(uintptr_t)((i) + 1))

static long word_id(tx_strmap *map, word **words, size_t *n, size_t *cap, const char *stem,
                    size_t len)
{
    tx_strmap_slot *slot;

    if (tx_strmap_put(map, stem, len, &slot, NULL) != TX_OK)
        return -1;
    if (!slot->val) {
        if (tx_grow((void **)words, cap, *n + 1, sizeof **words, 64) < 0)
            return -1;
        (*words)[*n].stem = slot->key;
        (*words)[*n].n_segs = 0;
        (*words)[*n].last_seg = 0;
        slot->val = PTR(*n);
        (*n)++;
    }
    return (long)IDX(slot->val);
}

/* Add the word ids of a content token's key to `out`: a hyphenated
 * compound counts as its parts ("capacity-build" is "capacity" and "build",
 * to meet "renforcement des capacités"), each once per list if `dedupe`. */
static int add_word_parts(aligner *a, int src_side, const char *k, size_t len, ids *out,
                          size_t seg_plus1)
{
    while (len) {
        const char *h = memchr(k, '-', len);
        size_t n = h ? (size_t)(h - k) : len;
        if (n) {
            long id = src_side ? word_id(&a->fword_by_stem, &a->fwords, &a->n_fwords,
                                         &a->cap_fwords, k, n)
                               : word_id(&a->eword_by_stem, &a->ewords, &a->n_ewords,
                                         &a->cap_ewords, k, n);
            word *w;
            if (id < 0)
                return -1;
            w = src_side ? &a->fwords[id] : &a->ewords[id];
            if (!seg_plus1) {
                if (ids_push(out, (uint32_t)id) < 0)
                    return -1;
            } else if (w->last_seg != seg_plus1) {
                w->last_seg = seg_plus1;
                w->n_segs++;
                if (ids_push(out, (uint32_t)id) < 0)
                    return -1;
            }
        }
        if (!h)
            break;
        len -= n + 1;
        k = h + 1;
    }
    return 0;
}

/* The content words of a key (its tokens but function words and commas). */
static int key_content_words(aligner *a, tx_pipeline *sd, const char *key, ids *out, int src_side)
{
    const char *p = key;

    while (*p) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!(len == 1 && *p == ',') && !tx_lang_inner(sd->lang, p, len) &&
            add_word_parts(a, src_side, p, len, out, 0) < 0)
            return -1;
        p += len;
        if (*p == ' ')
            p++;
    }
    return 0;
}

static unsigned count_inner(tx_pipeline *sd, const char *key)
{
    unsigned n = 0;
    const char *p = key;

    while (*p) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        n += tx_lang_inner(sd->lang, p, len) != NULL;
        p += len;
        if (*p == ' ')
            p++;
    }
    return n;
}

/* ---- loading ---- */

static int load_term(const tx_listed_term *t, void *arg)
{
    aligner *a = arg;
    tx_strmap_slot *slot;
    term *tm;

    if (tx_grow((void **)&a->terms, &a->cap_terms, a->n_terms + 1, sizeof *a->terms,
                64) < 0)
        return 1;
    tm = &a->terms[a->n_terms];
    memset(tm, 0, sizeof *tm);
    tm->id = t->id;
    if (!(tm->key = strdup(t->key)))
        return 1;
    tm->n_content = t->n_content;
    tm->n_inner = count_inner(&a->src, t->key);
    if (key_content_words(a, &a->src, t->key, &tm->words, 1) < 0)
        return 1;
    if (tx_strmap_put(&a->term_by_key, t->key, strlen(t->key), &slot, NULL) != TX_OK)
        return 1;
    slot->val = PTR(a->n_terms);
    a->n_terms++;
    return 0;
}

typedef struct seg_text {
    int64_t id;
    char *src, *tgt;
} seg_text;

typedef struct seg_list {
    seg_text *v;
    size_t n, cap;
    int oom;
} seg_list;

static int load_segment(const tx_segment *s, void *arg)
{
    seg_list *l = arg;

    if (tx_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v, 64) < 0) {
        l->oom = 1;
        return 1;
    }
    l->v[l->n].id = s->id;
    l->v[l->n].src = strdup(s->src);
    l->v[l->n].tgt = strdup(s->tgt);
    if (!l->v[l->n].src || !l->v[l->n].tgt) {
        free(l->v[l->n].src);
        free(l->v[l->n].tgt);
        l->oom = 1;
        return 1;
    }
    l->n++;
    return 0;
}

/* Record the occurrences of one side of segment `si` (its index). */
static tx_status scan_side(aligner *a, tx_pipeline *sd, int src_side, size_t si, const char *text,
                           tx_error *err)
{
    const tx_sentence *s;
    const tx_cand_occ *occ;
    size_t n_occ;
    tx_status rc;
    seg *sg = &a->segs[si];

    tx_tokenizer_set_text(sd->tok, text, strlen(text));
    while ((rc = tx_tokenizer_next(sd->tok, &s, err)) == TX_OK && s) {
        if ((rc = tx_candidates_find(sd->cands, s, &occ, &n_occ, err)) != TX_OK)
            return rc;
        for (size_t i = 0; i < s->n_tokens; i++) {
            const char *k;
            size_t len;
            if (tx_candidates_content(sd->cands, i, &k, &len) &&
                add_word_parts(a, src_side, k, len, src_side ? &sg->fwords : &sg->ewords,
                               si + 1) < 0)
                return tx_fail(err, TX_ENOMEM, "out of memory aligning");
        }
        for (size_t i = 0; i < n_occ; i++) {
            if (src_side) {
                void *v = tx_strmap_get(&a->term_by_key, occ[i].key, occ[i].key_len);
                term *t;
                if (!v)
                    continue;
                t = &a->terms[IDX(v)];
                if (t->last_seg == si + 1)
                    continue;
                t->last_seg = si + 1;
                if (ids_push(&t->segs, (uint32_t)si) < 0 ||
                    ids_push(&sg->terms, (uint32_t)IDX(v)) < 0)
                    return tx_fail(err, TX_ENOMEM, "out of memory aligning");
                continue;
            }
            /* target side: every candidate is a possible equivalent */
            tx_strmap_slot *slot;
            ecand *e;
            const tx_token *f = &s->tokens[occ[i].first], *l = &s->tokens[occ[i].last];
            const char *surface = s->text + f->start;
            size_t slen = l->end - f->start, j;
            if (tx_strmap_put_hashed(&a->ecand_by_key, occ[i].key, occ[i].key_len,
                                     occ[i].key_hash, &slot, NULL) != TX_OK)
                return tx_fail(err, TX_ENOMEM, "out of memory aligning");
            if (!slot->val) {
                if (tx_grow((void **)&a->ecands, &a->cap_ecands, a->n_ecands + 1,
                            sizeof *a->ecands, 64) < 0)
                    return tx_fail(err, TX_ENOMEM, "out of memory aligning");
                e = &a->ecands[a->n_ecands];
                memset(e, 0, sizeof *e);
                e->key = slot->key;
                e->n_content = occ[i].n_content;
                e->n_inner = count_inner(sd, slot->key);
                if (key_content_words(a, sd, slot->key, &e->words, 0) < 0)
                    return tx_fail(err, TX_ENOMEM, "out of memory aligning");
                slot->val = PTR(a->n_ecands);
                a->n_ecands++;
            }
            e = &a->ecands[IDX(slot->val)];
            for (j = 0; j < e->n_variants; j++)
                if (strlen(e->variants[j].surface) == slen &&
                    memcmp(e->variants[j].surface, surface, slen) == 0)
                    break;
            if (j == e->n_variants && e->n_variants < 8) {
                variant *v = realloc(e->variants, (e->n_variants + 1) * sizeof *v);
                if (!v)
                    return tx_fail(err, TX_ENOMEM, "out of memory aligning");
                e->variants = v;
                if (!(v[j].surface = strndup(surface, slen)))
                    return tx_fail(err, TX_ENOMEM, "out of memory aligning");
                v[j].count = 0;
                v[j].lower_initial = !(f->flags & TX_TOK_UPPER_INITIAL);
                e->n_variants++;
            }
            if (j < e->n_variants)
                e->variants[j].count++;
            if (e->last_seg == si + 1)
                continue;
            e->last_seg = si + 1;
            e->n_segs++;
            if (ids_push(&sg->ecands, (uint32_t)IDX(slot->val)) < 0)
                return tx_fail(err, TX_ENOMEM, "out of memory aligning");
        }
    }
    return rc;
}

/* Mark the target candidates that never occur without the same neighbouring
 * word ("African Republic" in "Central African Republic").  Unlike the
 * extractor's rule for source terms (score.c), a share is not enough here:
 * "Republic of Korea" is most often "Democratic People's Republic of Korea",
 * and still a name of its own. */
static void mark_fragments(aligner *a)
{
    for (size_t b = 0; b < a->n_ecands; b++) {
        const char *k = a->ecands[b].key, *sp = strchr(k, ' '), *last = strrchr(k, ' ');
        void *v;
        if (!sp)
            continue;
        /* without the first word, then without the last one */
        if ((v = tx_strmap_get(&a->ecand_by_key, sp + 1, strlen(sp + 1)))) {
            ecand *e = &a->ecands[IDX(v)];
            if (a->ecands[b].n_segs >= e->n_segs)
                e->fragment = 1;
        }
        if ((v = tx_strmap_get(&a->ecand_by_key, k, (size_t)(last - k)))) {
            ecand *e = &a->ecands[IDX(v)];
            if (a->ecands[b].n_segs >= e->n_segs)
                e->fragment = 1;
        }
    }
}

static tx_status count_pairs(aligner *a, tx_error *err)
{
    for (size_t si = 0; si < a->n_segs; si++) {
        seg *s = &a->segs[si];
        for (size_t i = 0; i < s->fwords.n; i++) {
            for (size_t j = 0; j < s->ewords.n; j++) {
                uint32_t k[2] = {s->fwords.v[i], s->ewords.v[j]};
                tx_strmap_slot *slot;
                if (tx_strmap_put(&a->pairs, (const char *)k, sizeof k, &slot, NULL) != TX_OK)
                    return tx_fail(err, TX_ENOMEM, "out of memory aligning");
                slot->val = (void *)((uintptr_t)slot->val + 1);
            }
        }
    }
    return TX_OK;
}

/* ---- scoring ---- */

static double word_dice(aligner *a, uint32_t f, uint32_t e)
{
    uint32_t k[2] = {f, e};
    uintptr_t c = (uintptr_t)tx_strmap_get(&a->pairs, (const char *)k, sizeof k);

    return c ? 2.0 * (double)c / (a->fwords[f].n_segs + a->ewords[e].n_segs) : 0.0;
}

static double word_cognate(aligner *a, uint32_t f, uint32_t e)
{
    const char *x = a->fwords[f].stem, *y = a->ewords[e].stem;

    return tx_align_cognate(x, strlen(x), y, strlen(y));
}

static double harmonic(double x, double y)
{
    return x + y > 0 ? 2 * x * y / (x + y) : 0;
}

/* How well do the words of t and e translate each other?  Each pair of words
 * has an evidence (association, dictionary, or a close cognate) and a cognate
 * similarity; each word takes its best partner on the other side. */
static void word_evidence(aligner *a, const term *t, const ecand *e, double *comp,
                          double *cog, int *dict_used)
{
    double best_v[2][TX_MAX_WORDS] = {{0}}, best_c[2][TX_MAX_WORDS] = {{0}};
    size_t nf = t->words.n < TX_MAX_WORDS ? t->words.n : TX_MAX_WORDS;
    size_t ne = e->words.n < TX_MAX_WORDS ? e->words.n : TX_MAX_WORDS;
    double sum[2][2] = {{0, 0}, {0, 0}}; /* [side][evidence, cognate] */

    if (!nf || !ne) {
        *comp = *cog = 0;
        return;
    }
    for (size_t i = 0; i < nf; i++) {
        for (size_t j = 0; j < ne; j++) {
            uint32_t f = t->words.v[i], w = e->words.v[j];
            double c = word_cognate(a, f, w), v = word_dice(a, f, w);
            if (tx_align_dict_word(&a->dict, a->fwords[f].stem, a->ewords[w].stem)) {
                v = 1.0;
                *dict_used = 1;
            }
            if (c >= 0.75 && c > v)
                v = c;
            if (v > best_v[0][i])
                best_v[0][i] = v;
            if (v > best_v[1][j])
                best_v[1][j] = v;
            if (c > best_c[0][i])
                best_c[0][i] = c;
            if (c > best_c[1][j])
                best_c[1][j] = c;
        }
    }
    for (size_t i = 0; i < nf; i++)
        sum[0][0] += best_v[0][i], sum[0][1] += best_c[0][i];
    for (size_t j = 0; j < ne; j++)
        sum[1][0] += best_v[1][j], sum[1][1] += best_c[1][j];
    /* Harmonic means: an equivalent must account for the words of both
     * sides ("capacity" explains only half of "renforcement des capacités"). */
    *comp = harmonic(sum[0][0] / nf, sum[1][0] / ne);
    *cog = harmonic(sum[0][1] / nf, sum[1][1] / ne);
}

typedef struct scored {
    uint32_t e;
    uint32_t co;       /* segments with both */
    uint32_t seg;      /* one of them */
    double score;
    char method[64];
} scored;

static int cmp_scored(const void *x, const void *y)
{
    const scored *p = x, *q = y;

    if (p->score != q->score)
        return p->score > q->score ? -1 : 1;
    return p->e < q->e ? -1 : p->e > q->e;
}

/* The written form of a target candidate: its most frequent variant with a
 * lower-case initial, else its most frequent one (as for source terms). */
static const char *ecand_text(const ecand *e)
{
    const variant *best = NULL;

    for (size_t i = 0; i < e->n_variants; i++) {
        const variant *v = &e->variants[i];
        if (!best || (v->lower_initial > best->lower_initial) ||
            (v->lower_initial == best->lower_initial && v->count > best->count))
            best = v;
    }
    return best ? best->surface : e->key;
}

static tx_status align_term(aligner *a, tx_store *st, const term *t, uint32_t *co,
                            uint32_t *first_seg, uint32_t *dominated, uint32_t stamp,
                            ids *touched, scored **buf, size_t *cap,
                            size_t *n_translated, tx_error *err)
{
    size_t n = 0, keep = 1 + a->o->max_alternatives;
    double n_t = (double)t->segs.n;
    int rare = t->segs.n < 3;
    tx_status rc = TX_OK;

    touched->n = 0;
    for (size_t i = 0; i < t->segs.n; i++) {
        const seg *s = &a->segs[t->segs.v[i]];
        for (size_t j = 0; j < s->ecands.n; j++) {
            uint32_t e = s->ecands.v[j];
            if (!co[e]++) {
                first_seg[e] = t->segs.v[i];
                if (ids_push(touched, e) < 0)
                    return tx_fail(err, TX_ENOMEM, "out of memory aligning");
            }
        }
    }
    /* Within the term's segments, a candidate that never occurs without the
     * same neighbouring word is a piece of the longer one ("Central" of
     * "Central Asia"): only the longer one is offered. */
    for (size_t k = 0; k < touched->n; k++) {
        const char *key = a->ecands[touched->v[k]].key, *sp = strchr(key, ' ');
        const char *last = strrchr(key, ' ');
        void *v;
        if (!sp)
            continue;
        if ((v = tx_strmap_get(&a->ecand_by_key, sp + 1, strlen(sp + 1))) &&
            co[IDX(v)] && co[IDX(v)] <= co[touched->v[k]])
            dominated[IDX(v)] = stamp;
        if ((v = tx_strmap_get(&a->ecand_by_key, key, (size_t)(last - key))) &&
            co[IDX(v)] && co[IDX(v)] <= co[touched->v[k]])
            dominated[IDX(v)] = stamp;
    }
    if (touched->n > *cap) {
        scored *p = realloc(*buf, touched->n * sizeof *p);
        if (!p)
            return tx_fail(err, TX_ENOMEM, "out of memory aligning");
        *buf = p;
        *cap = touched->n;
    }
    for (size_t k = 0; k < touched->n; k++) {
        uint32_t ei = touched->v[k];
        const ecand *e = &a->ecands[ei];
        double dice, comp, cog, shape, score;
        int dict_used = 0, whole = 0;
        unsigned dc = e->n_content > t->n_content ? e->n_content - t->n_content
                                                  : t->n_content - e->n_content;
        unsigned di = e->n_inner > t->n_inner ? e->n_inner - t->n_inner
                                              : t->n_inner - e->n_inner;
        /* A frequent term's equivalent is in a good share of its segments. */
        if (!rare && co[ei] < 0.3 * n_t)
            continue;
        if (e->n_content > t->n_content + 3 || e->fragment || dominated[ei] == stamp)
            continue;
        dice = 2.0 * co[ei] / (n_t + e->n_segs);
        word_evidence(a, t, e, &comp, &cog, &dict_used);
        shape = exp(-0.6 * dc) * (di <= 1 ? 1.0 : 0.7);
        if (rare)
            score = 0.15 * dice + 0.5 * comp + 0.2 * cog + 0.15 * shape;
        else
            score = 0.45 * dice + 0.25 * comp + 0.15 * cog + 0.15 * shape;
        if (tx_align_dict_has(&a->dict, t->key, e->key)) {
            whole = 1;
            score = 0.6 + 0.4 * score;
        }
        scored *sc = &(*buf)[n++];
        sc->e = ei;
        sc->co = co[ei];
        sc->seg = first_seg[ei];
        sc->score = score;
        snprintf(sc->method, sizeof sc->method, "%s%s%s",
                 rare ? "compositional" : "cooccurrence", cog >= 0.6 ? "+cognate" : "",
                 whole || dict_used ? "+dictionary" : "");
    }
    for (size_t k = 0; k < touched->n; k++)
        co[touched->v[k]] = 0;
    qsort(*buf, n, sizeof **buf, cmp_scored);
    for (size_t k = 0; k < n && k < keep && rc == TX_OK; k++) {
        const scored *sc = &(*buf)[k];
        tx_translation_row row;
        row.text = ecand_text(&a->ecands[sc->e]);
        row.score = sc->score;
        row.method = sc->method;
        row.n_segments = sc->co;
        row.segment_id = a->segs[sc->seg].id;
        row.status = NULL;
        rc = tx_store_add_translation(st, t->id, a->o->tgt_lang, &row, err);
    }
    if (n)
        (*n_translated)++;
    return rc;
}

/* ---- the run ---- */

typedef struct sink_ctx {
    tx_store *st;
    size_t n_read;
} sink_ctx;

static tx_status sink(const tx_segment_row *row, void *arg, tx_error *err)
{
    sink_ctx *c = arg;
    int64_t id;

    c->n_read++;
    return tx_store_add_segment(c->st, row, &id, err);
}

static int count_segment(const tx_segment *s, void *arg)
{
    (void)s;
    (*(size_t *)arg)++;
    return 0;
}

static void aligner_release(aligner *a)
{
    for (size_t i = 0; i < a->n_terms; i++) {
        free(a->terms[i].key);
        free(a->terms[i].segs.v);
        free(a->terms[i].words.v);
    }
    free(a->terms);
    for (size_t i = 0; i < a->n_ecands; i++) {
        for (size_t j = 0; j < a->ecands[i].n_variants; j++)
            free(a->ecands[i].variants[j].surface);
        free(a->ecands[i].variants);
        free(a->ecands[i].words.v);
    }
    free(a->ecands);
    for (size_t i = 0; i < a->n_segs; i++) {
        free(a->segs[i].terms.v);
        free(a->segs[i].ecands.v);
        free(a->segs[i].fwords.v);
        free(a->segs[i].ewords.v);
    }
    free(a->segs);
    free(a->fwords);
    free(a->ewords);
    tx_align_dict_release(&a->dict);
    tx_strmap_release(&a->term_by_key);
    tx_strmap_release(&a->ecand_by_key);
    tx_strmap_release(&a->fword_by_stem);
    tx_strmap_release(&a->eword_by_stem);
    tx_strmap_release(&a->pairs);
    tx_pipeline_release(&a->src);
    tx_pipeline_release(&a->tgt);
}

/* Set up `a` (zeroed by the caller) for `opts` (copied to a->opts): its
 * tables, the two languages' pipelines, the dictionaries.  `a` needs
 * aligner_release() then, whatever this returns. */
static tx_status aligner_open(aligner *a, tx_store *st, const tx_align_opts *opts,
                              tx_error *err)
{
    tx_status rc;

    /* The glossary keeps language tags in canonical form ("EN" is "en"). */
    a->opts = *opts;
    a->opts.src_lang = tx_langtag_norm(opts->src_lang, a->src_tag);
    a->opts.tgt_lang = tx_langtag_norm(opts->tgt_lang, a->tgt_tag);
    a->o = opts = &a->opts;
    tx_strmap_init(&a->term_by_key);
    tx_strmap_init(&a->ecand_by_key);
    tx_strmap_init(&a->fword_by_stem);
    tx_strmap_init(&a->eword_by_stem);
    tx_strmap_init(&a->pairs);
    tx_align_dict_init(&a->dict);
    /* Source keys must be built exactly as extraction built them (min 1 word
     * so that dictionary words get keys too); target candidates of 1..8+ words. */
    if ((rc = tx_pipeline_init(&a->src, opts->src_lang, opts->data_dir, 1, TX_MAX_WORDS,
                               err)) != TX_OK ||
        (rc = tx_pipeline_init(&a->tgt, opts->tgt_lang, opts->data_dir, 1, 10,
                               err)) != TX_OK)
        return rc;
    if (tx_store_stem_keys(st)) /* the glossary's keys: as it made them */
        tx_lang_set_stem_keys(a->src.lang);
    for (size_t i = 0; i < opts->n_dicts && rc == TX_OK; i++)
        rc = tx_align_dict_load(&a->dict, &a->src, &a->tgt, opts, opts->dicts[i], err);
    return rc;
}

/* Phase 1: read the inputs into the glossary's segments (inside the run's
 * transaction), counting in `before` those it held already. */
static tx_status read_inputs(aligner *a, tx_store *st, const tx_parallel_input *inputs,
                             size_t n_inputs, size_t *before, tx_align_stats *stats,
                             tx_error *err)
{
    const tx_lang *langs[2] = {a->src.lang, a->tgt.lang};
    const tx_align_opts *opts = a->o;
    sink_ctx sc = {st, 0};
    tx_status rc;

    if ((rc = tx_store_each_segment(st, opts->src_lang, opts->tgt_lang, count_segment,
                                    before, err)) != TX_OK)
        return rc;
    for (size_t i = 0; i < n_inputs && rc == TX_OK; i++)
        rc = tx_parallel_read(&inputs[i], opts, langs, sink, &sc, &stats->n_dropped, err);
    if (rc != TX_OK)
        return rc;
    stats->n_segments_read = sc.n_read;
    if (!sc.n_read && n_inputs)
        return tx_fail(err, TX_EINPUT, "no segment pair could be read from the inputs");
    return TX_OK;
}

/* Phase 2: every segment of the language pair, old and new, is evidence:
 * scan both sides of each into a->segs, then count word pairs and mark the
 * target candidates that are fragments. */
static tx_status scan_segments(aligner *a, tx_store *st, size_t before,
                               tx_align_stats *stats, tx_error *err)
{
    seg_list sl = {NULL, 0, 0, 0};
    tx_status rc;

    if ((rc = tx_store_each_segment(st, a->o->src_lang, a->o->tgt_lang, load_segment, &sl,
                                    err)) != TX_OK)
        goto done;
    if (sl.oom) {
        rc = tx_fail(err, TX_ENOMEM, "out of memory reading segments");
        goto done;
    }
    stats->n_segments = sl.n;
    stats->n_segments_new = sl.n - before;
    stats->n_terms = a->n_terms;
    if (!(a->segs = calloc(sl.n ? sl.n : 1, sizeof *a->segs))) {
        rc = tx_fail(err, TX_ENOMEM, "out of memory aligning");
        goto done;
    }
    a->n_segs = a->cap_segs = sl.n;
    for (size_t i = 0; i < sl.n && rc == TX_OK; i++) {
        a->segs[i].id = sl.v[i].id;
        if ((rc = scan_side(a, &a->src, 1, i, sl.v[i].src, err)) == TX_OK)
            rc = scan_side(a, &a->tgt, 0, i, sl.v[i].tgt, err);
    }
    if (rc == TX_OK && (rc = count_pairs(a, err)) == TX_OK)
        mark_fragments(a);
done:
    for (size_t i = 0; i < sl.n; i++) {
        free(sl.v[i].src);
        free(sl.v[i].tgt);
    }
    free(sl.v);
    return rc;
}

/* Phase 3: replace the glossary's translations of the language pair with
 * those of every term seen in a segment. */
static tx_status translate_terms(aligner *a, tx_store *st, tx_align_stats *stats,
                                 tx_error *err)
{
    uint32_t *co = NULL, *first_seg = NULL, *dominated = NULL;
    ids touched = {NULL, 0, 0};
    scored *buf = NULL;
    size_t buf_cap = 0;
    tx_status rc;

    if ((rc = tx_store_clear_translations(st, a->o->src_lang, a->o->tgt_lang, err)) != TX_OK)
        return rc;
    co = calloc(a->n_ecands + 1, sizeof *co);
    first_seg = calloc(a->n_ecands + 1, sizeof *first_seg);
    dominated = calloc(a->n_ecands + 1, sizeof *dominated);
    if (!co || !first_seg || !dominated)
        rc = tx_fail(err, TX_ENOMEM, "out of memory aligning");
    for (size_t i = 0; i < a->n_terms && rc == TX_OK; i++) {
        const term *t = &a->terms[i];
        if (!t->segs.n)
            continue;
        stats->n_terms_seen++;
        rc = align_term(a, st, t, co, first_seg, dominated, (uint32_t)i + 1, &touched,
                        &buf, &buf_cap, &stats->n_translated, err);
    }
    free(co);
    free(first_seg);
    free(dominated);
    free(touched.v);
    free(buf);
    return rc;
}

tx_status tx_align_run(tx_store *st, const tx_parallel_input *inputs, size_t n_inputs,
                       const tx_align_opts *opts, tx_align_stats *stats, tx_error *err)
{
    tx_align_opts defaults;
    aligner a;
    size_t before = 0;
    struct timespec t0, t1;
    int began = 0;
    tx_status rc;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!opts) {
        tx_align_opts_init(&defaults);
        opts = &defaults;
    }
    memset(stats, 0, sizeof *stats);
    memset(&a, 0, sizeof a);
    if (!opts->src_lang || !opts->tgt_lang)
        return tx_fail(err, TX_EINVAL, "tx_align_run: no source or target language");
    if ((rc = tx_lang_pair_check(opts->src_lang, opts->tgt_lang, err)) != TX_OK)
        return rc;
    rc = aligner_open(&a, st, opts, err);
    opts = a.o;
    if (rc != TX_OK)
        goto done;
    if ((rc = tx_store_begin(st, err)) != TX_OK)
        goto done;
    began = 1;
    /* Without terms to translate, a run would only store segments. */
    if ((rc = tx_store_each_listed(st, opts->src_lang, load_term, &a, err)) != TX_OK)
        goto done;
    if (!a.n_terms) {
        rc = tx_fail(err, TX_ENOTFOUND, "the glossary has no '%s' terms to translate "
                     "(run 'termex extract --lang %s' on the documents first)",
                     opts->src_lang, opts->src_lang);
        goto done;
    }
    if ((rc = read_inputs(&a, st, inputs, n_inputs, &before, stats, err)) != TX_OK
        || (rc = scan_segments(&a, st, before, stats, err)) != TX_OK
        || (rc = translate_terms(&a, st, stats, err)) != TX_OK
        || (rc = tx_store_commit(st, err)) != TX_OK)
        goto done;
    began = 0;
done:
    if (began)
        tx_store_rollback(st);
    aligner_release(&a);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    stats->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return rc;
}
