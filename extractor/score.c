/* score.c: C-value, fragments and the ranking score. */
#include "score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strmap.h"

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

tx_status tx_score_terms(tx_score_term *terms, size_t n, const tx_score_opts *o,
                         tx_error *err)
{
    tx_strmap index;
    tx_strmap_slot *slot;
    nest *ns = calloc(n ? n : 1, sizeof *ns);
    size_t *starts = NULL, cap = 0;
    sub_run *runs = NULL;
    size_t runs_cap = 0, n_runs;
    tx_status rc = TX_OK;

    if (!ns)
        return tx_fail(err, TX_ENOMEM, "out of memory scoring terms");
    tx_strmap_init(&index);
    for (size_t i = 0; i < n; i++) {
        if (tx_strmap_put(&index, terms[i].key, strlen(terms[i].key), &slot, NULL) != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "out of memory scoring terms");
            goto done;
        }
        slot->val = &terms[i];
    }
    /* For every b, look up each shorter contiguous token run of its key. */
    for (size_t b = 0; b < n; b++) {
        const char *k = terms[b].key;
        size_t len = strlen(k), n_tok = 0;
        if (len + 1 > cap) {
            size_t *p = realloc(starts, (len + 2) * sizeof *starts);
            if (!p) {
                rc = tx_fail(err, TX_ENOMEM, "out of memory scoring terms");
                goto done;
            }
            starts = p;
            cap = len + 1;
        }
        starts[n_tok++] = 0;
        for (size_t i = 0; i < len; i++)
            if (k[i] == ' ')
                starts[n_tok++] = i + 1;
        starts[n_tok] = len + 1; /* the position after the last token's space */
        if (n_tok < 2)
            continue;
        /* Every shorter run [s, e) of b's tokens, with its hash grown a token
         * at a time (see strmap.h), before any lookup: the index is far bigger
         * than a CPU cache, so ask for all their slots, then keys, first. */
        if (n_tok * (n_tok + 1) / 2 > runs_cap) {
            size_t want = n_tok * (n_tok + 1) / 2;
            sub_run *p = realloc(runs, want * sizeof *runs);
            if (!p) {
                rc = tx_fail(err, TX_ENOMEM, "out of memory scoring terms");
                goto done;
            }
            runs = p;
            runs_cap = want;
        }
        n_runs = 0;
        for (size_t s = 0; s < n_tok; s++) {
            uint64_t h = TX_STRHASH_INIT;
            for (size_t e = s + 1; e <= n_tok; e++) {
                size_t to = starts[e] - 1;
                h = tx_strhash_add(h, k + starts[e - 1] - (e - 1 > s),
                                   to - starts[e - 1] + (e - 1 > s));
                if (e - s == n_tok)
                    continue; /* b itself */
                runs[n_runs].from = starts[s];
                runs[n_runs].len = to - starts[s];
                runs[n_runs].hash = tx_strhash_final(h);
                runs[n_runs++].ext = e - s == n_tok - 1;
                tx_strmap_prefetch_slot(&index, tx_strhash_final(h));
            }
        }
        for (size_t r = 0; r < n_runs; r++)
            tx_strmap_prefetch_entry(&index, runs[r].hash);
        for (size_t r = 0; r < n_runs; r++) {
            tx_score_term *a = tx_strmap_get_hashed(&index, k + runs[r].from, runs[r].len,
                                                    runs[r].hash);
            if (!a)
                continue;
            nest *na = &ns[a - terms];
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
    for (size_t i = 0; i < n; i++) {
        tx_score_term *t = &terms[i];
        double len_factor = t->n_words >= 2 ? log2((double)t->n_words) : 1.0;
        double f = (double)t->freq;
        if (ns[i].n_longer)
            f -= ns[i].sum_f / ns[i].n_longer;
        t->cvalue = len_factor * f;
        t->fragment = ns[i].n_longer &&
                      (ns[i].max_f >= t->freq ||
                       3 * ns[i].max_ext >= 2 * t->freq);
        t->score = t->cvalue * (1.0 + log2(t->df ? (double)t->df : 1.0));
        t->listed = t->freq >= o->min_freq && t->n_content >= o->min_words &&
                    t->n_content <= o->max_words && !t->fragment && t->cvalue > 0;
    }
done:
    tx_strmap_release(&index);
    free(starts);
    free(runs);
    free(ns);
    return rc;
}
