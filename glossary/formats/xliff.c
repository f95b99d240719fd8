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
    const char *path;
    const char *src_lang;
    const char *tgt_lang;
    xmlTextReaderPtr xr;   /* set by on_node() while tx_xml_read() runs */
    tx_xliff_info *info;
    tx_error *err;
    tx_xliff_fn fn;
    void *arg;
    int seen_root;
    int seen_langs;    /* info->src_lang/tgt_lang are set */
    xmlChar *ns;       /* namespace of the root element, NULL for none; xmlFree() */
    int skip_depth;    /* depth of the element whose content is dropped, or -1 */
    int unit_depth;    /* depth of the current trans-unit / unit, or -1 */
    int seg_depth;     /* depth of the element holding <source> and <target>:
                        * the trans-unit (1.2) or the segment (2.0), or -1 */
    int text_depth;    /* depth of the <source> / <target> being read, or -1 */
    int text_is_tgt;
    unsigned text_line;
    xmlChar *unit_id;  /* from libxml2, freed with xmlFree() */
    unsigned unit_line;
    xmlChar *seg_id;   /* 2.0 segment id, or NULL */
    unsigned seg_line;
    size_t n_segs;     /* segments ended so far in the current 2.0 unit */
    int have_src;      /* the current segment had its <source> */
    int have_tgt;
    tx_buf text;       /* the current source or target text, normalised */
    size_t text_raw;   /* bytes of text in it before normalising */
    int text_space;    /* white space seen since the last kept character */
    tx_buf src;
    tx_buf tgt;
    tx_buf held_src;   /* a 2.0 unit's first segment, held back */
    tx_buf held_tgt;
    xmlChar *held_id;
    unsigned held_line;
    tx_buf id;         /* the id handed to the callback */
    int stop;          /* the callback asked to stop */
} xliff_reader;

static int is_name(const xmlChar *name, const char *want)
{
    return name && strcmp((const char *)name, want) == 0;
}

/* XLIFF 1.2's native-code elements: their content is markup of the original
 * format (&lt;b>, RTF...), not text.  In 2.0 <ph> is an empty placeholder and
 * the native code lives in <originalData>, outside the segment. */
static int is_native_code(const xmlChar *name)
{
    return is_name(name, "bpt") || is_name(name, "ept") || is_name(name, "ph")
           || is_name(name, "it");
}

static tx_status fail_at(xliff_reader *r, unsigned line, const char *what)
{
    return tx_fail(r->err, TX_EINPUT, "%s:%u: %s", r->path, line, what);
}

static tx_status misplaced(xliff_reader *r)
{
    char what[160];

    snprintf(what, sizeof what, "misplaced <%.100s>",
             (const char *)xmlTextReaderConstName(r->xr));
    return fail_at(r, tx_xml_node_line(r->xr), what);
}

static tx_status nomem(xliff_reader *r)
{
    return tx_fail(r->err, TX_ENOMEM, "%s: out of memory", r->path);
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
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->xr);

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

/* Append text to the current source or target, folding XML white space runs
 * into one space and dropping it at the start (the end is never written). */
static tx_status text_add(xliff_reader *r, const char *text)
{
    size_t len = strlen(text);
    const char *p = text;
    const char *end = text + len;

    r->text_raw += len;
    if (r->text_raw > TX_XLIFF_MAX_SEG)
        return tx_fail(r->err, TX_EINPUT, "%s:%u: segment longer than %zu bytes",
                       r->path, r->text_line, TX_XLIFF_MAX_SEG);
    while (p < end) {
        size_t run = strcspn(p, " \t\r\n");

        if (run > 0) {
            if (r->text_space && r->text.len > 0 && tx_buf_addch(&r->text, ' ') != TX_OK)
                return nomem(r);
            if (tx_buf_add(&r->text, p, run) != TX_OK)
                return nomem(r);
            r->text_space = 0;
            p += run;
        }
        run = strspn(p, " \t\r\n");
        if (run > 0) {
            r->text_space = 1;
            p += run;
        }
    }
    return TX_OK;
}

/* 2.0's <cp hex="0001"/>: a character XML cannot carry.  Values that are no
 * Unicode scalar value, and NUL (it would end the C string), are dropped. */
static tx_status text_add_cp(xliff_reader *r)
{
    xmlChar *hex = xmlTextReaderGetAttribute(r->xr, BAD_CAST "hex");
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
    rc = text_add(r, (const char *)u);
done:
    xmlFree(hex);
    return rc;
}

static void text_end(xliff_reader *r)
{
    r->text_depth = -1;
    if (r->text_is_tgt) {
        swap_buf(&r->tgt, &r->text);
        r->have_tgt = 1;
    } else {
        swap_buf(&r->src, &r->text);
        r->have_src = 1;
    }
    tx_buf_reset(&r->text);
}

static void text_start(xliff_reader *r, int depth, int is_tgt, int empty)
{
    if (is_tgt ? r->have_tgt : r->have_src) {
        /* One of each per segment says the schema; a second one is ignored. */
        if (!empty)
            r->skip_depth = depth;
        return;
    }
    r->text_depth = depth;
    r->text_is_tgt = is_tgt;
    r->text_line = tx_xml_node_line(r->xr);
    r->text_raw = 0;
    r->text_space = 0;
    tx_buf_reset(&r->text);
    if (empty)
        text_end(r);
}

/* An element inside <source> or <target>. */
static tx_status on_inline(xliff_reader *r, const xmlChar *name, int depth, int empty)
{
    if (is_name(name, "source") || is_name(name, "target") || is_name(name, "segment")
        || is_name(name, "unit") || is_name(name, "trans-unit"))
        return misplaced(r);
    if (r->info->version == 20 && is_name(name, "cp"))
        return text_add_cp(r);
    if (r->info->version == 12 && is_native_code(name) && !empty)
        r->skip_depth = depth;
    return TX_OK; /* <g>, <mrk>, <pc> and the like: their text is kept */
}

/* ---- units and segments ---------------------------------------------------- */

/* Pass a pair to the caller unless a side is empty. */
static void emit(xliff_reader *r, const tx_buf *src, const tx_buf *tgt, const char *id,
                 unsigned line)
{
    tx_xliff_pair pair;

    if (r->stop || src->len == 0 || tgt->len == 0)
        return;
    pair.src = tx_buf_str(src);
    pair.tgt = tx_buf_str(tgt);
    pair.id = id;
    pair.line = line;
    r->info->n_pairs++;
    if (r->fn && r->fn(&pair, r->arg) != 0)
        r->stop = 1;
}

/* Emit a segment of a 2.0 unit that has several: its id is "UNIT/SEGMENT",
 * SEGMENT being the segment's id or else its position from 1. */
static tx_status emit_part(xliff_reader *r, const tx_buf *src, const tx_buf *tgt,
                           const xmlChar *seg_id, size_t pos, unsigned line)
{
    tx_status rc;

    if (r->stop || src->len == 0 || tgt->len == 0)
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
        return nomem(r);
    emit(r, src, tgt, tx_buf_str(&r->id), line);
    return TX_OK;
}

static void unit_start(xliff_reader *r, int depth)
{
    r->unit_depth = depth;
    r->unit_line = tx_xml_node_line(r->xr);
    r->unit_id = xmlTextReaderGetAttribute(r->xr, BAD_CAST "id");
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
    r->seg_line = tx_xml_node_line(r->xr);
    r->seg_id = xmlTextReaderGetAttribute(r->xr, BAD_CAST "id");
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
    xmlChar *src = xmlTextReaderGetAttribute(r->xr, BAD_CAST src_attr);
    xmlChar *tgt = xmlTextReaderGetAttribute(r->xr, BAD_CAST tgt_attr);
    char s[32];
    char t[32];
    char what[200];
    int ok;
    tx_status rc = TX_OK;

    copy_clean(s, sizeof s, src);
    copy_clean(t, sizeof t, tgt);
    if (!r->seen_langs) {
        r->seen_langs = 1;
        memcpy(r->info->src_lang, s, sizeof s);
        memcpy(r->info->tgt_lang, t, sizeof t);
    }
    ok = src && lang_fits((const char *)src, r->src_lang, r->tgt_lang);
    /* A missing target language is allowed by both versions: nothing to check. */
    if (ok && tgt && *tgt)
        ok = lang_fits((const char *)tgt, r->tgt_lang, r->src_lang);
    if (!ok) {
        snprintf(what, sizeof what, "languages are %s -> %s, not %.40s -> %.40s",
                 *s ? s : "?", *t ? t : "?", r->src_lang, r->tgt_lang);
        rc = fail_at(r, tx_xml_node_line(r->xr), what);
    }
    xmlFree(src);
    xmlFree(tgt);
    return rc;
}

static tx_status on_root(xliff_reader *r)
{
    const xmlChar *name = xmlTextReaderConstLocalName(r->xr);
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->xr);
    xmlChar *version;
    char what[160];
    char v[16];

    r->seen_root = 1;
    if (!is_name(name, "xliff")) {
        snprintf(what, sizeof what, "not an XLIFF file (root element is <%.100s>)",
                 (const char *)xmlTextReaderConstName(r->xr));
        return fail_at(r, tx_xml_node_line(r->xr), what);
    }
    if (ns) {
        r->ns = xmlStrdup(ns);
        if (!r->ns)
            return nomem(r);
    }
    version = xmlTextReaderGetAttribute(r->xr, BAD_CAST "version");
    if (version && (version[0] == '1' || version[0] == '2') && version[1] == '.')
        r->info->version = version[0] == '1' ? 12 : 20;
    else if (!version && ns && strstr((const char *)ns, "xliff:document:1."))
        r->info->version = 12;
    else if (!version && ns && strstr((const char *)ns, "xliff:document:2."))
        r->info->version = 20;
    copy_clean(v, sizeof v, version);
    xmlFree(version);
    if (r->info->version == 0) {
        snprintf(what, sizeof what, "unsupported XLIFF version '%s'", v);
        return fail_at(r, tx_xml_node_line(r->xr), what);
    }
    if (r->info->version == 20)
        return check_langs(r, "srcLang", "trgLang");
    return TX_OK;
}

/* ---- the reading ----------------------------------------------------------- */

static tx_status on_element(xliff_reader *r)
{
    const xmlChar *name = xmlTextReaderConstLocalName(r->xr);
    int depth = xmlTextReaderDepth(r->xr);
    int empty = xmlTextReaderIsEmptyElement(r->xr) == 1;
    int v12 = r->info->version == 12;
    tx_status rc = TX_OK;

    if (!r->seen_root)
        return on_root(r);
    if (r->skip_depth >= 0)
        return TX_OK;
    if (r->text_depth >= 0)
        return on_inline(r, name, depth, empty);
    if (!is_core(r)) {
        if (!empty)
            r->skip_depth = depth;
        return TX_OK;
    }
    if (is_name(name, v12 ? "trans-unit" : "unit")) {
        if (r->unit_depth >= 0)
            return misplaced(r);
        unit_start(r, depth);
        if (empty)
            unit_end(r);
    } else if (!v12 && is_name(name, "segment")) {
        if (r->unit_depth < 0 || r->seg_depth >= 0)
            return misplaced(r);
        seg_start(r, depth);
        if (empty)
            rc = seg_end(r);
    } else if (is_name(name, "source") || is_name(name, "target")) {
        if (r->seg_depth < 0 || depth != r->seg_depth + 1)
            return misplaced(r);
        text_start(r, depth, is_name(name, "target"), empty);
    } else if (r->unit_depth >= 0 || (v12 && (is_name(name, "header")
                                               || is_name(name, "bin-unit")))) {
        /* 1.2: alt-trans, seg-source, note, context and count groups;
         * 2.0: ignorable, originalData, notes. */
        if (!empty)
            r->skip_depth = depth;
    } else if (v12 && is_name(name, "file")) {
        rc = check_langs(r, "source-language", "target-language");
    }
    return rc;
}

static tx_status on_end_element(xliff_reader *r)
{
    int depth = xmlTextReaderDepth(r->xr);

    if (r->skip_depth >= 0) {
        if (depth == r->skip_depth)
            r->skip_depth = -1;
        return TX_OK;
    }
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

/* tx_xml_node_fn: handle the node the reader stands on. */
static tx_status on_node(xmlTextReaderPtr xr, int type, void *ctx, int *stop)
{
    xliff_reader *r = ctx;
    tx_status rc = TX_OK;

    r->xr = xr;
    switch (type) {
    case XML_READER_TYPE_ELEMENT:
        rc = on_element(r);
        break;
    case XML_READER_TYPE_END_ELEMENT:
        rc = on_end_element(r);
        break;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (r->text_depth >= 0 && r->skip_depth < 0) {
            const xmlChar *text = xmlTextReaderConstValue(r->xr);

            if (text)
                rc = text_add(r, (const char *)text);
        }
        break;
    default:
        break;
    }
    *stop = r->stop;
    return rc;
}

tx_status tx_xliff_read(const char *path, const char *src_lang, const char *tgt_lang,
                        tx_xliff_fn fn, void *arg, tx_xliff_info *info, tx_error *err)
{
    tx_xliff_info local_info;
    xliff_reader r;
    tx_status rc;

    if (!info)
        info = &local_info;
    memset(info, 0, sizeof *info);
    if ((rc = tx_xml_check_args("tx_xliff_read", path, src_lang, tgt_lang, err)) != TX_OK)
        return rc;

    memset(&r, 0, sizeof r);
    r.path = path;
    r.src_lang = src_lang;
    r.tgt_lang = tgt_lang;
    r.info = info;
    r.err = err;
    r.fn = fn;
    r.arg = arg;
    r.skip_depth = -1;
    r.unit_depth = -1;
    r.seg_depth = -1;
    r.text_depth = -1;
    tx_buf_init(&r.text);
    tx_buf_init(&r.src);
    tx_buf_init(&r.tgt);
    tx_buf_init(&r.held_src);
    tx_buf_init(&r.held_tgt);
    tx_buf_init(&r.id);

    rc = tx_xml_read(path, TX_XLIFF_MAX_FILE, "XLIFF", on_node, &r, err);
    if (rc == TX_OK && !r.stop && !r.seen_root)
        rc = tx_fail(err, TX_EINPUT, "%s: no root element", path);
    xmlFree(r.ns);
    xmlFree(r.unit_id);
    xmlFree(r.seg_id);
    xmlFree(r.held_id);
    tx_buf_release(&r.text);
    tx_buf_release(&r.src);
    tx_buf_release(&r.tgt);
    tx_buf_release(&r.held_src);
    tx_buf_release(&r.held_tgt);
    tx_buf_release(&r.id);
    return rc;
}
