/* langcode.h: which language codes name a language (ISO 639), for the files
 * that say their languages: a code termex does not know ("xx", as some
 * converters write for "unknown") is worth an error, not a silent loss. */
#ifndef TX_LANGCODE_H
#define TX_LANGCODE_H

/* Is the primary subtag of `tag` a language: an ISO 639-1 code (two letters,
 * the deprecated "in", "iw", "ji", "mo", "sh" included) or three letters (ISO
 * 639-2/3, not checked against the registry, but neither "und", "mis", "mul",
 * "zxx" nor the private range qaa-qtz)?  Case and '_' do not matter; 0 for a
 * NULL or malformed tag. */
int tx_langcode_known(const char *tag);

#endif
