/* error.c: status texts and the tx_fail() helper. */
#include "error.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

const char *tx_strerror(tx_status rc)
{
    switch (rc) {
    case TX_OK: return "success";
    case TX_ENOMEM: return "out of memory";
    case TX_EIO: return "input/output error";
    case TX_EINPUT: return "malformed input";
    case TX_EDB: return "database error";
    case TX_EINVAL: return "invalid argument";
    case TX_ENOTFOUND: return "not found";
    case TX_EPARTIAL: return "some inputs were skipped";
    case TX_ESTOPPED: return "stopped by a callback";
    case TX_ESTALE: return "changed since it was read";
    }
    return "unknown error";
}

tx_status tx_fail(tx_error *err, tx_status code, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

tx_status tx_fail_stopped(tx_error *err)
{
    return tx_fail(err, TX_ESTOPPED, "%s", tx_strerror(TX_ESTOPPED));
}

void tx_error_clear(tx_error *err)
{
    if (!err)
        return;
    err->code = TX_OK;
    err->msg[0] = '\0';
}

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 when s starts with
 * an invalid byte (RFC 3629: no overlong forms, surrogates or code points
 * above U+10FFFF). */
static size_t utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        return (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        unsigned char lo = s[0] == 0xE0 ? 0xA0 : 0x80, hi = s[0] == 0xED ? 0x9F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        unsigned char lo = s[0] == 0xF0 ? 0x90 : 0x80, hi = s[0] == 0xF4 ? 0x8F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 &&
                       (s[3] & 0xC0) == 0x80
                   ? 4
                   : 0;
    }
    return 0;
}

size_t tx_escape_text(char *out, size_t size, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;

    while (*p) {
        size_t len = utf8_len(p);
        char esc[8];
        const char *piece = (const char *)p;
        size_t piece_len = len;
        uint32_t c2 = len == 2 ? (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F) : 0;

        if (!len || *p < 0x20 || *p == 0x7F) {
            /* an invalid byte, a C0 control or DEL: \xNN */
            esc[0] = '\\', esc[1] = 'x', esc[2] = hex[*p >> 4], esc[3] = hex[*p & 15];
            piece = esc, piece_len = 4, len = 1;
        } else if ((len == 2 && c2 >= 0x80 && c2 <= 0x9F) ||
                   (len == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE)) {
            /* a C1 control, U+FFFE or U+FFFF: \uNNNN */
            uint32_t c = len == 2 ? c2 : 0xFFFEu + (uint32_t)(p[2] - 0xBE);
            esc[0] = '\\', esc[1] = 'u';
            for (int k = 0; k < 4; k++)
                esc[2 + k] = hex[c >> (12 - 4 * k) & 15];
            piece = esc, piece_len = 6;
        }
        /* a character goes in whole or not at all */
        if (size && n + piece_len < size)
            memcpy(out + n, piece, piece_len);
        else if (size && n < size)
            size = n + 1; /* full: write nothing more */
        n += piece_len;
        p += len;
    }
    if (size)
        out[n < size ? n : size - 1] = '\0';
    return n;
}
