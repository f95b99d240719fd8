/* test_sentalign.c: Gale & Church sentence alignment with anchors, on a small
 * French/English UN-style fixture with a gold alignment (splits, a merge, an
 * omission), and on synthetic cases: anchors against misleading lengths, very
 * different document lengths, empty sides, identical lengths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "sentalign.h"

#define MAX_LINES 512

typedef struct lines {
    char *text;              /* the whole file, lines cut at '\n' */
    const char *line[MAX_LINES];
    size_t n;
} lines;

/* Read `name` under TX_TEST_DATA/sentalign, one sentence per line. */
static int read_lines(const char *name, lines *out)
{
    char path[512];
    FILE *f;
    long size;
    char *p;

    memset(out, 0, sizeof *out);
    snprintf(path, sizeof path, "%s/sentalign/%s", TX_TEST_DATA, name);
    f = fopen(path, "rb");
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    out->text = calloc((size_t)size + 1, 1);
    if (!out->text || fread(out->text, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        return 0;
    }
    fclose(f);
    for (p = out->text; *p && out->n < MAX_LINES;) {
        char *nl = strchr(p, '\n');
        out->line[out->n++] = p;
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    return 1;
}

/* "3" -> [3, 4); "8,9" -> [8, 10); "-" -> empty at `at`. */
static void parse_range(const char *s, size_t at, size_t *start, size_t *n)
{
    char *end;

    if (*s == '-') {
        *start = at;
        *n = 0;
        return;
    }
    *start = strtoul(s, &end, 10);
    *n = 1;
    while (*end == ',') {
        strtoul(end + 1, &end, 10);
        (*n)++;
    }
}

/* The beads cover both texts in order, with legal types and scores. */
static int covers(const tx_bead *b, size_t n_beads, size_t n_src, size_t n_tgt)
{
    size_t i = 0;
    size_t j = 0;

    for (size_t k = 0; k < n_beads; k++) {
        if (b[k].src != i || b[k].tgt != j || b[k].n_src > 2 || b[k].n_tgt > 2
            || b[k].n_src + b[k].n_tgt == 0
            || (b[k].n_src + b[k].n_tgt == 3 && (b[k].n_src == 0 || b[k].n_tgt == 0))
            || (b[k].n_src == 2 && b[k].n_tgt == 0)
            || (b[k].n_src == 0 && b[k].n_tgt == 2)
            || !(b[k].score >= 0 && b[k].score <= 1))
            return 0;
        i += b[k].n_src;
        j += b[k].n_tgt;
    }
    return i == n_src && j == n_tgt;
}

static int has_bead(const tx_bead *b, size_t n_beads, size_t src, size_t n_src,
                    size_t tgt, size_t n_tgt)
{
    for (size_t k = 0; k < n_beads; k++) {
        /* An empty side has no position of its own: match on the other side. */
        if (b[k].n_src == n_src && b[k].n_tgt == n_tgt && (n_src == 0 || b[k].src == src)
            && (n_tgt == 0 || b[k].tgt == tgt))
            return 1;
    }
    return 0;
}

static void test_fixture(void)
{
    lines fr, en, gold;
    tx_bead *b = NULL;
    size_t n = 0, n_gold = 0, found = 0;
    double doc = -1;
    tx_error err = { TX_OK, "" };
    size_t next_src = 0, next_tgt = 0;

    check(read_lines("doc.fr", &fr) && read_lines("doc.en", &en)
          && read_lines("gold.tsv", &gold), "cannot read the fixture");
    check(fr.n == 25 && en.n == 25, "fixture sizes %zu %zu", fr.n, en.n);
    check(tx_sentalign(fr.line, fr.n, en.line, en.n, NULL, &b, &n, &doc, &err) == TX_OK,
          "%s", err.msg);
    check(covers(b, n, fr.n, en.n), "fixture beads do not cover the texts");

    for (size_t k = 0; k < gold.n; k++) {
        const char *l = gold.line[k];
        const char *tab = strchr(l, '\t');
        size_t s, ns, t, nt;

        if (l[0] == '#' || !tab)
            continue;
        parse_range(l, next_src, &s, &ns);
        parse_range(tab + 1, next_tgt, &t, &nt);
        next_src = s + ns;
        next_tgt = t + nt;
        n_gold++;
        if (has_bead(b, n, s, ns, t, nt))
            found++;
        else
            fprintf(stderr, "fixture: gold bead %s not found\n", l);
    }
    check(n_gold == 24, "gold beads: %zu", n_gold);
    check(found * 10 >= n_gold * 9, "recovered %zu of %zu gold beads", found, n_gold);
    printf("fixture: %zu/%zu gold beads recovered (%.0f%%), doc_score %.3f\n", found,
           n_gold, 100.0 * (double)found / (double)(n_gold ? n_gold : 1), doc);
    for (size_t k = 0; k < n; k++)
        printf("  fr %zu+%zu  en %zu+%zu  score %.3f\n", b[k].src, b[k].n_src, b[k].tgt,
               b[k].n_tgt, b[k].score);
    check(doc > 0.6 && doc <= 1, "fixture doc_score %f", doc);

    /* The omitted sentence pairs with nothing; the merge and splits are confident. */
    for (size_t k = 0; k < n; k++) {
        if (b[k].n_src == 0 || b[k].n_tgt == 0)
            check(b[k].score == 0, "1-0 bead scored %f", b[k].score);
        if (has_bead(&b[k], 1, 5, 1, 5, 2) || has_bead(&b[k], 1, 8, 2, 9, 1)
            || has_bead(&b[k], 1, 17, 1, 16, 2))
            check(b[k].score >= 0.3, "bead fr %zu scored %f", b[k].src, b[k].score);
    }
    free(b);
    free(fr.text);
    free(en.text);
    free(gold.text);
}

/* The fixture against its English in reverse order: a covering alignment
 * still comes out, but its beads and doc_score are low. */
static void test_reversed(void)
{
    lines fr, en;
    const char *rev[MAX_LINES];
    tx_bead *b = NULL;
    size_t n = 0, low = 0;
    double doc = -1;
    tx_error err;

    check(read_lines("doc.fr", &fr) && read_lines("doc.en", &en), "fixture");
    for (size_t k = 0; k < en.n; k++)
        rev[k] = en.line[en.n - 1 - k];
    check(tx_sentalign(fr.line, fr.n, rev, en.n, NULL, &b, &n, &doc, &err) == TX_OK, "%s",
          err.msg);
    check(covers(b, n, fr.n, en.n), "reversed beads do not cover the texts");
    for (size_t k = 0; k < n; k++)
        low += b[k].score < 0.3;
    check(low * 4 >= n * 3, "reversed: only %zu of %zu beads below 0.3", low, n);
    check(doc < 0.3, "reversed doc_score %f", doc);
    printf("reversed: doc_score %.3f, %zu of %zu beads below 0.3\n", doc, low, n);
    free(b);
    free(fr.text);
    free(en.text);
}

/* Filler of `len` characters without anchors (words under five letters). */
static char *filler(size_t len, char letter)
{
    char *s = malloc(len + 1);

    for (size_t k = 0; s && k < len; k++)
        s[k] = k % 4 == 3 ? ' ' : letter;
    if (s)
        s[len] = '\0';
    return s;
}

static size_t count_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += (*s & 0xC0) != 0x80;
    return n;
}

/* Lengths say the English sentence translates the first French one; its
 * number, name and cognates say the second. */
static void test_anchors(void)
{
    const char *fr[] = {
        "En 1995, la réunion d'Almaty a proposé un mécanisme de consultation.",
        "Le sommet de Samarkand de 2030 adoptera un programme de travail commun pour les "
        "cinq pays de la région, avec l'appui des organisations partenaires.",
    };
    const char *en[] = {
        "The Samarkand summit of 2030 will adopt a joint work programme for the region.",
    };
    tx_sentalign_opts o = { 1.0, 6.8 };
    tx_bead *b = NULL;
    size_t n = 0;
    char *ffr[2], *fen[1];
    tx_error err;

    /* The same lengths without anchors: the first French sentence wins. */
    ffr[0] = filler(count_chars(fr[0]), 'a');
    ffr[1] = filler(count_chars(fr[1]), 'b');
    fen[0] = filler(count_chars(en[0]), 'c');
    check(ffr[0] && ffr[1] && fen[0], "filler");
    check(tx_sentalign((const char *const *)ffr, 2, (const char *const *)fen, 1, &o, &b,
                       &n, NULL, &err) == TX_OK, "%s", err.msg);
    check(covers(b, n, 2, 1) && has_bead(b, n, 0, 1, 0, 1) && has_bead(b, n, 1, 1, 0, 0),
          "lengths alone should pair fr 0 with en 0");
    free(b);

    check(tx_sentalign(fr, 2, en, 1, &o, &b, &n, NULL, &err) == TX_OK, "%s", err.msg);
    check(covers(b, n, 2, 1) && has_bead(b, n, 0, 1, 0, 0) && has_bead(b, n, 1, 1, 0, 1),
          "anchors should pair fr 1 with en 0");
    free(b);
    free(ffr[0]);
    free(ffr[1]);
    free(fen[0]);
}

/* 10 sentences against 200: a valid alignment, quickly, with a low score. */
static void test_lopsided(void)
{
    lines fr, en;
    const char *tgt[200];
    tx_bead *b = NULL;
    size_t n = 0;
    double doc = -1;
    tx_error err;
    clock_t t0 = clock();

    check(read_lines("doc.fr", &fr) && read_lines("doc.en", &en), "fixture");
    for (size_t k = 0; k < 200; k++)
        tgt[k] = en.line[k % en.n];
    check(tx_sentalign(fr.line, 10, tgt, 200, NULL, &b, &n, &doc, &err) == TX_OK, "%s",
          err.msg);
    check(covers(b, n, 10, 200), "10 vs 200 beads do not cover the texts");
    check(doc >= 0 && doc < 0.3, "10 vs 200 doc_score %f", doc);
    free(b);
    check(tx_sentalign(tgt, 200, fr.line, 10, NULL, &b, &n, &doc, &err) == TX_OK, "%s",
          err.msg);
    check(covers(b, n, 200, 10), "200 vs 10 beads do not cover the texts");
    check(doc >= 0 && doc < 0.3, "200 vs 10 doc_score %f", doc);
    free(b);
    check((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0, "10 vs 200 took too long");
    printf("10 vs 200: doc_score %.3f\n", doc);
    free(fr.text);
    free(en.text);
}

/* A long pair with drift (translations 10% longer, some omissions): the band
 * keeps it fast and the diagonal is still found. */
static void test_long(void)
{
    enum { N = 1500 };
    char **src = calloc(N, sizeof *src);
    char **tgt = calloc(N, sizeof *tgt);
    size_t n_tgt = 0, map[N], good = 0, n = 0;
    tx_bead *b = NULL;
    unsigned seed = 12345;
    clock_t t0 = clock();
    tx_error err;

    check(src && tgt, "alloc");
    for (size_t k = 0; src && tgt && k < N; k++) {
        size_t len;

        seed = seed * 1103515245u + 12345u;
        len = 20 + (seed >> 16) % 200;
        src[k] = filler(len, 'a');
        map[k] = (size_t)-1;
        if (k % 97 == 50 && len > 120)
            continue;               /* dropped by the "translator" */
        map[k] = n_tgt;
        tgt[n_tgt++] = filler(len + len / 10, 'b');
    }
    check(tx_sentalign((const char *const *)src, N, (const char *const *)tgt, n_tgt, NULL,
                       &b, &n, NULL, &err) == TX_OK, "%s", err.msg);
    check(covers(b, n, N, n_tgt), "long beads do not cover the texts");
    for (size_t k = 0; k < N; k++)
        if (map[k] != (size_t)-1 && has_bead(b, n, k, 1, map[k], 1))
            good++;
    check(good * 10 >= (size_t)N * 9, "long: %zu of %d sentences", good, N);
    check((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0, "long alignment took too long");
    printf("long: %zu of %d sentences aligned 1-1 correctly, %.2f s\n", good, N,
           (double)(clock() - t0) / CLOCKS_PER_SEC);
    free(b);
    for (size_t k = 0; k < N; k++) {
        free(src ? src[k] : NULL);
        free(tgt ? tgt[k] : NULL);
    }
    free(src);
    free(tgt);
}

static void test_empty(void)
{
    const char *s[] = { "Une phrase.", "Deux phrases.", "Trois." };
    tx_bead *b = NULL;
    size_t n = 99;
    double doc = -1;
    tx_error err;

    check(tx_sentalign(NULL, 0, s, 3, NULL, &b, &n, &doc, &err) == TX_OK, "%s", err.msg);
    check(n == 3 && covers(b, n, 0, 3) && doc == 0, "0 vs 3: %zu beads, %f", n, doc);
    for (size_t k = 0; k < n; k++)
        check(b[k].n_src == 0 && b[k].n_tgt == 1 && b[k].score == 0, "0-1 bead %zu", k);
    free(b);
    check(tx_sentalign(s, 3, NULL, 0, NULL, &b, &n, &doc, &err) == TX_OK, "%s", err.msg);
    check(n == 3 && covers(b, n, 3, 0) && doc == 0, "3 vs 0: %zu beads, %f", n, doc);
    free(b);
    check(tx_sentalign(NULL, 0, NULL, 0, NULL, &b, &n, &doc, &err) == TX_OK, "%s",
          err.msg);
    check(n == 0 && b == NULL && doc == 0, "0 vs 0");
    /* Empty strings are sentences of length 0, not errors. */
    {
        const char *e[] = { "", "" };
        check(tx_sentalign(e, 2, e, 1, NULL, &b, &n, &doc, &err) == TX_OK, "%s", err.msg);
        check(covers(b, n, 2, 1), "empty strings");
        free(b);
    }
}

static void test_identical_lengths(void)
{
    enum { N = 30 };
    char *s[N], *t[N];
    tx_bead *b = NULL;
    size_t n = 0;
    double doc = -1;
    tx_error err;
    int diagonal = 1;

    for (size_t k = 0; k < N; k++) {
        s[k] = filler(80, 'a');
        t[k] = filler(80, 'b');
    }
    check(tx_sentalign((const char *const *)s, N, (const char *const *)t, N, NULL, &b, &n,
                       &doc, &err) == TX_OK, "%s", err.msg);
    check(n == N && covers(b, n, N, N), "identical lengths: %zu beads", n);
    for (size_t k = 0; k < n; k++)
        diagonal &= b[k].src == k && b[k].n_src == 1 && b[k].tgt == k && b[k].n_tgt == 1
                    && b[k].score > 0.5;
    check(diagonal, "identical lengths: not all 1-1");
    /* Lengths only, no anchors: likely but not certain (0.6 per bead). */
    check(doc > 0.5 && doc < 0.8, "identical lengths doc_score %f", doc);
    free(b);
    for (size_t k = 0; k < N; k++) {
        free(s[k]);
        free(t[k]);
    }
}

/* Code points, not bytes: "é" x 40 is as long as "e" x 40. */
static void test_code_points(void)
{
    char fr[2 * 40 + 1], en[40 + 1], shortish[20 + 1];
    const char *s[1] = { fr };
    const char *t[2] = { shortish, en };
    tx_bead *b = NULL;
    size_t n = 0;
    tx_error err;

    for (size_t k = 0; k < 40; k++) {
        memcpy(fr + 2 * k, "\xc3\xa9", 2);
        en[k] = k % 4 == 3 ? ' ' : 'e';
    }
    fr[80] = en[40] = '\0';
    memset(shortish, 'x', 20);
    shortish[20] = '\0';
    check(tx_sentalign(s, 1, t, 2, NULL, &b, &n, NULL, &err) == TX_OK, "%s", err.msg);
    check(covers(b, n, 1, 2), "code points");
    free(b);
}

static void test_bad_args(void)
{
    const char *s[] = { "Une phrase.", NULL };
    tx_sentalign_opts bad = { -1.0, 6.8 };
    tx_bead *b = NULL;
    size_t n = 0;
    tx_error err = { TX_OK, "" };

    check(tx_sentalign(s, 1, s, 1, NULL, NULL, &n, NULL, &err) == TX_EINVAL,
          "NULL beads");
    check(tx_sentalign(s, 2, s, 1, NULL, &b, &n, NULL, &err) == TX_EINVAL,
          "NULL sentence");
    check(strstr(err.msg, "sentence 1") != NULL, "message: %s", err.msg);
    check(tx_sentalign(s, 1, s, 1, &bad, &b, &n, NULL, &err) == TX_EINVAL, "bad ratio");
    check(b == NULL && n == 0, "outputs reset on failure");
    check(tx_sentalign(s, 1, s, 1, NULL, &b, &n, NULL, NULL) == TX_OK, "err may be NULL");
    free(b);
}

int main(void)
{
    test_fixture();
    test_reversed();
    test_anchors();
    test_lopsided();
    test_long();
    test_empty();
    test_identical_lengths();
    test_code_points();
    test_bad_args();
    return check_done();
}
