/* xliff.c: streaming XLIFF 1.2 / 2.0 reader on libxml2's xmlTextReader.
 *
 * One pass, one unit in memory at a time, in the manner of tmx.c: the text of
 * the current <source> or <target> is gathered in a buffer and moved to its
 * slot when the element ends; a 1.2 <trans-unit> or a 2.0 <segment> then goes
 * to the caller.  A 2.0 unit's first segment is held back until the next one
 * or the end of the unit shows whether the unit has several, which decides its
 * id ("u1" or "u1/s1").  Elements are told apart by local name within the
 * namespace of the root element (the core namespace, or none for old files
 * without one); other namespaces are extensions and modules and are skipped
 * whole, which matters for 2.0's translation candidates (<mtc:match> holds
 * core <source> and <target> elements that are not the translation).
 *
 * Hardening is tmx.c's, from xmlsafe.c: parser options without entity
 * substitution, DTD or network loading; DOCTYPEs declaring entities and entity
 * references refused; a refusing external entity loader; the file read
 * through our own descriptor with a byte cap; segments capped at 1 MiB. */
#include "xliff.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "buf.h"
#include "error.h"
#include "langtag.h"
#include "xmlsafe.h"

typedef struct xliff_reader {
    tx_xml_reader base;    /* first: the handlers cast it back; base.text is the
                            * <source> or <target> being read */
    tx_xliff_info *info;
    tx_segment_pair_fn fn;
    void *arg;
    int seen_langs;    /* info->src_lang/tgt_lang are set */
    xmlChar *ns;       /* namespace of the root element, NULL for none; xmlFree() */
    int unit_depth;    /* depth of the current trans-unit / unit, or -1 */
    int seg_depth;     /* depth of the element holding <source> and <target>:
                        * the trans-unit (1.2) or the segment (2.0), or -1 */
    int text_depth;    /* depth of the <source> / <target> being read, or -1 */
    int text_is_tgt;
    xmlChar *unit_id;  /* from libxml2, freed with xmlFree() */
    unsigned unit_line;
    xmlChar *seg_id;   /* 2.0 segment id, or NULL */
    unsigned seg_line;
    size_t n_segs;     /* segments ended so far in the current 2.0 unit */
    int have_src;      /* the current segment had its <source> */
    int have_tgt;
    tx_buf src;
    tx_buf tgt;
    tx_buf held_src;   /* a 2.0 unit's first segment, held back */
    tx_buf held_tgt;
    xmlChar *held_id;
    unsigned held_line;
    tx_buf id;         /* the id handed to the callback */
} xliff_reader;

/* XLIFF 1.2's native-code elements: their content is markup of the original
 * format (&lt;b>, RTF...), not text.  In 2.0 <ph> is an empty placeholder and
 * the native code lives in <originalData>, outside the segment. */
static int is_native_code(const xmlChar *name)
{
    return tx_xml_is_name(name, "bpt") || tx_xml_is_name(name, "ept")
           || tx_xml_is_name(name, "ph") || tx_xml_is_name(name, "it");
}

static tx_status misplaced(xliff_reader *r)
{
    return tx_xml_misplaced(&r->base, xmlTextReaderConstName(r->base.xr));
}

/* Copy the attribute value `s` (may be NULL: "") into `out` for messages and
 * tx_xliff_info, control and non-ASCII bytes shown as '?'. */
static void copy_clean(char *out, size_t size, const xmlChar *s)
{
    size_t n = 0;

    for (; s && s[n] && n + 1 < size; n++)
        out[n] = (char)(s[n] < 0x20 || s[n] >= 0x7f ? '?' : s[n]);
    out[n] = '\0';
}

/* Is the reader's current element in the core namespace? */
static int is_core(xliff_reader *r)
{
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->base.xr);

    if (!ns || !r->ns)
        return !ns && !r->ns;
    return xmlStrEqual(ns, r->ns);
}

static void swap_buf(tx_buf *a, tx_buf *b)
{
    tx_buf tmp = *a;

    *a = *b;
    *b = tmp;
}

/* ---- text ---------------------------------------------------------------- */

/* 2.0's <cp hex="0001"/>: a character XML cannot carry.  Values that are no
 * Unicode scalar value, and NUL (it would end the C string), are dropped. */
static tx_status text_add_cp(xliff_reader *r)
{
    xmlChar *hex = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST "hex");
    unsigned long cp = 0;
    unsigned char u[5];
    size_t i;
    size_t n = 0;
    tx_status rc = TX_OK;

    for (i = 0; hex && hex[i] && i < 7; i++) {
        int c = hex[i];
        int d = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        if (d < 0)
            break;
        cp = cp * 16 + (unsigned long)d;
    }
    if (!hex || hex[i] || i == 0 || i > 6 || cp == 0 || cp > 0x10FFFF
        || (cp >= 0xD800 && cp <= 0xDFFF))
        goto done;
    if (cp < 0x80) {
        u[n++] = (unsigned char)cp;
    } else if (cp < 0x800) {
        u[n++] = (unsigned char)(0xC0 | (cp >> 6));
        u[n++] = (unsigned char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        u[n++] = (unsigned char)(0xE0 | (cp >> 12));
        u[n++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[n++] = (unsigned char)(0x80 | (cp & 0x3F));
    } else {
        u[n++] = (unsigned char)(0xF0 | (cp >> 18));
        u[n++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        u[n++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[n++] = (unsigned char)(0x80 | (cp & 0x3F));
    }
    u[n] = '\0';
    rc = tx_xml_text_add(&r->base, (const char *)u);
done:
    xmlFree(hex);
    return rc;
}

static void text_end(xliff_reader *r)
{
    r->text_depth = -1;
    tx_xml_text_end(&r->base);
    if (r->text_is_tgt) {
        swap_buf(&r->tgt, &r->base.text);
        r->have_tgt = 1;
    } else {
        swap_buf(&r->src, &r->base.text);
        r->have_src = 1;
    }
    tx_buf_reset(&r->base.text);
}

static void text_start(xliff_reader *r, int depth, int is_tgt, int empty)
{
    if (is_tgt ? r->have_tgt : r->have_src) {
        /* One of each per segment says the schema; a second one is ignored. */
        if (!empty)
            r->base.skip_depth = depth;
        return;
    }
    r->text_depth = depth;
    r->text_is_tgt = is_tgt;
    tx_xml_text_start(&r->base);
    if (empty)
        text_end(r);
}

/* An element inside <source> or <target>. */
static tx_status on_inline(xliff_reader *r, const xmlChar *name, int depth, int empty)
{
    if (tx_xml_is_name(name, "source") || tx_xml_is_name(name, "target")
        || tx_xml_is_name(name, "segment") || tx_xml_is_name(name, "unit")
        || tx_xml_is_name(name, "trans-unit"))
        return misplaced(r);
    if (r->info->version == 20 && tx_xml_is_name(name, "cp"))
        return text_add_cp(r);
    if (r->info->version == 12 && is_native_code(name) && !empty)
        r->base.skip_depth = depth;
    return TX_OK; /* <g>, <mrk>, <pc> and the like: their text is kept */
}

/* ---- units and segments ---------------------------------------------------- */

/* Pass a pair to the caller unless a side is empty. */
static void emit(xliff_reader *r, const tx_buf *src, const tx_buf *tgt, const char *id,
                 unsigned line)
{
    tx_segment_pair pair;

    if (r->base.stop || src->len == 0 || tgt->len == 0)
        return;
    pair.src = tx_buf_str(src);
    pair.tgt = tx_buf_str(tgt);
    pair.id = id;
    pair.line = line;
    r->info->n_pairs++;
    if (r->fn && r->fn(&pair, r->arg) != 0)
        r->base.stop = 1;
}

/* Emit a segment of a 2.0 unit that has several: its id is "UNIT/SEGMENT",
 * SEGMENT being the segment's id or else its position from 1. */
static tx_status emit_part(xliff_reader *r, const tx_buf *src, const tx_buf *tgt,
                           const xmlChar *seg_id, size_t pos, unsigned line)
{
    tx_status rc;

    if (r->base.stop || src->len == 0 || tgt->len == 0)
        return TX_OK;
    tx_buf_reset(&r->id);
    if (r->unit_id)
        rc = tx_buf_addf(&r->id, "%s/", (const char *)r->unit_id);
    else
        rc = TX_OK;
    if (rc == TX_OK && seg_id)
        rc = tx_buf_addstr(&r->id, (const char *)seg_id);
    else if (rc == TX_OK)
        rc = tx_buf_addf(&r->id, "%zu", pos);
    if (rc != TX_OK)
        return tx_xml_nomem(&r->base);
    emit(r, src, tgt, tx_buf_str(&r->id), line);
    return TX_OK;
}

static void unit_start(xliff_reader *r, int depth)
{
    r->unit_depth = depth;
    r->unit_line = tx_xml_node_line(r->base.xr);
    r->unit_id = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST "id");
    r->info->n_units++;
    r->n_segs = 0;
    if (r->info->version == 12) { /* the trans-unit is its own segment */
        r->seg_depth = depth;
        r->have_src = 0;
        r->have_tgt = 0;
        tx_buf_reset(&r->src);
        tx_buf_reset(&r->tgt);
    }
}

static void unit_end(xliff_reader *r)
{
    if (r->info->version == 12)
        emit(r, &r->src, &r->tgt, (const char *)r->unit_id, r->unit_line);
    else if (r->n_segs == 1)
        emit(r, &r->held_src, &r->held_tgt, (const char *)r->unit_id, r->held_line);
    r->unit_depth = -1;
    r->seg_depth = -1;
    xmlFree(r->unit_id);
    r->unit_id = NULL;
    xmlFree(r->held_id);
    r->held_id = NULL;
}

static void seg_start(xliff_reader *r, int depth)
{
    r->seg_depth = depth;
    r->seg_line = tx_xml_node_line(r->base.xr);
    r->seg_id = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST "id");
    r->have_src = 0;
    r->have_tgt = 0;
    tx_buf_reset(&r->src);
    tx_buf_reset(&r->tgt);
}

static tx_status seg_end(xliff_reader *r)
{
    tx_status rc = TX_OK;

    r->seg_depth = -1;
    r->n_segs++;
    if (r->n_segs == 1) {
        swap_buf(&r->src, &r->held_src);
        swap_buf(&r->tgt, &r->held_tgt);
        r->held_id = r->seg_id;
        r->seg_id = NULL;
        r->held_line = r->seg_line;
        return TX_OK;
    }
    if (r->n_segs == 2)
        rc = emit_part(r, &r->held_src, &r->held_tgt, r->held_id, 1, r->held_line);
    if (rc == TX_OK)
        rc = emit_part(r, &r->src, &r->tgt, r->seg_id, r->n_segs, r->seg_line);
    xmlFree(r->seg_id);
    r->seg_id = NULL;
    return rc;
}

/* ---- languages and the root ------------------------------------------------ */

/* Does the file's `have` answer the asked `want` better than it would `other`? */
static int lang_fits(const char *have, const char *want, const char *other)
{
    int m = tx_langtag_match(have, want);

    return m > 0 && m >= tx_langtag_match(have, other);
}

/* Check the languages of a 1.2 <file> or of a 2.0 root against the asked ones. */
static tx_status check_langs(xliff_reader *r, const char *src_attr, const char *tgt_attr)
{
    xmlChar *src = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST src_attr);
    xmlChar *tgt = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST tgt_attr);
    char s[32];
    char t[32];
    int ok;
    tx_status rc = TX_OK;

    copy_clean(s, sizeof s, src);
    copy_clean(t, sizeof t, tgt);
    if (!r->seen_langs) {
        r->seen_langs = 1;
        memcpy(r->info->src_lang, s, sizeof s);
        memcpy(r->info->tgt_lang, t, sizeof t);
    }
    ok = src && lang_fits((const char *)src, r->base.src_lang, r->base.tgt_lang);
    /* A missing target language is allowed by both versions: nothing to check. */
    if (ok && tgt && *tgt)
        ok = lang_fits((const char *)tgt, r->base.tgt_lang, r->base.src_lang);
    if (!ok)
        rc = tx_xml_fail_at(&r->base, tx_xml_node_line(r->base.xr),
                            "languages are %s -> %s, not %.40s -> %.40s", *s ? s : "?",
                            *t ? t : "?", r->base.src_lang, r->base.tgt_lang);
    xmlFree(src);
    xmlFree(tgt);
    return rc;
}

/* tx_xml_format.on_root */
static tx_status on_root(tx_xml_reader *base)
{
    xliff_reader *r = (xliff_reader *)base;
    const xmlChar *name = xmlTextReaderConstLocalName(base->xr);
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(base->xr);
    xmlChar *version;
    char v[16];

    if (!tx_xml_is_name(name, "xliff"))
        return tx_xml_fail_at(base, tx_xml_node_line(base->xr),
                              "not an XLIFF file (root element is <%.100s>)",
                              (const char *)xmlTextReaderConstName(base->xr));
    if (ns) {
        r->ns = xmlStrdup(ns);
        if (!r->ns)
            return tx_xml_nomem(&r->base);
    }
    version = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST "version");
    if (version && (version[0] == '1' || version[0] == '2') && version[1] == '.')
        r->info->version = version[0] == '1' ? 12 : 20;
    else if (!version && ns && strstr((const char *)ns, "xliff:document:1."))
        r->info->version = 12;
    else if (!version && ns && strstr((const char *)ns, "xliff:document:2."))
        r->info->version = 20;
    copy_clean(v, sizeof v, version);
    xmlFree(version);
    if (r->info->version == 0)
        return tx_xml_fail_at(base, tx_xml_node_line(base->xr),
                              "unsupported XLIFF version '%s'", v);
    if (r->info->version == 20)
        return check_langs(r, "srcLang", "trgLang");
    return TX_OK;
}

/* ---- the reading ----------------------------------------------------------- */

/* tx_xml_format.on_element */
static tx_status on_element(tx_xml_reader *base)
{
    xliff_reader *r = (xliff_reader *)base;
    const xmlChar *name = xmlTextReaderConstLocalName(r->base.xr);
    int depth = xmlTextReaderDepth(r->base.xr);
    int empty = xmlTextReaderIsEmptyElement(r->base.xr) == 1;
    int v12 = r->info->version == 12;
    tx_status rc = TX_OK;

    if (r->text_depth >= 0)
        return on_inline(r, name, depth, empty);
    if (!is_core(r)) {
        if (!empty)
            r->base.skip_depth = depth;
        return TX_OK;
    }
    if (tx_xml_is_name(name, v12 ? "trans-unit" : "unit")) {
        if (r->unit_depth >= 0)
            return misplaced(r);
        unit_start(r, depth);
        if (empty)
            unit_end(r);
    } else if (!v12 && tx_xml_is_name(name, "segment")) {
        if (r->unit_depth < 0 || r->seg_depth >= 0)
            return misplaced(r);
        seg_start(r, depth);
        if (empty)
            rc = seg_end(r);
    } else if (tx_xml_is_name(name, "source") || tx_xml_is_name(name, "target")) {
        if (r->seg_depth < 0 || depth != r->seg_depth + 1)
            return misplaced(r);
        text_start(r, depth, tx_xml_is_name(name, "target"), empty);
    } else if (r->unit_depth >= 0 || (v12 && (tx_xml_is_name(name, "header")
                                               || tx_xml_is_name(name, "bin-unit")))) {
        /* 1.2: alt-trans, seg-source, note, context and count groups;
         * 2.0: ignorable, originalData, notes. */
        if (!empty)
            r->base.skip_depth = depth;
    } else if (v12 && tx_xml_is_name(name, "file")) {
        rc = check_langs(r, "source-language", "target-language");
    }
    return rc;
}

/* tx_xml_format.on_end_element */
static tx_status on_end_element(tx_xml_reader *base)
{
    xliff_reader *r = (xliff_reader *)base;
    int depth = xmlTextReaderDepth(base->xr);

    if (r->text_depth >= 0) {
        if (depth == r->text_depth)
            text_end(r);
        return TX_OK;
    }
    if (r->unit_depth >= 0 && depth == r->unit_depth)
        unit_end(r);
    else if (r->seg_depth >= 0 && depth == r->seg_depth)
        return seg_end(r);
    return TX_OK;
}

static const tx_xml_format xliff_format = {
    "XLIFF", TX_XLIFF_MAX_FILE, TX_XLIFF_MAX_SEG, "segment",
    on_root, on_element, on_end_element,
};

tx_status tx_xliff_read(const char *path, const char *src_lang, const char *tgt_lang,
                        tx_segment_pair_fn fn, void *arg, tx_xliff_info *info,
                        tx_error *err)
{
    tx_xliff_info local_info;
    xliff_reader r;
    tx_status rc;

    if (!info)
        info = &local_info;
    memset(info, 0, sizeof *info);
    memset(&r, 0, sizeof r);
    if ((rc = tx_xml_reader_init(&r.base, &xliff_format, "tx_xliff_read", path, src_lang,
                                 tgt_lang, err)) != TX_OK)
        return rc;
    r.info = info;
    r.fn = fn;
    r.arg = arg;
    r.unit_depth = -1;
    r.seg_depth = -1;
    r.text_depth = -1;
    tx_buf_init(&r.src);
    tx_buf_init(&r.tgt);
    tx_buf_init(&r.held_src);
    tx_buf_init(&r.held_tgt);
    tx_buf_init(&r.id);

    rc = tx_xml_reader_run(&r.base);
    xmlFree(r.ns);
    xmlFree(r.unit_id);
    xmlFree(r.seg_id);
    xmlFree(r.held_id);
    tx_xml_reader_release(&r.base);
    tx_buf_release(&r.src);
    tx_buf_release(&r.tgt);
    tx_buf_release(&r.held_src);
    tx_buf_release(&r.held_tgt);
    tx_buf_release(&r.id);
    return rc;
}
