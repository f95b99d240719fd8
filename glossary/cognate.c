/* cognate.c: how alike two words look across languages (tx_align_cognate(),
 * declared in align.h): "diplomatie" and "diplomacy", once accents and case
 * are set aside.  align.c counts it as evidence; it knows nothing else of the
 * run. */
#include "align.h"

#include <string.h>

/* Append the lower-case ASCII skeleton of UTF-8 `s` to out (at most cap-1
 * bytes): Latin letters lose their accents, other characters are kept as '?'. */
static size_t skeleton(const char *s, size_t len, char *out, size_t cap)
{
    static const char *const latin1 = /* U+00C0..U+00FF */
        "aaaaaaaceeeeiiiidnooooo?ouuuuyts"
        "aaaaaaaceeeeiiiidnooooo?ouuuuyty";
    size_t n = 0;

    for (size_t i = 0; i < len && n + 2 < cap;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
        } else if (c == 0xC3 && i + 1 < len) {
            unsigned v = ((c & 0x1Fu) << 6 | ((unsigned char)s[i + 1] & 0x3Fu)) - 0xC0;
            out[n++] = v < 64 ? latin1[v] : '?';
            i += 2;
        } else if (c == 0xC5 && i + 1 < len &&
                   ((unsigned char)s[i + 1] == 0x92 || (unsigned char)s[i + 1] == 0x93)) {
            out[n++] = 'o'; /* œ: "œuvre" ~ "oeuvre" */
            out[n++] = 'e';
            i += 2;
        } else {
            out[n++] = '?';
            i++;
            while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
                i++;
        }
    }
    out[n] = '\0';
    return n;
}

double tx_align_cognate(const char *a, size_t alen, const char *b, size_t blen)
{
    char x[64], y[64];
    size_t n = skeleton(a, alen, x, sizeof x), m = skeleton(b, blen, y, sizeof y);
    unsigned d[64];

    if (n < 3 || m < 3)
        return n == m && memcmp(x, y, n) == 0 ? 1.0 : 0.0;
    /* Levenshtein distance, one row. */
    for (size_t j = 0; j <= m; j++)
        d[j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++) {
        unsigned prev = d[0];
        d[0] = (unsigned)i;
        for (size_t j = 1; j <= m; j++) {
            unsigned cur = d[j];
            unsigned sub = prev + (x[i - 1] != y[j - 1]);
            unsigned best = d[j] + 1 < d[j - 1] + 1 ? d[j] + 1 : d[j - 1] + 1;
            d[j] = sub < best ? sub : best;
            prev = cur;
        }
    }
    return 1.0 - (double)d[m] / (double)(n > m ? n : m);
}
