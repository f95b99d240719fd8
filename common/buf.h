/* buf.h: a growable byte buffer, always NUL-terminated (git's strbuf, smaller). */
#ifndef TX_BUF_H
#define TX_BUF_H

#include <stddef.h>

#include "tx.h"

typedef struct tx_buf {
    char *data; /* NUL-terminated once anything was added; NULL when empty and new */
    size_t len; /* bytes used, terminator excluded */
    size_t cap; /* bytes allocated */
} tx_buf;

#define TX_BUF_INIT { NULL, 0, 0 }

/* Set up an empty buffer the caller owns; tx_buf_release() frees its storage. */
void tx_buf_init(tx_buf *b);
void tx_buf_release(tx_buf *b);
/* Empty the buffer, keeping its storage. */
void tx_buf_reset(tx_buf *b);

/* Make room for `extra` more bytes (plus the terminator). */
tx_status tx_buf_grow(tx_buf *b, size_t extra);
tx_status tx_buf_add(tx_buf *b, const void *data, size_t len);
tx_status tx_buf_addstr(tx_buf *b, const char *s);
tx_status tx_buf_addch(tx_buf *b, char c);
tx_status tx_buf_addf(tx_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Move the text out of `b` (never NULL on TX_OK: "" when empty) and reset `b`.
 * The caller owns the result and frees it with free(). */
char *tx_buf_detach(tx_buf *b, size_t *len);

/* The buffer's text as a C string ("" when nothing was added); owned by `b`. */
const char *tx_buf_str(const tx_buf *b);

/* Make the array *p (of *cap elements of `size` bytes, the caller's) hold at
 * least `need` elements, doubling from `min_cap`; 0, or -1 when out of memory
 * (the array is then unchanged). */
int tx_grow(void **p, size_t *cap, size_t need, size_t size, size_t min_cap);

#endif
