/* tbxread.c: streaming TBX-Basic reader (TBX 2019 and 2008) on the XML reader
 * base of xmlsafe.c; the writer is tbx.c.
 *
 * One pass, one entry in memory at a time: the text of the wanted fields of
 * the current entry is appended to a pool (offsets, not pointers, since the
 * pool moves when it grows) and at the entry's end the concept is built and
 * handed to the caller.  The hardening is tmx.c's, shared through xmlsafe.c
 * (see there and tmx.c for the reasons): our own descriptor read through
 * xmlReaderForIO(), no NOENT/DTDLOAD/DTDATTR/DTDVALID/HUGE/XINCLUDE, NONET,
 * entity declarations and references refused, a refusing external entity
 * loader, libxml2's errors captured, size limits. */
#include "tbx.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "buf.h"
#include "error.h"
#include "langtag.h"
#include "xmlsafe.h" /* the reader base */

/* ---- the reader --------------------------------------------------------------- */

#define NO_STR ((size_t)-1) /* an absent string in the pool */

/* What the text being gathered is for. */
typedef enum field_kind {
    F_NONE, F_TERM, F_POS, F_STATUS, F_CONTEXT, F_SOURCE, F_TYPE
} field_kind;

/* One term of the current entry; strings are offsets into the pool. */
typedef struct term_rec {
    int side;          /* 0 source, 1 target */
    size_t text, pos, status, context, ctx_source, source, type;
} term_rec;

typedef struct tbx_reader {
    tx_xml_reader base;    /* first: the handlers cast it back; base.text is the
                            * field being read, base.skip_depth a foreign element
                            * skipped with its content */
    tx_tbx_info *info;
    tx_concept_fn fn;
    void *arg;
    /* the current entry */
    int entry_depth;    /* -1 outside an entry */
    unsigned long entry_line;
    size_t entry_id;
    size_t lang_off[2]; /* xml:lang of the first source / target language section */
    tx_buf pool;        /* the entry's strings, each NUL-terminated */
    term_rec *recs;
    size_t n_recs, cap_recs;
    /* the current language section and term section */
    int lang_depth;     /* -1 outside */
    int side;           /* 0 source, 1 target, -1 neither */
    size_t lang_code;   /* offset of this section's xml:lang, or NO_STR */
    int term_depth;     /* -1 outside */
    term_rec cur;
    int grp_depth;      /* a descripGrp in the term section, -1 outside */
    size_t grp_context, grp_source;
    /* the text being gathered */
    field_kind field;
    int field_depth;
    int field_in_grp;
    /* the concept handed out, rebuilt per entry */
    tx_concept_term *terms;
    size_t cap_terms;
} tbx_reader;

/* Copy `s` (len bytes) into the pool; *off receives its offset. */
static tx_status pool_add(tbx_reader *r, const char *s, size_t len, size_t *off)
{
    if (r->pool.len + len + 1 > TX_TBX_MAX_ENTRY)
        return tx_xml_fail_at(&r->base, tx_xml_node_line(r->base.xr),
                              "entry holds more than %zu bytes of text",
                              TX_TBX_MAX_ENTRY);
    *off = r->pool.len;
    if (tx_buf_add(&r->pool, s, len) != TX_OK || tx_buf_addch(&r->pool, '\0') != TX_OK)
        return tx_xml_nomem(&r->base);
    return TX_OK;
}

static const char *pool_str(const tbx_reader *r, size_t off)
{
    return off == NO_STR ? NULL : r->pool.data + off;
}

static void entry_reset(tbx_reader *r)
{
    r->entry_depth = -1;
    r->entry_id = NO_STR;
    r->lang_off[0] = NO_STR;
    r->lang_off[1] = NO_STR;
    r->n_recs = 0;
    tx_buf_reset(&r->pool);
}

static void term_reset(tbx_reader *r)
{
    r->cur.side = r->side;
    r->cur.text = NO_STR;
    r->cur.pos = NO_STR;
    r->cur.type = NO_STR;
    r->cur.status = NO_STR;
    r->cur.context = NO_STR;
    r->cur.ctx_source = NO_STR;
    r->cur.source = NO_STR;
    r->grp_depth = -1;
}

static void field_start(tbx_reader *r, field_kind kind, int depth)
{
    r->field = kind;
    r->field_depth = depth;
    r->field_in_grp = r->grp_depth >= 0;
    tx_xml_text_start(&r->base);
}

/* The field ended: keep its text where it belongs, the first of each kind winning. */
static tx_status field_end(tbx_reader *r)
{
    size_t *slot = NULL;
    field_kind kind = r->field;
    const tx_buf *text = &r->base.text;

    r->field = F_NONE;
    r->field_depth = -1;
    tx_xml_text_end(&r->base);
    if (text->len == 0)
        return TX_OK;
    switch (kind) {
    case F_TERM: slot = &r->cur.text; break;
    case F_POS: slot = &r->cur.pos; break;
    case F_TYPE: slot = &r->cur.type; break;
    case F_STATUS: slot = &r->cur.status; break;
    case F_CONTEXT: slot = r->field_in_grp ? &r->grp_context : &r->cur.context; break;
    case F_SOURCE: slot = r->field_in_grp ? &r->grp_source : &r->cur.source; break;
    case F_NONE: return TX_OK;
    }
    if (*slot != NO_STR)
        return TX_OK;
    if (kind == F_STATUS) {
        /* Keep only values that map to a status; others are as good as absent. */
        const char *status = tx_status_from_tbx(tx_buf_str(text));

        return status ? pool_add(r, status, strlen(status), slot) : TX_OK;
    }
    return pool_add(r, text->data, text->len, slot);
}

static void grp_end(tbx_reader *r)
{
    /* The context of a descripGrp brings the group's source along. */
    if (r->grp_context != NO_STR && r->cur.context == NO_STR) {
        r->cur.context = r->grp_context;
        r->cur.ctx_source = r->grp_source;
    }
    r->grp_depth = -1;
}

static tx_status term_end(tbx_reader *r)
{
    r->term_depth = -1;
    if (r->grp_depth >= 0)
        grp_end(r);
    if (r->cur.side < 0 || r->cur.text == NO_STR)
        return TX_OK;
    if (r->n_recs >= TX_TBX_MAX_TERMS)
        return tx_xml_fail_at(&r->base, tx_xml_node_line(r->base.xr),
                              "entry with more than %zu terms", TX_TBX_MAX_TERMS);
    if (r->n_recs == r->cap_recs) {
        size_t cap = r->cap_recs ? r->cap_recs * 2 : 8;
        term_rec *p = realloc(r->recs, cap * sizeof *p);

        if (!p)
            return tx_xml_nomem(&r->base);
        r->recs = p;
        r->cap_recs = cap;
    }
    r->recs[r->n_recs++] = r->cur;
    return TX_OK;
}

/* Build the concept of the finished entry and hand it out. */
static tx_status entry_end(tbx_reader *r)
{
    tx_concept c;
    size_t n_src = 0;
    size_t i;
    size_t k;

    for (i = 0; i < r->n_recs; i++)
        n_src += r->recs[i].side == 0;
    if (n_src == 0) {
        if (!r->info->n_no_src++)
            r->info->no_src_line = r->entry_line;
        entry_reset(r);
        return TX_OK;
    }
    if (r->n_recs > r->cap_terms) {
        tx_concept_term *p = realloc(r->terms, r->n_recs * sizeof *p);

        if (!p)
            return tx_xml_nomem(&r->base);
        r->terms = p;
        r->cap_terms = r->n_recs;
    }
    /* Source terms first, then target terms, each in document order. */
    k = 0;
    for (int side = 0; side < 2; side++)
        for (i = 0; i < r->n_recs; i++) {
            const term_rec *t = &r->recs[i];
            tx_concept_term *out = &r->terms[k];

            if (t->side != side)
                continue;
            out->text = pool_str(r, t->text);
            out->pos = pool_str(r, t->pos);
            out->type = pool_str(r, t->type);
            out->status = pool_str(r, t->status);
            out->context = pool_str(r, t->context);
            out->source = pool_str(r, t->context != NO_STR && t->ctx_source != NO_STR
                                          ? t->ctx_source : t->source);
            k++;
        }
    memset(&c, 0, sizeof c);
    c.id = pool_str(r, r->entry_id);
    c.src_lang = r->lang_off[0] != NO_STR ? pool_str(r, r->lang_off[0])
                                          : r->base.src_lang;
    c.tgt_lang = r->lang_off[1] != NO_STR ? pool_str(r, r->lang_off[1])
                                          : r->base.tgt_lang;
    c.src = r->terms;
    c.n_src = n_src;
    c.tgt = r->terms + n_src;
    c.n_tgt = r->n_recs - n_src;
    c.line = r->entry_line;
    r->info->n_concepts++;
    if (r->fn && r->fn(&c, r->arg) != 0)
        r->base.stop = 1;
    entry_reset(r);
    return TX_OK;
}

static int is_entry(const xmlChar *name)
{
    return tx_xml_is_name(name, "conceptEntry") || tx_xml_is_name(name, "termEntry");
}

static int is_lang_section(const xmlChar *name)
{
    return tx_xml_is_name(name, "langSec") || tx_xml_is_name(name, "langSet");
}

static int is_term_section(const xmlChar *name)
{
    return tx_xml_is_name(name, "termSec") || tx_xml_is_name(name, "tig")
           || tx_xml_is_name(name, "ntig");
}

/* Which field an element inside a term section starts, if any. */
static field_kind field_of(tbx_reader *r, const xmlChar *name)
{
    int note = tx_xml_is_name(name, "termNote");
    int descrip = tx_xml_is_name(name, "descrip");
    int admin = tx_xml_is_name(name, "admin");
    xmlChar *type;
    field_kind kind = F_NONE;

    if (tx_xml_is_name(name, "term"))
        return F_TERM;
    if (!note && !descrip && !admin)
        return F_NONE;
    type = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST "type");
    if (!type)
        return F_NONE;
    if (note && tx_xml_is_name(type, "partOfSpeech"))
        kind = F_POS;
    else if (note && tx_xml_is_name(type, "administrativeStatus"))
        kind = F_STATUS;
    else if (note && tx_xml_is_name(type, "termType"))
        kind = F_TYPE;
    else if (descrip && tx_xml_is_name(type, "context"))
        kind = F_CONTEXT;
    else if (admin && tx_xml_is_name(type, "source"))
        kind = F_SOURCE;
    xmlFree(type);
    return kind;
}

static tx_status lang_start(tbx_reader *r, int depth)
{
    xmlChar *lang = xmlTextReaderGetAttributeNs(r->base.xr, BAD_CAST "lang",
                                                XML_XML_NAMESPACE);
    tx_status rc = TX_OK;

    r->lang_depth = depth;
    r->side = -1;
    r->lang_code = NO_STR;
    if (lang) {
        const char *code = (const char *)lang;
        int s = tx_langtag_match(code, r->base.src_lang);
        int t = tx_langtag_match(code, r->base.tgt_lang);

        tx_xml_note_lang(r->info->langs, sizeof r->info->langs, code);
        if (s > 0 && s >= t)
            r->side = 0;
        else if (t > 0)
            r->side = 1;
        if (r->side >= 0 && r->lang_off[r->side] == NO_STR)
            rc = pool_add(r, code, strlen(code), &r->lang_off[r->side]);
        xmlFree(lang);
    }
    return rc;
}

/* tx_xml_format.on_root */
static tx_status on_root(tx_xml_reader *base)
{
    tbx_reader *r = (tbx_reader *)base;
    const xmlChar *name = xmlTextReaderConstLocalName(base->xr);

    if (tx_xml_is_name(name, "tbx")) {
        r->info->version = TX_TBX_2019;
        return TX_OK;
    }
    if (tx_xml_is_name(name, "martif")) {
        r->info->version = TX_TBX_2008;
        return TX_OK;
    }
    return tx_xml_fail_at(base, tx_xml_node_line(base->xr),
                          "not a TBX file (root element is <%.100s>)",
                          name ? (const char *)name : "?");
}

/* tx_xml_format.on_element */
static tx_status on_element(tx_xml_reader *base)
{
    tbx_reader *r = (tbx_reader *)base;
    const xmlChar *name = xmlTextReaderConstLocalName(r->base.xr);
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->base.xr);
    int depth = xmlTextReaderDepth(r->base.xr);
    int empty = xmlTextReaderIsEmptyElement(r->base.xr) == 1;
    tx_status rc = TX_OK;
    field_kind kind;

    if (r->field != F_NONE)
        return TX_OK; /* inline markup in a field keeps its text */
    if (ns && !tx_xml_is_name(ns, TX_TBX_NS)) {
        /* DCT-style or private elements: not ours, and so is their content. */
        if (!empty)
            r->base.skip_depth = depth;
        return TX_OK;
    }
    if (is_entry(name)) {
        xmlChar *id;

        if (r->entry_depth >= 0)
            return tx_xml_misplaced(base, name);
        entry_reset(r);
        r->entry_depth = depth;
        r->entry_line = tx_xml_node_line(r->base.xr);
        id = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST "id");
        if (id) {
            rc = pool_add(r, (const char *)id, strlen((const char *)id), &r->entry_id);
            xmlFree(id);
        }
        if (rc == TX_OK && empty)
            rc = entry_end(r);
        return rc;
    }
    if (r->entry_depth < 0)
        return TX_OK; /* header, back matter */
    if (is_lang_section(name)) {
        if (r->lang_depth >= 0)
            return tx_xml_misplaced(base, name);
        if ((rc = lang_start(r, depth)) != TX_OK)
            return rc;
        if (empty)
            r->lang_depth = -1;
        return TX_OK;
    }
    if (r->lang_depth < 0)
        return TX_OK; /* entry-level data: subject field, definition, ... */
    if (is_term_section(name)) {
        if (r->term_depth >= 0)
            return tx_xml_misplaced(base, name);
        r->term_depth = depth;
        term_reset(r);
        return empty ? term_end(r) : TX_OK;
    }
    if (r->term_depth < 0 || r->side < 0)
        return TX_OK;
    if (tx_xml_is_name(name, "descripGrp")) {
        if (r->grp_depth < 0 && !empty) {
            r->grp_depth = depth;
            r->grp_context = NO_STR;
            r->grp_source = NO_STR;
        }
        return TX_OK;
    }
    kind = field_of(r, name);
    if (kind == F_NONE)
        return TX_OK;
    field_start(r, kind, depth);
    return empty ? field_end(r) : TX_OK;
}

/* tx_xml_format.on_end_element */
static tx_status on_end_element(tx_xml_reader *base)
{
    tbx_reader *r = (tbx_reader *)base;
    int depth = xmlTextReaderDepth(base->xr);

    if (r->field != F_NONE) {
        return depth == r->field_depth ? field_end(r) : TX_OK;
    }
    if (depth == r->grp_depth) {
        grp_end(r);
        return TX_OK;
    }
    if (depth == r->term_depth)
        return term_end(r);
    if (depth == r->lang_depth) {
        r->lang_depth = -1;
        r->side = -1;
        return TX_OK;
    }
    if (depth == r->entry_depth)
        return entry_end(r);
    return TX_OK;
}

static const tx_xml_format tbx_format = {
    "TBX", TX_TBX_MAX_FILE, TX_TBX_MAX_TEXT, "text",
    on_root, on_element, on_end_element,
};

tx_status tx_tbx_read(const char *path, const char *src_lang, const char *tgt_lang,
                      tx_concept_fn fn, void *arg, tx_tbx_info *info, tx_error *err)
{
    tx_tbx_info local_info;
    tbx_reader r;
    tx_status rc;

    if (!info)
        info = &local_info;
    memset(info, 0, sizeof *info);
    memset(&r, 0, sizeof r);
    if ((rc = tx_xml_reader_init(&r.base, &tbx_format, "tx_tbx_read", path, src_lang,
                                 tgt_lang, err)) != TX_OK)
        return rc;
    r.info = info;
    r.fn = fn;
    r.arg = arg;
    r.lang_depth = -1;
    r.term_depth = -1;
    r.grp_depth = -1;
    r.field_depth = -1;
    r.side = -1;
    tx_buf_init(&r.pool);
    entry_reset(&r);

    rc = tx_xml_reader_run(&r.base);
    if (rc == TX_OK && !r.base.stop && info->n_concepts == 0)
        rc = tx_fail(err, TX_ENOTFOUND,
                     "%s: no entry with a term in '%s' (languages found: %s)", path,
                     src_lang, info->langs[0] ? info->langs : "none");
    tx_xml_reader_release(&r.base);
    tx_buf_release(&r.pool);
    free(r.recs);
    free(r.terms);
    return rc;
}
