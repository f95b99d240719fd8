/* sentalign.c: Gale & Church (1993) sentence alignment with cross-language anchors.
 *
 * Each sentence is reduced to its length in code points and a sorted multiset
 * of anchors (numbers, document symbols, capitalised words, cognate prefixes).
 * A dynamic programme over the cells (i, j) = "src[0..i) aligned with
 * tgt[0..j)" then finds the cheapest chain of beads; only cells within a band
 * around the diagonal j = i * n_tgt / n_src are kept, so memory and time are
 * O(n * band).  Costs are in nats (-log probability), as in the paper. */
#include "sentalign.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* ---- the cost model --------------------------------------------------------
 *
 * Length (Gale & Church 1993): for a bead with l1 source and l2 target
 * characters, delta = (l2 - l1 c) / sqrt(l1 s2) and the length cost is
 * -log(2 (1 - Phi(|delta|))).  When l1 = 0 (empty source sentences) l2 / c
 * stands in for l1 under the square root.  The bead cost adds -log(prior).
 * The paper gives 0.0099 for 1-0 and 0-1 together and 0.089 for 2-1 and 1-2
 * together; we split each evenly so the six priors sum to (almost) 1.
 *
 * 1-0 and 0-1 beads get no length term: their delta is always several sigmas
 * out (-sqrt(l1 / s2) c), so with it a 2-1 bead absorbs nearly every omitted
 * sentence.  The prior alone (5.3) prices an omission: an omitted sentence is
 * found when merging it into a neighbour's bead would cost more than that.
 *
 * Anchors, subtracted from the cost as a bonus (same unit, nats).  For scale:
 * a 1-1 bead of perfect length costs 0.12, one two sigmas off 3.2, a 2-1 bead
 * at least 3.1 and a 1-0 bead 5.3.  Shared anchors are counted as a multiset
 * intersection (an anchor twice on one side and once on the other is one
 * match), so merging beads gains no number, symbol or name that two finer
 * beads had.
 *     document symbol ("A/RES/76/299", "73/338")   3.0 per match
 *     number (digit string: "2030", "15")            1.5 per match
 *     identical capitalised word of 3+ letters       1.0 per match
 *     cognates (5+ letters, same first 4 letters     2.0 * m / (k + 1), with m
 *       after folding case and accents)                shared prefixes and k the
 *                                                      smaller side's count
 *     total bonus of a bead                          at most 6.0
 * Cognates are scored as a share because long sentences share a prefix or
 * two by chance: on the test fixture true pairs share about 60% of their
 * prefixes, wrong ones 8% (at most 3 prefixes); k + 1 damps short sentences.
 * Symbols and numbers are rarely translated away, so one present on one side
 * of a bead only costs 0.5, at most 2.0 per bead (names and cognates are not
 * penalised: "Asie"/"Asia" are not identical, most words have no cognate).
 * A symbol is one anchor: its digits and letters ("RES") are not also counted. */
#define W_SYM 3.0
#define W_NUM 1.5
#define W_NAME 1.0
#define W_COG 2.0
#define BONUS_CAP 6.0
#define W_MISS 0.5
#define MISS_CAP 2.0

#define DEFAULT_VARIANCE 6.8
#define RATIO_MIN 0.5   /* clamp for the estimated mean ratio */
#define RATIO_MAX 2.0
#define BAND_MIN 50     /* band half-width: max(BAND_MIN, n / 10, slope + 2) */

/* Bead score: logit(score) = logit(0.05 + 0.75 p) + anchor net (bonus -
 * penalty) - 1.0 (anchors shared by chance) - 0.7 for 2-2 beads, where
 * p = 2 (1 - Phi(|delta|)) is the length match.  A 1-1 bead of perfect length
 * without anchors scores 0.6, one two sigmas off 0.03; with two shared numbers
 * (3.0) they rise to 0.97 and 0.4.  On the fixture, true beads score 0.6-1.0;
 * aligning it with its English text in reverse order gives mostly 0.02-0.3.
 * 2-2 beads are the aligner's fallback when it cannot decide, hence the
 * malus.  1-0 and 0-1 beads score 0: they pair nothing. */
#define SCORE_FLOOR 0.05
#define SCORE_SPAN 0.75
#define SCORE_22_MALUS 0.7
#define SCORE_CHANCE 1.0

enum { K_SYM, K_NUM, K_NAME, K_COG };   /* anchor kinds, in the top two bits */
#define KIND(a) ((unsigned)((a) >> 62))

static const struct bead_type {
    unsigned char ds, dt;  /* source and target sentences */
    double prior;
} bead_types[] = {
    /* Tried in this order; on a tie the earlier type wins. */
    { 1, 1, 0.89 },
    { 2, 1, 0.089 / 2 },
    { 1, 2, 0.089 / 2 },
    { 2, 2, 0.011 },
    { 1, 0, 0.0099 / 2 },
    { 0, 1, 0.0099 / 2 },
};
#define N_TYPES (sizeof bead_types / sizeof bead_types[0])
#define NO_BEAD 0xFF

/* ---- one side of the alignment --------------------------------------------- */

typedef struct side {
    size_t n;
    size_t *len;        /* code points per sentence */
    size_t *first;      /* sentence k's anchors: anchors[first[k] .. first[k+1]) */
    uint64_t *anchors;  /* sorted within each sentence */
    size_t n_anchors, cap_anchors;
    size_t *n_numsym;   /* numbers and symbols per sentence */
    size_t max_per_sent;
    double total_len;
} side;

static void side_release(side *s)
{
    free(s->len);
    free(s->first);
    free(s->anchors);
    free(s->n_numsym);
    memset(s, 0, sizeof *s);
}

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;

    for (size_t k = 0; k < len; k++) {
        h ^= p[k];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static tx_status add_anchor(side *s, unsigned kind, const void *data, size_t len)
{
    unsigned char k = (unsigned char)kind;
    uint64_t h = fnv1a(0xcbf29ce484222325ULL, &k, 1);

    if (s->n_anchors == s->cap_anchors) {
        size_t cap = s->cap_anchors ? 2 * s->cap_anchors : 256;
        uint64_t *a = cap < SIZE_MAX / sizeof *a ? realloc(s->anchors, cap * sizeof *a)
                                                 : NULL;
        if (!a)
            return TX_ENOMEM;
        s->anchors = a;
        s->cap_anchors = cap;
    }
    h = fnv1a(h, data, len);
    s->anchors[s->n_anchors++] = (h >> 2) | ((uint64_t)kind << 62);
    return TX_OK;
}

/* ---- characters --------------------------------------------------------------- */

#define BAD_CP 0xFFFFFFFFu

/* Decode one code point at *ps (not at the terminator) and advance; a malformed
 * sequence yields BAD_CP and advances one byte.  Never reads past a NUL. */
static uint32_t decode(const unsigned char **ps)
{
    const unsigned char *s = *ps;
    uint32_t c = s[0];
    int n;

    if (c < 0x80) {
        *ps = s + 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        c &= 0x07;
    } else {
        *ps = s + 1;
        return BAD_CP;
    }
    for (int k = 1; k <= n; k++) {
        if ((s[k] & 0xC0) != 0x80) {
            *ps = s + 1;
            return BAD_CP;
        }
        c = (c << 6) | (s[k] & 0x3F);
    }
    *ps = s + n + 1;
    return c;
}

static int is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static int is_ascii_alnum(uint32_t c)
{
    return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Letters for word anchors: ASCII, Latin-1 and Latin Extended-A letters, and
 * anything above except punctuation and symbol blocks (no ICU here: sentences
 * come split, and anchors only need to be roughly right). */
static int is_letter(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (c < 0xC0)
        return 0;       /* NBSP, guillemets, degree sign, ... */
    if (c == 0xD7 || c == 0xF7)
        return 0;
    if (c >= 0x2000 && c <= 0x2BFF)
        return 0;       /* general punctuation, currency, arrows, maths */
    if (c >= 0x3000 && c <= 0x303F)
        return 0;
    return c != 0xFEFF && c != 0xFFFD && c != BAD_CP;
}

static int is_upper(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    if (c >= 0xC0 && c <= 0xDE)
        return c != 0xD7;
    /* Latin Extended-A pairs upper/lower, upper first; the parity flips twice. */
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return c % 2 == 0;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return c % 2 == 1;
    return c == 0x178;
}

/* Base letters of U+00C0..U+00FF and U+0100..U+017F; '-' = not a letter,
 * '*' = two letters (handled in fold()). */
static const char latin1_base[] = "aaaaaa*ceeeeiiiidnooooo-ouuuuy**"
                                  "aaaaaa*ceeeeiiiidnooooo-ouuuuy*y";
static const char latin_ext_a_base[] = "aaaaaaccccccccddddeeeeeeeeeegggggggg"
                                       "hhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnn"
                                       "oooooo**rrrrrrssssssssttttttuuuuuuuuuuuu"
                                       "wwyyyzzzzzzs";
_Static_assert(sizeof latin1_base == 0x40 + 1, "latin1_base covers U+00C0..U+00FF");
_Static_assert(sizeof latin_ext_a_base == 0x80 + 1, "one letter per U+0100..U+017F");

/* Lower-case, accent-free form of `c` in out[0..return); 1 or 2 units.
 * Code points outside the tables are kept (lower-casing ASCII only). */
static int fold(uint32_t c, uint32_t out[2])
{
    char b = 0;

    if (c >= 'A' && c <= 'Z') {
        out[0] = c - 'A' + 'a';
        return 1;
    }
    if (c >= 0xC0 && c <= 0xFF)
        b = latin1_base[c - 0xC0];
    else if (c >= 0x100 && c <= 0x17F)
        b = latin_ext_a_base[c - 0x100];
    if (b == '*') {
        static const struct { uint32_t cp; char s[3]; } two[] = {
            { 0xC6, "ae" }, { 0xE6, "ae" }, { 0xDE, "th" }, { 0xFE, "th" },
            { 0xDF, "ss" }, { 0x132, "ij" }, { 0x133, "ij" },
            { 0x152, "oe" }, { 0x153, "oe" },
        };
        for (size_t k = 0; k < sizeof two / sizeof two[0]; k++) {
            if (two[k].cp == c) {
                out[0] = (unsigned char)two[k].s[0];
                out[1] = (unsigned char)two[k].s[1];
                return 2;
            }
        }
    }
    out[0] = b && b != '-' && b != '*' ? (uint32_t)(unsigned char)b : c;
    return 1;
}

/* Frequent function words of 5+ letters (folded) whose first four letters
 * collide with content words of the other language ("comme"/"committee",
 * "about"/"aboutir", "contre"/"contribution"): never cognate anchors. */
static const char *const cognate_stop[] = {
    "about", "after", "against", "among", "before", "being", "between", "could",
    "during", "other", "others", "should", "their", "there", "these", "those",
    "through", "under", "until", "where", "which", "while", "within", "without",
    "would",
    "ainsi", "apres", "aupres", "autre", "autres", "avant", "celle", "celles",
    "celui", "certaines", "certains", "cette", "chaque", "comme", "contre",
    "depuis", "elles", "encore", "entre", "leurs", "notamment", "parce",
    "pendant", "plusieurs", "selon", "toute", "toutes",
};

static int is_cognate_stop(const char *w)
{
    for (size_t k = 0; k < sizeof cognate_stop / sizeof cognate_stop[0]; k++)
        if (strcmp(cognate_stop[k], w) == 0)
            return 1;
    return 0;
}

/* ---- anchors of one sentence -------------------------------------------------- */

/* Document symbol starting at `p`: a run of ASCII letters, digits and '/'
 * with a digit and a '/' between two alphanumerics ("S/2007/279", "73/338").
 * Return its end (trailing '/' dropped), or NULL when the run is no symbol. */
static const unsigned char *symbol_end(const unsigned char *p)
{
    const unsigned char *e = p;
    int digit = 0;
    int slash = 0;

    while (is_ascii_alnum(*e) || *e == '/') {
        digit |= is_digit(*e);
        if (*e == '/' && e > p && is_ascii_alnum(e[-1]) && is_ascii_alnum(e[1]))
            slash = 1;
        e++;
    }
    while (e > p && e[-1] == '/')
        e--;
    return digit && slash ? e : NULL;
}

static tx_status word_anchors(side *s, const unsigned char *w, const unsigned char *end)
{
    uint32_t key[24];
    char ascii[24];
    size_t n_letters = 0;
    size_t n_folded = 0;
    int upper = 0;
    int all_ascii = 1;
    tx_status rc;

    for (const unsigned char *p = w; p < end;) {
        uint32_t u[2];
        uint32_t c = decode(&p);
        int nu = fold(c, u);

        if (n_letters++ == 0)
            upper = is_upper(c);
        for (int k = 0; k < nu; k++) {
            if (n_folded < sizeof key / sizeof key[0] - 1) {
                key[n_folded] = u[k];
                ascii[n_folded] = (char)u[k];
                all_ascii &= u[k] < 0x80;
            }
            n_folded++;
        }
    }
    if (upper && n_letters >= 3
        && (rc = add_anchor(s, K_NAME, w, (size_t)(end - w))) != TX_OK)
        return rc;
    if (n_folded < 5)
        return TX_OK;
    if (all_ascii && n_folded < sizeof ascii) {
        ascii[n_folded] = '\0';
        if (is_cognate_stop(ascii))
            return TX_OK;
    }
    return add_anchor(s, K_COG, key, 4 * sizeof key[0]);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a;
    uint64_t y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

/* Measure sentence `k` of `s` and append its anchors. */
static tx_status scan_sentence(side *s, size_t k, const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t before = s->n_anchors;
    size_t len = 0;
    tx_status rc = TX_OK;

    /* Code points: every byte that is not a UTF-8 continuation byte. */
    for (const unsigned char *q = p; *q; q++)
        len += (*q & 0xC0) != 0x80;
    s->len[k] = len;
    s->total_len += (double)len;

    while (*p && rc == TX_OK) {
        const unsigned char *start = p;
        const unsigned char *e;
        uint32_t c = decode(&p);

        if (is_ascii_alnum(c) && (e = symbol_end(start)) != NULL) {
            /* Kept whole: its numbers and "RES" are not anchors of their own. */
            rc = add_anchor(s, K_SYM, start, (size_t)(e - start));
            s->n_numsym[k]++;
            p = e;
        } else if (is_digit(c)) {
            while (is_digit(*p))
                p++;
            rc = add_anchor(s, K_NUM, start, (size_t)(p - start));
            s->n_numsym[k]++;
        } else if (is_letter(c)) {
            const unsigned char *q = p;
            e = p;
            while (*q && is_letter(decode(&q)))
                e = q;
            p = e;
            rc = word_anchors(s, start, e);
        }
    }
    if (rc != TX_OK)
        return rc;
    if (s->n_anchors > before)
        qsort(s->anchors + before, s->n_anchors - before, sizeof *s->anchors, cmp_u64);
    s->first[k + 1] = s->n_anchors;
    if (s->n_anchors - before > s->max_per_sent)
        s->max_per_sent = s->n_anchors - before;
    return TX_OK;
}

static tx_status side_init(side *s, const char *const *text, size_t n)
{
    tx_status rc;

    memset(s, 0, sizeof *s);
    s->n = n;
    s->len = calloc(n + 1, sizeof *s->len);
    s->first = calloc(n + 1, sizeof *s->first);
    s->n_numsym = calloc(n + 1, sizeof *s->n_numsym);
    if (!s->len || !s->first || !s->n_numsym)
        return TX_ENOMEM;
    for (size_t k = 0; k < n; k++)
        if ((rc = scan_sentence(s, k, text[k])) != TX_OK)
            return rc;
    return TX_OK;
}

/* ---- bead costs ------------------------------------------------------------------ */

typedef struct aligner {
    side src, tgt;
    double c, s2;
    uint64_t *scratch_a, *scratch_b;  /* merged anchors of two sentences */
} aligner;

/* -log(2 (1 - Phi(|d|))) = -log(erfc(|d| / sqrt 2)), safe where erfc underflows
 * (asymptotically erfc(x) ~ exp(-x^2) / (x sqrt(pi))). */
static double length_cost(double d)
{
    double x = fabs(d) / sqrt(2.0);
    double p = erfc(x);

    if (p > 1e-300)
        return -log(p);
    return x * x + log(x * sqrt(3.14159265358979323846));
}

/* Anchors of sentences [k, k + n) of `s` (n = 1 or 2) as one sorted array. */
static const uint64_t *bead_anchors(const side *s, size_t k, size_t n, uint64_t *scratch,
                                    size_t *count)
{
    const uint64_t *a = s->anchors + s->first[k];
    size_t na = s->first[k + 1] - s->first[k];
    const uint64_t *b;
    size_t nb, x = 0, y = 0, m = 0;

    if (n == 1) {
        *count = na;
        return a;
    }
    b = s->anchors + s->first[k + 1];
    nb = s->first[k + 2] - s->first[k + 1];
    while (x < na || y < nb)
        scratch[m++] = y == nb || (x < na && a[x] <= b[y]) ? a[x++] : b[y++];
    *count = m;
    return scratch;
}

/* Anchor evidence of a bead: bonus - penalty (nats). */
static double anchor_net(aligner *al, size_t i, size_t ds, size_t j, size_t dt)
{
    const uint64_t *a, *b;
    size_t na, nb, x = 0, y = 0;
    size_t match[4] = { 0, 0, 0, 0 };
    size_t cog_a = 0, cog_b = 0, miss = 0;
    double bonus, penalty;

    if (ds == 0 || dt == 0) {
        const side *s = ds ? &al->src : &al->tgt;
        size_t k = ds ? i : j;
        penalty = W_MISS * (double)s->n_numsym[k];
        return -(penalty < MISS_CAP ? penalty : MISS_CAP);
    }
    a = bead_anchors(&al->src, i, ds, al->scratch_a, &na);
    b = bead_anchors(&al->tgt, j, dt, al->scratch_b, &nb);
    while (x < na || y < nb) {
        uint64_t v;
        if (y == nb || (x < na && a[x] < b[y])) {
            v = a[x++];
            cog_a += KIND(v) == K_COG;
        } else if (x == na || b[y] < a[x]) {
            v = b[y++];
            cog_b += KIND(v) == K_COG;
        } else {
            match[KIND(a[x])]++;
            cog_a += KIND(a[x]) == K_COG;
            cog_b += KIND(a[x]) == K_COG;
            x++;
            y++;
            continue;
        }
        miss += KIND(v) == K_SYM || KIND(v) == K_NUM;
    }
    /* Long sentences share a few prefixes by chance: count the share of the
     * shorter side's words that find a partner (shrunk towards 0 when short). */
    bonus = W_COG * (double)match[K_COG] / (double)((cog_a < cog_b ? cog_a : cog_b) + 1);
    bonus += W_SYM * (double)match[K_SYM] + W_NUM * (double)match[K_NUM]
             + W_NAME * (double)match[K_NAME];
    if (bonus > BONUS_CAP)
        bonus = BONUS_CAP;
    penalty = W_MISS * (double)miss;
    if (penalty > MISS_CAP)
        penalty = MISS_CAP;
    return bonus - penalty;
}

/* Length delta of the bead of source sentences [i, i + ds) and target [j, j + dt). */
static double bead_delta(const aligner *al, size_t i, size_t ds, size_t j, size_t dt)
{
    double l1 = 0, l2 = 0, base;

    for (size_t k = 0; k < ds; k++)
        l1 += (double)al->src.len[i + k];
    for (size_t k = 0; k < dt; k++)
        l2 += (double)al->tgt.len[j + k];
    base = l1 > 0 ? l1 : l2 / al->c;
    return base > 0 ? (l2 - l1 * al->c) / sqrt(base * al->s2) : 0.0;
}

static double bead_cost(aligner *al, const struct bead_type *t, size_t i, size_t j)
{
    double cost = -log(t->prior) - anchor_net(al, i, t->ds, j, t->dt);

    if (t->ds && t->dt)
        cost += length_cost(bead_delta(al, i, t->ds, j, t->dt));
    return cost;
}

static double bead_score(aligner *al, const tx_bead *b)
{
    double p, q, logit;

    if (b->n_src == 0 || b->n_tgt == 0)
        return 0.0;
    p = erfc(fabs(bead_delta(al, b->src, b->n_src, b->tgt, b->n_tgt)) / sqrt(2.0));
    q = SCORE_FLOOR + SCORE_SPAN * p;
    logit = log(q / (1 - q)) + anchor_net(al, b->src, b->n_src, b->tgt, b->n_tgt)
            - SCORE_CHANCE;
    if (b->n_src == 2 && b->n_tgt == 2)
        logit -= SCORE_22_MALUS;
    return 1 / (1 + exp(-logit));
}

/* ---- the search ----------------------------------------------------------------- */

/* Beads for an empty side: every sentence of the other one alone. */
static tx_status unaligned_beads(size_t n_src, size_t n_tgt, tx_bead **beads,
                                 size_t *n_beads, tx_error *err)
{
    size_t n = n_src + n_tgt;
    tx_bead *b;

    if (n == 0)
        return TX_OK;
    b = calloc(n, sizeof *b);
    if (!b)
        return tx_fail(err, TX_ENOMEM, "cannot allocate %zu beads", n);
    for (size_t k = 0; k < n; k++) {
        b[k].src = n_src ? k : 0;
        b[k].n_src = n_src ? 1 : 0;
        b[k].tgt = n_tgt ? k : 0;
        b[k].n_tgt = n_tgt ? 1 : 0;
    }
    *beads = b;
    *n_beads = n;
    return TX_OK;
}

static tx_status check_args(const char *const *src, size_t n_src, const char *const *tgt,
                            size_t n_tgt, const tx_sentalign_opts *opts, tx_bead **beads,
                            size_t *n_beads, tx_error *err)
{
    if (!beads || !n_beads)
        return tx_fail(err, TX_EINVAL, "sentalign: NULL result pointer");
    if ((n_src && !src) || (n_tgt && !tgt))
        return tx_fail(err, TX_EINVAL, "sentalign: NULL sentence array");
    for (size_t k = 0; k < n_src; k++)
        if (!src[k])
            return tx_fail(err, TX_EINVAL, "sentalign: source sentence %zu is NULL", k);
    for (size_t k = 0; k < n_tgt; k++)
        if (!tgt[k])
            return tx_fail(err, TX_EINVAL, "sentalign: target sentence %zu is NULL", k);
    if (opts && (!isfinite(opts->mean_ratio) || opts->mean_ratio < 0
                 || !isfinite(opts->variance) || opts->variance < 0))
        return tx_fail(err, TX_EINVAL, "sentalign: bad options (ratio %g, variance %g)",
                       opts->mean_ratio, opts->variance);
    return TX_OK;
}

/* Phase 1: the sentences' lengths and anchors, the length ratio, and the
 * scratch space of anchor_net().  `al` is zeroed here; aligner_release() frees
 * it whatever this returns. */
static tx_status aligner_init(aligner *al, const char *const *src, size_t n_src,
                              const char *const *tgt, size_t n_tgt,
                              const tx_sentalign_opts *opts, tx_error *err)
{
    tx_status rc;

    memset(al, 0, sizeof *al);
    if ((rc = side_init(&al->src, src, n_src)) != TX_OK
        || (rc = side_init(&al->tgt, tgt, n_tgt)) != TX_OK)
        return tx_fail(err, rc, "sentalign: cannot allocate sentence data");
    al->s2 = opts && opts->variance > 0 ? opts->variance : DEFAULT_VARIANCE;
    if (opts && opts->mean_ratio > 0) {
        al->c = opts->mean_ratio;
    } else if (al->src.total_len > 0 && al->tgt.total_len > 0) {
        al->c = al->tgt.total_len / al->src.total_len;
        al->c = al->c < RATIO_MIN ? RATIO_MIN : al->c > RATIO_MAX ? RATIO_MAX : al->c;
    } else {
        al->c = 1.0;
    }
    al->scratch_a = malloc((2 * al->src.max_per_sent + 1) * sizeof *al->scratch_a);
    al->scratch_b = malloc((2 * al->tgt.max_per_sent + 1) * sizeof *al->scratch_b);
    if (!al->scratch_a || !al->scratch_b)
        return tx_fail(err, TX_ENOMEM, "sentalign: cannot allocate the band");
    return TX_OK;
}

static void aligner_release(aligner *al)
{
    free(al->scratch_a);
    free(al->scratch_b);
    side_release(&al->src);
    side_release(&al->tgt);
}

/* The dynamic programming table, kept to a band: row i (source sentences
 * aligned so far) holds columns [lo[i], hi[i]] (target sentences), its cells
 * from off[i] in cost[] (best cost to reach it) and back[] (the bead type
 * that did, or NO_BEAD). */
typedef struct band {
    size_t n_src, n_tgt;
    size_t *lo, *hi, *off;
    double *cost;
    unsigned char *back;
} band;

static size_t band_cell(const band *b, size_t i, size_t j)
{
    return b->off[i] + (j - b->lo[i]);
}

/* Phase 2: lay out the band around i * n_tgt / n_src and allocate its cells.
 * The half-width exceeds the slope, so consecutive rows overlap and every
 * in-band cell, the final one included, is reachable.  `b` is zeroed here;
 * band_release() frees it whatever this returns. */
static tx_status band_init(band *b, size_t n_src, size_t n_tgt, tx_error *err)
{
    size_t w, total = 0;

    memset(b, 0, sizeof *b);
    b->n_src = n_src;
    b->n_tgt = n_tgt;
    w = n_src > n_tgt ? n_src / 10 : n_tgt / 10;
    if (w < BAND_MIN)
        w = BAND_MIN;
    if (w < n_tgt / n_src + 2)
        w = n_tgt / n_src + 2;
    b->lo = malloc((n_src + 1) * sizeof *b->lo);
    b->hi = malloc((n_src + 1) * sizeof *b->hi);
    b->off = malloc((n_src + 2) * sizeof *b->off);
    if (!b->lo || !b->hi || !b->off)
        return tx_fail(err, TX_ENOMEM, "sentalign: cannot allocate the band");
    for (size_t i = 0; i <= n_src; i++) {
        double d = (double)i * (double)n_tgt / (double)n_src + 0.5;
        size_t c = d >= (double)n_tgt ? n_tgt : (size_t)d;

        b->lo[i] = c > w ? c - w : 0;
        b->hi[i] = n_tgt - c > w ? c + w : n_tgt;
        b->off[i] = total;
        if (b->hi[i] - b->lo[i] + 1 > SIZE_MAX / sizeof *b->cost - total)
            return tx_fail(err, TX_ENOMEM, "sentalign: %zu x %zu sentences is too many",
                           n_src, n_tgt);
        total += b->hi[i] - b->lo[i] + 1;
    }
    b->off[n_src + 1] = total;
    b->cost = malloc(total * sizeof *b->cost);
    b->back = malloc(total);
    if (!b->cost || !b->back)
        return tx_fail(err, TX_ENOMEM, "sentalign: cannot allocate %zu cells", total);
    return TX_OK;
}

static void band_release(band *b)
{
    free(b->cost);
    free(b->back);
    free(b->lo);
    free(b->hi);
    free(b->off);
}

/* The cheapest way into cell (i, j): its cost, and its bead type in *type. */
static double best_step(const band *b, aligner *al, size_t i, size_t j,
                        unsigned char *type)
{
    double best = HUGE_VAL;

    *type = NO_BEAD;
    for (size_t t = 0; t < N_TYPES; t++) {
        const struct bead_type *ty = &bead_types[t];
        size_t pi, pj;
        double c;

        if (i < ty->ds || j < ty->dt)
            continue;
        pi = i - ty->ds;
        pj = j - ty->dt;
        if (pj < b->lo[pi] || pj > b->hi[pi])
            continue;
        c = b->cost[band_cell(b, pi, pj)];
        if (c == HUGE_VAL)
            continue;
        c += bead_cost(al, ty, pi, pj);
        if (c < best) {
            best = c;
            *type = (unsigned char)t;
        }
    }
    return best;
}

/* Phase 3: fill the band row by row. */
static void band_fill(band *b, aligner *al)
{
    for (size_t i = 0; i <= b->n_src; i++) {
        for (size_t j = b->lo[i]; j <= b->hi[i]; j++) {
            size_t cell = band_cell(b, i, j);

            if (i == 0 && j == 0) {
                b->cost[cell] = 0.0;
                b->back[cell] = NO_BEAD;
                continue;
            }
            b->cost[cell] = best_step(b, al, i, j, &b->back[cell]);
        }
    }
}

/* Phase 4: the beads of the best path, walking back from the last cell twice:
 * count, then fill in reverse.  On success the caller owns *beads. */
static tx_status band_walk(const band *b, tx_bead **beads, size_t *n_beads,
                           tx_error *err)
{
    tx_bead *out = NULL;
    size_t n_out = 0;

    for (int pass = 0; pass < 2; pass++) {
        size_t k = n_out, i = b->n_src, j = b->n_tgt;

        while (i > 0 || j > 0) {
            unsigned char t = b->back[band_cell(b, i, j)];
            const struct bead_type *ty;

            /* Every in-band cell is reachable (see band_init()). */
            assert(t != NO_BEAD);
            ty = &bead_types[t];
            i -= ty->ds;
            j -= ty->dt;
            if (pass == 0) {
                n_out++;
                continue;
            }
            k--;
            out[k].src = i;
            out[k].n_src = ty->ds;
            out[k].tgt = j;
            out[k].n_tgt = ty->dt;
        }
        if (pass == 0 && !(out = calloc(n_out, sizeof *out)))
            return tx_fail(err, TX_ENOMEM, "sentalign: cannot allocate %zu beads", n_out);
    }
    *beads = out;
    *n_beads = n_out;
    return TX_OK;
}

/* Phase 5: score each bead; returns the document's score, the beads' mean
 * weighted by their characters. */
static double score_beads(aligner *al, tx_bead *out, size_t n_out)
{
    double weight = 0, sum = 0;

    for (size_t k = 0; k < n_out; k++) {
        double chars = 0;

        for (size_t s = 0; s < out[k].n_src; s++)
            chars += (double)al->src.len[out[k].src + s];
        for (size_t t = 0; t < out[k].n_tgt; t++)
            chars += (double)al->tgt.len[out[k].tgt + t];
        out[k].score = bead_score(al, &out[k]);
        sum += out[k].score * chars;
        weight += chars;
    }
    return weight > 0 ? sum / weight : 0.0;
}

tx_status tx_sentalign(const char *const *src, size_t n_src, const char *const *tgt,
                       size_t n_tgt, const tx_sentalign_opts *opts, tx_bead **beads,
                       size_t *n_beads, double *doc_score, tx_error *err)
{
    aligner al;
    band b;
    tx_bead *out = NULL;
    size_t n_out = 0;
    double score;
    tx_status rc;

    if (beads)
        *beads = NULL;
    if (n_beads)
        *n_beads = 0;
    if (doc_score)
        *doc_score = 0.0;
    if ((rc = check_args(src, n_src, tgt, n_tgt, opts, beads, n_beads, err)) != TX_OK)
        return rc;
    if (n_src == 0 || n_tgt == 0)
        return unaligned_beads(n_src, n_tgt, beads, n_beads, err);

    memset(&b, 0, sizeof b);
    if ((rc = aligner_init(&al, src, n_src, tgt, n_tgt, opts, err)) == TX_OK
        && (rc = band_init(&b, n_src, n_tgt, err)) == TX_OK) {
        band_fill(&b, &al);
        rc = band_walk(&b, &out, &n_out, err);
    }
    if (rc == TX_OK) {
        score = score_beads(&al, out, n_out);
        if (doc_score)
            *doc_score = score;
        *beads = out;
        *n_beads = n_out;
    }
    band_release(&b);
    aligner_release(&al);
    return rc;
}
