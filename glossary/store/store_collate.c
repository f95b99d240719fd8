/* store_collate.c: how the store orders and compares written forms.
 *
 * Sorting and case-insensitive lookup use two collations registered on each
 * connection (never named in the schema, so the file stays readable by the
 * sqlite3 shell): tx_nocase folds ASCII and Latin-1 case, tx_alpha orders
 * French words (accents and case only break ties: "économie" < "État" <
 * "étude" < "zone").  tx_surface_before() chooses between two written forms
 * of a linked term with the same case folding. */
#include "storeInt.h"

#include <string.h>

/* Decode one code point from [*p, end) and advance *p.  Invalid bytes decode to
 * themselves, offset into the surrogate range so they never equal a letter. */
static uint32_t utf8_next(const unsigned char **p, const unsigned char *end)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    size_t n, i;

    if (c < 0x80)
        n = 0;
    else if (c >= 0xc2 && c <= 0xdf)
        n = 1, c &= 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        n = 2, c &= 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        n = 3, c &= 0x07;
    else
        goto invalid;
    if ((size_t)(end - s) <= n)
        goto invalid;
    for (i = 1; i <= n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            goto invalid;
        c = (c << 6) | (s[i] & 0x3f);
    }
    *p = s + n + 1;
    return c;
invalid:
    *p = s + 1;
    return 0xdc00 + s[0];
}

/* Lower-case ASCII and Latin-1 letters, plus Œ and Ÿ, which French needs. */
static uint32_t fold_case(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xc0 && c <= 0xde && c != 0xd7)
        return c + 32;
    if (c == 0x152)
        return 0x153;
    if (c == 0x178)
        return 0xff;
    return c;
}

/* The base letters of `c` with case and accents removed ("É" -> "e", "œ" -> "oe");
 * returns how many (1 or 2) were stored in out[]. */
static int fold_base(uint32_t c, uint32_t out[2])
{
    /* U+00E0..U+00FF without accents; 0 marks the ligatures handled below. */
    static const char base[] = "aaaaaa\0ceeeeiiiidnooooo\xf7ouuuuy\xfey";

    c = fold_case(c);
    if (c == 0xe6 || c == 0x153) {
        out[0] = c == 0xe6 ? 'a' : 'o';
        out[1] = 'e';
        return 2;
    }
    if (c == 0xdf) {
        out[0] = 's';
        out[1] = 's';
        return 2;
    }
    if (c >= 0xe0 && c <= 0xff)
        c = (unsigned char)base[c - 0xe0];
    out[0] = c;
    return 1;
}

/* Walks a string as a sequence of folded code points. */
typedef struct fold_iter {
    const unsigned char *p, *end;
    uint32_t pending[2];
    int n_pending;
    int base;       /* 1: fold_base(), 0: fold_case() */
} fold_iter;

static void fold_start(fold_iter *it, const void *s, int len, int base)
{
    it->p = s;
    it->end = it->p + len;
    it->n_pending = 0;
    it->base = base;
}

/* The next folded code point, or -1 at the end. */
static long fold_next(fold_iter *it)
{
    uint32_t c;

    if (it->n_pending) {
        it->n_pending = 0;
        return it->pending[1];
    }
    if (it->p >= it->end)
        return -1;
    c = utf8_next(&it->p, it->end);
    if (!it->base)
        return fold_case(c);
    if (fold_base(c, it->pending) == 2)
        it->n_pending = 1;
    return it->pending[0];
}

static int fold_compare(int n1, const void *s1, int n2, const void *s2, int base)
{
    fold_iter a, b;
    long c1, c2;

    fold_start(&a, s1, n1, base);
    fold_start(&b, s2, n2, base);
    do {
        c1 = fold_next(&a);
        c2 = fold_next(&b);
        if (c1 != c2)
            return c1 < c2 ? -1 : 1;
    } while (c1 >= 0);
    return 0;
}

/* tx_nocase: equal when equal but for the case of ASCII and Latin-1 letters. */
static int collate_nocase(void *arg, int n1, const void *s1, int n2, const void *s2)
{
    (void)arg;
    return fold_compare(n1, s1, n2, s2, 0);
}

/* tx_alpha: dictionary order, base letters first, then accents, then case, then
 * bytes, so only identical strings compare equal. */
static int collate_alpha(void *arg, int n1, const void *s1, int n2, const void *s2)
{
    int r;

    (void)arg;
    if ((r = fold_compare(n1, s1, n2, s2, 1)) != 0)
        return r;
    if ((r = fold_compare(n1, s1, n2, s2, 0)) != 0)
        return r;
    r = memcmp(s1, s2, (size_t)(n1 < n2 ? n1 : n2));
    if (r != 0)
        return r;
    return n1 < n2 ? -1 : n1 > n2;
}

int tx_collations_register(sqlite3 *db)
{
    int src = sqlite3_create_collation_v2(db, "tx_nocase", SQLITE_UTF8, NULL,
                                          collate_nocase, NULL);

    if (src == SQLITE_OK)
        src = sqlite3_create_collation_v2(db, "tx_alpha", SQLITE_UTF8, NULL,
                                          collate_alpha, NULL);
    return src;
}

/* The written form a link keeps: see store.h. */
int tx_surface_before(const char *a, const char *b)
{
    const unsigned char *pa = (const unsigned char *)a, *pb = (const unsigned char *)b;
    uint32_t ca = *a ? utf8_next(&pa, pa + strlen(a)) : 0;
    uint32_t cb = *b ? utf8_next(&pb, pb + strlen(b)) : 0;
    int la = fold_case(ca) == ca, lb = fold_case(cb) == cb;

    if (la != lb)
        return la;
    return strcmp(a, b) < 0;
}
