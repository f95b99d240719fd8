/* escape.c: the one JSON and TSV writer (see escape.h).
 *
 * Both encoders write pieces (a character as it is, or its escape) into a
 * caller's array the way snprintf() does: the length the whole result needs
 * is returned, and a piece that does not fit is left out with everything
 * after it, so a cut result never ends in half an escape or half a
 * character.  The tx_buf forms measure first, then write in place. */
#include "escape.h"

#include <stdio.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

size_t tx_utf8_next(const unsigned char *p, uint32_t *cp)
{
    uint32_t c = p[0];
    size_t n;
    size_t i;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, c &= 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, c &= 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, c &= 0x07;
    else
        return 0;
    for (i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) /* a NUL stops here too */
            return 0;
        c = (c << 6) | (p[i] & 0x3Fu);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

/* Where the pieces go: `out` of `size` bytes (0 = only measure), `n` bytes
 * needed so far. */
typedef struct sink {
    char *out;
    size_t size;
    size_t n;
} sink;

static void put(sink *k, const char *piece, size_t len)
{
    if (k->size && k->n + len < k->size)
        memcpy(k->out + k->n, piece, len);
    else if (k->size && k->n < k->size)
        k->size = k->n + 1; /* full: nothing more goes in */
    k->n += len;
}

static size_t finish(sink *k)
{
    if (k->size)
        k->out[k->n < k->size ? k->n : k->size - 1] = '\0';
    return k->n;
}

/* Control characters, U+FFFE and U+FFFF are escaped (exact, and no raw
 * character XML forbids); U+2028 and U+2029 are valid JSON raw, but not valid
 * JavaScript before ES2019. */
size_t tx_escape_json(char *out, size_t size, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    sink k = {out, size, 0};
    char esc[8];

    if (!s) {
        put(&k, "null", 4);
        return finish(&k);
    }
    put(&k, "\"", 1);
    while (*p) {
        uint32_t cp = *p;
        size_t n = 1;

        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            put(&k, esc, 2);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)*p);
            put(&k, esc, 6);
        } else if (*p < 0x80) {
            put(&k, (const char *)p, 1);
        } else if ((n = tx_utf8_next(p, &cp)) == 0) {
            put(&k, REPLACEMENT, 3);
            n = 1;
        } else if (cp == 0x2028 || cp == 0x2029 || cp == 0xFFFE || cp == 0xFFFF) {
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
            put(&k, esc, 6);
        } else {
            put(&k, (const char *)p, n);
        }
        p += n;
    }
    put(&k, "\"", 1);
    return finish(&k);
}

/* TSV cannot quote: a tab or line end in a field would split it, so it becomes
 * a space (CRLF one space, as it is one line end). */
size_t tx_escape_tsv(char *out, size_t size, const char *s)
{
    sink k = {out, size, 0};

    for (; *s; s++) {
        if (*s == '\r' && s[1] == '\n')
            s++;
        put(&k, *s == '\t' || *s == '\r' || *s == '\n' ? " " : s, 1);
    }
    return finish(&k);
}

/* Append what `escape` makes of `s`: measured, then written in place. */
static tx_status add_escaped(tx_buf *b, size_t (*escape)(char *, size_t, const char *),
                             const char *s)
{
    size_t n = escape(NULL, 0, s);

    if (tx_buf_grow(b, n) != TX_OK)
        return TX_ENOMEM;
    escape(b->data + b->len, n + 1, s);
    b->len += n;
    return TX_OK;
}

tx_status tx_json_add_str(tx_buf *b, const char *s)
{
    return add_escaped(b, tx_escape_json, s);
}

tx_status tx_tsv_add_field(tx_buf *b, const char *s)
{
    return add_escaped(b, tx_escape_tsv, s);
}
