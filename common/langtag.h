/* langtag.h: language tags (BCP 47, RFC 5646): the one parser and matcher.
 *
 * termex takes a language as a tag: "fr", "EN", "fr-CA", "fr_CA" (as locales
 * write it), "sr-Latn-RS".  Case never matters and '_' is read as '-'.  A
 * tag is well-formed here when it is subtags of 1 to 8 ASCII letters or
 * digits joined by '-' or '_', the first of 2 to 8 letters, in at most
 * TX_LANGTAG_MAX - 1 bytes: the syntax of RFC 5646 without its registry
 * (a tag naming no known language is still well-formed).
 *
 * Everything that compares two languages goes through here: the language
 * profiles (extractor/lang.c), the TMX, XLIFF and TBX readers, the CSV/TSV
 * header columns and the glossary's own codes. */
#ifndef TX_LANGTAG_H
#define TX_LANGTAG_H

#include <stddef.h>

/* Bytes of the longest tag kept, NUL included. */
#define TX_LANGTAG_MAX 64

/* Write the canonical form of `tag` into `out` (`size` bytes): '-' between
 * subtags, the language lower case, a 2-letter region upper case, a 4-letter
 * script in title case, the rest lower case (RFC 5646 section 2.1.1:
 * "EN_gb" -> "en-GB", "SR-LATN" -> "sr-Latn", "en-US-x-TWAIN" ->
 * "en-US-x-twain").  Returns 0, or -1 (out untouched) when `tag` is NULL,
 * not well-formed or does not fit. */
int tx_langtag_canon(const char *tag, char *out, size_t size);

/* `tag` in canonical form in `buf`, or `tag` itself when it is not
 * well-formed (so that the caller's own check reports it as before).
 * The result is `buf` or `tag`: it lives as long as they do. */
const char *tx_langtag_norm(const char *tag, char buf[TX_LANGTAG_MAX]);

/* Length of the primary (language) subtag of `tag`: 2 for "fr-CA" or "fr_CA". */
size_t tx_langtag_primary_len(const char *tag);

/* How well the tag `have` answers the asked `want`: 2 = the whole tag
 * (en-GB for en-gb), 1 = the primary subtag only (en-US for en-gb, or for en),
 * 0 = not at all.  Case and '_' / '-' do not matter; no well-formedness asked. */
int tx_langtag_match(const char *have, const char *want);

/* Are `a` and `b` the same tag, case and '_' / '-' aside? */
int tx_langtag_same(const char *a, const char *b);

#endif
