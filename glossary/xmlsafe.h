/* xmlsafe.h: the hardening shared by the libxml2 readers (tmx.c, tbx.c, xliff.c).
 *
 * A file read through our own descriptor with a byte cap and a lexical guard
 * (below), libxml2's errors caught instead of printed, external entities
 * refused, DOCTYPEs declaring entities refused, and the language-code helpers
 * both formats need.  Internal to the library; `format` parameters name the
 * file type in messages ("TMX").
 *
 * Thread safety: tx_xml_hooks_install() swaps libxml2's process-wide external
 * entity loader (see tmx.h); the error handlers it swaps are per-thread. */
#ifndef TX_XMLSAFE_H
#define TX_XMLSAFE_H

#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "tx.h"
#include "xmlguard.h"

/* What xmlReaderForIO() wants on top of the defaults: no NOENT, DTDLOAD,
 * DTDATTR, DTDVALID or HUGE (no entity substitution, no external DTD or entity,
 * libxml2's default size and depth limits). */
#define TX_XML_READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

/* ---- raw input ---------------------------------------------------------- */

/* The file as libxml2 sees it: read through our own descriptor, not by name,
 * and through the guard. */
typedef struct tx_xml_input {
    int fd;                       /* -1 when not open */
    unsigned long long max_bytes; /* the size limit */
    unsigned long long n_read;
    int too_big;                  /* more than max_bytes bytes came */
    int errnum;                   /* errno of a failed read(), else 0 */
    const char *format;           /* file type in messages ("TMX"), NULL = "XML" */
    tx_xml_guard guard;           /* guard.limit set: the guard refused the file */
} tx_xml_input;

/* Open `path` for reading into `in`, refusing a directory (TX_EIO) and a regular
 * file over `max_bytes` (TX_EINPUT, "PATH: file larger than N bytes"), and set
 * the guard to the start of the file.  On TX_OK the caller closes `in` with
 * tx_xml_input_close(); on failure in->fd is -1. */
tx_status tx_xml_input_open(tx_xml_input *in, const char *path,
                            unsigned long long max_bytes, tx_error *err);

/* Close the descriptor of `in` (if open) and mark it closed. */
void tx_xml_input_close(tx_xml_input *in);

/* xmlInputReadCallback for xmlReaderForIO() with a tx_xml_input as context:
 * returns -1 on a read error, once more than max_bytes have come, or when the
 * guard finds a limit passed in the bytes read (which libxml2 then never gets);
 * every later call returns -1 too.  Pass no close callback: the descriptor
 * stays the caller's. */
int tx_xml_input_read(void *ctx, char *buf, int len);

/* ---- libxml2's diagnostics ---------------------------------------------- */

/* The first error libxml2 reported (warnings are ignored), on one line: libxml2's
 * embedded newlines and tabs become spaces, trailing white space is dropped. */
typedef struct tx_xml_fault {
    int set;
    int line;
    char msg[320];
} tx_xml_fault;

/* libxml2's global hooks we replace for the duration of a call. */
typedef struct tx_xml_hooks {
    int loader_set;
    xmlExternalEntityLoader loader;
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
} tx_xml_hooks;

/* Save libxml2's hooks in `saved`, send its errors to `fault` (the generic
 * channel is dropped) and, when `refuse_loading`, install an external entity
 * loader that loads nothing.  `fault` must outlive the matching restore. */
void tx_xml_hooks_install(tx_xml_hooks *saved, tx_xml_fault *fault, int refuse_loading);

/* Put back the hooks tx_xml_hooks_install() saved in `saved`. */
void tx_xml_hooks_restore(const tx_xml_hooks *saved);

/* Send the errors of reader `xr` to `fault` too; `fault` must outlive `xr`. */
void tx_xml_reader_catch(xmlTextReaderPtr xr, tx_xml_fault *fault);

/* The reader failed or reported an error: fill `err` with why, the most
 * specific cause first (size limit, the guard's limit as "PATH:LINE: more than
 * 256 attributes on one element (a limit of termex)", read error, libxml2's
 * message, "malformed XML"), every message starting with "PATH:" (and the line
 * when known). */
tx_status tx_xml_read_failure(const char *path, const tx_xml_input *in,
                              const tx_xml_fault *fault, tx_error *err);

/* ---- the reading loop --------------------------------------------------- */

/* Called for each node of the document but DOCTYPEs and entity nodes (which
 * tx_xml_read() handles), with xmlTextReaderNodeType() as `type`; returns TX_OK
 * to go on, or a failure (with `err` filled) that ends the reading.  Setting
 * *stop ends the reading early with TX_OK.  `xr` is valid only during the call. */
typedef tx_status (*tx_xml_node_fn)(xmlTextReaderPtr xr, int type, void *ctx,
                                    int *stop);

/* Read the XML file `path` (at most `max_bytes` bytes) with every hardening
 * above, calling `on_node` with `ctx` for each node.  A DOCTYPE declaring an
 * entity and any entity reference fail with TX_EINPUT, `format` naming the file
 * type ("TMX") in the message; libxml2's errors, the size limit and the guard's
 * limits fail as tx_xml_read_failure() says.  On TX_OK the whole document was read or
 * `on_node` asked to stop; checks of what the document held (a root element...)
 * are the caller's.  The caller owns `ctx`; the descriptor, reader and hooks
 * this sets up are gone when it returns. */
tx_status tx_xml_read(const char *path, unsigned long long max_bytes,
                      const char *format, tx_xml_node_fn on_node, void *ctx,
                      tx_error *err);

/* ---- nodes -------------------------------------------------------------- */

/* If `xr` stands on a DOCTYPE declaring any entity, fail with TX_EINPUT and
 * "PATH: entity declarations are not accepted in FORMAT (in the DOCTYPE)". */
tx_status tx_xml_check_doctype(xmlTextReaderPtr xr, const char *path,
                               const char *format, tx_error *err);

/* Line of the reader's current node, 0 if unknown. */
unsigned tx_xml_node_line(xmlTextReaderPtr xr);

/* ---- languages ---------------------------------------------------------- */

/* ASCII lower case of `c`, with '_' read as '-' (fr_CA, as locales write it,
 * is fr-CA); other bytes unchanged. */
int tx_xml_ascii_lower(int c);

/* How well the language code `have` answers the asked `want`: 2 = the whole
 * code (en-GB for en-gb), 1 = the primary subtag only (en-US for en-gb, or for
 * en), 0 = not at all.  Case and '_' / '-' do not matter. */
int tx_xml_lang_match(const char *have, const char *want);

/* Are `a` and `b` the same code, case and '_' / '-' aside? */
int tx_xml_same_lang(const char *a, const char *b);

/* Add `code` (lower-cased, odd bytes shown as '?') to the ", "-separated list
 * in `langs` (`size` bytes, NUL-terminated) unless it is there; a full list
 * ends with "...". */
void tx_xml_note_lang(char *langs, size_t size, const char *code);

/* TX_OK when `src_lang` and `tgt_lang` are two languages (tx_xml_same_lang()
 * is false: case and '_' / '-' aside); else TX_EINVAL with the one message
 * every reader, writer and run gives for it: "source and target languages
 * are the same ('fr')".  Both must be non-NULL. */
tx_status tx_lang_pair_check(const char *src_lang, const char *tgt_lang, tx_error *err);

/* The arguments every reader takes: a path and two different languages.
 * TX_EINVAL naming `fn` or the languages otherwise. */
tx_status tx_xml_check_args(const char *fn, const char *path, const char *src_lang,
                            const char *tgt_lang, tx_error *err);

#endif
