/* score.c: C-value, fragments and the ranking score. */
#include "score.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strmap.h" /* tx_strhash() */

typedef struct sub_run { /* a shorter run of a candidate's key tokens */
    size_t from, len;
    uint64_t hash;
    int ext;              /* one token shorter than the candidate */
} sub_run;

typedef struct nest {
    double sum_f;       /* sum of f(b) over the longer candidates b containing it */
    uint64_t max_f;     /* largest such f(b) */
    uint64_t max_ext;   /* largest f(b) of a b that adds one word to it */
    unsigned n_longer;  /* P(Ta) */
    size_t last_b;      /* last b counted, +1 (each b counts once) */
} nest;

/* The index of the terms by key: open addressing over term numbers, with the
 * hash's high half beside each so that most misses read no key.  The keys stay
 * the caller's; nothing is copied. */
typedef struct key_slot {
    uint32_t term;     /* index + 1; 0 = empty */
    uint32_t hash_hi;
} key_slot;

typedef struct key_index {
    key_slot *slots;
    size_t mask;
} key_index;

static const tx_score_term *index_get(const key_index *ix, const tx_score_term *terms,
                                      const char *key, size_t len, uint64_t h)
{
    for (size_t i = h & ix->mask;; i = (i + 1) & ix->mask) {
        const key_slot *s = &ix->slots[i];
        if (!s->term)
            return NULL;
        if (s->hash_hi == (uint32_t)(h >> 32)) {
            const tx_score_term *t = &terms[s->term - 1];
            if (t->key_hash == h && t->key_len == len && memcmp(t->key, key, len) == 0)
                return t;
        }
    }
}

static void index_prefetch(const key_index *ix, uint64_t h)
{
    __builtin_prefetch(&ix->slots[h & ix->mask]);
}

static void index_prefetch_term(const key_index *ix, const tx_score_term *terms, uint64_t h)
{
    const key_slot *s = &ix->slots[h & ix->mask];

    if (s->term && s->hash_hi == (uint32_t)(h >> 32))
        __builtin_prefetch(terms[s->term - 1].key);
}

/* A set of token hashes: the tokens that begin (or end) some term.  A shorter
 * run of a key can only be a term if its first token begins one and its last
 * token ends one; this rules out most runs (those that begin or end with a
 * function word) before the index, far bigger than a cache, is read.  The
 * sets are small: one entry per distinct first (last) token. */
typedef struct tok_set {
    uint64_t *h; /* 0: empty slot (a hash of 0 is stored as 1) */
    size_t mask, n;
} tok_set;

static int set_has(const tok_set *t, uint64_t h)
{
    h += !h;
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
        if (t->h[i] == h)
            return 1;
        if (!t->h[i])
            return 0;
    }
}

/* Add `h`; 0, or -1 when out of memory. */
static int set_add(tok_set *t, uint64_t h)
{
    size_t i;

    if (2 * (t->n + 1) > t->mask + 1) {
        size_t cap = 2 * (t->mask + 1);
        tok_set bigger = {calloc(cap, sizeof(uint64_t)), cap - 1, 0};
        if (!bigger.h)
            return -1;
        for (i = 0; i <= t->mask; i++)
            if (t->h[i])
                set_add(&bigger, t->h[i]);
        free(t->h);
        *t = bigger;
    }
    h += !h;
    for (i = h & t->mask; t->h[i] && t->h[i] != h; i = (i + 1) & t->mask)
        ;
    if (!t->h[i]) {
        t->h[i] = h;
        t->n++;
    }
    return 0;
}

/* One share of the nesting pass: the candidates b in [from, to), counted
 * into `ns` (one per term, the job's own).  A thread start. */
typedef struct nest_job {
    const tx_score_term *terms;
    const key_index *index;
    const tok_set *firsts, *lasts;
    size_t from, to;
    nest *ns;
    tx_status rc;      /* TX_OK or TX_ENOMEM */
    pthread_t thread;
    int started;
} nest_job;

static void *nest_range(void *arg)
{
    nest_job *job = arg;
    const tx_score_term *terms = job->terms;
    unsigned char *tok_ok = NULL; /* per token of b: 1 begins a term, 2 ends one */
    size_t *starts = NULL, starts_cap = 0;
    sub_run *runs = NULL;
    size_t runs_cap = 0, n_runs;

    job->rc = TX_OK;
    /* For every b, look up each shorter contiguous token run of its key. */
    for (size_t b = job->from; b < job->to; b++) {
        const char *k = terms[b].key;
        size_t len = terms[b].key_len, n_tok = 0;
        if (len + 1 > starts_cap) {
            size_t *p = realloc(starts, (len + 2) * sizeof *starts);
            unsigned char *q = realloc(tok_ok, len + 1);
            if (p)
                starts = p;
            if (q)
                tok_ok = q;
            if (!p || !q) {
                job->rc = TX_ENOMEM;
                break;
            }
            starts_cap = len + 1;
        }
        starts[n_tok++] = 0;
        for (size_t i = 0; i < len; i++)
            if (k[i] == ' ')
                starts[n_tok++] = i + 1;
        starts[n_tok] = len + 1; /* the position after the last token's space */
        if (n_tok < 2)
            continue;
        for (size_t t = 0; t < n_tok; t++) {
            uint64_t th = tx_strhash(k + starts[t], starts[t + 1] - 1 - starts[t]);
            tok_ok[t] = (unsigned char)(set_has(job->firsts, th) |
                                        set_has(job->lasts, th) << 1);
        }
        /* Every shorter run [s, e) of b's tokens, with its hash grown a token
         * at a time (see strmap.h), before any lookup: the index is far bigger
         * than a CPU cache, so ask for all their slots, then keys, first. */
        if (n_tok * (n_tok + 1) / 2 > runs_cap) {
            size_t want = n_tok * (n_tok + 1) / 2;
            sub_run *p = realloc(runs, want * sizeof *runs);
            if (!p) {
                job->rc = TX_ENOMEM;
                break;
            }
            runs = p;
            runs_cap = want;
        }
        n_runs = 0;
        for (size_t s = 0; s < n_tok; s++) {
            uint64_t h = TX_STRHASH_INIT;
            if (!(tok_ok[s] & 1))
                continue;
            for (size_t e = s + 1; e <= n_tok; e++) {
                size_t to = starts[e] - 1;
                h = tx_strhash_add(h, k + starts[e - 1] - (e - 1 > s),
                                   to - starts[e - 1] + (e - 1 > s));
                if (e - s == n_tok || !(tok_ok[e - 1] & 2))
                    continue; /* b itself, or no term ends so */
                runs[n_runs].from = starts[s];
                runs[n_runs].len = to - starts[s];
                runs[n_runs].hash = tx_strhash_final(h);
                runs[n_runs++].ext = e - s == n_tok - 1;
                index_prefetch(job->index, runs[n_runs - 1].hash);
            }
        }
        for (size_t r = 0; r < n_runs; r++)
            index_prefetch_term(job->index, terms, runs[r].hash);
        for (size_t r = 0; r < n_runs; r++) {
            const tx_score_term *a = index_get(job->index, terms, k + runs[r].from,
                                               runs[r].len, runs[r].hash);
            if (!a)
                continue;
            nest *na = &job->ns[a - terms];
            if (na->last_b == b + 1)
                continue;
            na->last_b = b + 1;
            na->sum_f += (double)terms[b].freq;
            na->n_longer++;
            if (terms[b].freq > na->max_f)
                na->max_f = terms[b].freq;
            /* b = one word + a, or a + one word */
            if (runs[r].ext && terms[b].freq > na->max_ext)
                na->max_ext = terms[b].freq;
        }
    }
    free(tok_ok);
    free(starts);
    free(runs);
    return NULL;
}

/* Below this many terms a share, more threads cost more than they save. */
#define MIN_TERMS_PER_THREAD 20000
#define MAX_THREADS 16

/* The nesting pass over all n terms into ns, on up to `threads` threads.
 * Each thread counts its share of the b's into its own accumulators, summed
 * at the end: sums of integer frequencies, counts and maxima, so the result
 * does not depend on the number of threads. */
static tx_status count_nesting(const tx_score_term *terms, size_t n, const key_index *index,
                               const tok_set *firsts, const tok_set *lasts, nest *ns,
                               unsigned threads)
{
    nest_job jobs[MAX_THREADS];
    unsigned n_jobs = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS : threads;
    tx_status rc = TX_OK;

    while (n_jobs > 1 && n / n_jobs < MIN_TERMS_PER_THREAD)
        n_jobs--;
    memset(jobs, 0, sizeof jobs);
    for (unsigned j = 0; j < n_jobs; j++) {
        jobs[j] = (nest_job){terms, index, firsts, lasts, n * j / n_jobs, n * (j + 1) / n_jobs,
                             j ? calloc(n, sizeof *ns) : ns, TX_OK, 0, 0};
        if (!jobs[j].ns) { /* fewer threads, then: give its share to the last one */
            jobs[j - 1].to = n;
            n_jobs = j;
            break;
        }
    }
    for (unsigned j = 1; j < n_jobs; j++)
        jobs[j].started = pthread_create(&jobs[j].thread, NULL, nest_range, &jobs[j]) == 0;
    nest_range(&jobs[0]);
    for (unsigned j = 1; j < n_jobs; j++) {
        if (jobs[j].started)
            pthread_join(jobs[j].thread, NULL);
        else
            nest_range(&jobs[j]);
    }
    for (unsigned j = 0; j < n_jobs; j++)
        if (jobs[j].rc != TX_OK)
            rc = jobs[j].rc;
    for (unsigned j = 1; j < n_jobs; j++) {
        for (size_t i = 0; i < n && rc == TX_OK; i++) {
            const nest *x = &jobs[j].ns[i];
            ns[i].sum_f += x->sum_f;
            ns[i].n_longer += x->n_longer;
            if (x->max_f > ns[i].max_f)
                ns[i].max_f = x->max_f;
            if (x->max_ext > ns[i].max_ext)
                ns[i].max_ext = x->max_ext;
        }
        free(jobs[j].ns);
    }
    return rc;
}

int tx_listed(const tx_listing *l, uint64_t freq, unsigned n_content, int termlike,
              int approved)
{
    return approved || (termlike && freq >= l->min_freq && n_content >= l->min_words &&
                        n_content <= l->max_words);
}

/* (1e6 f / N_c + k) / (1e6 r / N_r + k) */
static double contrast(double f, double n_c, double r, double n_r, double k)
{
    return (1e6 * f / n_c + k) / (1e6 * r / n_r + k);
}

double tx_termhood(const tx_score_term *t, const tx_score_opts *o)
{
    double n_c = o->corpus_tokens ? (double)o->corpus_tokens : 1.0;
    double n_r = (double)o->ref->tokens, k = o->smoothing > 0 ? o->smoothing : 1.0;
    double a = o->termhood_weight, log_p, log_w = 0;
    size_t len = t->key_len ? t->key_len : strlen(t->key), n_w = 0;

    log_p = log2(contrast((double)t->freq, n_c,
                          (double)tx_reference_count(o->ref, t->key, len), n_r, k));
    for (size_t s = 0, e; s < len; s = e + 1) {
        uintptr_t f_w;
        for (e = s; e < len && t->key[e] != ' '; e++)
            ;
        if (e == len && s == 0) /* a one-word term: its own count */
            f_w = (uintptr_t)t->freq;
        else if (!o->words ||
                 !(f_w = (uintptr_t)tx_strmap_get(o->words, t->key + s, e - s)))
            continue; /* a function word, or no count */
        log_w += log2(contrast((double)f_w, n_c,
                               (double)tx_reference_count(o->ref, t->key + s, e - s),
                               n_r, k));
        n_w++;
    }
    log_w = n_w ? log_w / (double)n_w : log_p;
    return a * log_p + (1 - a) * log_w;
}

tx_status tx_score_terms(tx_score_term *terms, size_t n, const tx_score_opts *o,
                         tx_error *err)
{
    const tx_listing listing = {o->min_freq, o->min_words, o->max_words};
    key_index index = {NULL, 0};
    tok_set firsts = {NULL, 63, 0}, lasts = {NULL, 63, 0};
    size_t cap = 64;
    nest *ns;
    tx_status rc = TX_OK;

    if (n >= UINT32_MAX)
        return tx_fail(err, TX_EINVAL, "too many terms to score (%zu)", n);
    ns = calloc(n ? n : 1, sizeof *ns);
    while (cap < 2 * n)
        cap *= 2;
    index.mask = cap - 1;
    firsts.h = calloc(firsts.mask + 1, sizeof(uint64_t));
    lasts.h = calloc(lasts.mask + 1, sizeof(uint64_t));
    if (!ns || !firsts.h || !lasts.h || !(index.slots = calloc(cap, sizeof *index.slots))) {
        rc = tx_fail(err, TX_ENOMEM, "out of memory scoring terms");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        tx_score_term *t = &terms[i];
        size_t j;
        if (!t->key_len) {
            t->key_len = strlen(t->key);
            t->key_hash = tx_strhash(t->key, t->key_len);
        }
        /* A key given twice keeps its last term. */
        for (j = t->key_hash & index.mask; index.slots[j].term; j = (j + 1) & index.mask) {
            const tx_score_term *u = &terms[index.slots[j].term - 1];
            if (u->key_hash == t->key_hash && u->key_len == t->key_len &&
                memcmp(u->key, t->key, t->key_len) == 0)
                break;
        }
        index.slots[j].term = (uint32_t)(i + 1);
        index.slots[j].hash_hi = (uint32_t)(t->key_hash >> 32);
        size_t first_end = 0, last_start = t->key_len;
        while (first_end < t->key_len && t->key[first_end] != ' ')
            first_end++;
        while (last_start > 0 && t->key[last_start - 1] != ' ')
            last_start--;
        if (set_add(&firsts, tx_strhash(t->key, first_end)) < 0 ||
            set_add(&lasts, tx_strhash(t->key + last_start, t->key_len - last_start)) < 0) {
            rc = tx_fail(err, TX_ENOMEM, "out of memory scoring terms");
            goto done;
        }
    }
    if ((rc = count_nesting(terms, n, &index, &firsts, &lasts, ns, o->threads)) != TX_OK) {
        rc = tx_fail(err, rc, "out of memory scoring terms");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        tx_score_term *t = &terms[i];
        double len_factor = t->n_words >= 2 ? log2((double)t->n_words) : 1.0;
        double f = (double)t->freq;
        if (ns[i].n_longer)
            f -= ns[i].sum_f / ns[i].n_longer;
        t->cvalue = len_factor * f;
        /* The one-word extension must hold three quarters of a's
         * occurrences (two thirds dropped more gold terms than wrong ones
         * on ACTER fr and en: docs/design.md, step 7). */
        t->fragment = ns[i].n_longer &&
                      (ns[i].max_f >= t->freq ||
                       4 * ns[i].max_ext >= 3 * t->freq);
        t->score = t->cvalue * (1.0 + log2(t->df ? (double)t->df : 1.0));
        t->termhood = 0;
        t->ref_count = 0;
        if (o->ref) {
            t->ref_count = tx_reference_count(o->ref, t->key, t->key_len);
            t->termhood = tx_termhood(t, o);
            t->score *= pow(1.0 + (t->termhood > 0 ? t->termhood : 0),
                            o->termhood_power > 0 ? o->termhood_power : 1.0);
        }
        if (t->n_words == 1 && o->one_word_weight > 0)
            t->score *= o->one_word_weight;
        t->listed = tx_listed(&listing, t->freq, t->n_content,
                              !t->fragment && t->cvalue > 0 && !t->bad_start &&
                                  (!o->ref || !t->ref_count ||
                                   t->termhood >= o->termhood_min),
                              t->approved);
    }
done:
    free(index.slots);
    free(firsts.h);
    free(lasts.h);
    free(ns);
    return rc;
}
