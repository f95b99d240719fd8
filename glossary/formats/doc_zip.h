/* doc_zip.h: what the readers of zip containers (doc_ooxml.c, doc_odf.c)
 * share: a member reader on libzip with the limits of tx_doc_opts, the XML
 * loop over a member in memory with the hardening of xmlsafe.h, and the
 * gathering of paragraphs into segmented text.
 *
 * Internal to the library.  Every message starts with the document's name and
 * names the member: "bomb.docx: member word/document.xml inflates to more
 * than 256 MiB (a zip bomb?)". */
#ifndef TX_DOC_ZIP_H
#define TX_DOC_ZIP_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/xmlreader.h>

#include "buf.h"
#include "docread.h"
#include "tx.h"

/* ---- the container ------------------------------------------------------ */

typedef struct tx_zip tx_zip;

/* Open the `len` bytes at `data` (borrowed: they must outlive the container)
 * as a zip container named `name` (borrowed too), with the limits of `o`:
 * TX_EINPUT for a damaged archive, one with duplicate member names or more
 * than o->max_members members; TX_ENOMEM.  On TX_OK the caller frees *out
 * with tx_zip_close(). */
tx_status tx_zip_open(tx_zip **out, const char *name, const char *data, size_t len,
                      const tx_doc_opts *o, tx_error *err);

/* Free `z` (NULL is fine). */
void tx_zip_close(tx_zip *z);

/* Number of members of `z` whose name starts with `prefix`. */
unsigned tx_zip_count_prefix(tx_zip *z, const char *prefix);

/* Does `z` hold a member named `member`? */
int tx_zip_has(tx_zip *z, const char *member);

/* Replace the contents of `out` by the inflated bytes of `member`, counting
 * them as they come (the sizes the archive states are never trusted):
 * TX_ENOTFOUND without a message when `member` is absent and `optional`;
 * TX_EINPUT naming the member when it is absent (and not optional),
 * encrypted, damaged, or passes a limit (its own size, its ratio to its
 * compressed size once over 1 MiB, all members read so far); TX_ENOMEM. */
tx_status tx_zip_read(tx_zip *z, const char *member, int optional, tx_buf *out,
                      tx_error *err);

/* ---- XML members -------------------------------------------------------- */

/* The walk of one XML member.  The handler sees every element (`type`
 * XML_READER_TYPE_ELEMENT, then XML_READER_TYPE_END_ELEMENT, also for an
 * empty element) and text node (XML_READER_TYPE_TEXT, CDATA and white space
 * too) outside skipped content; setting skip_depth = depth on an element
 * drops everything up to its end tag, which the handler does not see. */
typedef struct tx_docxml {
    const char *label;   /* "report.docx: word/document.xml", for messages */
    tx_error *err;
    xmlTextReaderPtr xr; /* the node at hand */
    int type;
    int depth;
    int skip_depth;      /* -1 when nothing is skipped */
    tx_status (*on_node)(struct tx_docxml *x, void *arg);
    void *arg;
} tx_docxml;

/* Walk the XML of `member` (its `len` bytes at `xml`), as document `name`
 * holds it, calling on_node(x, arg) as tx_docxml says.  Hardened as xmlsafe.h
 * says: the lexical guard of xmlguard.h on the bytes first, no DTD or entity
 * loaded, a DOCTYPE declaring an entity and any entity reference refused,
 * libxml2's errors caught (TX_EINPUT naming the member and the line).  The
 * handler's failure ends the walk and is returned. */
tx_status tx_docxml_walk(const char *name, const char *member, const char *xml,
                         size_t len, tx_status (*on_node)(tx_docxml *x, void *arg),
                         void *arg, tx_error *err);

/* Is the node at hand named `local` in a namespace whose URI ends with
 * `ns_tail` ("/wordprocessingml/2006/main")?  Transitional and strict OOXML
 * differ in their URIs' beginnings only. */
int tx_docxml_is(const tx_docxml *x, const char *ns_tail, const char *local);

/* Copy the value of attribute `local` of the element at hand, in a namespace
 * whose URI ends with `ns_tail` (NULL: in no namespace), into `buf` (`size`
 * bytes, cut to fit) and return 1; 0 and "" without one. */
int tx_docxml_attr(const tx_docxml *x, const char *ns_tail, const char *local,
                   char *buf, size_t size);

/* ---- segmented text ------------------------------------------------------ */

#define TX_DOCTEXT_NEST 16 /* paragraphs open at once (text boxes, notes) */

/* Paragraphs being gathered: text added goes to the innermost open one; a
 * paragraph closed becomes a line of `out`, or of `notes` when
 * it was opened as a note, unless it holds only white space. */
typedef struct tx_doctext {
    tx_buf *out;                      /* borrowed */
    tx_buf notes;                     /* lines for after the body */
    tx_buf para[TX_DOCTEXT_NEST];
    int to_notes[TX_DOCTEXT_NEST];
    int space[TX_DOCTEXT_NEST];       /* white space pending before more text */
    int n_open;
    unsigned n_deeper;                /* opened past the limit: added to the innermost */
    unsigned n_lines;                 /* lines written to out or notes */
} tx_doctext;

/* Set `t` up to write to `out`; tx_doctext_release() frees it. */
void tx_doctext_init(tx_doctext *t, tx_buf *out);
void tx_doctext_release(tx_doctext *t);

/* Open a paragraph (a note's when `note`, or inside a note's). */
void tx_doctext_open(tx_doctext *t, int note);

/* Add `len` bytes of text to the innermost paragraph (nothing when none is
 * open): XML white space folds into one space, soft hyphens (U+00AD) go. */
tx_status tx_doctext_add(tx_doctext *t, const char *s, size_t len);

/* A tab or a space element: white space in the innermost paragraph. */
void tx_doctext_space(tx_doctext *t);

/* A line break inside the innermost paragraph (w:br, a:br, text:line-break):
 * a '\v' in its line, the soft line end of docread.h. */
tx_status tx_doctext_break(tx_doctext *t);

/* Close the innermost paragraph, writing its line. */
tx_status tx_doctext_close(tx_doctext *t);

/* Close what is open and append the notes' lines to `out`. */
tx_status tx_doctext_finish(tx_doctext *t);

#endif
