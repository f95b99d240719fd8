/* xmlsafe.c: the one XML reader base of tmx.c, tbxread.c and xliff.c, with the
 * hardening it and the TBX writer share.
 *
 * One copy of what the readers need to treat a file as hostile: our own
 * descriptor with a byte cap, the lexical guard of xmlguard.c on every byte
 * before libxml2 gets it (attributes, depth, names, text, namespaces, the
 * DOCTYPE: what libxml2 2.9 spends quadratic time on), libxml2's errors
 * captured (it prints nothing), a refusing external entity loader, DOCTYPEs
 * declaring entities and entity references refused, the reading loop that
 * puts these together with the state every reader keeps (skipped content,
 * the text being gathered, white space folded), and the language-code
 * comparisons.  The formats themselves stay in their files. */
#define _POSIX_C_SOURCE 200809L /* open(), read(), fstat() */
#include "xmlsafe.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/hash.h>
#include <libxml/tree.h>

#include "error.h"
#include "langtag.h"

/* libxml2 2.12 made the structured error handler take a const pointer. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_ptr;
#else
typedef xmlErrorPtr xml_error_ptr;
#endif

/* ---- raw input ---------------------------------------------------------- */

/* We open the file ourselves rather than call xmlReaderForFile(), which takes
 * the path as a URI (libxml2 2.9 fetches http:// and ftp:// URLs whatever
 * XML_PARSE_NONET says: that option only governs entity loading) and inflates
 * gzip and xz files on the fly (a small compressed file could then feed
 * terabytes past the size limit).  Counting the bytes in tx_xml_input_read()
 * also holds the limit on pipes and files that grow while we read. */
tx_status tx_xml_input_open(tx_xml_input *in, const char *path,
                            unsigned long long max_bytes, tx_error *err)
{
    struct stat st;
    int saved;

    memset(in, 0, sizeof *in);
    tx_xml_guard_init(&in->guard);
    in->max_bytes = max_bytes;
    in->fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (in->fd < 0)
        return tx_fail(err, TX_EIO, "%s: %s", path, strerror(errno));
    if (fstat(in->fd, &st) != 0) {
        saved = errno;
        tx_xml_input_close(in);
        return tx_fail(err, TX_EIO, "%s: %s", path, strerror(saved));
    }
    if (S_ISDIR(st.st_mode)) {
        tx_xml_input_close(in);
        return tx_fail(err, TX_EIO, "%s: %s", path, strerror(EISDIR));
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max_bytes) {
        tx_xml_input_close(in);
        return tx_fail(err, TX_EINPUT, "%s: file larger than %llu bytes", path,
                       max_bytes);
    }
    return TX_OK;
}

tx_status tx_xml_input_memory(tx_xml_input *in, const char *name, const char *data,
                              size_t len, unsigned long long max_bytes, tx_error *err)
{
    memset(in, 0, sizeof *in);
    tx_xml_guard_init(&in->guard);
    in->fd = -1;
    in->max_bytes = max_bytes;
    in->mem = data;
    in->mem_len = len;
    if ((unsigned long long)len > max_bytes)
        return tx_fail(err, TX_EINPUT, "%s: file larger than %llu bytes", name,
                       max_bytes);
    return TX_OK;
}

void tx_xml_input_close(tx_xml_input *in)
{
    if (in->fd >= 0)
        close(in->fd);
    in->fd = -1;
}

int tx_xml_input_read(void *ctx, char *buf, int len)
{
    tx_xml_input *in = ctx;
    ssize_t n;

    if (in->too_big || in->errnum || in->guard.limit)
        return -1;
    if (len <= 0)
        return 0;
    if (in->mem) {
        size_t left = in->mem_len - (size_t)in->n_read;

        n = (ssize_t)(left < (size_t)len ? left : (size_t)len);
        memcpy(buf, in->mem + in->n_read, (size_t)n);
    } else {
        do
            n = read(in->fd, buf, (size_t)len);
        while (n < 0 && errno == EINTR);
    }
    if (n < 0) {
        in->errnum = errno;
        return -1;
    }
    in->n_read += (unsigned long long)n;
    if (in->n_read > in->max_bytes) {
        in->too_big = 1;
        return -1;
    }
    if (tx_xml_guard_scan(&in->guard, (const unsigned char *)buf, (size_t)n) != 0)
        return -1;
    return (int)n;
}

/* ---- libxml2's diagnostics ---------------------------------------------- */

static void on_xml_error(void *ctx, xml_error_ptr e)
{
    tx_xml_fault *f = ctx;
    size_t len;
    char *p;

    if (!f || f->set || !e || e->level < XML_ERR_ERROR)
        return;
    f->set = 1;
    f->line = e->line;
    snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "XML error");
    len = strlen(f->msg);
    while (len > 0 && (f->msg[len - 1] == '\n' || f->msg[len - 1] == ' '
                       || f->msg[len - 1] == '\r' || f->msg[len - 1] == '\t'))
        f->msg[--len] = '\0';
    /* One line: "Input is not proper UTF-8, indicate encoding !\nBytes: 0xE9 ..." */
    for (p = f->msg; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
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

void tx_xml_hooks_install(tx_xml_hooks *saved, tx_xml_fault *fault, int refuse_loading)
{
    saved->loader_set = refuse_loading;
    saved->loader = xmlGetExternalEntityLoader();
    saved->generic = xmlGenericError;
    saved->generic_ctx = xmlGenericErrorContext;
    saved->structured = xmlStructuredError;
    saved->structured_ctx = xmlStructuredErrorContext;
    if (refuse_loading)
        xmlSetExternalEntityLoader(refuse_entity);
    xmlSetGenericErrorFunc(NULL, on_xml_generic);
    xmlSetStructuredErrorFunc(fault, on_xml_error);
}

void tx_xml_hooks_restore(const tx_xml_hooks *saved)
{
    xmlSetStructuredErrorFunc(saved->structured_ctx, saved->structured);
    xmlSetGenericErrorFunc(saved->generic_ctx, saved->generic);
    if (saved->loader_set)
        xmlSetExternalEntityLoader(saved->loader);
}

void tx_xml_reader_catch(xmlTextReaderPtr xr, tx_xml_fault *fault)
{
    xmlTextReaderSetStructuredErrorHandler(xr, on_xml_error, fault);
}

tx_status tx_xml_read_failure(const char *path, const tx_xml_input *in,
                              const tx_xml_fault *fault, tx_error *err)
{
    if (in->too_big)
        return tx_fail(err, TX_EINPUT, "%s: file larger than %llu bytes", path,
                       in->max_bytes);
    if (in->guard.limit)
        return tx_xml_guard_failure(&in->guard, path, in->format, err);
    if (in->errnum)
        return tx_fail(err, TX_EIO, "%s: %s", path, strerror(in->errnum));
    if (fault->set && fault->line > 0)
        return tx_fail(err, TX_EINPUT, "%s:%d: %s", path, fault->line, fault->msg);
    if (fault->set)
        return tx_fail(err, TX_EINPUT, "%s: %s", path, fault->msg);
    return tx_fail(err, TX_EINPUT, "%s: malformed XML", path);
}

/* ---- the reader base ------------------------------------------------------ */

tx_status tx_xml_reader_init(tx_xml_reader *r, const tx_xml_format *format,
                             const char *fn, const char *path, const char *src_lang,
                             const char *tgt_lang, tx_error *err)
{
    tx_status rc;

    memset(r, 0, sizeof *r);
    if (!path || !*path || !src_lang || !*src_lang || !tgt_lang || !*tgt_lang)
        return tx_fail(err, TX_EINVAL, "%s: missing path or language", fn);
    if ((rc = tx_lang_pair_check(src_lang, tgt_lang, err)) != TX_OK)
        return rc;
    r->format = format;
    r->path = path;
    r->src_lang = src_lang;
    r->tgt_lang = tgt_lang;
    r->err = err;
    r->skip_depth = -1;
    tx_buf_init(&r->text);
    return TX_OK;
}

void tx_xml_reader_init_memory(tx_xml_reader *r, const tx_xml_format *format,
                               const char *name, const char *data, size_t len,
                               tx_error *err)
{
    memset(r, 0, sizeof *r);
    r->format = format;
    r->path = name;
    r->mem = data;
    r->mem_len = len;
    r->src_lang = "";
    r->tgt_lang = "";
    r->err = err;
    r->skip_depth = -1;
    tx_buf_init(&r->text);
}

void tx_xml_reader_release(tx_xml_reader *r)
{
    tx_buf_release(&r->text);
}

void tx_xml_text_start(tx_xml_reader *r)
{
    r->in_text = 1;
    r->text_line = tx_xml_node_line(r->xr);
    r->text_raw = 0;
    r->text_space = 0;
    tx_buf_reset(&r->text);
}

void tx_xml_text_end(tx_xml_reader *r)
{
    r->in_text = 0;
}

tx_status tx_xml_text_add(tx_xml_reader *r, const char *text)
{
    size_t len = strlen(text);
    const char *p = text;
    const char *end = text + len;

    r->text_raw += len;
    if (r->text_raw > r->format->max_text)
        return tx_fail(r->err, TX_EINPUT, "%s:%u: %s longer than %zu bytes", r->path,
                       r->text_line, r->format->text_what, r->format->max_text);
    while (p < end) {
        size_t run = strcspn(p, " \t\r\n");

        if (run > 0) {
            if (r->text_space && r->text.len > 0 && tx_buf_addch(&r->text, ' ') != TX_OK)
                return tx_xml_nomem(r);
            if (tx_buf_add(&r->text, p, run) != TX_OK)
                return tx_xml_nomem(r);
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

int tx_xml_is_name(const xmlChar *name, const char *want)
{
    return name && strcmp((const char *)name, want) == 0;
}

tx_status tx_xml_fail_at(tx_xml_reader *r, unsigned line, const char *fmt, ...)
{
    char what[400];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return tx_fail(r->err, TX_EINPUT, "%s:%u: %s", r->path, line, what);
}

tx_status tx_xml_misplaced(tx_xml_reader *r, const xmlChar *name)
{
    return tx_xml_fail_at(r, tx_xml_node_line(r->xr), "misplaced <%.100s>",
                          name ? (const char *)name : "?");
}

tx_status tx_xml_nomem(tx_xml_reader *r)
{
    return tx_fail(r->err, TX_ENOMEM, "%s:%u: out of memory", r->path,
                   tx_xml_node_line(r->xr));
}

/* The node the reader stands on: what every format refuses or handles the
 * same way here, the rest to the format's handlers. */
static tx_status on_node(tx_xml_reader *r)
{
    xmlTextReaderPtr xr = r->xr;
    int type = xmlTextReaderNodeType(xr);
    const xmlChar *text;

    switch (type) {
    case XML_READER_TYPE_DOCUMENT_TYPE:
        return tx_xml_check_doctype(xr, r->path, r->format->name, r->err);
    case XML_READER_TYPE_ENTITY_REFERENCE:
    case XML_READER_TYPE_ENTITY:
        return tx_fail(r->err, TX_EINPUT,
                       "%s:%u: entity references are not accepted in %s (&%.100s;)",
                       r->path, tx_xml_node_line(xr), r->format->name,
                       (const char *)xmlTextReaderConstName(xr));
    case XML_READER_TYPE_ELEMENT:
        if (!r->seen_root) {
            r->seen_root = 1;
            return r->format->on_root(r);
        }
        return r->skip_depth >= 0 ? TX_OK : r->format->on_element(r);
    case XML_READER_TYPE_END_ELEMENT:
        if (r->skip_depth >= 0) {
            if (xmlTextReaderDepth(xr) == r->skip_depth)
                r->skip_depth = -1;
            return TX_OK;
        }
        return r->format->on_end_element(r);
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (!r->in_text || r->skip_depth >= 0)
            return TX_OK;
        text = xmlTextReaderConstValue(xr);
        return text ? tx_xml_text_add(r, (const char *)text) : TX_OK;
    default:
        return TX_OK;
    }
}

tx_status tx_xml_reader_run(tx_xml_reader *r)
{
    const char *path = r->path;
    xmlTextReaderPtr xr;
    tx_xml_input in;
    tx_xml_fault fault;
    tx_xml_hooks hooks;
    tx_status rc = TX_OK;
    int ret;

    if (r->mem)
        rc = tx_xml_input_memory(&in, path, r->mem, r->mem_len, r->format->max_file,
                                 r->err);
    else
        rc = tx_xml_input_open(&in, path, r->format->max_file, r->err);
    if (rc != TX_OK)
        return rc;
    in.format = r->format->name;
    memset(&fault, 0, sizeof fault);
    xmlInitParser();
    tx_xml_hooks_install(&hooks, &fault, 1);
    /* No close callback: the descriptor stays ours whatever libxml2 does. */
    xr = xmlReaderForIO(tx_xml_input_read, NULL, &in, NULL, NULL, TX_XML_READER_OPTIONS);
    if (!xr) {
        if (in.too_big || in.guard.limit || in.errnum)
            rc = tx_xml_read_failure(path, &in, &fault, r->err);
        else
            rc = tx_fail(r->err, TX_ENOMEM, "%s: cannot create the XML reader", path);
        goto done;
    }
    tx_xml_reader_catch(xr, &fault);
    while ((ret = xmlTextReaderRead(xr)) == 1) {
        if (fault.set)
            break;
        r->xr = xr;
        rc = on_node(r);
        r->xr = NULL;
        if (rc != TX_OK || r->stop)
            goto done;
    }
    if (ret < 0 || fault.set || in.too_big || in.guard.limit || in.errnum)
        rc = tx_xml_read_failure(path, &in, &fault, r->err);
    else if (!r->seen_root)
        rc = tx_fail(r->err, TX_EINPUT, "%s: no root element", path);
done:
    xmlFreeTextReader(xr);
    tx_xml_hooks_restore(&hooks);
    tx_xml_input_close(&in);
    return rc;
}

/* ---- nodes -------------------------------------------------------------- */

/* A DOCTYPE is fine as long as it declares no entity: the LISA TMX samples name
 * tmx14.dtd, TBX 2008 files TBXBasiccoreStructV02.dtd, neither ever loaded. */
tx_status tx_xml_check_doctype(xmlTextReaderPtr xr, const char *path,
                               const char *format, tx_error *err)
{
    xmlNodePtr node = xmlTextReaderCurrentNode(xr);
    xmlDtdPtr dtd;

    if (!node || node->type != XML_DTD_NODE)
        return TX_OK;
    dtd = (xmlDtdPtr)node;
    /* libxml2 keeps no line for a DTD, and the parser's position is past it. */
    if ((dtd->entities && xmlHashSize(dtd->entities) > 0)
        || (dtd->pentities && xmlHashSize(dtd->pentities) > 0))
        return tx_fail(err, TX_EINPUT,
                       "%s: entity declarations are not accepted in %s (in the DOCTYPE)",
                       path, format);
    return TX_OK;
}

/* libxml2 keeps element lines in 16 bits: beyond, fall back on the parser's
 * position, which may be a little ahead. */
unsigned tx_xml_node_line(xmlTextReaderPtr xr)
{
    xmlNodePtr node = xmlTextReaderCurrentNode(xr);
    long line = node ? xmlGetLineNo(node) : -1;

    if (line <= 0 || line >= 65535)
        line = xmlTextReaderGetParserLineNumber(xr);
    return line > 0 ? (unsigned)line : 0;
}

/* ---- languages ---------------------------------------------------------- */

int tx_xml_ascii_lower(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 'a';
    if (c == '_')
        return '-';
    return c;
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

void tx_xml_note_lang(char *langs, size_t size, const char *code)
{
    char low[40];
    size_t n;
    size_t used = strlen(langs);
    const char *sep = used ? ", " : "";

    for (n = 0; n < sizeof low - 1 && code[n]; n++) {
        int c = tx_xml_ascii_lower((unsigned char)code[n]);

        low[n] = (char)(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
                        ? c : '?');
    }
    low[n] = '\0';
    if (n == 0 || lang_listed(langs, low))
        return;
    if (used >= 3 && strcmp(langs + used - 3, "...") == 0)
        return;
    /* Keep room for a final ", ..." so a full list says it is cut. */
    if (used + strlen(sep) + n + sizeof ", ..." <= size)
        snprintf(langs + used, size - used, "%s%s", sep, low);
    else
        snprintf(langs + used, size - used, "%s...", sep);
}

tx_status tx_lang_pair_check(const char *src_lang, const char *tgt_lang, tx_error *err)
{
    if (tx_langtag_same(src_lang, tgt_lang))
        return tx_fail(err, TX_EINVAL, "source and target languages are the same ('%s')",
                       src_lang);
    return TX_OK;
}
