/* tmx.c: streaming TMX 1.4 reader on libxml2's xmlTextReader.
 *
 * One pass over the file, one <tu> in memory at a time: the text of the current
 * <seg> is gathered in a buffer and moved to the source or target slot when the
 * segment ends; at </tu> a complete pair goes to the caller.  Everything libxml2
 * says is caught here (reader and thread-wide error handlers) and turned into a
 * tx_status with "path:line: message"; libxml2 prints nothing.
 *
 * Hardening, in layers: the parser runs without XML_PARSE_NOENT, DTDLOAD,
 * DTDATTR, DTDVALID and HUGE (no entity substitution, no external DTD or entity,
 * libxml2's default size and depth limits), with XML_PARSE_NONET; a DTD that
 * declares any entity and any entity reference are refused outright, since TMX
 * has no use for them; the external entity loader refuses everything while we
 * read; and the file is read through our own descriptor, not by name (see
 * `input`).  Segments over 1 MiB and files over 4 GiB are refused. */
#define _POSIX_C_SOURCE 200809L /* open(), read(), fstat() */
#include "tmx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "buf.h"
#include "error.h"

/* libxml2 2.12 made the structured error handler take a const pointer. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_ptr;
#else
typedef xmlErrorPtr xml_error_ptr;
#endif

#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

/* ---- raw input ---------------------------------------------------------- */

/* The file as libxml2 sees it.  We open it ourselves rather than call
 * xmlReaderForFile(), which takes the path as a URI (libxml2 2.9 fetches http://
 * and ftp:// URLs whatever XML_PARSE_NONET says: that option only governs entity
 * loading) and inflates gzip and xz files on the fly (a small compressed file
 * could then feed terabytes past the size limit).  Counting the bytes here also
 * holds the limit on pipes and files that grow while we read. */
typedef struct input {
    int fd;
    unsigned long long n_read;
    int too_big; /* more than TX_TMX_MAX_FILE bytes came */
    int errnum;  /* errno of a failed read(), else 0 */
} input;

static int input_read(void *ctx, char *buf, int len)
{
    input *in = ctx;
    ssize_t n;

    if (len <= 0)
        return 0;
    do
        n = read(in->fd, buf, (size_t)len);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        in->errnum = errno;
        return -1;
    }
    in->n_read += (unsigned long long)n;
    if (in->n_read > TX_TMX_MAX_FILE) {
        in->too_big = 1;
        return -1;
    }
    return (int)n;
}

/* ---- libxml2's diagnostics ---------------------------------------------- */

/* The first error libxml2 reported (warnings are ignored). */
typedef struct xml_fault {
    int set;
    int line;
    char msg[320];
} xml_fault;

static void on_xml_error(void *ctx, xml_error_ptr e)
{
    xml_fault *f = ctx;
    size_t len;

    if (!f || f->set || !e || e->level < XML_ERR_ERROR)
        return;
    f->set = 1;
    f->line = e->line;
    snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "XML error");
    len = strlen(f->msg);
    while (len > 0 && (f->msg[len - 1] == '\n' || f->msg[len - 1] == ' '
                       || f->msg[len - 1] == '\r' || f->msg[len - 1] == '\t'))
        f->msg[--len] = '\0';
}

/* libxml2's generic (printf-style) channel: dropped, the structured one has it all. */
static void on_xml_generic(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

/* The external entity loader while we read: nothing may be loaded. */
static xmlParserInputPtr refuse_entity(const char *url, const char *id,
                                       xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

/* libxml2's global hooks we replace for the duration of a read. */
typedef struct xml_hooks {
    xmlExternalEntityLoader loader;
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
} xml_hooks;

static void hooks_install(xml_hooks *saved, xml_fault *fault)
{
    saved->loader = xmlGetExternalEntityLoader();
    saved->generic = xmlGenericError;
    saved->generic_ctx = xmlGenericErrorContext;
    saved->structured = xmlStructuredError;
    saved->structured_ctx = xmlStructuredErrorContext;
    xmlSetExternalEntityLoader(refuse_entity);
    xmlSetGenericErrorFunc(NULL, on_xml_generic);
    xmlSetStructuredErrorFunc(fault, on_xml_error);
}

static void hooks_restore(const xml_hooks *saved)
{
    xmlSetStructuredErrorFunc(saved->structured_ctx, saved->structured);
    xmlSetGenericErrorFunc(saved->generic_ctx, saved->generic);
    xmlSetExternalEntityLoader(saved->loader);
}

/* ---- languages ---------------------------------------------------------- */

static int ascii_lower(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 'a';
    if (c == '_')
        return '-'; /* fr_CA, as locales write it, is fr-CA */
    return c;
}

static size_t primary_len(const char *tag)
{
    size_t n = 0;

    while (tag[n] && tag[n] != '-' && tag[n] != '_')
        n++;
    return n;
}

/* How well the language `have` of a <tuv> answers the asked `want`:
 * 2 = the whole code (en-GB for en-gb), 1 = the primary subtag (en-US for en-gb,
 * or for en), 0 = not at all. */
static int lang_match(const char *have, const char *want)
{
    size_t n = primary_len(want);
    size_t i;

    if (n == 0 || primary_len(have) != n)
        return 0;
    for (i = 0; i < n; i++)
        if (ascii_lower((unsigned char)have[i]) != ascii_lower((unsigned char)want[i]))
            return 0;
    for (; have[i] || want[i]; i++)
        if (ascii_lower((unsigned char)have[i]) != ascii_lower((unsigned char)want[i]))
            return 1;
    return 2;
}

/* Is `code` one of the ", "-separated entries of `list`? */
static int lang_listed(const char *list, const char *code)
{
    size_t n = strlen(code);

    while (*list) {
        size_t len = strcspn(list, ",");

        if (len == n && memcmp(list, code, n) == 0)
            return 1;
        list += len;
        while (*list == ',' || *list == ' ')
            list++;
    }
    return 0;
}

/* Add `code` (lower-cased, odd bytes shown as '?') to the languages seen. */
static void note_lang(tx_tmx_stats *st, const char *code)
{
    char low[40];
    size_t n;
    size_t used = strlen(st->langs);
    const char *sep = used ? ", " : "";

    for (n = 0; code[n] && n < sizeof low - 1; n++) {
        int c = ascii_lower((unsigned char)code[n]);

        low[n] = (char)(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
                        ? c : '?');
    }
    low[n] = '\0';
    if (n == 0 || lang_listed(st->langs, low))
        return;
    if (used >= 3 && strcmp(st->langs + used - 3, "...") == 0)
        return;
    /* Keep room for a final ", ..." so a full list says it is cut. */
    if (used + strlen(sep) + n + sizeof ", ..." <= sizeof st->langs)
        snprintf(st->langs + used, sizeof st->langs - used, "%s%s", sep, low);
    else
        snprintf(st->langs + used, sizeof st->langs - used, "%s...", sep);
}

/* ---- the reading -------------------------------------------------------- */

typedef struct tmx_reader {
    const char *path;
    const char *src_lang;
    const char *tgt_lang;
    xmlTextReaderPtr xr;
    tx_tmx_stats *stats;
    tx_error *err;
    int seen_root;
    int in_tu, in_tuv, in_seg;
    int skip_depth;    /* depth of the element whose content is dropped, or -1 */
    unsigned tu_line;
    unsigned seg_line;
    xmlChar *tuid;     /* from libxml2, freed with xmlFree() */
    int tuv_src;       /* lang_match() of the current tuv against src_lang */
    int tuv_tgt;       /* ... and against tgt_lang */
    int tuv_has_seg;
    int src_score;     /* lang_match() of the tuv in the src slot, 0 = empty */
    int tgt_score;
    tx_buf seg;        /* the current segment's text, normalised */
    tx_buf src;
    tx_buf tgt;
    size_t seg_raw;    /* bytes of text in the current segment before normalising */
    int seg_space;     /* white space seen since the last kept character */
    int stop;          /* the callback asked to stop */
} tmx_reader;

/* Line of the reader's current node.  libxml2 keeps element lines in 16 bits:
 * beyond, fall back on the parser's position, which may be a little ahead. */
static unsigned node_line(tmx_reader *r)
{
    xmlNodePtr node = xmlTextReaderCurrentNode(r->xr);
    long line = node ? xmlGetLineNo(node) : -1;

    if (line <= 0 || line >= 65535)
        line = xmlTextReaderGetParserLineNumber(r->xr);
    return line > 0 ? (unsigned)line : 0;
}

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
    r->seg_line = node_line(r);
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
        r->tuv_src = lang_match((const char *)lang, r->src_lang);
        r->tuv_tgt = lang_match((const char *)lang, r->tgt_lang);
        note_lang(r->stats, (const char *)lang);
        xmlFree(lang);
    }
}

static void tu_start(tmx_reader *r)
{
    r->in_tu = 1;
    r->tu_line = node_line(r);
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

/* A DOCTYPE is fine as long as it declares no entity: the LISA samples name
 * tmx14.dtd, which is never loaded. */
static tx_status check_doctype(tmx_reader *r)
{
    xmlNodePtr node = xmlTextReaderCurrentNode(r->xr);
    xmlDtdPtr dtd;

    if (!node || node->type != XML_DTD_NODE)
        return TX_OK;
    dtd = (xmlDtdPtr)node;
    /* libxml2 keeps no line for a DTD, and the parser's position is past it. */
    if ((dtd->entities && xmlHashSize(dtd->entities) > 0)
        || (dtd->pentities && xmlHashSize(dtd->pentities) > 0))
        return tx_fail(r->err, TX_EINPUT,
                       "%s: entity declarations are not accepted in TMX (in the DOCTYPE)",
                       r->path);
    return TX_OK;
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
            return fail_at(r, node_line(r), what);
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
            return fail_at(r, node_line(r), what);
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

/* Handle the node the reader stands on. */
static tx_status on_node(tmx_reader *r, tx_tmx_fn fn, void *arg)
{
    char what[200];

    switch (xmlTextReaderNodeType(r->xr)) {
    case XML_READER_TYPE_ELEMENT:
        return on_element(r, fn, arg);
    case XML_READER_TYPE_END_ELEMENT:
        on_end_element(r, fn, arg);
        return TX_OK;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (r->in_seg && r->skip_depth < 0) {
            const xmlChar *text = xmlTextReaderConstValue(r->xr);

            if (text)
                return seg_add(r, (const char *)text);
        }
        return TX_OK;
    case XML_READER_TYPE_DOCUMENT_TYPE:
        return check_doctype(r);
    case XML_READER_TYPE_ENTITY_REFERENCE:
    case XML_READER_TYPE_ENTITY:
        snprintf(what, sizeof what,
                 "entity references are not accepted in TMX (&%.100s;)",
                 (const char *)xmlTextReaderConstName(r->xr));
        return fail_at(r, node_line(r), what);
    default:
        return TX_OK;
    }
}

/* The reader failed or reported an error: say why, the most specific cause first. */
static tx_status read_failure(tmx_reader *r, const input *in, const xml_fault *fault)
{
    if (in->too_big)
        return tx_fail(r->err, TX_EINPUT, "%s: file larger than %llu bytes", r->path,
                       TX_TMX_MAX_FILE);
    if (in->errnum)
        return tx_fail(r->err, TX_EIO, "%s: %s", r->path, strerror(in->errnum));
    if (fault->set && fault->line > 0)
        return tx_fail(r->err, TX_EINPUT, "%s:%d: %s", r->path, fault->line, fault->msg);
    if (fault->set)
        return tx_fail(r->err, TX_EINPUT, "%s: %s", r->path, fault->msg);
    return tx_fail(r->err, TX_EINPUT, "%s: malformed XML", r->path);
}

static int same_lang(const char *a, const char *b)
{
    for (; *a || *b; a++, b++)
        if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
            return 0;
    return 1;
}

/* Open `path` for reading, refusing what is not a readable file of sane size.
 * On TX_OK the caller owns *fd and closes it. */
static tx_status open_input(const char *path, int *fd, tx_error *err)
{
    struct stat st;
    int saved;

    *fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (*fd < 0)
        return tx_fail(err, TX_EIO, "%s: %s", path, strerror(errno));
    if (fstat(*fd, &st) != 0) {
        saved = errno;
        close(*fd);
        return tx_fail(err, TX_EIO, "%s: %s", path, strerror(saved));
    }
    if (S_ISDIR(st.st_mode)) {
        close(*fd);
        return tx_fail(err, TX_EIO, "%s: %s", path, strerror(EISDIR));
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > TX_TMX_MAX_FILE) {
        close(*fd);
        return tx_fail(err, TX_EINPUT, "%s: file larger than %llu bytes", path,
                       TX_TMX_MAX_FILE);
    }
    return TX_OK;
}

tx_status tx_tmx_read(const char *path, const char *src_lang, const char *tgt_lang,
                      tx_tmx_fn fn, void *arg, tx_tmx_stats *stats, tx_error *err)
{
    tx_tmx_stats local_stats;
    tmx_reader r;
    input in = { -1, 0, 0, 0 };
    xml_fault fault;
    xml_hooks hooks;
    tx_status rc = TX_OK;
    int ret;

    if (!stats)
        stats = &local_stats;
    memset(stats, 0, sizeof *stats);
    if (!path || !*path || !src_lang || !*src_lang || !tgt_lang || !*tgt_lang)
        return tx_fail(err, TX_EINVAL, "tx_tmx_read: missing path or language");
    if (same_lang(src_lang, tgt_lang))
        return tx_fail(err, TX_EINVAL, "source and target languages are the same ('%s')",
                       src_lang);
    if ((rc = open_input(path, &in.fd, err)) != TX_OK)
        return rc;

    memset(&r, 0, sizeof r);
    memset(&fault, 0, sizeof fault);
    r.path = path;
    r.src_lang = src_lang;
    r.tgt_lang = tgt_lang;
    r.stats = stats;
    r.err = err;
    r.skip_depth = -1;
    tx_buf_init(&r.seg);
    tx_buf_init(&r.src);
    tx_buf_init(&r.tgt);

    xmlInitParser();
    hooks_install(&hooks, &fault);
    /* No close callback: the descriptor stays ours whatever libxml2 does. */
    r.xr = xmlReaderForIO(input_read, NULL, &in, NULL, NULL, READER_OPTIONS);
    if (!r.xr) {
        rc = tx_fail(err, TX_ENOMEM, "%s: cannot create the XML reader", path);
        goto done;
    }
    xmlTextReaderSetStructuredErrorHandler(r.xr, on_xml_error,
                                           &fault);
    while ((ret = xmlTextReaderRead(r.xr)) == 1) {
        if (fault.set)
            break;
        if ((rc = on_node(&r, fn, arg)) != TX_OK || r.stop)
            goto done;
    }
    if (ret < 0 || fault.set || in.too_big || in.errnum) {
        rc = read_failure(&r, &in, &fault);
        goto done;
    }
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
    xmlFreeTextReader(r.xr);
    hooks_restore(&hooks);
    close(in.fd);
    xmlFree(r.tuid);
    tx_buf_release(&r.seg);
    tx_buf_release(&r.src);
    tx_buf_release(&r.tgt);
    return rc;
}
