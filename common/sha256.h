/* sha256.h: SHA-256 (FIPS 180-4), for the content hash that identifies a
 * document already in the glossary. */
#ifndef TX_SHA256_H
#define TX_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* Write the SHA-256 of `len` bytes at `data` as 64 lower-case hex digits and
 * a NUL into `hex` (65 bytes, the caller's). */
void tx_sha256_hex(const void *data, size_t len, char hex[65]);

/* Whether the processor's SHA instructions are used: when it has them,
 * unless tx_sha256_set_accel(0) forced the plain C code (for the tests that
 * compare the two; set it before any thread hashes). */
int tx_sha256_accel(void);
void tx_sha256_set_accel(int on);

#endif
