/* tmx.c: streaming TMX 1.4 reader on libxml2's xmlTextReader.
 *
 * One pass over the file, one <tu> in memory at a time: the text of the current
 * <seg> is gathered in a buffer and moved to the source or target slot when the
 * segment ends; at </tu> a complete pair goes to the caller.  Everything libxml2
 * says is caught (reader and thread-wide error handlers, see xmlsafe.c) and
 * turned into a tx_status with "path:line: message"; libxml2 prints nothing.
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
#include "xmlsafe.h"

/* ---- the reading -------------------------------------------------------- */

typedef struct tmx_reader {
    const char *path;
    const char *src_lang;
    const char *tgt_lang;
    xmlTextReaderPtr xr;   /* set by on_node() while tx_xml_read() runs */
    tx_tmx_stats *stats;
    tx_error *err;
    tx_tmx_fn fn;
    void *arg;
    int seen_root;
    int in_tu, in_tuv, in_seg;
    int skip_depth;    /* depth of the element whose content is dropped, or -1 */
    unsigned tu_line;
    unsigned seg_line;
    xmlChar *tuid;     /* from libxml2, freed with xmlFree() */
    int tuv_src;       /* tx_langtag_match() of the tuv against src_lang */
    int tuv_tgt;       /* ... and against tgt_lang */
    int tuv_has_seg;
    int src_score;     /* the same for the tuv in the src slot, 0 = empty */
    int tgt_score;
    tx_buf seg;        /* the current segment's text, normalised */
    tx_buf src;
    tx_buf tgt;
    size_t seg_raw;    /* bytes of text in the current segment before normalising */
    int seg_space;     /* white space seen since the last kept character */
    int stop;          /* the callback asked to stop */
} tmx_reader;

static int is_name(const xmlChar *name, const char *want)
{
    return name && strcmp((const char *)name, want) == 0;
}

/* TMX's native-code elements: their content is markup of the original format
 * (&lt;b>, RTF codes...), not text, so it is dropped with them. */
static int is_native_code(const xmlChar *name)
{
    return is_name(name, "bpt") || is_name(name, "ept") || is_name(name, "ph")
           || is_name(name, "it") || is_name(name, "ut");
}

static tx_status fail_at(tmx_reader *r, unsigned line, const char *what)
{
    return tx_fail(r->err, TX_EINPUT, "%s:%u: %s", r->path, line, what);
}

/* Append text to the current segment, folding XML white space runs into one
 * space and dropping it at the start (the end is never written). */
static tx_status seg_add(tmx_reader *r, const char *text)
{
    size_t len = strlen(text);
    const char *p = text;
    const char *end = text + len;

    r->seg_raw += len;
    if (r->seg_raw > TX_TMX_MAX_SEG)
        return tx_fail(r->err, TX_EINPUT, "%s:%u: segment longer than %zu bytes",
                       r->path, r->seg_line, TX_TMX_MAX_SEG);
    while (p < end) {
        size_t run = strcspn(p, " \t\r\n");

        if (run > 0) {
            if (r->seg_space && r->seg.len > 0 && tx_buf_addch(&r->seg, ' ') != TX_OK)
                goto nomem;
            if (tx_buf_add(&r->seg, p, run) != TX_OK)
                goto nomem;
            r->seg_space = 0;
            p += run;
        }
        run = strspn(p, " \t\r\n");
        if (run > 0) {
            r->seg_space = 1;
            p += run;
        }
    }
    return TX_OK;
nomem:
    return tx_fail(r->err, TX_ENOMEM, "%s:%u: out of memory", r->path, r->seg_line);
}

static void seg_start(tmx_reader *r)
{
    r->in_seg = 1;
    r->tuv_has_seg = 1;
    r->seg_line = tx_xml_node_line(r->xr);
    r->seg_raw = 0;
    r->seg_space = 0;
    tx_buf_reset(&r->seg);
}

/* Move the finished segment into the slot its tuv's language fits best; an
 * empty segment fills nothing.  When the languages share a primary subtag
 * (en-gb -> en-us) a tuv matching both equally goes to the empty slot. */
static void seg_end(tmx_reader *r)
{
    int for_src = r->tuv_src > r->src_score && r->tuv_src >= r->tuv_tgt;
    int for_tgt = r->tuv_tgt > r->tgt_score && r->tuv_tgt >= r->tuv_src;
    tx_buf tmp;

    r->in_seg = 0;
    if (r->seg.len == 0)
        return;
    if (for_src && for_tgt) {
        if (r->src_score == 0)
            for_tgt = 0;
        else
            for_src = 0;
    }
    if (for_src) {
        tmp = r->src;
        r->src = r->seg;
        r->seg = tmp;
        r->src_score = r->tuv_src;
    } else if (for_tgt) {
        tmp = r->tgt;
        r->tgt = r->seg;
        r->seg = tmp;
        r->tgt_score = r->tuv_tgt;
    }
    tx_buf_reset(&r->seg);
}

static void tuv_start(tmx_reader *r)
{
    xmlChar *lang = xmlTextReaderGetAttributeNs(r->xr, BAD_CAST "lang",
                                                XML_XML_NAMESPACE);

    if (!lang)
        lang = xmlTextReaderGetAttribute(r->xr, BAD_CAST "lang"); /* TMX 1.1-1.3 */
    r->in_tuv = 1;
    r->tuv_has_seg = 0;
    r->tuv_src = 0;
    r->tuv_tgt = 0;
    if (lang) {
        r->tuv_src = tx_langtag_match((const char *)lang, r->src_lang);
        r->tuv_tgt = tx_langtag_match((const char *)lang, r->tgt_lang);
        tx_xml_note_lang(r->stats->langs, sizeof r->stats->langs,
                         (const char *)lang);
        xmlFree(lang);
    }
}

static void tu_start(tmx_reader *r)
{
    r->in_tu = 1;
    r->tu_line = tx_xml_node_line(r->xr);
    r->tuid = xmlTextReaderGetAttribute(r->xr, BAD_CAST "tuid");
    r->src_score = 0;
    r->tgt_score = 0;
    tx_buf_reset(&r->src);
    tx_buf_reset(&r->tgt);
}

static void tu_end(tmx_reader *r, tx_tmx_fn fn, void *arg)
{
    r->in_tu = 0;
    r->stats->n_tu++;
    if (r->src_score > 0 && r->tgt_score > 0) {
        tx_tmx_pair pair;

        pair.src = tx_buf_str(&r->src);
        pair.tgt = tx_buf_str(&r->tgt);
        pair.line = r->tu_line;
        pair.tuid = (const char *)r->tuid;
        r->stats->n_pairs++;
        if (fn && fn(&pair, arg) != 0)
            r->stop = 1;
    } else {
        r->stats->n_skipped++;
    }
    xmlFree(r->tuid);
    r->tuid = NULL;
}

static tx_status on_element(tmx_reader *r, tx_tmx_fn fn, void *arg)
{
    const xmlChar *name = xmlTextReaderConstName(r->xr);
    int depth = xmlTextReaderDepth(r->xr);
    int empty = xmlTextReaderIsEmptyElement(r->xr) == 1;
    char what[160];

    if (!r->seen_root) {
        r->seen_root = 1;
        if (!is_name(name, "tmx")) {
            snprintf(what, sizeof what, "not a TMX file (root element is <%.100s>)",
                     name ? (const char *)name : "?");
            return fail_at(r, tx_xml_node_line(r->xr), what);
        }
        return TX_OK;
    }
    if (r->skip_depth >= 0)
        return TX_OK;
    if (is_name(name, "tu") || is_name(name, "tuv") || is_name(name, "seg")) {
        if (r->in_seg || (is_name(name, "tu") && r->in_tu)
            || (is_name(name, "tuv") && (!r->in_tu || r->in_tuv))
            || (is_name(name, "seg") && !r->in_tuv)) {
            snprintf(what, sizeof what, "misplaced <%s>", (const char *)name);
            return fail_at(r, tx_xml_node_line(r->xr), what);
        }
    }
    if (r->in_seg) {
        if (is_native_code(name) && !empty)
            r->skip_depth = depth;
        return TX_OK; /* <hi>, <sub> and the like: their text is kept */
    }
    if (is_name(name, "tu")) {
        tu_start(r);
        if (empty)
            tu_end(r, fn, arg);
    } else if (is_name(name, "tuv")) {
        tuv_start(r);
        if (empty)
            r->in_tuv = 0;
    } else if (is_name(name, "seg")) {
        if (r->tuv_has_seg) {
            /* One <seg> per <tuv> says the DTD; a second one is ignored. */
            if (!empty)
                r->skip_depth = depth;
            return TX_OK;
        }
        seg_start(r);
        if (empty)
            seg_end(r);
    }
    return TX_OK;
}

static void on_end_element(tmx_reader *r, tx_tmx_fn fn, void *arg)
{
    const xmlChar *name = xmlTextReaderConstName(r->xr);

    if (r->skip_depth >= 0) {
        if (xmlTextReaderDepth(r->xr) == r->skip_depth)
            r->skip_depth = -1;
        return;
    }
    if (r->in_seg) {
        if (is_name(name, "seg"))
            seg_end(r);
    } else if (is_name(name, "tuv") && r->in_tuv) {
        r->in_tuv = 0;
    } else if (is_name(name, "tu") && r->in_tu) {
        tu_end(r, fn, arg);
    }
}

/* tx_xml_node_fn: handle the node the reader stands on. */
static tx_status on_node(xmlTextReaderPtr xr, int type, void *ctx, int *stop)
{
    tmx_reader *r = ctx;
    tx_status rc = TX_OK;

    r->xr = xr;
    switch (type) {
    case XML_READER_TYPE_ELEMENT:
        rc = on_element(r, r->fn, r->arg);
        break;
    case XML_READER_TYPE_END_ELEMENT:
        on_end_element(r, r->fn, r->arg);
        break;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (r->in_seg && r->skip_depth < 0) {
            const xmlChar *text = xmlTextReaderConstValue(r->xr);

            if (text)
                rc = seg_add(r, (const char *)text);
        }
        break;
    default:
        break;
    }
    *stop = r->stop;
    return rc;
}

tx_status tx_tmx_read(const char *path, const char *src_lang, const char *tgt_lang,
                      tx_tmx_fn fn, void *arg, tx_tmx_stats *stats, tx_error *err)
{
    tx_tmx_stats local_stats;
    tmx_reader r;
    tx_status rc;

    if (!stats)
        stats = &local_stats;
    memset(stats, 0, sizeof *stats);
    if ((rc = tx_xml_check_args("tx_tmx_read", path, src_lang, tgt_lang, err)) != TX_OK)
        return rc;

    memset(&r, 0, sizeof r);
    r.path = path;
    r.src_lang = src_lang;
    r.tgt_lang = tgt_lang;
    r.stats = stats;
    r.err = err;
    r.fn = fn;
    r.arg = arg;
    r.skip_depth = -1;
    tx_buf_init(&r.seg);
    tx_buf_init(&r.src);
    tx_buf_init(&r.tgt);

    rc = tx_xml_read(path, TX_TMX_MAX_FILE, "TMX", on_node, &r, err);
    if (rc != TX_OK || r.stop)
        goto done;
    if (!r.seen_root) {
        rc = tx_fail(err, TX_EINPUT, "%s: no root element", path);
        goto done;
    }
    if (stats->n_pairs == 0)
        rc = tx_fail(err, TX_ENOTFOUND,
                     "%s: no translation unit in both '%s' and '%s'"
                     " (languages found: %s)",
                     path, src_lang, tgt_lang, stats->langs[0] ? stats->langs : "none");
done:
    xmlFree(r.tuid);
    tx_buf_release(&r.seg);
    tx_buf_release(&r.src);
    tx_buf_release(&r.tgt);
    return rc;
}
