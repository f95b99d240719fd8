/* docseg.c: the segment writer of the document readers (docseg.h). */
#include "docseg.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>

#include "escape.h" /* tx_utf8_next() */

void tx_docseg_init(tx_docseg *s, tx_buf *out)
{
    s->out = out;
    s->line_start = out->len;
    s->space = s->soft_break = 0;
    s->n_segments = 0;
}

int tx_docseg_open(const tx_docseg *s)
{
    return s->out->len > s->line_start;
}

/* Length of the valid UTF-8 sequence at p[0..n), 0 when there is none
 * (tx_utf8_next() wants a NUL-terminated string: copy at most 4 bytes). */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    unsigned char tmp[5] = { 0, 0, 0, 0, 0 };
    uint32_t cp;
    size_t i;

    for (i = 0; i < 4 && i < n; i++)
        tmp[i] = p[i];
    return tx_utf8_next(tmp, &cp);
}

tx_status tx_docseg_add(tx_docseg *s, const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    const unsigned char *end = p + len;

    while (p < end) {
        size_t n;

        if (*p <= 0x20 || *p == 0x7f) { /* NUL included: it would end the line early */
            s->space = 1;
            p++;
            continue;
        }
        if ((s->space || s->soft_break) && tx_docseg_open(s) &&
            tx_buf_addch(s->out, s->soft_break ? '\v' : ' ') != TX_OK)
            return TX_ENOMEM;
        s->space = s->soft_break = 0;
        if (*p < 0x80) { /* a run of printable ASCII at once */
            const unsigned char *q = p;

            while (q < end && *q > 0x20 && *q < 0x7f)
                q++;
            if (tx_buf_add(s->out, p, (size_t)(q - p)) != TX_OK)
                return TX_ENOMEM;
            p = q;
            continue;
        }
        n = utf8_len(p, (size_t)(end - p));
        if (n == 0) {
            if (tx_buf_add(s->out, "\xEF\xBF\xBD", 3) != TX_OK)
                return TX_ENOMEM;
            p++;
        } else {
            if (tx_buf_add(s->out, p, n) != TX_OK)
                return TX_ENOMEM;
            p += n;
        }
    }
    return TX_OK;
}

void tx_docseg_soft_break(tx_docseg *s)
{
    s->soft_break = 1;
}

tx_status tx_docseg_end(tx_docseg *s)
{
    s->space = s->soft_break = 0;
    if (!tx_docseg_open(s))
        return TX_OK;
    if (tx_buf_addch(s->out, '\n') != TX_OK)
        return TX_ENOMEM;
    s->line_start = s->out->len;
    s->n_segments++;
    return TX_OK;
}

int tx_docseg_is_utf8(const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    const unsigned char *end = p + len;

    while (p < end) {
        size_t n;

        if (*p < 0x80) {
            p++;
            continue;
        }
        n = utf8_len(p, (size_t)(end - p));
        if (n == 0)
            return 0;
        p += n;
    }
    return 1;
}

tx_status tx_docseg_to_utf8(const char *charset, const char *data, size_t len,
                            tx_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    char *in = (char *)data;
    size_t in_left = len;

    if (cd == (iconv_t)-1)
        return TX_EINVAL;
    while (in_left > 0) {
        char *outp;
        size_t out_left;
        size_t ret;

        if (tx_buf_grow(out, in_left * 2 + 16) != TX_OK) {
            iconv_close(cd);
            return TX_ENOMEM;
        }
        outp = out->data + out->len;
        out_left = out->cap - out->len - 1;
        ret = iconv(cd, &in, &in_left, &outp, &out_left);
        out->len = (size_t)(outp - out->data);
        if (ret == (size_t)-1 && errno != E2BIG) { /* not in the charset, or cut */
            in++;
            in_left--;
        }
    }
    if (out->data)
        out->data[out->len] = '\0';
    iconv_close(cd);
    return TX_OK;
}
