/* test_score.c: C-value as in Frantzi, Ananiadou & Mima (2000), fragments,
 * ranking and the listing filter, on small hand-computed cases. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "score.h"
#include "strmap.h"

#define NEAR(a, b) (fabs((a) - (b)) < 1e-9)

/* The nesting pass on several threads gives what one thread gives, on
 * enough terms for three threads to share them: 90,000 keys of 1 to 4 words
 * over 60 stems, so that every stem and every pair of stems is nested in
 * many longer keys, counted by different threads. */
static void threads_agree(void)
{
    enum { N = 90000 };
    tx_score_term *one = calloc(N, sizeof *one), *many = calloc(N, sizeof *many);
    char *keys = malloc((size_t)N * 32);
    unsigned seed = 12345, n_nested = 0;
    tx_error err;

    check(one && many && keys, "out of memory");
    if (!one || !many || !keys)
        goto out;
    for (size_t i = 0; i < N; i++) {
        char *k = keys + i * 32;
        unsigned words = 1 + i % 4, len = 0;
        for (unsigned w = 0; w < words; w++) {
            seed = seed * 1103515245u + 12345u;
            len += (unsigned)snprintf(k + len, 32 - len, "%ss%u", w ? " " : "",
                                      (seed >> 16) % 60);
        }
        seed = seed * 1103515245u + 12345u;
        one[i] = (tx_score_term){(int64_t)i, k, words, words, 1 + (seed >> 16) % 50,
                                 1 + (seed >> 20) % 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        many[i] = one[i];
    }
    tx_score_opts o1 = {.min_freq = 2, .min_words = 1, .max_words = 8, .threads = 1},
                  o3 = {.min_freq = 2, .min_words = 1, .max_words = 8, .threads = 3};
    check(tx_score_terms(one, N, &o1, &err) == TX_OK, "%s", err.msg);
    check(tx_score_terms(many, N, &o3, &err) == TX_OK, "%s", err.msg);
    for (size_t i = 0, differ = 0; i < N; i++) {
        n_nested += one[i].cvalue != (one[i].n_words >= 2 ? log2(one[i].n_words) : 1.0) *
                                         (double)one[i].freq;
        if (!differ && (one[i].cvalue != many[i].cvalue ||
                        one[i].fragment != many[i].fragment ||
                        one[i].listed != many[i].listed)) {
            check(0, "term %zu (%s): %f/%d/%d with one thread, %f/%d/%d with three", i,
                  one[i].key, one[i].cvalue, one[i].fragment, one[i].listed,
                  many[i].cvalue, many[i].fragment, many[i].listed);
            differ = 1;
        }
    }
    check(n_nested > 3000, "only %u nested terms", n_nested);
out:
    free(one);
    free(many);
    free(keys);
}

int main(void)
{
    /* Keys as the candidate finder writes them (stems and function words). */
    tx_score_term t[] = {
        /* 0: "diplomatie préventive", 10 times, 4 of them inside the two longer ones */
        {1, "diplomat préventiv", 2, 2, 10, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        /* 1: the Centre's full name, 3 times */
        {2, "centr régional de nation uni pour le diplomat préventiv en asi central", 12, 8,
         3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        /* 2: a fragment of it that never occurs alone */
        {3, "régional de nation uni pour le diplomat", 7, 4, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        /* 3: "nation uni", 20 times */
        {4, "nation uni", 2, 2, 20, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        /* 4: another term containing "diplomatie préventive", once */
        {5, "diplomat préventiv en asi", 4, 3, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        /* 5: a pair seen once: below min_freq */
        {6, "mesur de confianc", 3, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
    };
    size_t n = sizeof t / sizeof t[0];
    tx_score_opts o = {.min_freq = 2, .min_words = 2, .max_words = 8, .threads = 1};
    tx_error err;

    check(tx_score_terms(t, n, &o, &err) == TX_OK, "%s", err.msg);

    /* Not nested: log2|a| * f(a). */
    check(NEAR(t[1].cvalue, log2(12.0) * 3), "centre: %f", t[1].cvalue);
    check(NEAR(t[5].cvalue, log2(3.0) * 1), "mesures: %f", t[5].cvalue);
    /* Nested in the centre's name (f=3) and "... en Asie" (f=1); the fragment
     * does not contain it: log2 2 * (10 - (3 + 1) / 2). */
    check(NEAR(t[0].cvalue, 1.0 * (10 - 4.0 / 2)), "diplomatie: %f", t[0].cvalue);
    /* "nation uni" is in the centre's name and the fragment: 20 - (3+3)/2. */
    check(NEAR(t[3].cvalue, 1.0 * (20 - 3.0)), "nations unies: %f", t[3].cvalue);

    /* The fragment occurs only inside the full name: not listed. */
    check(t[2].fragment && !t[2].listed, "fragment");
    check(!t[0].fragment && t[0].listed, "diplomatie listed");
    check(!t[5].listed, "below min_freq");
    check(!t[4].listed, "f=1");
    /* Ranking score: C-value * (1 + log2 df). */
    check(NEAR(t[3].score, t[3].cvalue * (1 + log2(5.0))), "score");

    /* Single words: length factor 1 instead of log2 1 = 0. */
    tx_score_term one[] = {{1, "paix", 1, 1, 7, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
    tx_score_opts o1 = {.min_freq = 2, .min_words = 1, .max_words = 8, .threads = 1};
    check(tx_score_terms(one, 1, &o1, &err) == TX_OK, "one word");
    check(NEAR(one[0].cvalue, 7.0) && one[0].listed, "one word: %f", one[0].cvalue);

    /* Keys given with their length and hash score as keys without. */
    tx_score_term given[sizeof t / sizeof t[0]];
    for (size_t i = 0; i < n; i++) {
        given[i] = t[i];
        given[i].cvalue = given[i].score = 0;
        given[i].listed = given[i].fragment = 0;
        given[i].key_len = strlen(t[i].key);
        given[i].key_hash = tx_strhash(t[i].key, given[i].key_len);
    }
    check(tx_score_terms(given, n, &o, &err) == TX_OK, "%s", err.msg);
    for (size_t i = 0; i < n; i++)
        check(given[i].cvalue == t[i].cvalue && given[i].listed == t[i].listed &&
                  given[i].fragment == t[i].fragment, "given hash %zu", i);

    /* The one-word extension rule: a is a fragment when the same word extends
     * it in three quarters of its occurrences or more, not in two thirds. */
    {
        tx_score_term x[] = {
            {.id = 1, .key = "cadr financi", .n_words = 2, .n_content = 2, .freq = 9, .df = 3},
            {.id = 2, .key = "cadr financi pluriannuel", .n_words = 3, .n_content = 3,
             .freq = 6, .df = 2},
            {.id = 3, .key = "relat à le protect", .n_words = 4, .n_content = 2, .freq = 8,
             .df = 3},
            {.id = 4, .key = "convent relat à le protect", .n_words = 5, .n_content = 3,
             .freq = 6, .df = 3},
        };
        check(tx_score_terms(x, 4, &o, &err) == TX_OK, "%s", err.msg);
        check(!x[0].fragment && x[0].listed, "6 of 9 (two thirds): no fragment");
        check(x[2].fragment && !x[2].listed, "6 of 8 (three quarters): fragment");
    }

    /* Empty input is fine. */
    check(tx_score_terms(NULL, 0, &o, &err) == TX_OK, "empty");

    threads_agree();
    return check_done();
}
