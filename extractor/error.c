/* error.c: status texts and the tx_fail() helper. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

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

void tx_error_clear(tx_error *err)
{
    if (!err)
        return;
    err->code = TX_OK;
    err->msg[0] = '\0';
}
