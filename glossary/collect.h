/* collect.h: the inputs of an extraction run.
 *
 * Turns the paths a user gives (files, directories walked recursively, "-"
 * for standard input) into a list of inputs, reads an input whole, and tells
 * which inputs repeat the content of the glossary's documents or of an
 * earlier input, so that each content is read once.  What is skipped is
 * reported through the run's notice callback. */
#ifndef TX_COLLECT_H
#define TX_COLLECT_H

#include <stddef.h>
#include <stdint.h>

#include "docread.h"
#include "store.h"
#include "strmap.h"
#include "tx.h"

/* Where an input stands in the run. */
typedef enum tx_input_state {
    TX_INPUT_PENDING = 0, /* not handled yet */
    TX_INPUT_ADDED,       /* read and has text: becomes a document */
    TX_INPUT_KNOWN,       /* same content as a document of the glossary or an
                             earlier input (dup_of): skipped */
    TX_INPUT_FAILED,      /* could not be read or decoded: reported, skipped */
    TX_INPUT_EMPTY,       /* no text: skipped */
    TX_INPUT_IGNORED      /* not a document (an image, a stylesheet, a font...):
                             skipped quietly, counted */
} tx_input_state;

typedef struct tx_input {
    char *path;
    int walked;           /* found in a directory: read only as a regular file */
    tx_input_state state;
    size_t dup_of;        /* TX_INPUT_KNOWN: 1 + the index of the earlier input
                             with this content, or 0 when the glossary had it */
    char hash[65];        /* SHA-256 of the content, hex, once read */
    uint64_t size;        /* from stat() when collected (0 for "-") */
    uint64_t n_bytes, n_tokens;
    int64_t doc_id;       /* once stored */
    tx_doc_format format; /* once read: what tx_doc_sniff() found */
    const char *what;     /* TX_INPUT_IGNORED: what it is ("PNG image"), static */
    int other_lang;       /* its paragraphs were all in other languages (langid.h) */
} tx_input;

typedef struct tx_inputs {
    tx_input *v;
    size_t n, cap;
    size_t n_failed;      /* paths that could not be used, found when collecting */
    tx_store *st;         /* borrowed: its own files are skipped, its documents known */
    tx_notice_fn notice;  /* may be NULL */
    void *cb_arg;
    int stopped;          /* the notice callback returned non-zero: stop (tx.h) */
    tx_strmap dirs;       /* directories walked: (device, inode) -> their path */
    tx_strmap hashes;     /* contents seen in this run -> 1 + input index */
    /* Walked files read: see tx_extract_opts.include/exclude (borrowed). */
    const char *const *include, *const *exclude;
    size_t n_include, n_exclude;
    size_t root_len;      /* the directory being walked: its path's length */
} tx_inputs;

/* Set up an empty list (the caller's) for glossary `st`, reporting through
 * notice(rc, msg, cb_arg) (may be NULL).  tx_inputs_release() frees it. */
void tx_inputs_init(tx_inputs *ins, tx_store *st, tx_notice_fn notice, void *cb_arg);
void tx_inputs_release(tx_inputs *ins);

/* Report msg (printf format) about an input through the notice callback; a
 * callback that returns non-zero sets ins->stopped. */
void tx_inputs_notice(tx_inputs *ins, tx_status rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Add `path`: a file, "-", or a directory walked recursively in name order
 * (hidden entries skipped).  What cannot be used is reported and counted in
 * n_failed.  Fails only when out of memory. */
tx_status tx_inputs_add_path(tx_inputs *ins, const char *path);

/* Mark each input whose content an earlier input has, found without reading
 * inputs whose size or first bytes differ, TX_INPUT_KNOWN: done before the
 * workers start, so that which copy is read does not depend on which worker
 * reaches it first.  Fails only when out of memory. */
tx_status tx_inputs_mark_duplicates(tx_inputs *ins);

/* Input `i` has been read and in->hash set: is its content new to the
 * glossary and to this run?  If not, *is_new = 0 and the input is marked
 * TX_INPUT_KNOWN.  Reads the glossary: the caller serialises calls with any
 * other use of the store.  TX_OK, or TX_EDB / TX_ENOMEM. */
tx_status tx_inputs_check_new(tx_inputs *ins, size_t i, int *is_new, tx_error *err);

/* Read input `in` whole into *data (*len bytes; the caller frees it), at most
 * TX_MAX_DOC_BYTES.  What tx_doc_sniff() on its first block calls binary
 * (TX_DOC_BINARY, a PDF or zip aside: their first block cannot tell) is
 * refused at once, so that a device or a disk image named by mistake is not
 * read for a gigabyte; when `head_only` is not NULL, what it calls
 * TX_DOC_IGNORED (an image, a video) is not read further either: *head_only
 * is then 1 and *data holds the first block only.  Returns TX_OK, or TX_EIO /
 * TX_EINPUT / TX_ENOMEM with a message naming the file. */
tx_status tx_input_read(const tx_input *in, char **data, size_t *len, int *head_only,
                        tx_error *err);

/* TX_EINPUT with the message that says document `name`, of `len` bytes at
 * `data`, which tx_doc_sniff() calls TX_DOC_BINARY (`what`), is not one
 * termex reads, and which ones it reads. */
tx_status tx_input_refuse(const char *name, const char *data, size_t len, const char *what,
                          tx_error *err);

/* The documents termex reads, for messages. */
#define TX_DOC_KINDS "text, PDF, DOCX, PPTX, XLSX, ODT/ODP/ODS, HTML, XLIFF, TMX, PO"

/* Largest document read: beyond this a file is more likely a mistake (a disk
 * image, a database) than a document. */
#define TX_MAX_DOC_BYTES ((size_t)1 << 30)

#endif
