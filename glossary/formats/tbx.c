/* tbx.c: TBX-Basic writer (xmlTextWriter); the reader is tbxread.c.
 *
 * One concept per tx_tbx_write() call goes straight to the output
 * buffer; the writer keeps the FILE, the libxml2 writer (whose state is the
 * stack of open elements) and two scratch buffers, nothing per concept.  The
 * structure of a concept (id, languages, terms present) is checked first so
 * that a bad concept is refused whole; text is repaired rather than refused
 * (invalid UTF-8 and characters XML 1.0 forbids become U+FFFD, so one damaged
 * row never stops an export), then normalised the way the reader normalises
 * text, which makes write -> read -> write byte-identical. */
#include "tbx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "buf.h"
#include "error.h"
#include "xmlsafe.h"

#define MAX_LANG 63 /* longest language code the writer accepts */

/* ---- statuses ------------------------------------------------------------ */

const char *tx_status_to_tbx(const char *status)
{
    if (!status)
        return NULL;
    if (strcmp(status, "approved") == 0)
        return "preferredTerm-admn-sts";
    if (strcmp(status, "candidate") == 0)
        return "admittedTerm-admn-sts";
    if (strcmp(status, "rejected") == 0 || strcmp(status, "forbidden") == 0)
        return "deprecatedTerm-admn-sts";
    return NULL;
}

const char *tx_status_from_tbx(const char *admn)
{
    if (!admn)
        return NULL;
    if (strcmp(admn, "preferredTerm-admn-sts") == 0)
        return "approved";
    if (strcmp(admn, "admittedTerm-admn-sts") == 0)
        return "candidate";
    if (strcmp(admn, "deprecatedTerm-admn-sts") == 0
        || strcmp(admn, "supersededTerm-admn-sts") == 0)
        return "rejected";
    return NULL;
}

/* ---- text checks for the writer ------------------------------------------ */

static int is_xml_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Is `s` valid UTF-8 made of XML 1.0 characters (no C0 controls but tab, LF,
 * CR; no surrogates, U+FFFE or U+FFFF)?  Sets *blank when it is only white space. */
static int xml_text_ok(const char *s, int *blank)
{
    const unsigned char *p = (const unsigned char *)s;

    *blank = 1;
    while (*p) {
        unsigned c = *p;
        unsigned cp;
        int n;
        int i;

        if (c < 0x80) {
            if (c < 0x20 && !is_xml_space((int)c))
                return 0;
            if (!is_xml_space((int)c))
                *blank = 0;
            p++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        for (i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))
            || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
            return 0;
        *blank = 0;
        p += n + 1;
    }
    return 1;
}

/* A language code as the writer accepts it: ASCII letters, digits, '-'. */
static int lang_ok(const char *code)
{
    size_t n;

    if (!code || !*code)
        return 0;
    for (n = 0; code[n]; n++)
        if (!((code[n] >= 'a' && code[n] <= 'z') || (code[n] >= 'A' && code[n] <= 'Z')
              || (code[n] >= '0' && code[n] <= '9') || code[n] == '-'))
            return 0;
    return n <= MAX_LANG && code[0] != '-';
}

/* An id usable as an XML ID (the 2008 DTD declares it so): an XML name without
 * ':'.  ASCII is checked strictly; non-ASCII bytes must form valid UTF-8 and
 * are accepted as name characters. */
static int id_ok(const char *id)
{
    const unsigned char *p = (const unsigned char *)id;
    int blank;

    if (!id || !*id || !xml_text_ok(id, &blank))
        return 0;
    if (*p < 0x80 && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_'))
        return 0;
    for (; *p; p++)
        if (*p < 0x80 && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
                           || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'
                           || *p == '.'))
            return 0;
    return 1;
}

/* Append `s` to `b` with XML white space runs made one space, ends trimmed. */
static tx_status add_normalised(tx_buf *b, const char *s)
{
    int space = 0;

    while (*s) {
        size_t run = strcspn(s, " \t\r\n");

        if (run > 0) {
            if (space && b->len > 0 && tx_buf_addch(b, ' ') != TX_OK)
                return TX_ENOMEM;
            if (tx_buf_add(b, s, run) != TX_OK)
                return TX_ENOMEM;
            space = 0;
            s += run;
        }
        run = strspn(s, " \t\r\n");
        if (run > 0) {
            space = 1;
            s += run;
        }
    }
    return TX_OK;
}

/* ---- the writer ------------------------------------------------------------ */

struct tx_tbx_writer {
    FILE *f;                     /* borrowed */
    tx_tbx_version version;
    xmlTextWriterPtr xw;         /* owns the output buffer */
    char src_lang[MAX_LANG + 1];
    char tgt_lang[MAX_LANG + 1];
    tx_buf clean;                /* the field being written, repaired */
    tx_buf scratch;              /* the same, normalised */
    int errnum;                  /* errno of a failed fwrite(), else 0 */
    int failed;                  /* a write failed: every later call fails */
    int finished;
};

static int out_write(void *ctx, const char *data, int len)
{
    tx_tbx_writer *w = ctx;

    if (len <= 0)
        return 0;
    errno = 0;
    if (fwrite(data, 1, (size_t)len, w->f) != (size_t)len) {
        w->errnum = errno ? errno : EIO;
        return -1;
    }
    return len;
}

static tx_status write_failed(tx_tbx_writer *w, tx_error *err)
{
    w->failed = 1;
    if (w->errnum)
        return tx_fail(err, TX_EIO, "cannot write the TBX document: %s",
                       strerror(w->errnum));
    return tx_fail(err, TX_EIO, "cannot write the TBX document");
}

static const char *entry_name(const tx_tbx_writer *w)
{
    return w->version == TX_TBX_2019 ? "conceptEntry" : "termEntry";
}

static const char *lang_name(const tx_tbx_writer *w)
{
    return w->version == TX_TBX_2019 ? "langSec" : "langSet";
}

static const char *term_name(const tx_tbx_writer *w)
{
    return w->version == TX_TBX_2019 ? "termSec" : "tig";
}

/* <name type="TYPE">TEXT</name>, TEXT normalised; type may be NULL.  Returns < 0
 * on failure, like libxml2's writer functions. */
static int write_el(tx_tbx_writer *w, const char *name, const char *type, const char *text)
{
    tx_buf_reset(&w->clean);
    tx_buf_reset(&w->scratch);
    if (tx_text_clean(&w->clean, text) != TX_OK
        || add_normalised(&w->scratch, tx_buf_str(&w->clean)) != TX_OK)
        return -1;
    if (xmlTextWriterStartElement(w->xw, BAD_CAST name) < 0)
        return -1;
    if (type && xmlTextWriterWriteAttribute(w->xw, BAD_CAST "type", BAD_CAST type) < 0)
        return -1;
    if (xmlTextWriterWriteString(w->xw, BAD_CAST tx_buf_str(&w->scratch)) < 0)
        return -1;
    return xmlTextWriterEndElement(w->xw);
}

static int start_el(tx_tbx_writer *w, const char *name, const char *attr,
                    const char *value)
{
    if (xmlTextWriterStartElement(w->xw, BAD_CAST name) < 0)
        return -1;
    if (attr && xmlTextWriterWriteAttribute(w->xw, BAD_CAST attr, BAD_CAST value) < 0)
        return -1;
    return 0;
}

/* partOfSpeech picklists: TBX-Basic 2019 (Min module) and TBX-Basic 2008 (XCS);
 * matched case-insensitively after trimming, anything else is "other". */
static const char *pos_value(tx_tbx_version version, const char *pos)
{
    static const char *const known[] = { "adjective", "adverb", "noun", "verb", "other",
                                         "properNoun" };
    const char *found = "other";
    size_t n;
    size_t i;
    size_t k;

    while (is_xml_space((unsigned char)*pos))
        pos++;
    n = strlen(pos);
    while (n > 0 && is_xml_space((unsigned char)pos[n - 1]))
        n--;
    for (i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (strlen(known[i]) != n)
            continue;
        for (k = 0; k < n; k++)
            if (tx_xml_ascii_lower((unsigned char)pos[k])
                != tx_xml_ascii_lower((unsigned char)known[i][k]))
                break;
        if (k == n) {
            found = known[i];
            break;
        }
    }
    /* TBX-Basic 2019 has no properNoun: a proper noun is a noun. */
    if (version == TX_TBX_2019 && strcmp(found, "properNoun") == 0)
        found = "noun";
    return found;
}

static int is_blank(const char *s)
{
    if (!s)
        return 1;
    while (is_xml_space((unsigned char)*s))
        s++;
    return *s == '\0';
}

/* termType values both TBX-Basic versions accept; others are not written. */
static int term_type_ok(const char *type)
{
    static const char *const types[] = {"fullForm", "acronym", "abbreviation",
                                        "shortForm", "variant", "phrase"};

    for (size_t i = 0; type && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(type, types[i]) == 0)
            return 1;
    return 0;
}

/* grammaticalGender picklist (both versions); anything else is "other". */
static const char *gender_value(const char *g)
{
    static const char *const known[] = {"masculine", "feminine", "neuter", "other"};

    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(g, known[i]) == 0)
            return known[i];
    return "other";
}

/* <el type="TYPE">TEXT</el> when TEXT is not blank. */
static int write_opt(tx_tbx_writer *w, const char *el, const char *type, const char *text)
{
    return is_blank(text) ? 0 : write_el(w, el, type, text);
}

/* Does extra `e` of `c` belong at `level` (and, for a translation, to
 * target term `index`)? */
static int extra_at(const tx_data_cat *e, const char *level, size_t index)
{
    return e->level && e->elem && e->text && strcmp(e->level, level) == 0 &&
           (strcmp(level, "translation") != 0 || e->tgt_index == index);
}

/* The extras of `c` at `level` (`index`: the translation's) whose element
 * is (`notes`) or is not (!`notes`) a termNote, in their order: a termNote
 * goes among the term's termNotes, the rest where TBX takes auxiliary data
 * (any order).  A ref's target is written only when it is an XML name
 * (the target's type is IDREF); the other attributes as they are. */
static int write_extras(tx_tbx_writer *w, const tx_concept *c, const char *level,
                        size_t index, int notes)
{
    for (size_t i = 0; c && i < c->n_extra; i++) {
        const tx_data_cat *e = &c->extra[i];
        int is_ref = 0;
        if (!extra_at(e, level, index) || (strcmp(e->elem, "termNote") == 0) != notes)
            continue;
        if (strcmp(e->elem, "termNote") != 0 && strcmp(e->elem, "admin") != 0 &&
            !(is_ref = strcmp(e->elem, "ref") == 0) && strcmp(e->elem, "xref") != 0)
            continue;
        if (is_blank(e->text) && !e->target)
            continue;
        tx_buf_reset(&w->clean);
        tx_buf_reset(&w->scratch);
        if (tx_text_clean(&w->clean, e->text) != TX_OK ||
            add_normalised(&w->scratch, tx_buf_str(&w->clean)) != TX_OK ||
            start_el(w, e->elem, e->type ? "type" : NULL, e->type) < 0)
            return -1;
        if (e->target && (!is_ref || id_ok(e->target)) &&
            xmlTextWriterWriteAttribute(w->xw, BAD_CAST "target", BAD_CAST e->target) < 0)
            return -1;
        if (xmlTextWriterWriteString(w->xw, BAD_CAST tx_buf_str(&w->scratch)) < 0 ||
            xmlTextWriterEndElement(w->xw) < 0)
            return -1;
    }
    return 0;
}

/* A term, its termNotes in the order the TBX-Basic samples give them, its
 * context and source, its note, then what `c` passes through for it at
 * `level` (`index`: a translation's; `c` may be NULL).  `admn` overrides its
 * status when not NULL (the translations of a rejected term are all
 * deprecated). */
static int write_term(tx_tbx_writer *w, const tx_concept_term *t, const char *admn,
                      const tx_concept *c, const char *level, size_t index)
{
    int has_context = !is_blank(t->context);
    int has_source = !is_blank(t->source);

    if (!admn)
        admn = tx_status_to_tbx(t->status);
    if (start_el(w, term_name(w), NULL, NULL) < 0)
        return -1;
    if (write_el(w, "term", NULL, t->text) < 0)
        return -1;
    if (!is_blank(t->pos)
        && write_el(w, "termNote", "partOfSpeech", pos_value(w->version, t->pos)) < 0)
        return -1;
    if (admn && write_el(w, "termNote", "administrativeStatus", admn) < 0)
        return -1;
    if (term_type_ok(t->type) && write_el(w, "termNote", "termType", t->type) < 0)
        return -1;
    if (!is_blank(t->gender)
        && write_el(w, "termNote", "grammaticalGender", gender_value(t->gender)) < 0)
        return -1;
    if (write_opt(w, "termNote", "geographicalUsage", t->geo) < 0 ||
        write_extras(w, c, level, index, 1) < 0)
        return -1;
    if (has_context && has_source) {
        /* The TBX-Basic samples' way of giving a context its source. */
        if (start_el(w, "descripGrp", NULL, NULL) < 0
            || write_el(w, "descrip", "context", t->context) < 0
            || write_el(w, "admin", "source", t->source) < 0
            || xmlTextWriterEndElement(w->xw) < 0)
            return -1;
    } else if (has_context) {
        if (write_el(w, "descrip", "context", t->context) < 0)
            return -1;
    } else if (has_source) {
        if (write_el(w, "admin", "source", t->source) < 0)
            return -1;
    }
    if (write_opt(w, "note", NULL, t->note) < 0 || write_extras(w, c, level, index, 0) < 0)
        return -1;
    return xmlTextWriterEndElement(w->xw);
}

/* A language section of `c`: its source terms (`tgt` 0) or its translations. */
static int write_lang(tx_tbx_writer *w, const tx_concept *c, int tgt, const char *admn)
{
    const char *lang = tgt ? (c->tgt_lang ? c->tgt_lang : w->tgt_lang)
                           : (c->src_lang ? c->src_lang : w->src_lang);
    const tx_concept_term *terms = tgt ? c->tgt : c->src;
    size_t n_terms = tgt ? c->n_tgt : c->n_src;

    if (start_el(w, lang_name(w), "xml:lang", lang) < 0)
        return -1;
    for (size_t i = 0; i < n_terms; i++)
        if (write_term(w, &terms[i], admn, tgt || i == 0 ? c : NULL,
                       tgt ? "translation" : "term", i) < 0)
            return -1;
    return xmlTextWriterEndElement(w->xw);
}

/* How much of `date` TBX takes: an ISO date ("2007-07-22") whole; a date and
 * time ("2026-12-07T20:31:00Z") whole in TBX 2019, its date in TBX 2008
 * (whose schema wants a date); 0 for anything else, which is not written. */
static size_t date_len(const tx_tbx_writer *w, const char *date)
{
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? date[i] != '-' : (date[i] < '0' || date[i] > '9'))
            return 0;
    if (date[10] == '\0')
        return 10;
    if (date[10] != 'T')
        return 0;
    return w->version == TX_TBX_2008 ? 10 : strlen(date);
}

/* One transacGrp: its type, date and responsibility (in TBX 2008's order;
 * TBX 2019 takes any). */
static int write_transaction(tx_tbx_writer *w, const tx_transaction *t)
{
    char date[64];
    size_t n = date_len(w, t->date);

    if ((strcmp(t->type, "origination") != 0 && strcmp(t->type, "modification") != 0)
        || n == 0 || n >= sizeof date)
        return 0;
    memcpy(date, t->date, n);
    date[n] = '\0';
    if (start_el(w, "transacGrp", NULL, NULL) < 0
        || write_el(w, "transac", "transactionType", t->type) < 0
        || write_opt(w, "transacNote", "responsibility", t->who) < 0
        || write_el(w, "date", NULL, date) < 0)
        return -1;
    return xmlTextWriterEndElement(w->xw);
}

/* The concept's definition, in a descripGrp with its source when it has one
 * (the first "definition" extra). */
static int write_definition(tx_tbx_writer *w, const tx_concept *c)
{
    const char *source = NULL;

    if (is_blank(c->definition))
        return 0;
    for (size_t i = 0; i < c->n_extra && !source; i++)
        if (extra_at(&c->extra[i], "definition", 0) && !is_blank(c->extra[i].text))
            source = c->extra[i].text;
    if (!source)
        return write_el(w, "descrip", "definition", c->definition);
    if (start_el(w, "descripGrp", NULL, NULL) < 0
        || write_el(w, "descrip", "definition", c->definition) < 0
        || write_el(w, "admin", "source", source) < 0)
        return -1;
    return xmlTextWriterEndElement(w->xw);
}

/* What the concept as a whole carries: subject field, definition, history,
 * and what it passes through. */
static int write_concept_data(tx_tbx_writer *w, const tx_concept *c)
{
    if (write_opt(w, "descrip", "subjectField", c->domain) < 0
        || write_definition(w, c) < 0)
        return -1;
    for (size_t i = 0; i < c->n_transactions; i++) {
        const tx_transaction *t = &c->transactions[i];
        if (t->type && t->date && write_transaction(w, t) < 0)
            return -1;
    }
    return write_extras(w, c, "concept", 0, 0);
}

static int write_header(tx_tbx_writer *w, const char *title)
{
    char desc[200];

    snprintf(desc, sizeof desc, "Terminology extracted with termex (%s to %s).",
             w->src_lang, w->tgt_lang);
    if (xmlTextWriterStartDocument(w->xw, NULL, "UTF-8", NULL) < 0)
        return -1;
    if (w->version == TX_TBX_2019) {
        if (start_el(w, "tbx", "type", "TBX-Basic") < 0
            || xmlTextWriterWriteAttribute(w->xw, BAD_CAST "style", BAD_CAST "dca") < 0
            || xmlTextWriterWriteAttribute(w->xw, BAD_CAST "xml:lang",
                                           BAD_CAST w->src_lang) < 0
            || xmlTextWriterWriteAttribute(w->xw, BAD_CAST "xmlns",
                                           BAD_CAST TX_TBX_NS) < 0
            || start_el(w, "tbxHeader", NULL, NULL) < 0)
            return -1;
    } else {
        /* Raw: xmlTextWriterWriteDTD() breaks the line before SYSTEM when indenting. */
        if (xmlTextWriterWriteRaw(w->xw, BAD_CAST "<!DOCTYPE martif SYSTEM"
                                  " \"TBXBasiccoreStructV02.dtd\">\n") < 0
            || start_el(w, "martif", "type", "TBX-Basic") < 0
            || xmlTextWriterWriteAttribute(w->xw, BAD_CAST "xml:lang",
                                           BAD_CAST w->src_lang) < 0
            || start_el(w, "martifHeader", NULL, NULL) < 0)
            return -1;
    }
    if (start_el(w, "fileDesc", NULL, NULL) < 0 || start_el(w, "titleStmt", NULL, NULL) < 0
        || write_el(w, "title", NULL, title) < 0
        || xmlTextWriterEndElement(w->xw) < 0 /* titleStmt */
        || start_el(w, "sourceDesc", NULL, NULL) < 0 || write_el(w, "p", NULL, desc) < 0
        || xmlTextWriterEndElement(w->xw) < 0 /* sourceDesc */
        || xmlTextWriterEndElement(w->xw) < 0) /* fileDesc */
        return -1;
    /* TBX-Basic 2008 names its XCS here; TBX 2019 dialects are named by @type. */
    if (w->version == TX_TBX_2008
        && (start_el(w, "encodingDesc", NULL, NULL) < 0
            || start_el(w, "p", "type", "XCSURI") < 0
            || xmlTextWriterWriteString(w->xw, BAD_CAST "TBXBasicXCSV02.xcs") < 0
            || xmlTextWriterEndElement(w->xw) < 0 || xmlTextWriterEndElement(w->xw) < 0))
        return -1;
    if (xmlTextWriterEndElement(w->xw) < 0 /* header */
        || start_el(w, "text", NULL, NULL) < 0 || start_el(w, "body", NULL, NULL) < 0)
        return -1;
    return 0;
}

tx_status tx_tbx_writer_new(FILE *f, tx_tbx_version version, const char *src_lang,
                            const char *tgt_lang, const char *title,
                            tx_tbx_writer **out, tx_error *err)
{
    tx_tbx_writer *w;
    xmlOutputBufferPtr ob;
    tx_xml_fault fault;
    tx_xml_hooks hooks;
    tx_status rc = TX_OK;
    int blank;

    if (!out)
        return tx_fail(err, TX_EINVAL, "tx_tbx_writer_new: no result pointer");
    *out = NULL;
    if (!f)
        return tx_fail(err, TX_EINVAL, "tx_tbx_writer_new: no output file");
    if (version != TX_TBX_2019 && version != TX_TBX_2008)
        return tx_fail(err, TX_EINVAL, "unknown TBX version %d", (int)version);
    if (!lang_ok(src_lang) || !lang_ok(tgt_lang))
        return tx_fail(err, TX_EINVAL, "invalid language code '%.64s'",
                       !lang_ok(src_lang) ? (src_lang ? src_lang : "")
                                          : (tgt_lang ? tgt_lang : ""));
    if ((rc = tx_lang_pair_check(src_lang, tgt_lang, err)) != TX_OK)
        return rc;
    if (!title)
        title = "termex glossary";
    if (!xml_text_ok(title, &blank) || blank)
        return tx_fail(err, TX_EINVAL, "the TBX title is empty or not valid text");
    w = calloc(1, sizeof *w);
    if (!w)
        return tx_fail(err, TX_ENOMEM, "cannot allocate the TBX writer");
    w->f = f;
    w->version = version;
    snprintf(w->src_lang, sizeof w->src_lang, "%s", src_lang);
    snprintf(w->tgt_lang, sizeof w->tgt_lang, "%s", tgt_lang);
    tx_buf_init(&w->clean);
    tx_buf_init(&w->scratch);

    xmlInitParser();
    memset(&fault, 0, sizeof fault);
    tx_xml_hooks_install(&hooks, &fault, 0);
    /* No close callback: the FILE stays the caller's. */
    ob = xmlOutputBufferCreateIO(out_write, NULL, w, NULL);
    if (ob)
        w->xw = xmlNewTextWriter(ob);
    if (!w->xw) {
        if (ob)
            xmlOutputBufferClose(ob);
        rc = tx_fail(err, TX_ENOMEM, "cannot create the XML writer");
    } else if (xmlTextWriterSetIndent(w->xw, 1) < 0
               || xmlTextWriterSetIndentString(w->xw, BAD_CAST "  ") < 0
               || write_header(w, title) < 0) {
        rc = write_failed(w, err);
    }
    tx_xml_hooks_restore(&hooks);
    if (rc != TX_OK) {
        tx_tbx_writer_free(w);
        return rc;
    }
    *out = w;
    return TX_OK;
}

/* `s` for a message: at most 60 bytes, bytes outside printable ASCII as '?'. */
static const char *shown(const char *s, char *out, size_t size)
{
    size_t n;

    if (!s)
        s = "(null)";
    for (n = 0; n < size - 1 && n < 60 && s[n]; n++)
        out[n] = (s[n] >= 0x20 && s[n] < 0x7F) ? s[n] : '?';
    out[n] = '\0';
    return out;
}

/* Every term has a text that is not only white space (the text itself is
 * repaired when written, not checked). */
static tx_status check_terms(const tx_concept *c, const tx_concept_term *terms,
                             size_t n_terms, const char *side, tx_error *err)
{
    size_t i;

    for (i = 0; i < n_terms; i++) {
        if (!terms[i].text)
            return tx_fail(err, TX_EINVAL, "concept '%s': %s term %zu has no text",
                           c->id, side, i + 1);
        if (is_blank(terms[i].text))
            return tx_fail(err, TX_EINVAL, "concept '%s': %s term %zu is empty", c->id,
                           side, i + 1);
    }
    return TX_OK;
}

/* Everything tx_tbx_write() needs from `c`, checked before anything is written. */
static tx_status check_concept(const tx_concept *c, tx_error *err)
{
    char tmp[64];
    tx_status rc;

    if (!id_ok(c->id))
        return tx_fail(err, TX_EINVAL, "concept id '%s' is not an XML name",
                       shown(c->id, tmp, sizeof tmp));
    if (c->n_src == 0 || !c->src)
        return tx_fail(err, TX_EINVAL, "concept '%s': no source term", c->id);
    if (c->n_tgt > 0 && !c->tgt)
        return tx_fail(err, TX_EINVAL, "concept '%s': no target terms", c->id);
    if ((c->src_lang && !lang_ok(c->src_lang)) || (c->tgt_lang && !lang_ok(c->tgt_lang)))
        return tx_fail(err, TX_EINVAL, "concept '%s': invalid language code", c->id);
    if ((rc = check_terms(c, c->src, c->n_src, "source", err)) != TX_OK)
        return rc;
    return check_terms(c, c->tgt, c->n_tgt, "target", err);
}

tx_status tx_tbx_write(tx_tbx_writer *w, const tx_concept *c, tx_error *err)
{
    tx_xml_fault fault;
    tx_xml_hooks hooks;
    tx_status rc = TX_OK;
    int rejected;

    if (!w || !c)
        return tx_fail(err, TX_EINVAL, "tx_tbx_write: missing writer or concept");
    if (w->failed)
        return tx_fail(err, TX_EIO, "cannot write the TBX document (an earlier write failed)");
    if (w->finished)
        return tx_fail(err, TX_EINVAL, "tx_tbx_write: the document is finished");
    if ((rc = check_concept(c, err)) != TX_OK)
        return rc;
    memset(&fault, 0, sizeof fault);
    tx_xml_hooks_install(&hooks, &fault, 0);
    /* A rejected term's translations are not to be used either. */
    rejected = c->src[0].status && strcmp(c->src[0].status, "rejected") == 0;
    if (start_el(w, entry_name(w), "id", c->id) < 0 || write_concept_data(w, c) < 0
        || write_lang(w, c, 0, NULL) < 0
        || (c->n_tgt > 0
            && write_lang(w, c, 1, rejected ? "deprecatedTerm-admn-sts" : NULL) < 0)
        || xmlTextWriterEndElement(w->xw) < 0)
        rc = write_failed(w, err);
    tx_xml_hooks_restore(&hooks);
    return rc;
}

tx_status tx_tbx_writer_finish(tx_tbx_writer *w, tx_error *err)
{
    tx_xml_fault fault;
    tx_xml_hooks hooks;
    int bad;

    if (!w)
        return tx_fail(err, TX_EINVAL, "tx_tbx_writer_finish: no writer");
    if (w->failed)
        return tx_fail(err, TX_EIO,
                       "cannot write the TBX document (an earlier write failed)");
    if (w->finished)
        return TX_OK;
    w->finished = 1;
    memset(&fault, 0, sizeof fault);
    tx_xml_hooks_install(&hooks, &fault, 0);
    bad = xmlTextWriterEndDocument(w->xw) < 0 || xmlTextWriterFlush(w->xw) < 0;
    tx_xml_hooks_restore(&hooks);
    if (bad)
        return write_failed(w, err);
    errno = 0;
    if (fflush(w->f) != 0 || ferror(w->f)) {
        w->errnum = errno ? errno : EIO;
        return write_failed(w, err);
    }
    return TX_OK;
}

void tx_tbx_writer_free(tx_tbx_writer *w)
{
    tx_xml_fault fault;
    tx_xml_hooks hooks;

    if (!w)
        return;
    if (w->xw) {
        /* Freeing flushes what libxml2 still buffers, which may fail: quietly. */
        memset(&fault, 0, sizeof fault);
        tx_xml_hooks_install(&hooks, &fault, 0);
        xmlFreeTextWriter(w->xw);
        tx_xml_hooks_restore(&hooks);
    }
    tx_buf_release(&w->clean);
    tx_buf_release(&w->scratch);
    free(w);
}
