/* docseg.h: writing segmented text (docread.h) one segment at a time.
 *
 * The document readers (doc_html.c, doc_bitext.c) hand text to a tx_docseg
 * in pieces as they find it and end a segment where the format says one
 * ends; the writer folds white space, keeps the lines valid UTF-8 and writes
 * no empty line.  Internal to the library. */
#ifndef TX_DOCSEG_H
#define TX_DOCSEG_H

#include <stddef.h>

#include "buf.h"
#include "docread.h"
#include "tx.h"

typedef struct tx_docseg {
    tx_buf *out;       /* borrowed: where the lines go */
    size_t line_start; /* out->len when the current segment began */
    int space;         /* white space seen since the last character written */
    int soft_break;    /* a line break (<br>) since then: '\v' rather than ' ' */
    size_t n_segments; /* segments written (non-empty lines) */
} tx_docseg;

/* Set `s` up to append segments to `out` (borrowed; nothing to release). */
void tx_docseg_init(tx_docseg *s, tx_buf *out);

/* Append the `len` bytes at `text` to the current segment: runs of white
 * space and control characters (C0, DEL) become one space, none at the start
 * of a segment; bytes that are not valid UTF-8 become U+FFFD.  TX_OK or
 * TX_ENOMEM. */
tx_status tx_docseg_add(tx_docseg *s, const char *text, size_t len);

/* End the current segment: a '\n' after it when it holds any character,
 * nothing otherwise.  TX_OK or TX_ENOMEM. */
tx_status tx_docseg_end(tx_docseg *s);

/* A line break inside the current segment (<br>): the next character
 * written starts a soft line ('\v', docread.h); nothing at the start or the
 * end of a segment. */
void tx_docseg_soft_break(tx_docseg *s);

/* Does the current segment hold any character yet? */
int tx_docseg_open(const tx_docseg *s);

/* The gettext PO/POT part of tx_doc_read_bitext() (doc_po.c): the `len`
 * bytes at `data`, the msgstr side when `target`, appended to `out`, with
 * info->side_lang and info->n_segments filled; docread.h's contract. */
tx_status tx_doc_read_po(const char *name, const char *data, size_t len, int target,
                         tx_buf *out, tx_doc_info *info, tx_error *err);

/* Append the `len` bytes at `data`, in `charset` (an iconv name), to `out`
 * in UTF-8; bytes that are no character of `charset` are dropped.  TX_OK,
 * TX_EINVAL when iconv does not know `charset` (nothing appended), or
 * TX_ENOMEM. */
tx_status tx_docseg_to_utf8(const char *charset, const char *data, size_t len,
                            tx_buf *out);

/* Are the `len` bytes at `data` all valid UTF-8 (NUL bytes allowed)? */
int tx_docseg_is_utf8(const char *data, size_t len);

#endif
