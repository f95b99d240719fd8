/* doc_bitext.c: one side of a bilingual file -> segmented text (docread.h).
 *
 * XLIFF 1.2 and 2.0 and TMX here, on the reader base of xmlsafe.c with the
 * document in memory (the same hardening as the align readers tmx.c and
 * xliff.c: the lexical guard on the bytes before libxml2 sees them, no
 * entity, no DTD, no network); gettext PO in doc_po.c.  One segment per
 * line, the source side unless o->target_side.
 *
 * - XLIFF 1.2: the <source> or <target> of each <trans-unit> (<seg-source>,
 *   <alt-trans>, notes and contexts are not the text; a target whose state is
 *   "new" or "needs-translation" is no translation; the unit of restype
 *   "x-gettext-domain-header" is the PO header po2xliff keeps); 2.0: those of each
 *   <segment> (<ignorable> is white space between segments).  Elements of
 *   other namespaces (modules, extensions, 2.0's <mtc:match> candidates) are
 *   skipped whole, as xliff.c does.  The language is the <file>'s
 *   source-language or target-language (1.2), the root's srcLang or trgLang
 *   (2.0).
 * - TMX: the source side is the header's srclang, or the first <tuv>'s
 *   language when srclang is missing or "*all*"; the target side is the
 *   first language other than the source one that a <tuv> has, and stays that
 *   language for the whole file (a memory of three languages gives one).
 * - Inline markup as tmx.c and xliff.c read it: the text of <g>, <mrk>, <pc>,
 *   <hi>, <sub> kept, the native codes (<bpt>, <ept>, <ph>, <it>, <ut>) and
 *   their content dropped, the empty placeholders (<x>, <bx>, <ex>, <sc>,
 *   <ec>, 2.0's <cp>) give nothing; XML white space is folded. */
#include "docread.h"

#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "docseg.h"
#include "error.h"
#include "langtag.h"
#include "tmx.h"
#include "xliff.h"
#include "xmlsafe.h"

typedef struct bitext_reader {
    tx_xml_reader base;  /* first: the handlers cast it back */
    tx_doc_info *info;
    tx_docseg seg;
    int target;          /* read the target side */
    int version;         /* XLIFF: 12 or 20 */
    xmlChar *ns;         /* XLIFF: namespace of the root, NULL for none */
    int unit_depth;      /* XLIFF: depth of the trans-unit / segment, or -1 */
    int text_depth;      /* depth of the <source>/<target>/<seg> read, or -1 */
    int unit_done;       /* the current unit gave its text */
    char src_lang[36];   /* TMX: the source language, "" until known */
    char tgt_lang[36];   /* TMX: the target language, "" until known */
    int tuv_side;        /* TMX: the current tuv is of the side read */
} bitext_reader;

static void copy_lang(char *out, size_t size, const xmlChar *lang)
{
    size_t n = 0;

    for (; lang && lang[n] && n + 1 < size; n++)
        out[n] = (char)(lang[n] < 0x20 || lang[n] >= 0x7f ? '?' : lang[n]);
    out[n] = '\0';
}

/* Native codes: content dropped (TMX's and XLIFF 1.2's). */
static int is_native_code(const xmlChar *name)
{
    return tx_xml_is_name(name, "bpt") || tx_xml_is_name(name, "ept")
           || tx_xml_is_name(name, "ph") || tx_xml_is_name(name, "it")
           || tx_xml_is_name(name, "ut");
}

/* An element inside the text read: native codes skipped, the rest kept. */
static tx_status on_inline(bitext_reader *r, const xmlChar *name)
{
    if (is_native_code(name) && xmlTextReaderIsEmptyElement(r->base.xr) != 1)
        r->base.skip_depth = xmlTextReaderDepth(r->base.xr);
    return TX_OK;
}

static void skip_element(bitext_reader *r)
{
    if (xmlTextReaderIsEmptyElement(r->base.xr) != 1)
        r->base.skip_depth = xmlTextReaderDepth(r->base.xr);
}

/* The text of the side read is gathered: write it as a segment. */
static tx_status text_end(bitext_reader *r)
{
    tx_buf *t = &r->base.text;

    tx_xml_text_end(&r->base);
    r->text_depth = -1;
    r->unit_done = 1;
    if (tx_docseg_add(&r->seg, t->data ? t->data : "", t->len) != TX_OK
        || tx_docseg_end(&r->seg) != TX_OK)
        return tx_xml_nomem(&r->base);
    return TX_OK;
}

static tx_status text_start(bitext_reader *r)
{
    if (r->unit_done) { /* one per unit: a second <source> is ignored */
        skip_element(r);
        return TX_OK;
    }
    r->text_depth = xmlTextReaderDepth(r->base.xr);
    tx_xml_text_start(&r->base);
    if (xmlTextReaderIsEmptyElement(r->base.xr) == 1)
        return text_end(r);
    return TX_OK;
}

static tx_status on_end(tx_xml_reader *base)
{
    bitext_reader *r = (bitext_reader *)base;
    int depth = xmlTextReaderDepth(base->xr);

    if (r->text_depth >= 0) {
        if (depth == r->text_depth)
            return text_end(r);
        return TX_OK;
    }
    if (r->unit_depth >= 0 && depth == r->unit_depth)
        r->unit_depth = -1;
    return TX_OK;
}

/* ---- XLIFF --------------------------------------------------------------- */

static int is_core(bitext_reader *r)
{
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->base.xr);

    if (!ns || !r->ns)
        return !ns && !r->ns;
    return xmlStrEqual(ns, r->ns);
}

static int attr_is(bitext_reader *r, const char *attr, const char *want)
{
    xmlChar *v = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST attr);
    int yes = v && strcmp((const char *)v, want) == 0;

    xmlFree(v);
    return yes;
}

static void note_lang(bitext_reader *r, const char *src_attr, const char *tgt_attr)
{
    xmlChar *lang;

    if (r->info->side_lang[0])
        return;
    lang = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST(r->target ? tgt_attr : src_attr));
    copy_lang(r->info->side_lang, sizeof r->info->side_lang, lang);
    xmlFree(lang);
}

static tx_status xliff_root(tx_xml_reader *base)
{
    bitext_reader *r = (bitext_reader *)base;
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(base->xr);
    xmlChar *version;

    if (!tx_xml_is_name(xmlTextReaderConstLocalName(base->xr), "xliff"))
        return tx_xml_fail_at(base, tx_xml_node_line(base->xr),
                              "not an XLIFF file (root element is <%.100s>)",
                              (const char *)xmlTextReaderConstName(base->xr));
    if (ns && !(r->ns = xmlStrdup(ns)))
        return tx_xml_nomem(base);
    version = xmlTextReaderGetAttribute(base->xr, BAD_CAST "version");
    if (version && (version[0] == '1' || version[0] == '2') && version[1] == '.')
        r->version = version[0] == '1' ? 12 : 20;
    else if (!version && ns && strstr((const char *)ns, "xliff:document:2."))
        r->version = 20;
    else if (!version && ns && strstr((const char *)ns, "xliff:document:1."))
        r->version = 12;
    xmlFree(version);
    if (r->version == 0)
        return tx_xml_fail_at(base, tx_xml_node_line(base->xr),
                              "unsupported XLIFF version");
    if (r->version == 20)
        note_lang(r, "srcLang", "trgLang");
    return TX_OK;
}

static tx_status xliff_element(tx_xml_reader *base)
{
    bitext_reader *r = (bitext_reader *)base;
    const xmlChar *name = xmlTextReaderConstLocalName(base->xr);
    int v12 = r->version == 12;

    if (r->text_depth >= 0)
        return on_inline(r, name);
    if (!is_core(r)) {
        skip_element(r);
        return TX_OK;
    }
    if (tx_xml_is_name(name, v12 ? "trans-unit" : "segment")) {
        if (r->unit_depth >= 0)
            return tx_xml_misplaced(base, name);
        if (v12 && attr_is(r, "restype", "x-gettext-domain-header")) {
            skip_element(r);
            return TX_OK;
        }
        r->unit_done = 0;
        if (xmlTextReaderIsEmptyElement(base->xr) != 1)
            r->unit_depth = xmlTextReaderDepth(base->xr);
    } else if (r->unit_depth >= 0) {
        if (xmlTextReaderDepth(base->xr) == r->unit_depth + 1
            && tx_xml_is_name(name, r->target ? "target" : "source")
            && !(v12 && r->target && (attr_is(r, "state", "new")
                                      || attr_is(r, "state", "needs-translation"))))
            return text_start(r);
        skip_element(r); /* the other side, seg-source, alt-trans, notes... */
    } else if (v12 && tx_xml_is_name(name, "file")) {
        note_lang(r, "source-language", "target-language");
    } else if (tx_xml_is_name(name, "header") || tx_xml_is_name(name, "bin-unit")
               || tx_xml_is_name(name, "ignorable") || tx_xml_is_name(name, "notes")
               || tx_xml_is_name(name, "originalData")) {
        skip_element(r);
    }
    return TX_OK;
}

static const tx_xml_format xliff_doc_format = {
    "XLIFF", TX_XLIFF_MAX_FILE, TX_XLIFF_MAX_SEG, "segment",
    xliff_root, xliff_element, on_end,
};

/* ---- TMX ----------------------------------------------------------------- */

static tx_status tmx_root(tx_xml_reader *base)
{
    if (!tx_xml_is_name(xmlTextReaderConstName(base->xr), "tmx"))
        return tx_xml_fail_at(base, tx_xml_node_line(base->xr),
                              "not a TMX file (root element is <%.100s>)",
                              (const char *)xmlTextReaderConstName(base->xr));
    return TX_OK;
}

/* A <tuv>: is it of the side read?  The languages are fixed by the first
 * tuvs that show them. */
static void tmx_tuv(bitext_reader *r)
{
    xmlTextReaderPtr xr = r->base.xr;
    xmlChar *lang = xmlTextReaderGetAttributeNs(xr, BAD_CAST "lang", XML_XML_NAMESPACE);
    char l[36];

    if (!lang)
        lang = xmlTextReaderGetAttribute(xr, BAD_CAST "lang"); /* TMX 1.1-1.3 */
    copy_lang(l, sizeof l, lang);
    xmlFree(lang);
    r->tuv_side = 0;
    if (!l[0])
        return;
    if (!r->src_lang[0])
        memcpy(r->src_lang, l, sizeof l);
    if (tx_langtag_match(l, r->src_lang) > 0) {
        r->tuv_side = !r->target;
        return;
    }
    if (!r->tgt_lang[0])
        memcpy(r->tgt_lang, l, sizeof l);
    r->tuv_side = r->target && tx_langtag_match(l, r->tgt_lang) > 0;
}

static tx_status tmx_element(tx_xml_reader *base)
{
    bitext_reader *r = (bitext_reader *)base;
    const xmlChar *name = xmlTextReaderConstName(base->xr);

    if (r->text_depth >= 0)
        return on_inline(r, name);
    if (tx_xml_is_name(name, "header")) {
        xmlChar *src = xmlTextReaderGetAttribute(base->xr, BAD_CAST "srclang");

        if (src && strcmp((const char *)src, "*all*") != 0)
            copy_lang(r->src_lang, sizeof r->src_lang, src);
        xmlFree(src);
        skip_element(r); /* its notes and properties */
    } else if (tx_xml_is_name(name, "tu")) {
        r->unit_done = 0;
        r->tuv_side = 0;
    } else if (tx_xml_is_name(name, "tuv")) {
        tmx_tuv(r);
    } else if (tx_xml_is_name(name, "seg")) {
        if (r->tuv_side)
            return text_start(r);
        skip_element(r);
    } else if (tx_xml_is_name(name, "note") || tx_xml_is_name(name, "prop")) {
        skip_element(r);
    }
    return TX_OK;
}

static const tx_xml_format tmx_doc_format = {
    "TMX", TX_TMX_MAX_FILE, TX_TMX_MAX_SEG, "segment",
    tmx_root, tmx_element, on_end,
};

/* ---- the reader -------------------------------------------------------- */

tx_status tx_doc_read_bitext(const char *name, const char *data, size_t len,
                             tx_doc_format f, const tx_doc_opts *o, tx_buf *out,
                             tx_doc_info *info, tx_error *err)
{
    bitext_reader r;
    tx_status rc;
    int target = o && o->target_side;

    memset(info, 0, sizeof *info);
    info->format = f;
    if (f == TX_DOC_PO)
        return tx_doc_read_po(name, data, len, target, out, info, err);
    if (f != TX_DOC_XLIFF && f != TX_DOC_TMX)
        return tx_fail(err, TX_EINVAL, "tx_doc_read_bitext: not a bilingual format");
    memset(&r, 0, sizeof r);
    tx_xml_reader_init_memory(&r.base, f == TX_DOC_TMX ? &tmx_doc_format
                              : &xliff_doc_format, name, data, len, err);
    r.info = info;
    r.target = target;
    r.unit_depth = -1;
    r.text_depth = -1;
    tx_docseg_init(&r.seg, out);
    rc = tx_xml_reader_run(&r.base);
    xmlFree(r.ns);
    tx_xml_reader_release(&r.base);
    if (rc != TX_OK)
        return rc;
    if (f == TX_DOC_TMX)
        memcpy(info->side_lang, target ? r.tgt_lang : r.src_lang, sizeof info->side_lang);
    info->n_segments = (unsigned)r.seg.n_segments;
    if (r.seg.n_segments == 0)
        return tx_fail(err, TX_EINPUT, "%s: no text on the %s side of this %s file%s",
                       name, target ? "target" : "source", f == TX_DOC_TMX ? "TMX" : "XLIFF",
                       target ? " (not translated yet?)" : "");
    return TX_OK;
}
