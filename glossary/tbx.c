/* tbx.c: TBX-Basic writer (xmlTextWriter) and streaming reader (xmlTextReader).
 *
 * Writing: one concept per tx_tbx_write() call goes straight to the output
 * buffer; the writer keeps the FILE, the libxml2 writer (whose state is the
 * stack of open elements) and two scratch buffers, nothing per concept.  The
 * structure of a concept (id, languages, terms present) is checked first so
 * that a bad concept is refused whole; text is repaired rather than refused
 * (invalid UTF-8 and characters XML 1.0 forbids become U+FFFD, so one damaged
 * row never stops an export), then normalised the way the reader normalises
 * text, which makes write -> read -> write byte-identical.
 *
 * Reading: one pass, one entry in memory at a time: the text of the wanted
 * fields of the current entry is appended to a pool (offsets, not pointers,
 * since the pool moves when it grows) and at the entry's end the concept is
 * built and handed to the caller.  The hardening is tmx.c's, shared through
 * xmlsafe.c (see there and tmx.c for the reasons): our own descriptor read
 * through xmlReaderForIO(), no NOENT/DTDLOAD/DTDATTR/DTDVALID/HUGE/XINCLUDE,
 * NONET, entity declarations and references refused, a refusing external entity
 * loader, libxml2's errors captured, size limits. */
#include "tbx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "buf.h"
#include "error.h"
#include "xmlsafe.h"

#define TBX_NS "urn:iso:std:iso:30042:ed-2"
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
    if (strcmp(status, "rejected") == 0)
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

static int write_term(tx_tbx_writer *w, const tx_concept_term *t)
{
    const char *admn = tx_status_to_tbx(t->status);
    int has_context = !is_blank(t->context);
    int has_source = !is_blank(t->source);

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
    return xmlTextWriterEndElement(w->xw);
}

static int write_lang(tx_tbx_writer *w, const char *lang, const tx_concept_term *terms,
                      size_t n_terms)
{
    size_t i;

    if (start_el(w, lang_name(w), "xml:lang", lang) < 0)
        return -1;
    for (i = 0; i < n_terms; i++)
        if (write_term(w, &terms[i]) < 0)
            return -1;
    return xmlTextWriterEndElement(w->xw);
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
            || xmlTextWriterWriteAttribute(w->xw, BAD_CAST "xmlns", BAD_CAST TBX_NS) < 0
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
    if (start_el(w, entry_name(w), "id", c->id) < 0
        || write_lang(w, c->src_lang ? c->src_lang : w->src_lang, c->src, c->n_src) < 0
        || (c->n_tgt > 0
            && write_lang(w, c->tgt_lang ? c->tgt_lang : w->tgt_lang, c->tgt,
                          c->n_tgt) < 0)
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
    const char *path;
    const char *src_lang;
    const char *tgt_lang;
    xmlTextReaderPtr xr;   /* set by on_node() while tx_xml_read() runs */
    tx_tbx_info *info;
    tx_error *err;
    tx_concept_fn fn;
    void *arg;
    int seen_root;
    int skip_depth;     /* depth of a foreign element skipped with its content, or -1 */
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
    unsigned field_line;
    tx_buf text;        /* normalised */
    size_t text_raw;    /* bytes before normalising */
    int text_space;
    /* the concept handed out, rebuilt per entry */
    tx_concept_term *terms;
    size_t cap_terms;
    int stop;
} tbx_reader;

static int is_name(const xmlChar *name, const char *want)
{
    return name && strcmp((const char *)name, want) == 0;
}

static tx_status fail_at(tbx_reader *r, unsigned line, const char *what)
{
    return tx_fail(r->err, TX_EINPUT, "%s:%u: %s", r->path, line, what);
}

static tx_status nomem(tbx_reader *r)
{
    return tx_fail(r->err, TX_ENOMEM, "%s:%u: out of memory", r->path,
                   tx_xml_node_line(r->xr));
}

/* Copy `s` (len bytes) into the pool; *off receives its offset. */
static tx_status pool_add(tbx_reader *r, const char *s, size_t len, size_t *off)
{
    if (r->pool.len + len + 1 > TX_TBX_MAX_ENTRY)
        return tx_fail(r->err, TX_EINPUT, "%s:%u: entry holds more than %zu bytes of text",
                       r->path, tx_xml_node_line(r->xr), TX_TBX_MAX_ENTRY);
    *off = r->pool.len;
    if (tx_buf_add(&r->pool, s, len) != TX_OK || tx_buf_addch(&r->pool, '\0') != TX_OK)
        return nomem(r);
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

/* Append text to the field being gathered, white space folded as in tmx.c. */
static tx_status text_add(tbx_reader *r, const char *s)
{
    size_t len = strlen(s);
    const char *end = s + len;

    r->text_raw += len;
    if (r->text_raw > TX_TBX_MAX_TEXT)
        return tx_fail(r->err, TX_EINPUT, "%s:%u: text longer than %zu bytes", r->path,
                       r->field_line, TX_TBX_MAX_TEXT);
    while (s < end) {
        size_t run = strcspn(s, " \t\r\n");

        if (run > 0) {
            if (r->text_space && r->text.len > 0 && tx_buf_addch(&r->text, ' ') != TX_OK)
                return nomem(r);
            if (tx_buf_add(&r->text, s, run) != TX_OK)
                return nomem(r);
            r->text_space = 0;
            s += run;
        }
        run = strspn(s, " \t\r\n");
        if (run > 0) {
            r->text_space = 1;
            s += run;
        }
    }
    return TX_OK;
}

static void field_start(tbx_reader *r, field_kind kind, int depth)
{
    r->field = kind;
    r->field_depth = depth;
    r->field_in_grp = r->grp_depth >= 0;
    r->field_line = tx_xml_node_line(r->xr);
    r->text_raw = 0;
    r->text_space = 0;
    tx_buf_reset(&r->text);
}

/* The field ended: keep its text where it belongs, the first of each kind winning. */
static tx_status field_end(tbx_reader *r)
{
    size_t *slot = NULL;
    field_kind kind = r->field;

    r->field = F_NONE;
    r->field_depth = -1;
    if (r->text.len == 0)
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
        const char *status = tx_status_from_tbx(tx_buf_str(&r->text));

        return status ? pool_add(r, status, strlen(status), slot) : TX_OK;
    }
    return pool_add(r, r->text.data, r->text.len, slot);
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
        return tx_fail(r->err, TX_EINPUT, "%s:%u: entry with more than %zu terms", r->path,
                       tx_xml_node_line(r->xr), TX_TBX_MAX_TERMS);
    if (r->n_recs == r->cap_recs) {
        size_t cap = r->cap_recs ? r->cap_recs * 2 : 8;
        term_rec *p = realloc(r->recs, cap * sizeof *p);

        if (!p)
            return nomem(r);
        r->recs = p;
        r->cap_recs = cap;
    }
    r->recs[r->n_recs++] = r->cur;
    return TX_OK;
}

/* Build the concept of the finished entry and hand it out. */
static tx_status entry_end(tbx_reader *r, tx_concept_fn fn, void *arg)
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
            return nomem(r);
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
    c.src_lang = r->lang_off[0] != NO_STR ? pool_str(r, r->lang_off[0]) : r->src_lang;
    c.tgt_lang = r->lang_off[1] != NO_STR ? pool_str(r, r->lang_off[1]) : r->tgt_lang;
    c.src = r->terms;
    c.n_src = n_src;
    c.tgt = r->terms + n_src;
    c.n_tgt = r->n_recs - n_src;
    c.line = r->entry_line;
    r->info->n_concepts++;
    if (fn && fn(&c, arg) != 0)
        r->stop = 1;
    entry_reset(r);
    return TX_OK;
}

static int is_entry(const xmlChar *name)
{
    return is_name(name, "conceptEntry") || is_name(name, "termEntry");
}

static int is_lang_section(const xmlChar *name)
{
    return is_name(name, "langSec") || is_name(name, "langSet");
}

static int is_term_section(const xmlChar *name)
{
    return is_name(name, "termSec") || is_name(name, "tig") || is_name(name, "ntig");
}

/* Which field an element inside a term section starts, if any. */
static field_kind field_of(tbx_reader *r, const xmlChar *name)
{
    xmlChar *type;
    field_kind kind = F_NONE;

    if (is_name(name, "term"))
        return F_TERM;
    if (!is_name(name, "termNote") && !is_name(name, "descrip") && !is_name(name, "admin"))
        return F_NONE;
    type = xmlTextReaderGetAttribute(r->xr, BAD_CAST "type");
    if (!type)
        return F_NONE;
    if (is_name(name, "termNote") && is_name(type, "partOfSpeech"))
        kind = F_POS;
    else if (is_name(name, "termNote") && is_name(type, "administrativeStatus"))
        kind = F_STATUS;
    else if (is_name(name, "termNote") && is_name(type, "termType"))
        kind = F_TYPE;
    else if (is_name(name, "descrip") && is_name(type, "context"))
        kind = F_CONTEXT;
    else if (is_name(name, "admin") && is_name(type, "source"))
        kind = F_SOURCE;
    xmlFree(type);
    return kind;
}

static tx_status lang_start(tbx_reader *r, int depth)
{
    xmlChar *lang = xmlTextReaderGetAttributeNs(r->xr, BAD_CAST "lang",
                                                XML_XML_NAMESPACE);
    tx_status rc = TX_OK;

    r->lang_depth = depth;
    r->side = -1;
    r->lang_code = NO_STR;
    if (lang) {
        const char *code = (const char *)lang;
        int s = tx_xml_lang_match(code, r->src_lang);
        int t = tx_xml_lang_match(code, r->tgt_lang);

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

static tx_status on_root(tbx_reader *r, const xmlChar *name)
{
    char what[160];

    r->seen_root = 1;
    if (is_name(name, "tbx")) {
        r->info->version = TX_TBX_2019;
        return TX_OK;
    }
    if (is_name(name, "martif")) {
        r->info->version = TX_TBX_2008;
        return TX_OK;
    }
    snprintf(what, sizeof what, "not a TBX file (root element is <%.100s>)",
             name ? (const char *)name : "?");
    return fail_at(r, tx_xml_node_line(r->xr), what);
}

static tx_status misplaced(tbx_reader *r, const xmlChar *name)
{
    char what[160];

    snprintf(what, sizeof what, "misplaced <%.100s>", (const char *)name);
    return fail_at(r, tx_xml_node_line(r->xr), what);
}

static tx_status on_element(tbx_reader *r, tx_concept_fn fn, void *arg)
{
    const xmlChar *name = xmlTextReaderConstLocalName(r->xr);
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(r->xr);
    int depth = xmlTextReaderDepth(r->xr);
    int empty = xmlTextReaderIsEmptyElement(r->xr) == 1;
    tx_status rc = TX_OK;
    field_kind kind;

    if (!r->seen_root)
        return on_root(r, name);
    if (r->skip_depth >= 0 || r->field != F_NONE)
        return TX_OK; /* inline markup in a field keeps its text */
    if (ns && !is_name(ns, TBX_NS)) {
        /* DCT-style or private elements: not ours, and so is their content. */
        if (!empty)
            r->skip_depth = depth;
        return TX_OK;
    }
    if (is_entry(name)) {
        xmlChar *id;

        if (r->entry_depth >= 0)
            return misplaced(r, name);
        entry_reset(r);
        r->entry_depth = depth;
        r->entry_line = tx_xml_node_line(r->xr);
        id = xmlTextReaderGetAttribute(r->xr, BAD_CAST "id");
        if (id) {
            rc = pool_add(r, (const char *)id, strlen((const char *)id), &r->entry_id);
            xmlFree(id);
        }
        if (rc == TX_OK && empty)
            rc = entry_end(r, fn, arg);
        return rc;
    }
    if (r->entry_depth < 0)
        return TX_OK; /* header, back matter */
    if (is_lang_section(name)) {
        if (r->lang_depth >= 0)
            return misplaced(r, name);
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
            return misplaced(r, name);
        r->term_depth = depth;
        term_reset(r);
        return empty ? term_end(r) : TX_OK;
    }
    if (r->term_depth < 0 || r->side < 0)
        return TX_OK;
    if (is_name(name, "descripGrp")) {
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

static tx_status on_end_element(tbx_reader *r, tx_concept_fn fn, void *arg)
{
    int depth = xmlTextReaderDepth(r->xr);

    if (r->skip_depth >= 0) {
        if (depth == r->skip_depth)
            r->skip_depth = -1;
        return TX_OK;
    }
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
        return entry_end(r, fn, arg);
    return TX_OK;
}

/* tx_xml_node_fn: handle the node the reader stands on. */
static tx_status on_node(xmlTextReaderPtr xr, int type, void *ctx, int *stop)
{
    tbx_reader *r = ctx;
    tx_status rc = TX_OK;

    r->xr = xr;
    switch (type) {
    case XML_READER_TYPE_ELEMENT:
        rc = on_element(r, r->fn, r->arg);
        break;
    case XML_READER_TYPE_END_ELEMENT:
        rc = on_end_element(r, r->fn, r->arg);
        break;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (r->field != F_NONE && r->skip_depth < 0) {
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

tx_status tx_tbx_read(const char *path, const char *src_lang, const char *tgt_lang,
                      tx_concept_fn fn, void *arg, tx_tbx_info *info, tx_error *err)
{
    tx_tbx_info local_info;
    tbx_reader r;
    tx_status rc;

    if (!info)
        info = &local_info;
    memset(info, 0, sizeof *info);
    if ((rc = tx_xml_check_args("tx_tbx_read", path, src_lang, tgt_lang, err)) != TX_OK)
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
    r.lang_depth = -1;
    r.term_depth = -1;
    r.grp_depth = -1;
    r.field_depth = -1;
    r.side = -1;
    tx_buf_init(&r.pool);
    tx_buf_init(&r.text);
    entry_reset(&r);

    rc = tx_xml_read(path, TX_TBX_MAX_FILE, "TBX", on_node, &r, err);
    if (rc != TX_OK || r.stop)
        goto done;
    if (!r.seen_root) {
        rc = tx_fail(err, TX_EINPUT, "%s: no root element", path);
        goto done;
    }
    if (info->n_concepts == 0)
        rc = tx_fail(err, TX_ENOTFOUND,
                     "%s: no entry with a term in '%s' (languages found: %s)", path,
                     src_lang, info->langs[0] ? info->langs : "none");
done:
    tx_buf_release(&r.pool);
    tx_buf_release(&r.text);
    free(r.recs);
    free(r.terms);
    return rc;
}
