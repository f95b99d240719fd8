/* escape.h: the one JSON and TSV writer.
 *
 * Text made safe for a JSON string or a TSV field, appended to a tx_buf for
 * the library's writers (tablewrite.c); the CLI gets the same through
 * tx_escape_json() and tx_escape_tsv() in tx.h, which this file implements. */
#ifndef TX_ESCAPE_H
#define TX_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "tx.h"

/* Length of the valid UTF-8 sequence at `p` (NUL-terminated), 1 to 4, with its
 * code point in *cp; 0 when the byte there starts none (RFC 3629: no overlong
 * forms, surrogates or code points above U+10FFFF). */
size_t tx_utf8_next(const unsigned char *p, uint32_t *cp);

/* Append `s` to `b` as tx_escape_json() writes it ("null" when `s` is NULL).
 * TX_OK or TX_ENOMEM. */
tx_status tx_json_add_str(tx_buf *b, const char *s);

/* Append `s` to `b` as tx_escape_tsv() writes it.  TX_OK or TX_ENOMEM. */
tx_status tx_tsv_add_field(tx_buf *b, const char *s);

#endif
