/* tbx.h: writing and reading TBX-Basic glossaries (TBX 2019 and TBX 2008).
 *
 * The writer streams one concept at a time through libxml2's xmlTextWriter (it
 * escapes, writes UTF-8 and keeps only the stack of open elements), so a
 * glossary of any size is written in constant memory.  Two flavours:
 *
 * - TX_TBX_2019: ISO 30042:2019 TBX-Basic 1.2.1, DCA style, root
 *   <tbx type="TBX-Basic" style="dca" xml:lang="SRC" xmlns="urn:iso:std:iso:30042:ed-2">,
 *   conceptEntry / langSec / termSec;
 * - TX_TBX_2008: LISA TBX-Basic 2008, root <martif type="TBX-Basic" xml:lang="SRC">,
 *   termEntry / langSet / tig: what OmegaT and most CAT tools read.
 *
 * In both, each term carries: <term>; termNote partOfSpeech (when known);
 * termNote administrativeStatus (from tx_status_to_tbx()); the context as
 * descrip type="context", wrapped with its source in a descripGrp
 * (<descripGrp><descrip type="context">..</descrip>
 *  <admin type="source">..</admin></descripGrp>, as in the TBX-Basic samples)
 * when there is a source, and a bare
 * <admin type="source"> when there is a source but no context.  Output
 * validates against the TBX-Basic schemas (core RNG + Basic Schematron for 2019;
 * DTD + RNG + embedded Schematron for 2008) as long as at least one concept is
 * written (TBX requires a non-empty body).
 *
 * The reader is a streaming, hardened xmlTextReader loop with the same defences
 * as tmx.c: no entity expansion, no DTD or external entity loading, no network,
 * entity declarations and references refused, libxml2 never prints, sizes capped.
 *
 * Thread safety: as tx_tmx_read(), tx_tbx_read() swaps libxml2's process-wide
 * external entity loader for the duration of the read (see tmx.h).  The writer
 * swaps only libxml2's per-thread error handlers, during each call. */
#ifndef TX_TBX_H
#define TX_TBX_H

#include <stddef.h>
#include <stdio.h>

#include "concept.h"
#include "tx.h"

/* Reader limits: a text field (term, note, context, source) longer than
 * TX_TBX_MAX_TEXT bytes, an entry keeping more than TX_TBX_MAX_ENTRY bytes of
 * text or TX_TBX_MAX_TERMS terms in the two asked languages, and a file larger
 * than TX_TBX_MAX_FILE bytes are refused (TX_EINPUT). */
#define TX_TBX_MAX_TEXT ((size_t)1 << 20)              /* 1 MiB */
#define TX_TBX_MAX_ENTRY ((size_t)16 << 20)            /* 16 MiB */
#define TX_TBX_MAX_TERMS ((size_t)10000)
#define TX_TBX_MAX_FILE ((unsigned long long)1 << 32)  /* 4 GiB */

typedef enum tx_tbx_version { TX_TBX_2019 = 2019, TX_TBX_2008 = 2008 } tx_tbx_version;

/* The namespace of TBX 2019's core elements (TBX 2008 has none). */
#define TX_TBX_NS "urn:iso:std:iso:30042:ed-2"

typedef struct tx_tbx_writer tx_tbx_writer;

/* Start a TBX-Basic document on `f` (borrowed; the caller closes it): 2019 = ISO
 * 30042:2019 TBX-Basic DCA, <tbx type="TBX-Basic" style="dca" xml:lang="SRC"
 * xmlns="urn:iso:std:iso:30042:ed-2">; 2008 = <martif type="TBX-Basic"
 * xml:lang="SRC"> (what OmegaT reads), with the DOCTYPE naming
 * TBXBasiccoreStructV02.dtd (never loaded by readers; the TBX-Basic sample has it)
 * and the encodingDesc <p type="XCSURI">TBXBasicXCSV02.xcs</p> TBX-Basic 2008
 * requires.  Written through libxml2's xmlTextWriter (escaping, UTF-8),
 * streaming: nothing is kept per concept.  The header holds
 * titleStmt/title = `title` (NULL: "termex glossary") and a sourceDesc naming
 * termex and the language pair.  `src_lang` and `tgt_lang` are language codes
 * (letters, digits, '-'); they are the xml:lang of the document and the
 * defaults for concepts whose src_lang/tgt_lang are NULL.
 * The caller owns *out and frees it with tx_tbx_writer_free().
 * Errors: TX_EINVAL (bad version, language or title; src_lang equal to tgt_lang),
 * TX_EIO, TX_ENOMEM. */
tx_status tx_tbx_writer_new(FILE *f, tx_tbx_version version, const char *src_lang,
                            const char *tgt_lang, const char *title,
                            tx_tbx_writer **out, tx_error *err);

/* Write one concept (borrowed; nothing of it is kept).  Text that XML cannot
 * carry is repaired, not refused, so that one damaged row (a glossary made by an
 * older termex, a document path that is not UTF-8) never stops an export and
 * the output always validates: each byte that starts no valid UTF-8 sequence
 * becomes U+FFFD, and so does each character XML 1.0 forbids (C0 controls but
 * tab, LF, CR; U+FFFE, U+FFFF; see tx_text_clean()); DEL and C1 controls are XML
 * characters and are written as they are.  Text is then normalised as the
 * reader normalises it, so that write -> read -> write is byte-identical: runs
 * of XML white space (space, tab, CR, LF) become one space, ends are trimmed;
 * a field that becomes empty counts as absent.  pos is written as is when it is
 * in the version's partOfSpeech picklist (2019: adjective, adverb, noun, verb,
 * other; 2008 adds properNoun, written "noun" in 2019), else as "other".  A
 * status outside approved/candidate/rejected writes no administrativeStatus.
 * The target langSec is left out when c->n_tgt is 0.
 * Errors: TX_EINVAL (no id, or an id that is not an XML name since TBX declares
 * it an ID; no source term; a term without text or only white space; a bad
 * language code), naming the concept: "concept 'c3': source term 1 is empty";
 * nothing of that concept is written.
 * TX_EIO when writing failed (then every later call fails too). */
tx_status tx_tbx_write(tx_tbx_writer *w, const tx_concept *c, tx_error *err);

/* End the document and flush; TX_EIO when writing failed (now or earlier). */
tx_status tx_tbx_writer_finish(tx_tbx_writer *w, tx_error *err);

/* Free the writer; NULL is a no-op.  Does not close the FILE; without a
 * successful tx_tbx_writer_finish() the document is left unfinished. */
void tx_tbx_writer_free(tx_tbx_writer *w);

typedef struct tx_tbx_info {
    tx_tbx_version version; /* from the root element */
    size_t n_concepts;      /* entries passed to fn */
    size_t n_no_src;        /* entries without a src_lang term, not passed */
    unsigned long no_src_line; /* the line of the first of them */
    char langs[256];        /* languages seen, lower case, ", "-separated, for
                             * messages ("de, en, fr"); ends in "..." when cut */
    char unkept[128];       /* what the file holds outside its entries that a
                             * glossary does not keep ("refObjectList"),
                             * ", "-separated */
} tx_tbx_info;

/* Read a TBX file (2019 <tbx> or 2008 <martif>, any TBX-Basic-like content),
 * calling fn for each conceptEntry/termEntry that has a term in src_lang
 * (languages match by primary subtag, case-insensitively, as in tmx.h); tgt terms
 * are those in tgt_lang.  A langSec/langSet matching both (fr-FR and fr-CA asked)
 * goes to the side whose whole code it equals, else to the source.
 *
 * Per term (termSec, tig, or ntig/termGrp) the fields mapped back are exactly
 * those the writer writes: the <term>; the first termNote partOfSpeech (pos),
 * termType (type), grammaticalGender (gender), geographicalUsage (geo); the
 * first termNote administrativeStatus through tx_status_from_tbx() (status,
 * NULL for other values; a deprecated target term is "forbidden"); the first
 * descrip type="context", bare or in a descripGrp (context); the admin
 * type="source" of that descripGrp, else the first admin type="source"
 * directly in the term section (source); its notes.  Per concept: the first
 * definition (of the entry, or of a source language section), the first
 * subjectField (domain), the transactions (transacGrp with an origination or
 * modification and a date, at any level, in document order).  Notes of the
 * entry and of the source language section join the first source term's,
 * those of the target section the first target term's, with a line break.
 * Everything else the entry holds (termLocation, customerSubset, xref, a
 * definition's source, a language section of another language, ...) is
 * skipped and named in c->unkept, each kind once per entry ("termLocation",
 * "language de", "definition (target language)"); back matter is named in
 * info->unkept.  Elements in foreign namespaces (DCT style) are skipped with
 * their content.  Text is the element's text content with XML white space runs
 * made one space and the ends trimmed; a term that is empty is skipped.
 * A language section whose xml:lang is neither language asked and no
 * language code (tx_langcode_known(): "xx") is an error, TX_EINPUT, naming it.
 * In the concept given to fn: id is the entry's id attribute (NULL when it has
 * none); line is the line of the entry's start tag; src_lang/tgt_lang are the
 * xml:lang of the first matching langSec as written in the file (the asked
 * code when there is none); score and freq are 0
 * (TBX-Basic has no place for them).  The concept and its strings are owned by
 * the reader and valid during the call only.  A non-zero return from fn stops
 * the reading (tx_tbx_read() then returns TX_OK).  fn may be NULL to count.
 * Concepts reach fn as they are read: see tx_tmx_read() on partial results.
 *
 * `info` (may be NULL) is filled even on failure, as far as the reading got.
 * Returns TX_OK, or:
 * - TX_EIO: the file cannot be opened or read ("PATH: No such file or directory");
 * - TX_EINPUT: malformed XML or invalid UTF-8 ("PATH:LINE: <libxml2's message>");
 *   wrong root ("PATH:LINE: not a TBX file (root element is <tmx>)"); a DOCTYPE
 *   declaring entities ("PATH: entity declarations are not accepted in TBX (in
 *   the DOCTYPE)") or an entity reference; a limit exceeded ("PATH:LINE: text
 *   longer than 1048576 bytes");
 * - TX_ENOTFOUND: no entry has a term in src_lang ("PATH: no entry with a term
 *   in 'fr' (languages found: de, en)");
 * - TX_EINVAL: a NULL or empty argument, or src_lang equal to tgt_lang; TX_ENOMEM. */
tx_status tx_tbx_read(const char *path, const char *src_lang, const char *tgt_lang,
                      tx_concept_fn fn, void *arg, tx_tbx_info *info, tx_error *err);

/* tx_tbx_read() with the file's language codes mapped first: each of the
 * `n_lang_map` strings "CODE=TAG" says that xml:lang="CODE" (any case) is
 * language TAG. */
tx_status tx_tbx_read_mapped(const char *path, const char *src_lang, const char *tgt_lang,
                             const char *const *lang_map, size_t n_lang_map,
                             tx_concept_fn fn, void *arg, tx_tbx_info *info,
                             tx_error *err);

#endif
