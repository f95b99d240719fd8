/* xmlsafe.h: the one XML reader base of the libxml2 readers (tmx.c, tbxread.c,
 * xliff.c), and the hardening it and the TBX writer share.
 *
 * A file read through our own descriptor with a byte cap and a lexical guard
 * (below), libxml2's errors caught instead of printed, external entities
 * refused, DOCTYPEs declaring entities refused; the reading loop and the state
 * every reader keeps (tx_xml_reader: path, languages, skipped content, the
 * text being gathered); and the language-code helpers the formats need.
 * Internal to the library; `format` parameters name the file type in
 * messages ("TMX").
 *
 * Thread safety: tx_xml_hooks_install() swaps libxml2's process-wide external
 * entity loader (see tmx.h); the error handlers it swaps are per-thread. */
#ifndef TX_XMLSAFE_H
#define TX_XMLSAFE_H

#include <stddef.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "buf.h"
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
    const char *mem;              /* or the bytes in memory (borrowed), NULL */
    size_t mem_len;
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

/* Set `in` up to read the `len` bytes at `data` (borrowed) with the same cap
 * and guard as a file; TX_EINPUT ("NAME: file larger than N bytes") when
 * `len` is over `max_bytes`.  Nothing to close, though
 * tx_xml_input_close() does no harm. */
tx_status tx_xml_input_memory(tx_xml_input *in, const char *name, const char *data,
                              size_t len, unsigned long long max_bytes, tx_error *err);

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

/* ---- the reader base ------------------------------------------------------ */

typedef struct tx_xml_reader tx_xml_reader;

/* What a format (TMX, XLIFF, TBX) adds to the base: its name and limits, and
 * its handlers.  on_root is called for the first element; on_element and
 * on_end_element for every later start and end tag outside skipped content
 * (see skip_depth), the end tag of the element that started the skip
 * included.  A handler returns TX_OK to go on, or a failure with r->err
 * filled (tx_xml_fail_at()); setting r->stop ends the reading with TX_OK. */
typedef struct tx_xml_format {
    const char *name;              /* "TMX": the file type in messages */
    unsigned long long max_file;   /* a larger file is refused */
    size_t max_text;               /* bytes of one text (before white space folding) */
    const char *text_what;         /* what a text is, for "PATH:LINE: segment
                                    * longer than N bytes" */
    tx_status (*on_root)(tx_xml_reader *r);
    tx_status (*on_element)(tx_xml_reader *r);
    tx_status (*on_end_element)(tx_xml_reader *r);
} tx_xml_format;

/* The state every reader shares.  A format's reader holds it as its first
 * member, so that its handlers may cast `r` back to the whole. */
struct tx_xml_reader {
    const tx_xml_format *format;
    const char *path;      /* the file, or the name of the bytes in memory */
    const char *mem;       /* the document in memory (tx_xml_reader_init_memory()) */
    size_t mem_len;
    const char *src_lang;
    const char *tgt_lang;
    tx_error *err;
    xmlTextReaderPtr xr;   /* the node at hand: valid in the handlers only */
    int seen_root;
    int skip_depth;        /* depth of the element whose content is dropped, or -1 */
    int stop;              /* the caller's callback asked to stop */
    int in_text;           /* text nodes go to `text` (tx_xml_text_start()) */
    tx_buf text;           /* the text gathered, XML white space folded */
    size_t text_raw;       /* its bytes before folding */
    int text_space;        /* white space seen since the last kept character */
    unsigned text_line;    /* line of the element the text is in */
};

/* Set `r` up to read `path` in `format`, after checking the arguments every
 * reader takes (TX_EINVAL naming `fn`, the reader's public name, for a NULL
 * or empty one, or tx_lang_pair_check()'s message for the same language
 * twice; nothing is then to be released).  On TX_OK the caller releases `r`
 * with tx_xml_reader_release(); `path`, the languages and `err` are borrowed
 * and must outlive it. */
tx_status tx_xml_reader_init(tx_xml_reader *r, const tx_xml_format *format,
                             const char *fn, const char *path, const char *src_lang,
                             const char *tgt_lang, tx_error *err);

/* Set `r` up to read the `len` bytes at `data`, named `name` in messages,
 * in `format` with tx_xml_reader_run(): a document already in memory (the
 * document readers of docread.h), with no language pair (src_lang and
 * tgt_lang are ""); the same hardening as a file, the guard included.  The
 * caller releases `r` with tx_xml_reader_release(); `name`, `data` and `err`
 * are borrowed and must outlive it. */
void tx_xml_reader_init_memory(tx_xml_reader *r, const tx_xml_format *format,
                               const char *name, const char *data, size_t len,
                               tx_error *err);

/* Read the file with every hardening above (our own descriptor, byte cap and
 * guard, libxml2's errors caught, no entity or DTD loaded: a DOCTYPE
 * declaring an entity and any entity reference fail with TX_EINPUT), calling
 * the format's handlers, and gathering text between tx_xml_text_start() and
 * tx_xml_text_end().  TX_OK when the whole document was read or a handler set
 * r->stop; "PATH: no root element" (TX_EINPUT) for a document without one;
 * otherwise the first failure, as tx_xml_read_failure() says for libxml2's.
 * The descriptor, reader and hooks set up here are gone when it returns. */
tx_status tx_xml_reader_run(tx_xml_reader *r);

/* Free what the base holds (not the format's own state). */
void tx_xml_reader_release(tx_xml_reader *r);

/* Start gathering the text of the current element: empty `text`, its line
 * noted for messages. */
void tx_xml_text_start(tx_xml_reader *r);

/* Stop gathering; the text stays in r->text until the next start. */
void tx_xml_text_end(tx_xml_reader *r);

/* Append `text` to r->text, folding runs of XML white space (space, tab, CR,
 * LF) into one space and dropping them at the start (the end is never
 * written).  TX_EINPUT ("PATH:LINE: segment longer than N bytes") past the
 * format's max_text, TX_ENOMEM. */
tx_status tx_xml_text_add(tx_xml_reader *r, const char *text);

/* Is `name` (may be NULL) exactly `want`? */
int tx_xml_is_name(const xmlChar *name, const char *want);

/* Fail with TX_EINPUT and "PATH:LINE: " followed by the formatted message. */
tx_status tx_xml_fail_at(tx_xml_reader *r, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Fail with "PATH:LINE: misplaced <NAME>" at the current node. */
tx_status tx_xml_misplaced(tx_xml_reader *r, const xmlChar *name);

/* Fail with TX_ENOMEM and "PATH:LINE: out of memory" at the current node. */
tx_status tx_xml_nomem(tx_xml_reader *r);

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

/* Language tags are compared by tx_langtag_match() and tx_langtag_same()
 * (common/langtag.h). */

/* Add `code` (lower-cased, odd bytes shown as '?') to the ", "-separated list
 * in `langs` (`size` bytes, NUL-terminated) unless it is there; a full list
 * ends with "...". */
void tx_xml_note_lang(char *langs, size_t size, const char *code);

/* TX_OK when `src_lang` and `tgt_lang` are two languages (tx_langtag_same()
 * is false: case and '_' / '-' aside); else TX_EINVAL with the one message
 * every reader, writer and run gives for it: "source and target languages
 * are the same ('fr')".  Both must be non-NULL. */
tx_status tx_lang_pair_check(const char *src_lang, const char *tgt_lang, tx_error *err);

#endif
