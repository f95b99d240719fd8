/* doc_ooxml.c: Office Open XML documents (DOCX, PPTX, XLSX) -> segmented text.
 *
 * What is read, in reading order, one line per paragraph:
 * - DOCX: word/document.xml, each w:p (headings, list items, table cells'
 *   paragraphs, text boxes' paragraphs: a text box's lines come before the
 *   paragraph it is anchored in) with the text of its w:t; w:tab is a space,
 *   w:noBreakHyphen a '-', w:softHyphen nothing; w:br and w:cr are soft
 *   line ends inside the paragraph ('\v', docread.h: the text clean-up
 *   decides whether the lines join, as it does for the lines of a text
 *   file).  Tracked insertions (w:ins) are kept,
 *   tracked deletions (w:del, w:moveFrom) dropped; field codes (w:instrText)
 *   are not text, their results are.  Then the footnotes and endnotes
 *   (word/footnotes.xml, word/endnotes.xml), each paragraph a line after the
 *   body: they are the author's text, in the document's language.  Dropped
 *   (counted in n_dropped): comments (a reviewer's remarks, not the
 *   document), headers and footers (running text), deletions, the fallback
 *   copies of mc:AlternateContent (which would repeat text boxes).
 * - PPTX: the slides in the order of ppt/presentation.xml, each a:p of each
 *   slide a line (a:br a soft line end, '\v'); speaker notes dropped.
 * - XLSX: the text cells of each sheet, in workbook order, row by row: shared
 *   strings (cells of type s) and inline strings, each cell one line; numbers,
 *   dates, booleans and formulas' results skipped.
 * Members are found by relationships (presentation and workbook) or by their
 * usual names (word/...); a member is only ever a name inside the archive. */
#define _POSIX_C_SOURCE 200809L /* strdup() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_zip.h"
#include "docread.h"
#include "error.h"

#define REL_NS "relationships" /* tail of the r: namespace, transitional and strict */
#define MC_NS "/markup-compatibility/2006"

/* Is the node at hand `local` in the OOXML namespace of `kind`
 * ("wordprocessingml"), transitional or strict? */
static int is_ns(const tx_docxml *x, const char *kind, const char *local)
{
    char t1[64], t2[64];

    snprintf(t1, sizeof t1, "/%s/2006/main", kind);
    snprintf(t2, sizeof t2, "/%s/main", kind);
    return tx_docxml_is(x, t1, local) || tx_docxml_is(x, t2, local);
}

#define IS_W(x, l) is_ns((x), "wordprocessingml", (l))
#define IS_A(x, l) is_ns((x), "drawingml", (l))
#define IS_P(x, l) is_ns((x), "presentationml", (l))
#define IS_S(x, l) is_ns((x), "spreadsheetml", (l))

typedef struct ooxml {
    tx_doctext t;
    int in_t;           /* in a text element */
    int note;           /* reading notes: paragraphs go after the body */
    unsigned n_dropped;
} ooxml;

/* ---- DOCX ---------------------------------------------------------------- */

static tx_status docx_element(tx_docxml *x, ooxml *d)
{
    char type[40];

    if (tx_docxml_is(x, MC_NS, "Fallback") || IS_W(x, "pPr") || IS_W(x, "rPr")
        || IS_W(x, "sectPr")) {
        x->skip_depth = x->depth;
    } else if (IS_W(x, "del") || IS_W(x, "moveFrom")) {
        x->skip_depth = x->depth;
        d->n_dropped++;
    } else if ((IS_W(x, "footnote") || IS_W(x, "endnote"))
               && (tx_docxml_attr(x, "/wordprocessingml/2006/main", "type", type, sizeof type)
                   || tx_docxml_attr(x, "/wordprocessingml/main", "type", type, sizeof type))
               && strcmp(type, "normal") != 0) {
        x->skip_depth = x->depth; /* the separator lines */
    } else if (IS_W(x, "p")) {
        tx_doctext_open(&d->t, d->note);
    } else if (IS_W(x, "t")) {
        d->in_t = 1;
    } else if (IS_W(x, "tab") || IS_W(x, "ptab")) {
        tx_doctext_space(&d->t);
    } else if (IS_W(x, "noBreakHyphen")) {
        return tx_doctext_add(&d->t, "-", 1);
    } else if (IS_W(x, "br") || IS_W(x, "cr")) {
        return tx_doctext_break(&d->t);
    } else if (IS_W(x, "commentReference")) {
        d->n_dropped++;
    }
    return TX_OK;
}

/* The end of an element or text, in a DOCX body or a slide (`ns`: the
 * namespace of its p and t elements): a paragraph closes, a run's text is
 * added. */
static tx_status end_or_text(tx_docxml *x, ooxml *d, const char *ns)
{
    if (x->type == XML_READER_TYPE_END_ELEMENT) {
        if (is_ns(x, ns, "p"))
            return tx_doctext_close(&d->t);
        if (is_ns(x, ns, "t"))
            d->in_t = 0;
        return TX_OK;
    }
    if (d->in_t) {
        const char *s = (const char *)xmlTextReaderConstValue(x->xr);
        return s ? tx_doctext_add(&d->t, s, strlen(s)) : TX_OK;
    }
    return TX_OK;
}

static tx_status on_docx(tx_docxml *x, void *arg)
{
    ooxml *d = arg;

    if (x->type == XML_READER_TYPE_ELEMENT)
        return docx_element(x, d);
    return end_or_text(x, d, "wordprocessingml");
}

/* Walk `member` of `z` with `fn` (TX_OK when it is absent and `optional`). */
static tx_status walk_member(tx_zip *z, const char *name, const char *member, int optional,
                             tx_buf *xml, tx_status (*fn)(tx_docxml *, void *), void *arg,
                             tx_error *err)
{
    tx_status rc = tx_zip_read(z, member, optional, xml, err);

    if (rc == TX_ENOTFOUND)
        return TX_OK;
    if (rc != TX_OK)
        return rc;
    return tx_docxml_walk(name, member, xml->data ? xml->data : "", xml->len, fn, arg, err);
}

static tx_status read_docx(tx_zip *z, const char *name, ooxml *d, tx_buf *xml,
                           tx_error *err)
{
    tx_status rc;

    if ((rc = walk_member(z, name, "word/document.xml", 0, xml, on_docx, d, err)) != TX_OK)
        return rc;
    d->note = 1;
    if ((rc = walk_member(z, name, "word/footnotes.xml", 1, xml, on_docx, d, err)) != TX_OK
        || (rc = walk_member(z, name, "word/endnotes.xml", 1, xml, on_docx, d, err))
               != TX_OK)
        return rc;
    d->n_dropped += tx_zip_count_prefix(z, "word/header") + tx_zip_count_prefix(z, "word/footer");
    return TX_OK;
}

/* ---- parts by relationship (PPTX slides, XLSX sheets) --------------------- */

typedef struct parts {
    const char *kind;     /* "presentationml": the namespace of `elem` */
    const char *elem;     /* "sldId": the element naming a part by r:id */
    char **ids;           /* r:id of each, in order */
    char **targets;       /* the member each names, once resolved */
    size_t n, cap;
    int in_rels;          /* reading the .rels member */
} parts;

static void parts_release(parts *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->ids[i]);
        free(p->targets[i]);
    }
    free(p->ids);
    free(p->targets);
}

/* `target` of a relationship of a part in folder `base` ("ppt/") as a member
 * name: absolute ones from the root, "." and ".." folded; "" if it leaves the
 * archive. */
static void resolve_target(const char *base, const char *target, char *out, size_t size)
{
    char tmp[600];
    size_t n = 0;
    const char *s;

    snprintf(tmp, sizeof tmp, "%s%s", target[0] == '/' ? "" : base,
             target[0] == '/' ? target + 1 : target);
    out[0] = '\0';
    for (s = tmp; *s;) {
        size_t len = strcspn(s, "/");
        if (len == 1 && s[0] == '.') {
            /* nothing */
        } else if (len == 2 && s[0] == '.' && s[1] == '.') {
            if (n == 0)
                return (void)(out[0] = '\0');
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--;
        } else if (len > 0 && n + len + 2 < size) {
            if (n > 0)
                out[n++] = '/';
            memcpy(out + n, s, len);
            n += len;
        }
        out[n] = '\0';
        s += len;
        if (*s == '/')
            s++;
    }
}

static tx_status on_parts(tx_docxml *x, void *arg)
{
    parts *p = arg;
    char id[256], target[512];

    if (x->type != XML_READER_TYPE_ELEMENT)
        return TX_OK;
    if (p->in_rels) {
        const xmlChar *ln = xmlTextReaderConstLocalName(x->xr);
        if (!ln || strcmp((const char *)ln, "Relationship") != 0
            || !tx_docxml_attr(x, NULL, "Id", id, sizeof id)
            || !tx_docxml_attr(x, NULL, "Target", target, sizeof target))
            return TX_OK;
        for (size_t i = 0; i < p->n; i++)
            if (!p->targets[i] && strcmp(p->ids[i], id) == 0
                && !(p->targets[i] = strdup(target)))
                return TX_ENOMEM;
        return TX_OK;
    }
    if (!is_ns(x, p->kind, p->elem) || !tx_docxml_attr(x, REL_NS, "id", id, sizeof id))
        return TX_OK;
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 16;
        char **a = realloc(p->ids, cap * sizeof *a);
        if (!a)
            return TX_ENOMEM;
        p->ids = a;
        if (!(a = realloc(p->targets, cap * sizeof *a)))
            return TX_ENOMEM;
        p->targets = a;
        p->cap = cap;
    }
    p->targets[p->n] = NULL;
    if (!(p->ids[p->n] = strdup(id)))
        return TX_ENOMEM;
    p->n++;
    return TX_OK;
}

/* Read the parts `main` lists, through its relationships `rels`, into p. */
static tx_status find_parts(tx_zip *z, const char *name, const char *main_member,
                            const char *rels, parts *p, tx_buf *xml, tx_error *err)
{
    tx_status rc = walk_member(z, name, main_member, 0, xml, on_parts, p, err);

    if (rc == TX_OK) {
        p->in_rels = 1;
        rc = walk_member(z, name, rels, 0, xml, on_parts, p, err);
    }
    if (rc == TX_ENOMEM)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    return rc;
}

/* ---- PPTX ---------------------------------------------------------------- */

static tx_status on_slide(tx_docxml *x, void *arg)
{
    ooxml *d = arg;

    if (x->type == XML_READER_TYPE_ELEMENT) {
        if (tx_docxml_is(x, MC_NS, "Fallback") || IS_A(x, "pPr") || IS_A(x, "rPr"))
            x->skip_depth = x->depth;
        else if (IS_A(x, "p"))
            tx_doctext_open(&d->t, 0);
        else if (IS_A(x, "t"))
            d->in_t = 1;
        else if (IS_A(x, "br"))
            return tx_doctext_break(&d->t);
        return TX_OK;
    }
    return end_or_text(x, d, "drawingml");
}

static tx_status read_pptx(tx_zip *z, const char *name, ooxml *d, tx_buf *xml,
                           tx_error *err)
{
    parts p = { "presentationml", "sldId", NULL, NULL, 0, 0, 0 };
    char member[512];
    tx_status rc;

    rc = find_parts(z, name, "ppt/presentation.xml", "ppt/_rels/presentation.xml.rels",
                    &p, xml, err);
    for (size_t i = 0; rc == TX_OK && i < p.n; i++) {
        if (!p.targets[i]) {
            rc = tx_fail(err, TX_EINPUT, "%s: member ppt/_rels/presentation.xml.rels: "
                         "slide %.100s has no relationship", name, p.ids[i]);
            break;
        }
        resolve_target("ppt/", p.targets[i], member, sizeof member);
        rc = walk_member(z, name, member, 0, xml, on_slide, d, err);
        d->in_t = 0;
    }
    parts_release(&p);
    d->n_dropped += tx_zip_count_prefix(z, "ppt/notesSlides/notesSlide");
    return rc;
}

/* ---- XLSX ---------------------------------------------------------------- */

typedef struct xlsx {
    ooxml *d;
    tx_buf pool;       /* the shared strings, each NUL-terminated */
    size_t *at;        /* where each starts in pool */
    size_t n, cap;
    int in_si, in_rph; /* in a shared string; in its phonetic reading */
    int cell;          /* the cell at hand: 0 skipped, 's' shared, 'i' inline */
    int in_v;
    tx_buf v;          /* the text of its <v> */
} xlsx;

static tx_status on_shared(tx_docxml *x, void *arg)
{
    xlsx *s = arg;
    const char *v;

    if (x->type == XML_READER_TYPE_ELEMENT) {
        if (IS_S(x, "si")) {
            if (s->n == s->cap && tx_grow((void **)&s->at, &s->cap, s->n + 1,
                                          sizeof *s->at, 64) != 0)
                return TX_ENOMEM;
            s->at[s->n++] = s->pool.len;
            s->in_si = 1;
        } else if (IS_S(x, "rPh")) {
            x->skip_depth = x->depth;
        } else if (IS_S(x, "t")) {
            s->d->in_t = s->in_si;
        }
        return TX_OK;
    }
    if (x->type == XML_READER_TYPE_END_ELEMENT) {
        if (IS_S(x, "t"))
            s->d->in_t = 0;
        if (IS_S(x, "si")) {
            s->in_si = 0;
            return tx_buf_addch(&s->pool, '\0');
        }
        return TX_OK;
    }
    v = (const char *)xmlTextReaderConstValue(x->xr);
    return s->d->in_t && v ? tx_buf_addstr(&s->pool, v) : TX_OK;
}

/* The end of a cell of type s: its string, if its index is one. */
static tx_status shared_cell(xlsx *s)
{
    char *end;
    unsigned long long i;
    const char *p = s->v.data ? s->v.data : "";

    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    i = strtoull(p, &end, 10);
    if (end == p || i >= s->n)
        return TX_OK;
    tx_doctext_open(&s->d->t, 0);
    if (tx_doctext_add(&s->d->t, s->pool.data + s->at[i], strlen(s->pool.data + s->at[i]))
        != TX_OK)
        return TX_ENOMEM;
    return tx_doctext_close(&s->d->t);
}

static tx_status on_sheet(tx_docxml *x, void *arg)
{
    xlsx *s = arg;
    char type[32];
    const char *v;

    if (x->type == XML_READER_TYPE_ELEMENT) {
        if (IS_S(x, "c")) {
            tx_docxml_attr(x, NULL, "t", type, sizeof type);
            s->cell = strcmp(type, "s") == 0 ? 's' : strcmp(type, "inlineStr") == 0 ? 'i' : 0;
            if (!s->cell)
                x->skip_depth = x->depth;
            else if (s->cell == 'i')
                tx_doctext_open(&s->d->t, 0);
            tx_buf_reset(&s->v);
        } else if (IS_S(x, "rPh") || IS_S(x, "f")) {
            x->skip_depth = x->depth;
        } else if (IS_S(x, "v")) {
            s->in_v = s->cell == 's';
        } else if (IS_S(x, "t")) {
            s->d->in_t = s->cell == 'i';
        }
        return TX_OK;
    }
    if (x->type == XML_READER_TYPE_END_ELEMENT) {
        if (IS_S(x, "v"))
            s->in_v = 0;
        else if (IS_S(x, "t"))
            s->d->in_t = 0;
        else if (IS_S(x, "c") && s->cell == 's')
            return shared_cell(s);
        else if (IS_S(x, "c") && s->cell == 'i')
            return tx_doctext_close(&s->d->t);
        return TX_OK;
    }
    v = (const char *)xmlTextReaderConstValue(x->xr);
    if (!v)
        return TX_OK;
    if (s->in_v)
        return tx_buf_addstr(&s->v, v);
    return s->d->in_t ? tx_doctext_add(&s->d->t, v, strlen(v)) : TX_OK;
}

static tx_status read_xlsx(tx_zip *z, const char *name, ooxml *d, tx_buf *xml,
                           tx_error *err)
{
    parts p = { "spreadsheetml", "sheet", NULL, NULL, 0, 0, 0 };
    xlsx s;
    char member[512];
    tx_status rc;

    memset(&s, 0, sizeof s);
    s.d = d;
    tx_buf_init(&s.pool);
    tx_buf_init(&s.v);
    rc = walk_member(z, name, "xl/sharedStrings.xml", 1, xml, on_shared, &s, err);
    d->in_t = 0;
    if (rc == TX_OK)
        rc = find_parts(z, name, "xl/workbook.xml", "xl/_rels/workbook.xml.rels", &p, xml,
                        err);
    for (size_t i = 0; rc == TX_OK && i < p.n; i++) {
        if (!p.targets[i]) {
            rc = tx_fail(err, TX_EINPUT, "%s: member xl/_rels/workbook.xml.rels: "
                         "sheet %.100s has no relationship", name, p.ids[i]);
            break;
        }
        resolve_target("xl/", p.targets[i], member, sizeof member);
        rc = walk_member(z, name, member, 0, xml, on_sheet, &s, err);
        d->in_t = 0;
    }
    parts_release(&p);
    free(s.at);
    tx_buf_release(&s.pool);
    tx_buf_release(&s.v);
    return rc;
}

/* ---- the reader ----------------------------------------------------------- */

tx_status tx_doc_read_ooxml(const char *name, const char *data, size_t len,
                            tx_doc_format f, const tx_doc_opts *o, tx_buf *out,
                            tx_doc_info *info, tx_error *err)
{
    tx_zip *z;
    ooxml d;
    tx_buf xml;
    tx_status rc;

    memset(info, 0, sizeof *info);
    info->format = f;
    if (f != TX_DOC_DOCX && f != TX_DOC_PPTX && f != TX_DOC_XLSX)
        return tx_fail(err, TX_EINVAL, "tx_doc_read_ooxml: %s is not DOCX, PPTX or XLSX",
                       name);
    if ((rc = tx_zip_open(&z, name, data, len, o, err)) != TX_OK)
        return rc;
    memset(&d, 0, sizeof d);
    tx_doctext_init(&d.t, out);
    tx_buf_init(&xml);
    if (f == TX_DOC_DOCX)
        rc = read_docx(z, name, &d, &xml, err);
    else if (f == TX_DOC_PPTX)
        rc = read_pptx(z, name, &d, &xml, err);
    else
        rc = read_xlsx(z, name, &d, &xml, err);
    if (rc == TX_OK && tx_doctext_finish(&d.t) != TX_OK)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    if (rc == TX_OK && d.t.n_lines == 0)
        rc = tx_fail(err, TX_EINPUT, "%s: no text in this %s document", name,
                     f == TX_DOC_DOCX ? "DOCX" : f == TX_DOC_PPTX ? "PPTX" : "XLSX");
    info->n_dropped = d.n_dropped;
    tx_doctext_release(&d.t);
    tx_buf_release(&xml);
    tx_zip_close(z);
    return rc;
}
