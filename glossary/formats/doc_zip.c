/* doc_zip.c: zip containers (DOCX, PPTX, XLSX, OpenDocument) read safely.
 *
 * libzip reads the archive from memory (never a path); every member is
 * inflated in chunks and counted as it comes, so that a member whose header
 * states a small size, or a zip bomb of a few KB, stops at the limits of
 * tx_doc_opts instead of filling memory.  libzip's errors become tx_status
 * and a message naming the document and the member here.  The XML loop over
 * a member in memory has the protections of xmlsafe.c (the lexical guard, no
 * DTD, no entity, no network, errors caught), and the paragraph gatherer
 * turns what the readers find into segmented text (docread.h). */
#include "doc_zip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "error.h"
#include "xmlsafe.h"

#define MIB ((uint64_t)1 << 20)
#define CHUNK 65536
#define ZIP_MIN 22 /* bytes of the smallest archive: an end of central directory */

struct tx_zip {
    zip_t *za;
    const char *name;
    tx_doc_opts o;
    uint64_t len;       /* bytes of the archive */
    uint64_t unzipped;  /* bytes inflated so far, all members */
    zip_int64_t n_entries;
};

/* "256 MiB", "1 GiB" or "1000 bytes", for the limits in messages. */
static const char *size_text(uint64_t n, char *buf, size_t size)
{
    if (n >= (MIB << 10) && n % (MIB << 10) == 0)
        snprintf(buf, size, "%llu GiB", (unsigned long long)(n / (MIB << 10)));
    else if (n >= MIB && n % MIB == 0)
        snprintf(buf, size, "%llu MiB", (unsigned long long)(n / MIB));
    else
        snprintf(buf, size, "%llu bytes", (unsigned long long)n);
    return buf;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* libzip refused duplicate names (ZIP_CHECKCONS): find one to name it, on a
 * lenient reopening. */
static tx_status duplicate_failure(const char *name, const char *data, size_t len,
                                   tx_error *err)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    const char **names = NULL;
    zip_int64_t n, i;
    tx_status rc = TX_EINPUT;

    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return tx_fail(err, TX_EINPUT, "%s: damaged ZIP archive (duplicate member names)",
                       name);
    }
    n = zip_get_num_entries(za, 0);
    if (n > 0 && (names = calloc((size_t)n, sizeof *names)) != NULL) {
        for (i = 0; i < n; i++) {
            const char *s = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
            names[i] = s ? s : "";
        }
        qsort(names, (size_t)n, sizeof *names, cmp_names);
        for (i = 1; i < n; i++)
            if (strcmp(names[i - 1], names[i]) == 0)
                break;
        if (i < n)
            rc = tx_fail(err, TX_EINPUT, "%s: member %.200s appears twice in the archive",
                         name, names[i]);
        else
            rc = tx_fail(err, TX_EINPUT, "%s: damaged ZIP archive (duplicate member names)",
                         name);
    } else {
        rc = tx_fail(err, TX_EINPUT, "%s: damaged ZIP archive (duplicate member names)", name);
    }
    free(names);
    zip_discard(za);
    zip_error_fini(&ze);
    return rc;
}

tx_status tx_zip_open(tx_zip **out, const char *name, const char *data, size_t len,
                      const tx_doc_opts *o, tx_error *err)
{
    tx_zip *z;
    zip_error_t ze;
    zip_source_t *src;
    tx_status rc;

    *out = NULL;
    if (!(z = calloc(1, sizeof *z)))
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    z->name = name;
    z->o = *o;
    z->len = len;
    if (len < ZIP_MIN) { /* libzip takes no bytes at all for an empty archive */
        free(z);
        return tx_fail(err, TX_EINPUT, "%s: damaged ZIP archive (%zu bytes)", name, len);
    }
    zip_error_init(&ze);
    if (!(src = zip_source_buffer_create(data, len, 0, &ze))) {
        zip_error_fini(&ze);
        free(z);
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    }
    z->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!z->za) {
        int code = zip_error_code_zip(&ze);

        zip_source_free(src);
        if (code == ZIP_ER_MEMORY)
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
        else if (code == ZIP_ER_EXISTS)
            rc = duplicate_failure(name, data, len, err);
        else
            rc = tx_fail(err, TX_EINPUT, "%s: damaged ZIP archive (%s)", name,
                         zip_error_strerror(&ze));
        zip_error_fini(&ze);
        free(z);
        return rc;
    }
    zip_error_fini(&ze);
    z->n_entries = zip_get_num_entries(z->za, 0);
    if (z->n_entries < 0 || (uint64_t)z->n_entries > o->max_members) {
        rc = tx_fail(err, TX_EINPUT, "%s: more than %llu members in the archive (a limit "
                     "of termex)", name, (unsigned long long)o->max_members);
        tx_zip_close(z);
        return rc;
    }
    *out = z;
    return TX_OK;
}

void tx_zip_close(tx_zip *z)
{
    if (!z)
        return;
    if (z->za)
        zip_discard(z->za);
    free(z);
}

unsigned tx_zip_count_prefix(tx_zip *z, const char *prefix)
{
    size_t plen = strlen(prefix);
    unsigned n = 0;

    for (zip_int64_t i = 0; i < z->n_entries; i++) {
        const char *s = zip_get_name(z->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        if (s && strncmp(s, prefix, plen) == 0)
            n++;
    }
    return n;
}

int tx_zip_has(tx_zip *z, const char *member)
{
    return zip_name_locate(z->za, member, ZIP_FL_ENC_RAW) >= 0;
}

/* libzip's error on member `member` as a message. */
static tx_status member_failure(tx_zip *z, const char *member, zip_error_t *ze,
                                tx_error *err)
{
    switch (zip_error_code_zip(ze)) {
    case ZIP_ER_MEMORY:
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", z->name);
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
    case ZIP_ER_ENCRNOTSUPP:
        return tx_fail(err, TX_EINPUT, "%s: member %.200s is encrypted (save the document "
                       "without a password first)", z->name, member);
    case ZIP_ER_COMPNOTSUPP:
        return tx_fail(err, TX_EINPUT, "%s: member %.200s uses a compression method "
                       "termex cannot read", z->name, member);
    default:
        return tx_fail(err, TX_EINPUT, "%s: member %.200s is damaged (%s)", z->name,
                       member, zip_error_strerror(ze));
    }
}

/* Has member `member`, `got` bytes inflated from `comp` compressed ones,
 * passed a limit?  TX_OK when not. */
static tx_status check_limits(tx_zip *z, const char *member, uint64_t got, uint64_t comp,
                              tx_error *err)
{
    char lim[40];

    if (got > z->o.max_member)
        return tx_fail(err, TX_EINPUT, "%s: member %.200s inflates to more than %s (a zip "
                       "bomb?)", z->name, member, size_text(z->o.max_member, lim, sizeof lim));
    /* The stated compressed size may lie too: no member holds more than the archive. */
    if (comp > z->len || comp == 0)
        comp = z->len ? z->len : 1;
    if (got > MIB && z->o.max_ratio && got / comp >= z->o.max_ratio)
        return tx_fail(err, TX_EINPUT, "%s: member %.200s inflates to more than %u times "
                       "its compressed size (a zip bomb?)", z->name, member, z->o.max_ratio);
    if (z->unzipped > z->o.max_unzipped)
        return tx_fail(err, TX_EINPUT, "%s: its members inflate to more than %s in all "
                       "(a zip bomb?)", z->name, size_text(z->o.max_unzipped, lim, sizeof lim));
    return TX_OK;
}

tx_status tx_zip_read(tx_zip *z, const char *member, int optional, tx_buf *out,
                      tx_error *err)
{
    zip_int64_t idx = zip_name_locate(z->za, member, ZIP_FL_ENC_RAW);
    zip_stat_t st;
    zip_file_t *zf;
    uint64_t got = 0, comp = 0;
    tx_status rc = TX_OK;

    tx_buf_reset(out);
    if (idx < 0 && optional)
        return TX_ENOTFOUND;
    if (idx < 0)
        return tx_fail(err, TX_EINPUT, "%s: member %.200s is missing", z->name, member);
    zip_stat_init(&st);
    if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) == 0) {
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            return tx_fail(err, TX_EINPUT, "%s: member %.200s is encrypted (save the "
                           "document without a password first)", z->name, member);
        if (st.valid & ZIP_STAT_COMP_SIZE)
            comp = st.comp_size;
    }
    if (!(zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0)))
        return member_failure(z, member, zip_get_error(z->za), err);
    for (;;) {
        zip_int64_t n;

        if (tx_buf_grow(out, CHUNK) != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", z->name);
            break;
        }
        n = zip_fread(zf, out->data + out->len, CHUNK);
        if (n < 0) {
            rc = member_failure(z, member, zip_file_get_error(zf), err);
            break;
        }
        if (n == 0)
            break;
        out->len += (size_t)n;
        out->data[out->len] = '\0';
        got += (uint64_t)n;
        z->unzipped += (uint64_t)n;
        if ((rc = check_limits(z, member, got, comp, err)) != TX_OK)
            break;
    }
    zip_fclose(zf);
    return rc;
}

/* ---- sniffing ------------------------------------------------------------ */

/* The first bytes of `member` (up to `size` - 1, NUL-terminated) into buf. */
static int read_head(zip_t *za, const char *member, char *buf, size_t size)
{
    zip_int64_t idx = zip_name_locate(za, member, ZIP_FL_ENC_RAW);
    zip_file_t *zf;
    zip_int64_t n;

    buf[0] = '\0';
    if (idx < 0 || !(zf = zip_fopen_index(za, (zip_uint64_t)idx, 0)))
        return 0;
    n = zip_fread(zf, buf, size - 1);
    zip_fclose(zf);
    if (n < 0)
        return 0;
    buf[n] = '\0';
    return 1;
}

static tx_doc_format sniff_members(zip_t *za, const char **what)
{
    static const char odf[] = "application/vnd.oasis.opendocument.";
    char mime[128];
    int has_mime = read_head(za, "mimetype", mime, sizeof mime);

    if (has_mime && strncmp(mime, odf, sizeof odf - 1) == 0) {
        const char *kind = mime + sizeof odf - 1;
        if ((strncmp(kind, "text", 4) == 0 || strncmp(kind, "presentation", 12) == 0
             || strncmp(kind, "spreadsheet", 11) == 0)
            && zip_name_locate(za, "content.xml", 0) >= 0)
            return TX_DOC_ODF;
        *what = "OpenDocument file (not text, presentation or spreadsheet)";
        return TX_DOC_IGNORED;
    }
    if (has_mime && strncmp(mime, "application/epub+zip", 20) == 0) {
        *what = "EPUB book";
        return TX_DOC_IGNORED;
    }
    if (zip_name_locate(za, "word/document.xml", 0) >= 0)
        return TX_DOC_DOCX;
    if (zip_name_locate(za, "ppt/presentation.xml", 0) >= 0)
        return TX_DOC_PPTX;
    if (zip_name_locate(za, "xl/workbook.xml", 0) >= 0)
        return TX_DOC_XLSX;
    if (!has_mime && zip_name_locate(za, "content.xml", 0) >= 0
        && zip_name_locate(za, "META-INF/manifest.xml", 0) >= 0)
        return TX_DOC_ODF;
    if (zip_name_locate(za, "META-INF/MANIFEST.MF", 0) >= 0) {
        *what = "Java archive";
        return TX_DOC_IGNORED;
    }
    *what = "ZIP archive";
    return TX_DOC_IGNORED;
}

tx_doc_format tx_doc_sniff_zip(const char *data, size_t len, const char **what)
{
    const char *dummy;
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    tx_doc_format f;

    if (!what)
        what = &dummy;
    *what = NULL;
    if (len < ZIP_MIN) {
        *what = "damaged ZIP archive";
        return TX_DOC_BINARY;
    }
    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        if (src)
            zip_source_free(src);
        *what = "damaged ZIP archive";
        return TX_DOC_BINARY;
    }
    f = sniff_members(za, what);
    zip_discard(za);
    return f;
}

/* ---- XML members -------------------------------------------------------- */

/* A member's bytes as libxml2 reads them: through the lexical guard. */
typedef struct mem_input {
    const char *p;
    size_t left;
    tx_xml_input in; /* its guard and counts, for tx_xml_read_failure() */
} mem_input;

static int mem_read(void *ctx, char *buf, int len)
{
    mem_input *m = ctx;
    size_t n;

    if (m->in.guard.limit)
        return -1;
    if (len <= 0)
        return 0;
    n = m->left < (size_t)len ? m->left : (size_t)len;
    memcpy(buf, m->p, n);
    m->p += n;
    m->left -= n;
    m->in.n_read += n;
    if (tx_xml_guard_scan(&m->in.guard, (const unsigned char *)buf, n) != 0)
        return -1;
    return (int)n;
}

/* The node the reader stands on: refusals, skipped content, the handler. */
static tx_status walk_node(tx_docxml *x)
{
    int type = xmlTextReaderNodeType(x->xr);
    int empty;
    tx_status rc;

    x->depth = xmlTextReaderDepth(x->xr);
    switch (type) {
    case XML_READER_TYPE_DOCUMENT_TYPE:
        return tx_xml_check_doctype(x->xr, x->label, "office documents", x->err);
    case XML_READER_TYPE_ENTITY_REFERENCE:
    case XML_READER_TYPE_ENTITY:
        return tx_fail(x->err, TX_EINPUT, "%s:%u: entity references are not accepted "
                       "(&%.100s;)", x->label, tx_xml_node_line(x->xr),
                       (const char *)xmlTextReaderConstName(x->xr));
    case XML_READER_TYPE_ELEMENT:
        if (x->skip_depth >= 0)
            return TX_OK;
        empty = xmlTextReaderIsEmptyElement(x->xr);
        x->type = type;
        if ((rc = x->on_node(x, x->arg)) != TX_OK)
            return rc;
        if (!empty)
            return TX_OK;
        if (x->skip_depth == x->depth) { /* nothing inside to skip */
            x->skip_depth = -1;
            return TX_OK;
        }
        x->type = XML_READER_TYPE_END_ELEMENT;
        return x->on_node(x, x->arg);
    case XML_READER_TYPE_END_ELEMENT:
        if (x->skip_depth >= 0) {
            if (x->depth == x->skip_depth)
                x->skip_depth = -1;
            return TX_OK;
        }
        x->type = type;
        return x->on_node(x, x->arg);
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (x->skip_depth >= 0)
            return TX_OK;
        x->type = XML_READER_TYPE_TEXT;
        return x->on_node(x, x->arg);
    default:
        return TX_OK;
    }
}

tx_status tx_docxml_walk(const char *name, const char *member, const char *xml,
                         size_t len, tx_status (*on_node)(tx_docxml *x, void *arg),
                         void *arg, tx_error *err)
{
    char label[300];
    tx_docxml x;
    mem_input m;
    tx_xml_fault fault;
    tx_xml_hooks hooks;
    tx_status rc = TX_OK;
    int ret, seen = 0;

    snprintf(label, sizeof label, "%.150s: %.140s", name, member);
    memset(&x, 0, sizeof x);
    x.label = label;
    x.err = err;
    x.skip_depth = -1;
    x.on_node = on_node;
    x.arg = arg;
    memset(&m, 0, sizeof m);
    m.p = xml;
    m.left = len;
    m.in.fd = -1;
    m.in.max_bytes = (unsigned long long)len + 1;
    m.in.format = "office documents";
    tx_xml_guard_init(&m.in.guard);
    memset(&fault, 0, sizeof fault);
    xmlInitParser();
    tx_xml_hooks_install(&hooks, &fault, 1);
    x.xr = xmlReaderForIO(mem_read, NULL, &m, NULL, NULL, TX_XML_READER_OPTIONS);
    if (!x.xr) {
        if (m.in.guard.limit)
            rc = tx_xml_read_failure(label, &m.in, &fault, err);
        else
            rc = tx_fail(err, TX_ENOMEM, "%s: cannot create the XML reader", label);
        goto done;
    }
    tx_xml_reader_catch(x.xr, &fault);
    while ((ret = xmlTextReaderRead(x.xr)) == 1) {
        if (fault.set)
            break;
        if (xmlTextReaderNodeType(x.xr) == XML_READER_TYPE_ELEMENT)
            seen = 1;
        if ((rc = walk_node(&x)) != TX_OK) {
            if (rc == TX_ENOMEM) /* the handlers' failures carry no message */
                rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", label);
            goto done;
        }
    }
    if (ret < 0 || fault.set || m.in.guard.limit)
        rc = tx_xml_read_failure(label, &m.in, &fault, err);
    else if (!seen)
        rc = tx_fail(err, TX_EINPUT, "%s: no root element", label);
done:
    xmlFreeTextReader(x.xr);
    tx_xml_hooks_restore(&hooks);
    return rc;
}

int tx_docxml_is(const tx_docxml *x, const char *ns_tail, const char *local)
{
    const xmlChar *ln = xmlTextReaderConstLocalName(x->xr);
    const xmlChar *ns;
    size_t nlen, tlen;

    if (!ln || strcmp((const char *)ln, local) != 0)
        return 0;
    ns = xmlTextReaderConstNamespaceUri(x->xr);
    if (!ns)
        return 0;
    nlen = strlen((const char *)ns);
    tlen = strlen(ns_tail);
    return nlen >= tlen && strcmp((const char *)ns + nlen - tlen, ns_tail) == 0;
}

int tx_docxml_attr(const tx_docxml *x, const char *ns_tail, const char *local,
                   char *buf, size_t size)
{
    int found = 0;

    buf[0] = '\0';
    if (xmlTextReaderMoveToFirstAttribute(x->xr) != 1)
        return 0;
    do {
        const xmlChar *ln = xmlTextReaderConstLocalName(x->xr);
        const xmlChar *ns = xmlTextReaderConstNamespaceUri(x->xr);
        size_t nlen = ns ? strlen((const char *)ns) : 0;
        size_t tlen = ns_tail ? strlen(ns_tail) : 0;

        if (!ln || strcmp((const char *)ln, local) != 0)
            continue;
        if (ns_tail ? (!ns || nlen < tlen || strcmp((const char *)ns + nlen - tlen, ns_tail))
                    : ns != NULL)
            continue;
        {
            const xmlChar *v = xmlTextReaderConstValue(x->xr);
            snprintf(buf, size, "%s", v ? (const char *)v : "");
        }
        found = 1;
        break;
    } while (xmlTextReaderMoveToNextAttribute(x->xr) == 1);
    xmlTextReaderMoveToElement(x->xr);
    return found;
}

/* ---- segmented text ------------------------------------------------------ */

void tx_doctext_init(tx_doctext *t, tx_buf *out)
{
    memset(t, 0, sizeof *t);
    t->out = out;
    tx_buf_init(&t->notes);
    for (int i = 0; i < TX_DOCTEXT_NEST; i++)
        tx_buf_init(&t->para[i]);
}

void tx_doctext_release(tx_doctext *t)
{
    tx_buf_release(&t->notes);
    for (int i = 0; i < TX_DOCTEXT_NEST; i++)
        tx_buf_release(&t->para[i]);
}

void tx_doctext_open(tx_doctext *t, int note)
{
    int in_note = t->n_open > 0 && t->to_notes[t->n_open - 1];

    if (t->n_open == TX_DOCTEXT_NEST) {
        t->n_deeper++;
        return;
    }
    tx_buf_reset(&t->para[t->n_open]);
    t->to_notes[t->n_open] = note || in_note;
    t->space[t->n_open] = 0;
    t->n_open++;
}

tx_status tx_doctext_add(tx_doctext *t, const char *s, size_t len)
{
    const char *end = s + len;
    tx_buf *b;
    int *space;

    if (t->n_open == 0)
        return TX_OK;
    b = &t->para[t->n_open - 1];
    space = &t->space[t->n_open - 1];
    while (s < end) {
        const char *run = s;

        while (s < end && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n'
               && !((unsigned char)s[0] == 0xC2 && s + 1 < end
                    && (unsigned char)s[1] == 0xAD))
            s++;
        if (s > run) {
            if (*space && b->len > 0 && tx_buf_addch(b, ' ') != TX_OK)
                return TX_ENOMEM;
            if (tx_buf_add(b, run, (size_t)(s - run)) != TX_OK)
                return TX_ENOMEM;
            *space = 0;
        }
        if (s < end && (unsigned char)s[0] == 0xC2) {
            s += 2; /* a soft hyphen: only where a line may break */
            continue;
        }
        while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
            *space = 1;
            s++;
        }
    }
    return TX_OK;
}

void tx_doctext_space(tx_doctext *t)
{
    if (t->n_open > 0)
        t->space[t->n_open - 1] = 1;
}

tx_status tx_doctext_break(tx_doctext *t)
{
    tx_buf *b;

    if (t->n_open == 0)
        return TX_OK;
    b = &t->para[t->n_open - 1];
    t->space[t->n_open - 1] = 0;
    if (b->len == 0 || b->data[b->len - 1] == '\v')
        return TX_OK;
    return tx_buf_addch(b, '\v') == TX_OK ? TX_OK : TX_ENOMEM;
}

/* The innermost paragraph ends: what it holds becomes a line (of the notes
 * when it is a note's), without a line break at its end. */
static tx_status end_paragraph(tx_doctext *t)
{
    tx_buf *b = &t->para[t->n_open - 1];
    tx_buf *dst = t->to_notes[t->n_open - 1] ? &t->notes : t->out;

    t->space[t->n_open - 1] = 0;
    while (b->len > 0 && b->data[b->len - 1] == '\v')
        b->len--;
    if (b->len == 0)
        return TX_OK;
    if (tx_buf_add(dst, b->data, b->len) != TX_OK || tx_buf_addch(dst, '\n') != TX_OK)
        return TX_ENOMEM;
    t->n_lines++;
    tx_buf_reset(b);
    return TX_OK;
}

tx_status tx_doctext_close(tx_doctext *t)
{
    tx_status rc;

    if (t->n_deeper > 0) {
        t->n_deeper--;
        return TX_OK;
    }
    if (t->n_open == 0)
        return TX_OK;
    rc = end_paragraph(t);
    t->n_open--;
    return rc;
}

tx_status tx_doctext_finish(tx_doctext *t)
{
    while (t->n_open > 0 || t->n_deeper > 0) {
        tx_status rc = tx_doctext_close(t);
        if (rc != TX_OK)
            return rc;
    }
    if (t->notes.len > 0 && tx_buf_add(t->out, t->notes.data, t->notes.len) != TX_OK)
        return TX_ENOMEM;
    tx_buf_reset(&t->notes);
    return TX_OK;
}
