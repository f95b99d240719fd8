/* test_reference.c: the reference profile loader (reference.h) and the
 * termhood score against it (tx_termhood(), score.h), with the phrases of
 * issue 19: a phrase of ordinary language scores below a domain term. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "reference.h"
#include "score.h"
#include "strmap.h"

static char path[256];

/* Write text[0..len) to a new temporary file, named in `path`. */
static void write_file(const char *text, size_t len)
{
    const char *dir = getenv("TMPDIR");
    FILE *f;
    int fd;

    snprintf(path, sizeof path, "%s/txrefXXXXXX", dir && dir[0] ? dir : "/tmp");
    fd = mkstemp(path);
    f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
    fwrite(text, 1, len, f);
    fclose(f);
}

/* Load text[0..len); the status, with the profile in *out (freed by the caller). */
static tx_status load_n(const char *text, size_t len, tx_reference **out, tx_error *err)
{
    tx_status rc;

    write_file(text, len);
    rc = tx_reference_load(path, out, err);
    unlink(path);
    return rc;
}

static tx_status load(const char *text, tx_reference **out, tx_error *err)
{
    return load_n(text, strlen(text), out, err);
}

static const char good[] =
    "# termex reference profile\n"
    "# lang: fr\n"
    "# tokens: 1000000\n"
    "# source: a test\n"
    "# source: two lines of it\n"
    "300\tmis\n"
    "120\tmis en plac\n"
    "200\tmis en œuvr\n"
    "500\tplac\n"
    "40\tâge\n"
    "150\tmoyen\n"
    "30\tâge moyen\n"
    "2\tcardiaqu\n";

static void loader(void)
{
    tx_reference *ref = NULL;
    tx_error err;
    char *big;

    check(load(good, &ref, &err) == TX_OK, "%s", err.msg);
    if (ref) {
        check(check_streq(ref->lang, "fr"), "lang %s", ref->lang);
        check(ref->tokens == 1000000, "tokens");
        check(tx_reference_count(ref, "mis en plac", 11) == 120, "phrase");
        check(tx_reference_count(ref, "plac", 4) == 500, "word");
        check(tx_reference_count(ref, "insuffis", 8) == 0, "absent");
        tx_reference_free(ref);
    }
    /* malformed lines, named by line */
    check(load("# termex reference profile\n# tokens: 10\n12 mis\n", &ref, &err) ==
              TX_EINPUT && strstr(err.msg, ":3:"), "no tab: %s", err.msg);
    check(load("# termex reference profile\n# tokens: 10\nx\tmis\n", &ref, &err) ==
              TX_EINPUT && strstr(err.msg, ":3:"), "no count: %s", err.msg);
    check(load("# termex reference profile\n# tokens: 10\n1\tmis\n2\tmis\n", &ref, &err) ==
              TX_EINPUT && strstr(err.msg, ":4:"), "twice: %s", err.msg);
    check(load("# termex reference profile\n# tokens: 10\n1\t\n", &ref, &err) == TX_EINPUT,
          "empty key: %s", err.msg);
    check(load("# a word list\n1\tmis\n", &ref, &err) == TX_EINPUT && strstr(err.msg, ":1:"),
          "no header: %s", err.msg);
    check(load("# termex reference profile\n1\tmis\n", &ref, &err) == TX_EINPUT &&
              strstr(err.msg, "tokens"), "no total: %s", err.msg);
    check(load("", &ref, &err) == TX_EINPUT, "empty: %s", err.msg);
    /* NUL bytes (a UTF-16 file): named as such, on the last line too, where
     * fgets() alone would have cut the key short */
    static const char nul_mid[] =
        "# termex reference profile\n# tokens: 10\n1\ta\0b\n2\tc\n";
    static const char nul_end[] = "# termex reference profile\n# tokens: 10\n1\ta\0b";
    static const char utf16[] = "\xff\xfe#\0 \0t\0";
    check(load_n(nul_mid, sizeof nul_mid - 1, &ref, &err) == TX_EINPUT &&
              strstr(err.msg, ":3: NUL byte"), "NUL: %s", err.msg);
    check(load_n(nul_end, sizeof nul_end - 1, &ref, &err) == TX_EINPUT &&
              strstr(err.msg, ":3: NUL byte"), "NUL at the end: %s", err.msg);
    check(load_n(utf16, sizeof utf16 - 1, &ref, &err) == TX_EINPUT &&
              strstr(err.msg, ":1: NUL byte"), "UTF-16: %s", err.msg);
    check(!ref, "nothing on failure");
    /* a line over the limit */
    big = malloc(TX_REFERENCE_MAX_LINE + 200);
    if (big) {
        int n = sprintf(big, "# termex reference profile\n# tokens: 10\n1\t");
        memset(big + n, 'a', TX_REFERENCE_MAX_LINE + 10);
        strcpy(big + n + TX_REFERENCE_MAX_LINE + 10, "\n");
        check(load(big, &ref, &err) == TX_EINPUT && strstr(err.msg, ":3:") &&
                  strstr(err.msg, "longer"), "long line: %s", err.msg);
        free(big);
    }
    check(tx_reference_load("/nonexistent/ref.txt", &ref, &err) == TX_EIO, "missing file");
}

static void termhood(void)
{
    tx_reference *ref = NULL;
    tx_error err;
    tx_strmap words;
    tx_strmap_slot *slot;
    static const struct { const char *k; uintptr_t n; } counts[] = {
        {"mis", 40}, {"plac", 30}, {"insuffis", 60}, {"cardiaqu", 70}, {"âge", 20},
        {"moyen", 25}};

    if (load(good, &ref, &err) != TX_OK) {
        check(0, "%s", err.msg);
        return;
    }
    tx_strmap_init(&words);
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
        if (tx_strmap_put(&words, counts[i].k, strlen(counts[i].k), &slot, NULL) == TX_OK)
            slot->val = (void *)counts[i].n;
    /* A corpus of 100,000 words: "mise en place" 20 times, "insuffisance
     * cardiaque" 20 times, "âge moyen" 8 times. */
    tx_score_opts o = {.min_freq = 2, .min_words = 2, .max_words = 8, .threads = 1,
                       .ref = ref, .words = &words, .corpus_tokens = 100000,
                       .termhood_weight = 0.5, .termhood_min = 3.0, .smoothing = 1.0,
                       .termhood_power = 2.0};
    tx_score_term t[] = {
        {1, "mis en plac", 3, 2, 20, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {2, "insuffis cardiaqu", 2, 2, 20, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        {3, "âge moyen", 2, 2, 8, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
        /* never in the reference, of general words, twice in the corpus */
        {4, "plac moyen", 2, 2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
    };
    double h_gen = tx_termhood(&t[0], &o), h_dom = tx_termhood(&t[1], &o),
           h_age = tx_termhood(&t[2], &o);
    check(h_gen < h_dom, "general %f, domain %f", h_gen, h_dom);
    check(h_age < h_dom, "âge moyen %f, domain %f", h_age, h_dom);
    /* spec_p of the domain term: (1e6 * 20 / 1e5 + 1) / (0 + 1) = 201 */
    o.termhood_weight = 1;
    check(fabs(tx_termhood(&t[1], &o) - log2(201.0)) < 1e-9, "phrase only");
    o.termhood_weight = 0.5;
    check(tx_score_terms(t, 4, &o, &err) == TX_OK, "%s", err.msg);
    check(t[1].listed && !t[0].listed, "listed: domain %d, general %d", t[1].listed,
          t[0].listed);
    /* A term the reference never saw is ranked by its termhood, not dropped:
     * the reference cannot tell a rare term from a rare phrase. */
    check(t[3].ref_count == 0 && t[0].ref_count == 120, "reference counts");
    check(t[3].termhood < o.termhood_min && t[3].listed, "unseen: %f, listed %d",
          t[3].termhood, t[3].listed);
    check(t[3].score < t[1].score, "unseen ranked below the domain term");
    check(t[1].score > t[0].score, "ranked: %f > %f", t[1].score, t[0].score);
    /* Without a reference the score is C-value and spread only. */
    o.ref = NULL;
    check(tx_score_terms(t, 3, &o, &err) == TX_OK && t[0].listed && t[0].termhood == 0 &&
              fabs(t[0].score - t[0].cvalue * (1 + log2(5.0))) < 1e-9, "no reference");
    tx_strmap_release(&words);
    tx_reference_free(ref);
}

int main(void)
{
    loader();
    termhood();
    return check_done();
}
