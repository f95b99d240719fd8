/* decode.h: raw document bytes -> clean UTF-8 (NFC, unified apostrophes).
 *
 * The first stage of the pipeline.  A BOM (UTF-8, UTF-16LE/BE, UTF-32LE/BE)
 * decides the encoding.  Otherwise: NUL bytes mean BOM-less UTF-16 (when they
 * fall at every other byte) or binary data; valid UTF-8 is taken as it is;
 * mostly-valid UTF-8 is an error (a damaged file, not a Latin-1 one); and text
 * with high bytes but no UTF-8 sequences is identified by ICU's charset
 * detector among 8-bit charsets (Windows-1252 rather than ISO-8859-1, since
 * they agree outside 0x80-0x9F, or ISO-8859-15 when "\xBDuvre" shows its œ).
 * Text with more than 1% control characters (other than \t \n \r \f) is
 * binary data.
 *
 * The result is NFC-normalised, then: the typographic apostrophes ’ ‘ ʼ
 * (U+2019, U+2018, U+02BC) become ASCII '; no-break spaces (U+00A0, U+202F,
 * French typography before : ; ? !) and the other fixed-width spaces
 * (U+2002-U+200A) become ' '; CRLF and CR become LF, as do U+0085, U+2028 and
 * U+2029; soft hyphens, zero width spaces and BOMs (U+00AD, U+200B, U+FEFF)
 * are dropped; remaining control characters (C0 other than \t \n \v \f,
 * DEL, C1) and the non-characters U+FFFE, U+FFFF become ' '.  Form feeds
 * (page breaks) and vertical tabs (line breaks inside a paragraph, as Word
 * writes them and the document readers do) are kept for tx_cleanup(). */
#ifndef TX_DECODE_H
#define TX_DECODE_H

#include <stddef.h>

#include "buf.h"
#include "tx.h"

/* Decode `len` bytes of `data` (the contents of the document called `name`,
 * used only in messages) into *out, a NUL-terminated UTF-8 string of *out_len
 * bytes that the caller frees with free().  Empty input gives "" and TX_OK.
 * Errors (nothing in *out): TX_EINPUT with a message naming `name` and the byte
 * offset, for binary data ("name: binary data (NUL byte at offset 12)") and for
 * text that is mostly UTF-8 yet holds an invalid sequence
 * ("name: invalid UTF-8 at byte 1234"); TX_ENOMEM. */
tx_status tx_decode(const char *name, const char *data, size_t len, char **out,
                    size_t *out_len, tx_error *err);

/* Judge the first `len` bytes of a document (its first 64 KiB, or all of it)
 * as tx_decode() would: TX_EINPUT with "name: binary data (NUL byte at offset
 * N)" when they show it is binary data whatever follows, else TX_OK.  Lets a
 * reader give up on a device or a disk image before reading it whole. */
tx_status tx_decode_sniff(const char *name, const char *head, size_t len, tx_error *err);

/* Check that `len` bytes of `s` are valid UTF-8 (RFC 3629: no overlong forms,
 * surrogates or code points above U+10FFFF; NUL bytes are valid).  Returns
 * TX_OK, or TX_EINPUT with the offset of the first invalid byte in
 * *bad_offset (if not NULL).  Sets no tx_error: the caller names the input. */
tx_status tx_utf8_check(const char *s, size_t len, size_t *bad_offset);

/* The encoding a byte order mark at the start of `s` (`len` bytes) names:
 * "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE" or "UTF-32BE" (a static string),
 * with the BOM's length in *bom_len; NULL (and 0) when there is none.
 * FF FE 00 00 is UTF-32LE.  tx_decode() decides by the same table. */
const char *tx_decode_bom(const char *s, size_t len, size_t *bom_len);

/* A strict streaming conversion to UTF-8 (through ICU) from a charset that
 * tx_decode_bom() names, for readers that go through a file piece by piece
 * (the CSV reader), where tx_decode() wants the whole file. */
typedef struct tx_utf8_stream tx_utf8_stream;

/* Start a conversion from `charset`.  TX_OK with *out, which the caller owns
 * and frees with tx_utf8_stream_free(); TX_EINVAL for a charset ICU does not
 * know; TX_ENOMEM. */
tx_status tx_utf8_stream_new(const char *charset, tx_utf8_stream **out);

/* Convert the next `len` bytes of the input (`last`: they end it), borrowed,
 * and append their UTF-8 to the caller's `out`; a character split between two
 * pieces is kept for the next call.  No BOM is removed: skip it first.
 * Returns TX_OK; TX_EINPUT when the input holds an invalid sequence (an
 * unpaired surrogate, a truncated unit), `out` then ending with the text
 * before it, and every later call failing too; TX_ENOMEM. */
tx_status tx_utf8_stream_convert(tx_utf8_stream *cs, const char *in, size_t len,
                                 int last, tx_buf *out);

/* Free `cs`; NULL is a no-op. */
void tx_utf8_stream_free(tx_utf8_stream *cs);

#endif
