/* error.h: filling a tx_error, shared by every module of the library. */
#ifndef TX_ERROR_H
#define TX_ERROR_H

#include "tx.h"

/* Record `code` and a printf-style message in `err` (if non-NULL); return `code`.
 * Keeps error paths to one line: `return tx_fail(err, TX_EIO, "...", ...);` */
tx_status tx_fail(tx_error *err, tx_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A callback said stop (see tx.h): tx_fail() with TX_ESTOPPED and the one
 * message for it. */
tx_status tx_fail_stopped(tx_error *err);

/* Reset `err` (if non-NULL) to TX_OK with an empty message. */
void tx_error_clear(tx_error *err);

#endif
