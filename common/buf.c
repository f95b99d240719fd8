/* buf.c: growable byte buffer. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tx_buf_init(tx_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void tx_buf_release(tx_buf *b)
{
    if (!b)
        return;
    free(b->data);
    tx_buf_init(b);
}

void tx_buf_reset(tx_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

tx_status tx_buf_grow(tx_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    size_t cap;
    char *p;

    if (need < b->len)
        return TX_ENOMEM;
    if (need <= b->cap)
        return TX_OK;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap * 2 > cap ? cap * 2 : need;
    p = realloc(b->data, cap);
    if (!p)
        return TX_ENOMEM;
    b->data = p;
    b->cap = cap;
    b->data[b->len] = '\0'; /* a new buffer is a valid empty string at once */
    return TX_OK;
}

tx_status tx_buf_add(tx_buf *b, const void *data, size_t len)
{
    if (tx_buf_grow(b, len) != TX_OK)
        return TX_ENOMEM;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return TX_OK;
}

tx_status tx_buf_addstr(tx_buf *b, const char *s)
{
    return tx_buf_add(b, s, strlen(s));
}

tx_status tx_buf_addch(tx_buf *b, char c)
{
    return tx_buf_add(b, &c, 1);
}

tx_status tx_buf_addf(tx_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return TX_EINVAL;
    if (tx_buf_grow(b, (size_t)n) != TX_OK)
        return TX_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return TX_OK;
}

char *tx_buf_detach(tx_buf *b, size_t *len)
{
    char *s = b->data;

    if (!s) {
        s = malloc(1);
        if (!s)
            return NULL;
        s[0] = '\0';
    }
    if (len)
        *len = b->len;
    tx_buf_init(b);
    return s;
}

const char *tx_buf_str(const tx_buf *b)
{
    return b->data ? b->data : "";
}

int tx_grow(void **p, size_t *cap, size_t need, size_t size, size_t min_cap)
{
    size_t n = *cap ? *cap : min_cap;
    void *q;

    if (need <= *cap)
        return 0;
    while (n < need)
        n *= 2;
    q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}
