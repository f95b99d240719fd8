/* tmx.c: streaming TMX 1.4 reader on libxml2's xmlTextReader.
 *
 * One pass over the file, one <tu> in memory at a time, on the reader base of
 * xmlsafe.c: the text of the current <seg> is gathered in the base's buffer and
 * moved to the source or target slot when the segment ends; at </tu> a
 * complete pair goes to the caller.  Everything libxml2 says is caught (reader
 * and thread-wide error handlers, see xmlsafe.c) and turned into a tx_status
 * with "path:line: message"; libxml2 prints nothing.
 *
 * Hardening, in layers (the shared parts in xmlsafe.c): the parser runs without
 * XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID and HUGE (no entity substitution,
 * no external DTD or entity, libxml2's default size and depth limits), with
 * XML_PARSE_NONET; a DTD that declares any entity and any entity reference are
 * refused outright, since TMX has no use for them; the external entity loader
 * refuses everything while we read; and the file is read through our own
 * descriptor, not by name (see tx_xml_input_open()), through a scan that
 * refuses what libxml2 would spend quadratic time on before it parses a byte
 * (xmlguard.c: attributes, depth, names, namespaces, text).  Segments over
 * 1 MiB and files over 4 GiB are refused. */
#include "tmx.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "buf.h"
#include "error.h"
#include "langtag.h"
#include "xmlsafe.h" /* the reader base */

/* ---- the reading -------------------------------------------------------- */

typedef struct tmx_reader {
    tx_xml_reader base;    /* first: the handlers cast it back; base.text is the
                            * current segment's text, base.in_text says we are in
                            * a <seg> */
    tx_tmx_stats *stats;
    tx_segment_pair_fn fn;
    void *arg;
    int in_tu, in_tuv;
    unsigned tu_line;
    xmlChar *tuid;     /* from libxml2, freed with xmlFree() */
    int tuv_src;       /* tx_langtag_match() of the tuv against src_lang */
    int tuv_tgt;       /* ... and against tgt_lang */
    int tuv_has_seg;
    int src_score;     /* the same for the tuv in the src slot, 0 = empty */
    int tgt_score;
    tx_buf src;
    tx_buf tgt;
} tmx_reader;

/* TMX's native-code elements: their content is markup of the original format
 * (&lt;b>, RTF codes...), not text, so it is dropped with them. */
static int is_native_code(const xmlChar *name)
{
    return tx_xml_is_name(name, "bpt") || tx_xml_is_name(name, "ept")
           || tx_xml_is_name(name, "ph") || tx_xml_is_name(name, "it")
           || tx_xml_is_name(name, "ut");
}

static void seg_start(tmx_reader *r)
{
    r->tuv_has_seg = 1;
    tx_xml_text_start(&r->base);
}

/* Move the finished segment into the slot its tuv's language fits best; an
 * empty segment fills nothing.  When the languages share a primary subtag
 * (en-gb -> en-us) a tuv matching both equally goes to the empty slot. */
static void seg_end(tmx_reader *r)
{
    int for_src = r->tuv_src > r->src_score && r->tuv_src >= r->tuv_tgt;
    int for_tgt = r->tuv_tgt > r->tgt_score && r->tuv_tgt >= r->tuv_src;
    tx_buf *seg = &r->base.text;
    tx_buf tmp;

    tx_xml_text_end(&r->base);
    if (seg->len == 0)
        return;
    if (for_src && for_tgt) {
        if (r->src_score == 0)
            for_tgt = 0;
        else
            for_src = 0;
    }
    if (for_src) {
        tmp = r->src;
        r->src = *seg;
        *seg = tmp;
        r->src_score = r->tuv_src;
    } else if (for_tgt) {
        tmp = r->tgt;
        r->tgt = *seg;
        *seg = tmp;
        r->tgt_score = r->tuv_tgt;
    }
    tx_buf_reset(seg);
}

static void tuv_start(tmx_reader *r)
{
    xmlTextReaderPtr xr = r->base.xr;
    xmlChar *lang = xmlTextReaderGetAttributeNs(xr, BAD_CAST "lang", XML_XML_NAMESPACE);

    if (!lang)
        lang = xmlTextReaderGetAttribute(xr, BAD_CAST "lang"); /* TMX 1.1-1.3 */
    r->in_tuv = 1;
    r->tuv_has_seg = 0;
    r->tuv_src = 0;
    r->tuv_tgt = 0;
    if (lang) {
        r->tuv_src = tx_langtag_match((const char *)lang, r->base.src_lang);
        r->tuv_tgt = tx_langtag_match((const char *)lang, r->base.tgt_lang);
        tx_xml_note_lang(r->stats->langs, sizeof r->stats->langs,
                         (const char *)lang);
        xmlFree(lang);
    }
}

static void tu_start(tmx_reader *r)
{
    r->in_tu = 1;
    r->tu_line = tx_xml_node_line(r->base.xr);
    r->tuid = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST "tuid");
    r->src_score = 0;
    r->tgt_score = 0;
    tx_buf_reset(&r->src);
    tx_buf_reset(&r->tgt);
}

static void tu_end(tmx_reader *r)
{
    r->in_tu = 0;
    r->stats->n_tu++;
    if (r->src_score > 0 && r->tgt_score > 0) {
        tx_segment_pair pair;

        pair.src = tx_buf_str(&r->src);
        pair.tgt = tx_buf_str(&r->tgt);
        pair.id = (const char *)r->tuid;
        pair.line = r->tu_line;
        r->stats->n_pairs++;
        if (r->fn && r->fn(&pair, r->arg) != 0)
            r->base.stop = 1;
    } else {
        r->stats->n_skipped++;
    }
    xmlFree(r->tuid);
    r->tuid = NULL;
}

/* tx_xml_format.on_root */
static tx_status on_root(tx_xml_reader *base)
{
    const xmlChar *name = xmlTextReaderConstName(base->xr);

    if (!tx_xml_is_name(name, "tmx"))
        return tx_xml_fail_at(base, tx_xml_node_line(base->xr),
                              "not a TMX file (root element is <%.100s>)",
                              name ? (const char *)name : "?");
    return TX_OK;
}

/* tx_xml_format.on_element */
static tx_status on_element(tx_xml_reader *base)
{
    tmx_reader *r = (tmx_reader *)base;
    const xmlChar *name = xmlTextReaderConstName(base->xr);
    int depth = xmlTextReaderDepth(base->xr);
    int empty = xmlTextReaderIsEmptyElement(base->xr) == 1;
    int in_seg = base->in_text;

    if (tx_xml_is_name(name, "tu") || tx_xml_is_name(name, "tuv")
        || tx_xml_is_name(name, "seg")) {
        if (in_seg || (tx_xml_is_name(name, "tu") && r->in_tu)
            || (tx_xml_is_name(name, "tuv") && (!r->in_tu || r->in_tuv))
            || (tx_xml_is_name(name, "seg") && !r->in_tuv))
            return tx_xml_misplaced(base, name);
    }
    if (in_seg) {
        if (is_native_code(name) && !empty)
            base->skip_depth = depth;
        return TX_OK; /* <hi>, <sub> and the like: their text is kept */
    }
    if (tx_xml_is_name(name, "tu")) {
        tu_start(r);
        if (empty)
            tu_end(r);
    } else if (tx_xml_is_name(name, "tuv")) {
        tuv_start(r);
        if (empty)
            r->in_tuv = 0;
    } else if (tx_xml_is_name(name, "seg")) {
        if (r->tuv_has_seg) {
            /* One <seg> per <tuv> says the DTD; a second one is ignored. */
            if (!empty)
                base->skip_depth = depth;
            return TX_OK;
        }
        seg_start(r);
        if (empty)
            seg_end(r);
    }
    return TX_OK;
}

/* tx_xml_format.on_end_element */
static tx_status on_end_element(tx_xml_reader *base)
{
    tmx_reader *r = (tmx_reader *)base;
    const xmlChar *name = xmlTextReaderConstName(base->xr);

    if (base->in_text) {
        if (tx_xml_is_name(name, "seg"))
            seg_end(r);
    } else if (tx_xml_is_name(name, "tuv") && r->in_tuv) {
        r->in_tuv = 0;
    } else if (tx_xml_is_name(name, "tu") && r->in_tu) {
        tu_end(r);
    }
    return TX_OK;
}

static const tx_xml_format tmx_format = {
    "TMX", TX_TMX_MAX_FILE, TX_TMX_MAX_SEG, "segment",
    on_root, on_element, on_end_element,
};

tx_status tx_tmx_read(const char *path, const char *src_lang, const char *tgt_lang,
                      tx_segment_pair_fn fn, void *arg, tx_tmx_stats *stats,
                      tx_error *err)
{
    tx_tmx_stats local_stats;
    tmx_reader r;
    tx_status rc;

    if (!stats)
        stats = &local_stats;
    memset(stats, 0, sizeof *stats);
    memset(&r, 0, sizeof r);
    if ((rc = tx_xml_reader_init(&r.base, &tmx_format, "tx_tmx_read", path, src_lang,
                                 tgt_lang, err)) != TX_OK)
        return rc;
    r.stats = stats;
    r.fn = fn;
    r.arg = arg;
    tx_buf_init(&r.src);
    tx_buf_init(&r.tgt);

    rc = tx_xml_reader_run(&r.base);
    if (rc == TX_OK && !r.base.stop && stats->n_pairs == 0)
        rc = tx_fail(err, TX_ENOTFOUND,
                     "%s: no translation unit in both '%s' and '%s'"
                     " (languages found: %s)",
                     path, src_lang, tgt_lang, stats->langs[0] ? stats->langs : "none");
    xmlFree(r.tuid);
    tx_xml_reader_release(&r.base);
    tx_buf_release(&r.src);
    tx_buf_release(&r.tgt);
    return rc;
}
