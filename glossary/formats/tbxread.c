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
#include "langcode.h"
#include "langtag.h"
#include "xmlsafe.h" /* the reader base */

/* ---- the reader --------------------------------------------------------------- */

#define NO_STR ((size_t)-1) /* an absent string in the pool */

/* What the text being gathered is for. */
typedef enum field_kind {
    F_NONE, F_TERM, F_POS, F_STATUS, F_CONTEXT, F_SOURCE, F_TYPE, F_GENDER, F_GEO,
    F_NOTE, F_DEF, F_DOMAIN, F_TR_TYPE, F_TR_WHO, F_TR_DATE, F_EXTRA
} field_kind;

/* A piece of data passed through (concept.h, tx_data_cat): `rec` is the
 * index in recs of the term it belongs to, or NO_REC for the concept and
 * NO_REC - 1 for the concept's definition; strings are pool offsets, `elem`
 * and the name it is reported under when not kept are static. */
typedef struct extra_rec {
    size_t rec;
    const char *elem;
    size_t type, target, text;
} extra_rec;

#define NO_REC ((size_t)-1)
#define DEF_REC ((size_t)-2)

/* One term of the current entry; strings are offsets into the pool. */
typedef struct term_rec {
    int side;          /* 0 source, 1 target */
    size_t text, pos, status, context, ctx_source, source, type, gender, geo, note;
} term_rec;

/* One transaction (transacGrp) of the current entry. */
typedef struct trans_rec {
    size_t type, date, who;
} trans_rec;

#define MAX_UNKEPT 32  /* kinds of data not kept, per entry */
#define MAX_TRANS 256  /* transactions kept per entry */

typedef struct tbx_reader {
    tx_xml_reader base;    /* first: the handlers cast it back; base.text is the
                            * field being read, base.skip_depth a foreign element
                            * skipped with its content */
    tx_tbx_info *info;
    tx_concept_fn fn;
    void *arg;
    const char *const *lang_map; /* "CODE=TAG" */
    size_t n_lang_map;
    /* the current entry */
    int entry_depth;    /* -1 outside an entry */
    unsigned long entry_line;
    size_t entry_id;
    size_t lang_off[2]; /* xml:lang of the first source / target language section */
    tx_buf pool;        /* the entry's strings, each NUL-terminated */
    term_rec *recs;
    size_t n_recs, cap_recs;
    size_t def, domain; /* the concept's definition and subject field */
    size_t note[3];     /* notes of the entry, of its source and target sections */
    trans_rec *trans;
    size_t n_trans, cap_trans;
    size_t unkept[MAX_UNKEPT];
    size_t n_unkept;
    extra_rec extras[TX_DATA_CAT_MAX];
    size_t n_extras;
    size_t term_extras;  /* n_extras when the current term started */
    int def_in_grp;      /* the definition was read in the current descripGrp */
    extra_rec cur_extra; /* the one being read */
    /* the current language section, term section, group, transaction */
    int lang_depth;     /* -1 outside */
    int side;           /* 0 source, 1 target, -1 neither */
    int term_depth;     /* -1 outside */
    term_rec cur;
    int grp_depth;      /* a descripGrp, -1 outside */
    field_kind grp_kind; /* what its descrip was: F_CONTEXT, F_DEF, F_NONE */
    size_t grp_context, grp_source;
    int trans_depth;    /* a transacGrp, -1 outside */
    trans_rec cur_trans;
    /* the text being gathered */
    field_kind field;
    int field_depth;
    int field_in_grp;
    tx_buf join;        /* scratch of pool_join() */
    /* the concept handed out, rebuilt per entry */
    tx_concept_term *terms;
    size_t cap_terms;
    tx_transaction *trans_out;
    size_t cap_trans_out;
    const char *unkept_out[MAX_UNKEPT];
    tx_data_cat extra_out[TX_DATA_CAT_MAX];
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

/* *slot becomes the string at `add` when empty, else itself, a line break
 * and that string: notes of several levels make one. */
static tx_status pool_join(tbx_reader *r, size_t *slot, size_t add)
{
    if (add == NO_STR)
        return TX_OK;
    if (*slot == NO_STR) {
        *slot = add;
        return TX_OK;
    }
    tx_buf_reset(&r->join);
    if (tx_buf_addstr(&r->join, pool_str(r, *slot)) != TX_OK ||
        tx_buf_addch(&r->join, '\n') != TX_OK ||
        tx_buf_addstr(&r->join, pool_str(r, add)) != TX_OK)
        return tx_xml_nomem(&r->base);
    return pool_add(r, r->join.data, r->join.len, slot);
}

/* Note that the entry held `name` ("termLocation", "language de"), which the
 * glossary does not keep; each kind once. */
static tx_status unkept_add(tbx_reader *r, const char *name)
{
    size_t off;
    tx_status rc;

    for (size_t i = 0; i < r->n_unkept; i++)
        if (strcmp(pool_str(r, r->unkept[i]), name) == 0)
            return TX_OK;
    if (r->n_unkept == MAX_UNKEPT)
        return TX_OK;
    if ((rc = pool_add(r, name, strlen(name), &off)) != TX_OK)
        return rc;
    r->unkept[r->n_unkept++] = off;
    return TX_OK;
}

static void entry_reset(tbx_reader *r)
{
    r->entry_depth = -1;
    r->entry_id = NO_STR;
    r->lang_off[0] = NO_STR;
    r->lang_off[1] = NO_STR;
    r->def = r->domain = NO_STR;
    r->note[0] = r->note[1] = r->note[2] = NO_STR;
    r->n_recs = 0;
    r->n_trans = 0;
    r->n_unkept = 0;
    r->n_extras = 0;
    tx_buf_reset(&r->pool);
}

static void term_reset(tbx_reader *r)
{
    r->cur.side = r->side;
    r->cur.text = r->cur.pos = r->cur.type = r->cur.status = NO_STR;
    r->cur.context = r->cur.ctx_source = r->cur.source = NO_STR;
    r->cur.gender = r->cur.geo = r->cur.note = NO_STR;
    r->grp_depth = -1;
    r->term_extras = r->n_extras;
}

static void field_start(tbx_reader *r, field_kind kind, int depth)
{
    r->field = kind;
    r->field_depth = depth;
    r->field_in_grp = r->grp_depth >= 0;
    tx_xml_text_start(&r->base);
}

/* Where the text of a field of `kind` goes, at the current level; NULL: not
 * kept there (a note goes to pool_join() instead). */
static size_t *field_slot(tbx_reader *r, field_kind kind)
{
    switch (kind) {
    case F_TERM: return &r->cur.text;
    case F_POS: return &r->cur.pos;
    case F_TYPE: return &r->cur.type;
    case F_STATUS: return &r->cur.status;
    case F_GENDER: return &r->cur.gender;
    case F_GEO: return &r->cur.geo;
    case F_CONTEXT: return r->field_in_grp ? &r->grp_context : &r->cur.context;
    case F_SOURCE: return r->field_in_grp ? &r->grp_source : &r->cur.source;
    case F_DEF: return &r->def;
    case F_DOMAIN: return &r->domain;
    case F_TR_TYPE: return &r->cur_trans.type;
    case F_TR_WHO: return &r->cur_trans.who;
    case F_TR_DATE: return &r->cur_trans.date;
    case F_NOTE:
    case F_EXTRA:
    case F_NONE: break;
    }
    return NULL;
}

/* Note that the entry held `type` (an element's type, or its name), not kept
 * at this level or past a bound; said in the target language when there. */
static tx_status unkept_named(tbx_reader *r, const char *what)
{
    char name[160];

    snprintf(name, sizeof name, "%.60s%s", what, r->side == 1 ? " (target language)" : "");
    return unkept_add(r, name);
}

/* The extra being read (r->cur_extra) ended with the text gathered: kept,
 * unless past TX_DATA_CAT_MAX per entry or TX_DATA_CAT_MAX_LEN bytes. */
static tx_status extra_end(tbx_reader *r)
{
    const tx_buf *text = &r->base.text;
    extra_rec *e = &r->cur_extra;
    const char *name = e->type != NO_STR ? pool_str(r, e->type) : e->elem;

    if (text->len == 0 && e->target == NO_STR)
        return TX_OK;
    if (r->n_extras == TX_DATA_CAT_MAX || text->len > TX_DATA_CAT_MAX_LEN)
        return unkept_named(r, name);
    r->extras[r->n_extras] = *e;
    r->n_extras++;
    return pool_add(r, text->data, text->len, &r->extras[r->n_extras - 1].text);
}

/* The field ended: keep its text where it belongs, the first of each kind
 * winning (notes are joined). */
static tx_status field_end(tbx_reader *r)
{
    field_kind kind = r->field;
    const tx_buf *text = &r->base.text;
    size_t *slot, off;
    tx_status rc;

    r->field = F_NONE;
    r->field_depth = -1;
    tx_xml_text_end(&r->base);
    if (kind == F_EXTRA)
        return extra_end(r);
    if (text->len == 0 || kind == F_NONE)
        return TX_OK;
    if (kind == F_NOTE) {
        slot = r->term_depth >= 0 ? &r->cur.note
               : r->lang_depth >= 0 ? &r->note[1 + r->side] : &r->note[0];
        if ((rc = pool_add(r, text->data, text->len, &off)) != TX_OK)
            return rc;
        return pool_join(r, slot, off);
    }
    slot = field_slot(r, kind);
    if (kind == F_DEF && *slot == NO_STR)
        r->def_in_grp = r->field_in_grp;
    if (*slot != NO_STR)
        return kind == F_DEF || kind == F_DOMAIN
                   ? unkept_add(r, kind == F_DEF ? "second definition" : "second subjectField")
                   : TX_OK;
    if (kind == F_STATUS) {
        /* Keep only values that map to a status; others are as good as absent. */
        const char *status = tx_status_from_tbx(tx_buf_str(text));

        return status ? pool_add(r, status, strlen(status), slot) : TX_OK;
    }
    return pool_add(r, text->data, text->len, slot);
}

static tx_status grp_end(tbx_reader *r)
{
    field_kind kind = r->grp_kind;

    r->grp_depth = -1;
    r->grp_kind = F_NONE;
    if (kind == F_DEF && r->grp_source != NO_STR) {
        /* The source of the concept's definition: its descripGrp's admin. */
        const char *src = pool_str(r, r->grp_source);
        int kept = r->def_in_grp && r->n_extras < TX_DATA_CAT_MAX &&
                   strlen(src) <= TX_DATA_CAT_MAX_LEN;
        for (size_t i = 0; kept && i < r->n_extras; i++)
            kept = r->extras[i].rec != DEF_REC;
        r->def_in_grp = 0;
        if (!kept)
            return unkept_add(r, "definition source");
        r->extras[r->n_extras++] = (extra_rec){DEF_REC, "admin", NO_STR, NO_STR,
                                               r->grp_source};
        return pool_add(r, "source", 6, &r->extras[r->n_extras - 1].type);
    }
    r->def_in_grp = 0;
    /* The context of a descripGrp brings the group's source along. */
    if (r->term_depth >= 0 && r->grp_context != NO_STR && r->cur.context == NO_STR) {
        r->cur.context = r->grp_context;
        r->cur.ctx_source = r->grp_source;
    }
    return TX_OK;
}

static tx_status trans_end(tbx_reader *r)
{
    const char *type = pool_str(r, r->cur_trans.type);

    r->trans_depth = -1;
    if (!type || (strcmp(type, "origination") != 0 && strcmp(type, "modification") != 0))
        return unkept_add(r, type ? "transaction type" : "transaction without a type");
    if (r->cur_trans.date == NO_STR)
        return unkept_add(r, "transaction without a date");
    if (r->n_trans == MAX_TRANS)
        return unkept_add(r, "transactions past 256");
    if (r->n_trans == r->cap_trans &&
        tx_grow((void **)&r->trans, &r->cap_trans, r->n_trans + 1, sizeof *r->trans, 8) != 0)
        return tx_xml_nomem(&r->base);
    r->trans[r->n_trans++] = r->cur_trans;
    return TX_OK;
}

static tx_status term_end(tbx_reader *r)
{
    tx_status rc;

    r->term_depth = -1;
    if (r->grp_depth >= 0 && (rc = grp_end(r)) != TX_OK)
        return rc;
    if (r->cur.side < 0 || r->cur.text == NO_STR) {
        r->n_extras = r->term_extras; /* no term, nothing of it kept */
        return TX_OK;
    }
    if (r->cur.source != NO_STR && r->cur.ctx_source != NO_STR &&
        strcmp(pool_str(r, r->cur.source), pool_str(r, r->cur.ctx_source)) != 0) {
        /* The term's own source, besides its context's: passed through. */
        if (r->n_extras == TX_DATA_CAT_MAX ||
            strlen(pool_str(r, r->cur.source)) > TX_DATA_CAT_MAX_LEN) {
            if ((rc = unkept_add(r, "term source")) != TX_OK)
                return rc;
        } else {
            r->extras[r->n_extras++] = (extra_rec){r->n_recs, "admin", NO_STR, NO_STR,
                                                   r->cur.source};
            if ((rc = pool_add(r, "source", 6, &r->extras[r->n_extras - 1].type)) != TX_OK)
                return rc;
        }
    }
    if (r->n_recs >= TX_TBX_MAX_TERMS)
        return tx_xml_fail_at(&r->base, tx_xml_node_line(r->base.xr),
                              "entry with more than %zu terms", TX_TBX_MAX_TERMS);
    if (r->n_recs == r->cap_recs &&
        tx_grow((void **)&r->recs, &r->cap_recs, r->n_recs + 1, sizeof *r->recs, 8) != 0)
        return tx_xml_nomem(&r->base);
    r->recs[r->n_recs++] = r->cur;
    return TX_OK;
}

/* The notes of the entry and of the language sections join those of the
 * first term of each side (before any pointer into the pool is taken). */
static tx_status entry_notes(tbx_reader *r)
{
    size_t src_note = NO_STR;
    tx_status rc;

    for (int side = 0; side < 2; side++)
        for (size_t i = 0; i < r->n_recs; i++) {
            term_rec *t = &r->recs[i];
            size_t n = side ? r->note[2] : NO_STR;
            if (t->side != side)
                continue;
            if (!side) {
                if ((rc = pool_join(r, &src_note, r->note[0])) != TX_OK ||
                    (rc = pool_join(r, &src_note, r->note[1])) != TX_OK)
                    return rc;
                n = src_note;
            }
            if ((rc = pool_join(r, &n, t->note)) != TX_OK)
                return rc;
            t->note = n;
            break;
        }
    return TX_OK;
}

/* Point r->terms at the entry's terms: source terms first, then target terms,
 * each in document order.  Returns the number of source terms. */
static size_t entry_terms(tbx_reader *r)
{
    size_t k = 0, n_src = 0;

    for (int side = 0; side < 2; side++)
        for (size_t i = 0; i < r->n_recs; i++) {
            const term_rec *t = &r->recs[i];
            tx_concept_term *out = &r->terms[k];
            const char *status = pool_str(r, t->status);

            if (t->side != side)
                continue;
            memset(out, 0, sizeof *out);
            out->text = pool_str(r, t->text);
            out->pos = pool_str(r, t->pos);
            out->type = pool_str(r, t->type);
            /* A deprecated translation is a forbidden one. */
            out->status = side && status && strcmp(status, "rejected") == 0 ? "forbidden"
                                                                             : status;
            out->context = pool_str(r, t->context);
            out->source = pool_str(r, t->context != NO_STR && t->ctx_source != NO_STR
                                          ? t->ctx_source : t->source);
            out->gender = pool_str(r, t->gender);
            out->geo = pool_str(r, t->geo);
            out->note = pool_str(r, t->note);
            n_src += !side;
            k++;
        }
    return n_src;
}

#define DROP_REC ((size_t)-3)

/* The extras of the entry's other source terms than the first are not kept
 * (the glossary has one entry term): said, and dropped (before any pointer
 * into the pool is taken). */
static tx_status entry_extras_check(tbx_reader *r)
{
    size_t first = NO_REC;
    tx_status rc;

    for (size_t i = 0; i < r->n_recs && first == NO_REC; i++)
        if (r->recs[i].side == 0)
            first = i;
    for (size_t i = 0; i < r->n_extras; i++) {
        extra_rec *e = &r->extras[i];
        if (e->rec >= r->n_recs || r->recs[e->rec].side != 0 || e->rec == first)
            continue;
        if ((rc = unkept_add(r, e->type != NO_STR ? pool_str(r, e->type) : e->elem)) !=
            TX_OK)
            return rc;
        e->rec = DROP_REC;
    }
    return TX_OK;
}

/* Point r->extra_out at the entry's extras; returns their number. */
static size_t entry_extras(tbx_reader *r)
{
    size_t n = 0;

    for (size_t i = 0; i < r->n_extras; i++) {
        const extra_rec *e = &r->extras[i];
        tx_data_cat *out = &r->extra_out[n];
        if (e->rec == DROP_REC)
            continue;
        memset(out, 0, sizeof *out);
        out->level = e->rec == NO_REC ? "concept" : e->rec == DEF_REC ? "definition"
                     : r->recs[e->rec].side ? "translation" : "term";
        if (e->rec < r->n_recs)
            for (size_t k = 0; k < e->rec; k++)
                out->tgt_index += r->recs[k].side == 1;
        out->elem = e->elem;
        out->type = pool_str(r, e->type);
        out->target = pool_str(r, e->target);
        out->text = pool_str(r, e->text);
        n++;
    }
    return n;
}

/* Build the concept of the finished entry and hand it out. */
static tx_status entry_end(tbx_reader *r)
{
    tx_concept c;
    size_t n_src = 0;
    tx_status rc;

    for (size_t i = 0; i < r->n_recs; i++)
        n_src += r->recs[i].side == 0;
    if (n_src == 0) {
        if (!r->info->n_no_src++)
            r->info->no_src_line = r->entry_line;
        entry_reset(r);
        return TX_OK;
    }
    if ((rc = entry_notes(r)) != TX_OK || (rc = entry_extras_check(r)) != TX_OK)
        return rc;
    if ((r->n_recs > r->cap_terms &&
         tx_grow((void **)&r->terms, &r->cap_terms, r->n_recs, sizeof *r->terms, 8) != 0) ||
        (r->n_trans > r->cap_trans_out &&
         tx_grow((void **)&r->trans_out, &r->cap_trans_out, r->n_trans,
                 sizeof *r->trans_out, 8) != 0))
        return tx_xml_nomem(&r->base);
    memset(&c, 0, sizeof c);
    n_src = entry_terms(r);
    for (size_t i = 0; i < r->n_trans; i++) {
        r->trans_out[i].type = pool_str(r, r->trans[i].type);
        r->trans_out[i].date = pool_str(r, r->trans[i].date);
        r->trans_out[i].who = pool_str(r, r->trans[i].who);
    }
    for (size_t i = 0; i < r->n_unkept; i++)
        r->unkept_out[i] = pool_str(r, r->unkept[i]);
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
    c.definition = pool_str(r, r->def);
    c.domain = pool_str(r, r->domain);
    c.transactions = r->trans_out;
    c.n_transactions = r->n_trans;
    c.extra = r->extra_out;
    c.n_extra = entry_extras(r);
    c.unkept = r->unkept_out;
    c.n_unkept = r->n_unkept;
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

/* Which field a typed element (termNote, descrip, admin) of type `type`
 * starts at the current level; F_NONE: not one the glossary keeps. */
static field_kind typed_field(tbx_reader *r, const xmlChar *name, const xmlChar *type)
{
    int in_term = r->term_depth >= 0;

    if (tx_xml_is_name(name, "termNote")) {
        static const struct { const char *type; field_kind kind; } notes[] = {
            {"partOfSpeech", F_POS},         {"administrativeStatus", F_STATUS},
            {"termType", F_TYPE},            {"grammaticalGender", F_GENDER},
            {"geographicalUsage", F_GEO}};
        for (size_t i = 0; in_term && i < sizeof notes / sizeof notes[0]; i++)
            if (tx_xml_is_name(type, notes[i].type))
                return notes[i].kind;
        return F_NONE;
    }
    if (tx_xml_is_name(name, "descrip")) {
        if (tx_xml_is_name(type, "context"))
            return in_term ? F_CONTEXT : F_NONE;
        if (tx_xml_is_name(type, "definition"))
            return r->side == 1 ? F_NONE : F_DEF; /* the concept's, or its source's */
        if (tx_xml_is_name(type, "subjectField"))
            return F_DOMAIN;
        return F_NONE;
    }
    if (tx_xml_is_name(name, "admin") && tx_xml_is_name(type, "source"))
        return in_term || r->grp_depth >= 0 ? F_SOURCE : F_NONE;
    return F_NONE;
}

/* The name a piece of data not kept is reported under: its type for typed
 * elements ("termLocation"), else the element ("xref"); said in the target
 * language when it is there ("definition (target language)"). */
static tx_status unkept_element(tbx_reader *r, const xmlChar *name, const xmlChar *type)
{
    char what[160];

    int by_name = !type || tx_xml_is_name(name, "xref") || tx_xml_is_name(name, "ref");

    snprintf(what, sizeof what, "%.60s%s", by_name ? (const char *)name : (const char *)type,
             r->side == 1 ? " (target language)" : "");
    return unkept_add(r, what);
}

/* An element of a transacGrp. */
static tx_status on_transaction_element(tbx_reader *r, const xmlChar *name, int depth,
                                        int empty)
{
    xmlChar *type = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST "type");
    field_kind kind = F_NONE;

    if (tx_xml_is_name(name, "transac") && tx_xml_is_name(type, "transactionType"))
        kind = F_TR_TYPE;
    else if (tx_xml_is_name(name, "transacNote") && tx_xml_is_name(type, "responsibility"))
        kind = F_TR_WHO;
    else if (tx_xml_is_name(name, "date"))
        kind = F_TR_DATE;
    xmlFree(type);
    if (kind == F_NONE) {
        if (!empty)
            r->base.skip_depth = depth;
        return unkept_add(r, "transaction detail");
    }
    field_start(r, kind, depth);
    return empty ? field_end(r) : TX_OK;
}

/* Is element `name` of type `type` data passed through at the current level
 * (concept.h, tx_data_cat)?  Then its reading starts (r->cur_extra) and 1 is
 * returned.  Kept: a term's termLocation; customerSubset, projectSubset,
 * crossReference, externalCrossReference of a term or of the concept; an
 * xGraphic of the concept (where TBX-Basic 2019 allows each). */
static int extra_start(tbx_reader *r, const xmlChar *name, const xmlChar *type, int depth,
                       tx_status *rc)
{
    int in_term = r->term_depth >= 0 && r->grp_depth < 0;
    int in_concept = r->lang_depth < 0 && r->grp_depth < 0 && r->trans_depth < 0;
    const char *elem = NULL;
    xmlChar *target;

    if (!type || (!in_term && !in_concept))
        return 0;
    if (tx_xml_is_name(name, "termNote") && in_term && tx_xml_is_name(type, "termLocation"))
        elem = "termNote";
    else if (tx_xml_is_name(name, "admin") && (tx_xml_is_name(type, "customerSubset") ||
                                                tx_xml_is_name(type, "projectSubset")))
        elem = "admin";
    else if (tx_xml_is_name(name, "ref") && tx_xml_is_name(type, "crossReference"))
        elem = "ref";
    else if (tx_xml_is_name(name, "xref") &&
             (tx_xml_is_name(type, "externalCrossReference") ||
              (in_concept && tx_xml_is_name(type, "xGraphic"))))
        elem = "xref";
    if (!elem)
        return 0;
    r->cur_extra = (extra_rec){in_term ? r->n_recs : NO_REC, elem, NO_STR, NO_STR, NO_STR};
    target = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST "target");
    *rc = pool_add(r, (const char *)type, strlen((const char *)type), &r->cur_extra.type);
    if (*rc == TX_OK && target && strlen((const char *)target) <= TX_DATA_CAT_MAX_LEN)
        *rc = pool_add(r, (const char *)target, strlen((const char *)target),
                       &r->cur_extra.target);
    xmlFree(target);
    if (*rc == TX_OK)
        field_start(r, F_EXTRA, depth);
    return 1;
}

/* An element inside an entry that is no section: a field, or data not kept
 * (then skipped with its content). */
static tx_status on_data_element(tbx_reader *r, const xmlChar *name, int depth, int empty)
{
    xmlChar *type;
    field_kind kind = F_NONE;
    tx_status rc = TX_OK;

    if (r->trans_depth >= 0)
        return on_transaction_element(r, name, depth, empty);
    if (r->term_depth >= 0 && tx_xml_is_name(name, "termGrp"))
        return TX_OK; /* ntig's group of the term and its notes: read through */
    if (tx_xml_is_name(name, "transacGrp")) {
        r->trans_depth = depth;
        r->cur_trans.type = r->cur_trans.date = r->cur_trans.who = NO_STR;
        return empty ? trans_end(r) : TX_OK;
    }
    if (tx_xml_is_name(name, "descripGrp")) {
        if (r->grp_depth < 0 && !empty) {
            r->grp_depth = depth;
            r->grp_kind = F_NONE;
            r->grp_context = r->grp_source = NO_STR;
        }
        return TX_OK;
    }
    if (r->term_depth >= 0 && tx_xml_is_name(name, "term"))
        kind = F_TERM;
    else if (tx_xml_is_name(name, "note"))
        kind = F_NOTE;
    type = xmlTextReaderGetAttribute(r->base.xr, BAD_CAST "type");
    if (kind == F_NONE && type)
        kind = typed_field(r, name, type);
    if (kind == F_NONE && extra_start(r, name, type, depth, &rc)) {
        if (rc == TX_OK && empty)
            rc = field_end(r);
    } else if (kind == F_NONE) {
        rc = unkept_element(r, name, type);
        if (!empty)
            r->base.skip_depth = depth;
    } else {
        if (r->grp_depth >= 0 && r->grp_kind == F_NONE &&
            (kind == F_CONTEXT || kind == F_DEF))
            r->grp_kind = kind;
        field_start(r, kind, depth);
        if (empty)
            rc = field_end(r);
    }
    xmlFree(type);
    return rc;
}

/* The language of a section's xml:lang `code`, through the map ("xx=en"). */
static const char *mapped_lang(const tbx_reader *r, const char *code)
{
    size_t n = strlen(code);

    for (size_t i = 0; i < r->n_lang_map; i++) {
        const char *m = r->lang_map[i];
        const char *eq = strchr(m, '=');
        if (eq && (size_t)(eq - m) == n) {
            size_t k = 0;
            while (k < n && tx_xml_ascii_lower((unsigned char)m[k]) ==
                                tx_xml_ascii_lower((unsigned char)code[k]))
                k++;
            if (k == n)
                return eq + 1;
        }
    }
    return code;
}

static tx_status lang_start(tbx_reader *r, int depth, int empty)
{
    xmlChar *lang = xmlTextReaderGetAttributeNs(r->base.xr, BAD_CAST "lang",
                                                XML_XML_NAMESPACE);
    char tag[TX_LANGTAG_MAX], what[TX_LANGTAG_MAX + 16];
    tx_status rc = TX_OK;

    r->lang_depth = depth;
    r->side = -1;
    if (lang) {
        const char *code = mapped_lang(r, (const char *)lang);
        int s = tx_langtag_match(code, r->base.src_lang);
        int t = tx_langtag_match(code, r->base.tgt_lang);

        tx_xml_note_lang(r->info->langs, sizeof r->info->langs, code);
        if (s > 0 && s >= t)
            r->side = 0;
        else if (t > 0)
            r->side = 1;
        if (r->side >= 0 && r->lang_off[r->side] == NO_STR)
            rc = pool_add(r, code, strlen(code), &r->lang_off[r->side]);
        else if (r->side < 0 && !tx_langcode_known(code))
            rc = tx_xml_fail_at(&r->base, tx_xml_node_line(r->base.xr),
                                "unknown language code '%.40s': say which language it "
                                "is (--lang-map %.40s=LANG)", code, code);
        else if (r->side < 0) {
            snprintf(what, sizeof what, "language %s", tx_langtag_norm(code, tag));
            rc = unkept_add(r, what);
        }
        xmlFree(lang);
    }
    /* Another language's section is skipped whole (its end tag too). */
    if (rc == TX_OK && r->side < 0 && !empty)
        r->base.skip_depth = depth;
    if (empty || r->side < 0)
        r->lang_depth = -1;
    return rc;
}

/* Back matter (the people of responsibility, ...): said once, not kept. */
static void note_back_matter(tbx_reader *r, const xmlChar *name)
{
    char *list = r->info->unkept;
    size_t used = strlen(list), size = sizeof r->info->unkept;

    if (!strstr(list, (const char *)name) && used + strlen((const char *)name) + 3 < size)
        snprintf(list + used, size - used, "%s%s", used ? ", " : "", (const char *)name);
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

/* An entry's start tag. */
static tx_status entry_start(tbx_reader *r, int depth, int empty)
{
    xmlChar *id;
    tx_status rc = TX_OK;

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

/* tx_xml_format.on_element */
static tx_status on_element(tx_xml_reader *base)
{
    tbx_reader *r = (tbx_reader *)base;
    const xmlChar *name = xmlTextReaderConstLocalName(r->base.xr);
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->base.xr);
    int depth = xmlTextReaderDepth(r->base.xr);
    int empty = xmlTextReaderIsEmptyElement(r->base.xr) == 1;
    tx_status rc;

    if (r->field != F_NONE)
        return TX_OK; /* inline markup in a field keeps its text */
    if (ns && !tx_xml_is_name(ns, TX_TBX_NS)) {
        /* DCT-style or private elements: not ours, and so is their content. */
        if (!empty)
            r->base.skip_depth = depth;
        return r->entry_depth >= 0 ? unkept_add(r, "foreign element") : TX_OK;
    }
    if (is_entry(name)) {
        if (r->entry_depth >= 0)
            return tx_xml_misplaced(base, name);
        return entry_start(r, depth, empty);
    }
    if (r->entry_depth < 0) {
        /* header, back matter */
        if (tx_xml_is_name(name, "refObjectList") || tx_xml_is_name(name, "refObjectSec"))
            note_back_matter(r, name);
        return TX_OK;
    }
    if (is_lang_section(name)) {
        if (r->lang_depth >= 0 || r->trans_depth >= 0 || r->grp_depth >= 0)
            return tx_xml_misplaced(base, name);
        return lang_start(r, depth, empty);
    }
    if (is_term_section(name)) {
        if (r->lang_depth < 0 || r->term_depth >= 0)
            return tx_xml_misplaced(base, name);
        r->term_depth = depth;
        term_reset(r);
        if (!empty)
            return TX_OK;
        return term_end(r);
    }
    if ((rc = on_data_element(r, name, depth, empty)) != TX_OK)
        return rc;
    return TX_OK;
}

/* tx_xml_format.on_end_element */
static tx_status on_end_element(tx_xml_reader *base)
{
    tbx_reader *r = (tbx_reader *)base;
    int depth = xmlTextReaderDepth(base->xr);

    if (r->field != F_NONE)
        return depth == r->field_depth ? field_end(r) : TX_OK;
    if (depth == r->trans_depth)
        return trans_end(r);
    if (depth == r->grp_depth)
        return grp_end(r);
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

tx_status tx_tbx_read_mapped(const char *path, const char *src_lang, const char *tgt_lang,
                             const char *const *lang_map, size_t n_lang_map,
                             tx_concept_fn fn, void *arg, tx_tbx_info *info,
                             tx_error *err)
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
    r.lang_map = lang_map;
    r.n_lang_map = n_lang_map;
    r.lang_depth = r.term_depth = r.grp_depth = r.trans_depth = r.field_depth = -1;
    r.side = -1;
    tx_buf_init(&r.pool);
    tx_buf_init(&r.join);
    entry_reset(&r);

    rc = tx_xml_reader_run(&r.base);
    if (rc == TX_OK && !r.base.stop && info->n_concepts == 0)
        rc = tx_fail(err, TX_ENOTFOUND,
                     "%s: no entry with a term in '%s' (languages found: %s)", path,
                     src_lang, info->langs[0] ? info->langs : "none");
    tx_xml_reader_release(&r.base);
    tx_buf_release(&r.pool);
    tx_buf_release(&r.join);
    free(r.recs);
    free(r.trans);
    free(r.terms);
    free(r.trans_out);
    return rc;
}

tx_status tx_tbx_read(const char *path, const char *src_lang, const char *tgt_lang,
                      tx_concept_fn fn, void *arg, tx_tbx_info *info, tx_error *err)
{
    return tx_tbx_read_mapped(path, src_lang, tgt_lang, NULL, 0, fn, arg, info, err);
}
