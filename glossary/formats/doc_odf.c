/* doc_odf.c: OpenDocument text, presentations and spreadsheets (ODT, ODP,
 * ODS) -> segmented text.
 *
 * content.xml is read in document order, one line per text:p and text:h
 * (headings, list items, table cells' paragraphs, text boxes of draw:frame,
 * the slides of a presentation in order); text:s and text:tab are white
 * space, text:line-break a soft line end inside the paragraph ('\v', as w:br
 * in DOCX).  The same choices as doc_ooxml.c: footnotes and
 * endnotes (text:note) become their own lines after the body, their
 * citation mark dropped; annotations (office:annotation) are dropped; tracked
 * deletions are dropped (their text is held in text:tracked-changes, not in
 * the body, and that whole block is left out), insertions kept; indexes and
 * tables of contents (copies of the headings) dropped; presentation notes
 * dropped; a table cell with a value type other than string (a number, a
 * date, a percentage...) is skipped.  Headers and footers live in
 * styles.xml, never read.  What is dropped is counted in n_dropped.
 * A document saved with a password (its manifest says how content.xml is
 * encrypted, ODF's own encryption rather than the zip's) is refused with
 * a line saying so, before its ciphertext reaches the XML parser. */
#include <string.h>

#include "doc_zip.h"
#include "docread.h"
#include "error.h"

#define TEXT_NS ":text:1.0"
#define OFFICE_NS ":office:1.0"
#define TABLE_NS ":table:1.0"
#define PRES_NS ":presentation:1.0"
#define SVG_NS ":svg-compatible:1.0"

typedef struct odf {
    tx_doctext t;
    int note_depth;    /* text:note-body elements open */
    int in_changes;    /* in text:tracked-changes */
    unsigned n_dropped;
} odf;

/* The generated indexes: copies of headings, captions, entries. */
static int is_index(const tx_docxml *x)
{
    static const char *const names[] = {
        "table-of-content", "alphabetical-index", "illustration-index", "table-index",
        "object-index", "user-index", "bibliography",
    };

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (tx_docxml_is(x, TEXT_NS, names[i]))
            return 1;
    return 0;
}

/* Drop the element at hand and what it holds, counting it when `count`. */
static tx_status drop(tx_docxml *x, odf *d, int count)
{
    x->skip_depth = x->depth;
    if (count)
        d->n_dropped++;
    return TX_OK;
}

static tx_status odf_element(tx_docxml *x, odf *d)
{
    char type[40];

    if (d->in_changes) {
        if (tx_docxml_is(x, TEXT_NS, "deletion"))
            d->n_dropped++;
        return TX_OK;
    }
    if (tx_docxml_is(x, TEXT_NS, "p") || tx_docxml_is(x, TEXT_NS, "h"))
        tx_doctext_open(&d->t, d->note_depth > 0);
    else if (tx_docxml_is(x, TEXT_NS, "s") || tx_docxml_is(x, TEXT_NS, "tab"))
        tx_doctext_space(&d->t);
    else if (tx_docxml_is(x, TEXT_NS, "line-break"))
        return tx_doctext_break(&d->t);
    else if (tx_docxml_is(x, TEXT_NS, "note-body"))
        d->note_depth++;
    else if (tx_docxml_is(x, TEXT_NS, "tracked-changes"))
        d->in_changes = 1;
    else if (tx_docxml_is(x, TEXT_NS, "note-citation") || tx_docxml_is(x, SVG_NS, "title")
             || tx_docxml_is(x, SVG_NS, "desc"))
        return drop(x, d, 0);
    else if (tx_docxml_is(x, OFFICE_NS, "annotation") || tx_docxml_is(x, PRES_NS, "notes")
             || is_index(x))
        return drop(x, d, 1);
    else if (tx_docxml_is(x, TABLE_NS, "table-cell")
             && tx_docxml_attr(x, OFFICE_NS, "value-type", type, sizeof type)
             && strcmp(type, "string") != 0)
        return drop(x, d, 0);
    return TX_OK;
}

static tx_status on_odf(tx_docxml *x, void *arg)
{
    odf *d = arg;
    const char *s;

    if (x->type == XML_READER_TYPE_ELEMENT)
        return odf_element(x, d);
    if (x->type == XML_READER_TYPE_END_ELEMENT) {
        if (tx_docxml_is(x, TEXT_NS, "tracked-changes"))
            d->in_changes = 0;
        else if (d->in_changes)
            return TX_OK;
        else if (tx_docxml_is(x, TEXT_NS, "p") || tx_docxml_is(x, TEXT_NS, "h"))
            return tx_doctext_close(&d->t);
        else if (tx_docxml_is(x, TEXT_NS, "note-body") && d->note_depth > 0)
            d->note_depth--;
        return TX_OK;
    }
    if (d->in_changes)
        return TX_OK;
    s = (const char *)xmlTextReaderConstValue(x->xr);
    return s ? tx_doctext_add(&d->t, s, strlen(s)) : TX_OK;
}

/* Does `b` hold the bytes of `word`? */
static int mentions(const tx_buf *b, const char *word)
{
    size_t n = strlen(word);

    for (size_t i = 0; b->data && i + n <= b->len; i++)
        if (memcmp(b->data + i, word, n) == 0)
            return 1;
    return 0;
}

tx_status tx_doc_read_odf(const char *name, const char *data, size_t len,
                          const tx_doc_opts *o, tx_buf *out, tx_doc_info *info,
                          tx_error *err)
{
    tx_zip *z;
    odf d;
    tx_buf xml;
    tx_status rc;

    memset(info, 0, sizeof *info);
    info->format = TX_DOC_ODF;
    if ((rc = tx_zip_open(&z, name, data, len, o, err)) != TX_OK)
        return rc;
    memset(&d, 0, sizeof d);
    tx_doctext_init(&d.t, out);
    tx_buf_init(&xml);
    rc = tx_zip_read(z, "META-INF/manifest.xml", 1, &xml, err);
    if (rc == TX_ENOTFOUND || (rc == TX_OK && !mentions(&xml, "encryption-data")))
        rc = tx_zip_read(z, "content.xml", 0, &xml, err);
    else if (rc == TX_OK)
        rc = tx_fail(err, TX_EINPUT, "%s: member content.xml is encrypted (save the document "
                     "without a password first)", name);
    if (rc == TX_OK)
        rc = tx_docxml_walk(name, "content.xml", xml.data ? xml.data : "", xml.len, on_odf,
                            &d, err);
    if (rc == TX_OK && tx_doctext_finish(&d.t) != TX_OK)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    if (rc == TX_OK && d.t.n_lines == 0)
        rc = tx_fail(err, TX_EINPUT, "%s: no text in this OpenDocument file", name);
    info->n_dropped = d.n_dropped;
    tx_doctext_release(&d.t);
    tx_buf_release(&xml);
    tx_zip_close(z);
    return rc;
}
