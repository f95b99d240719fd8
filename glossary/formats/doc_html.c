/* doc_html.c: HTML and XHTML pages -> segmented text (docread.h).
 *
 * libxml2's HTML parser builds the page's tree (pages are small: a DOM is
 * fine, and it repairs what browsers repair); a walk over the tree writes the
 * text of each block element as one segment.  What is decided here, and why:
 *
 * - Segments: each block element (p, h1-h6, li, dt, dd, td, th, caption,
 *   blockquote, figcaption, div, section...; the list below) starts and ends
 *   a segment, and so does <hr>; <br> is a soft line end inside the segment
 *   ('\v', docread.h: the text clean-up decides whether the lines join, as
 *   for the lines of a text file); the text of a div around nested
 *   blocks becomes segments of its own ("intro", then the paragraphs).
 *   Inline elements (b, i, a, span, em, code...) add nothing: the spaces of
 *   the source decide, so "<b>wo</b>rd" is "word" and "a <b>b</b>" is "a b".
 *   White space is collapsed.
 * - Out, not counted: <head> (the <title> too: it repeats the first heading,
 *   often with the site's name, which would count twice or be boilerplate),
 *   script, style, template, noscript, svg, math, embedded objects and form
 *   controls (input, select, textarea, button).
 * - Out, counted in info->n_dropped: navigation and code blocks: <nav>,
 *   <pre> (code, commands, screen output: not prose), elements with the
 *   hidden attribute, aria-hidden="true", role="navigation" or
 *   style="display:none", and elements whose class is one of nav_classes[]:
 *   the names DocBook's XSL stylesheets (the Debian and GIMP manuals) and
 *   the common site generators give their navigation bars and tables of
 *   contents.  Every dropped element ends the segment before it, so that no
 *   word sequence spans the gap.
 * - Inline <code>, <kbd>, <samp> keep their text: it is part of the sentence
 *   ("install the <code>foo</code> package"), dropping it would glue the
 *   words around it into false sequences, and the plain text version of the
 *   same document (what the HTML one is compared with) has it too.
 * - Charset: a byte order mark, else the XML declaration's encoding, else a
 *   <meta charset> or http-equiv Content-Type in the first 4 KiB (browsers
 *   look at 1 KiB; DocBook pages put a long <title> first), else UTF-8 when
 *   the bytes are valid UTF-8, else Windows-1252, as browsers do; labels are
 *   read as the WHATWG Encoding standard reads them (ISO-8859-1 and ASCII
 *   are Windows-1252, a UTF-16 label in ASCII-compatible bytes is UTF-8).
 *   The encoding found is given to libxml2, which then follows nothing else.
 *
 * Hostile input: no network, no external entity or DTD is ever loaded (the
 * HTML parser does neither, and the refusing loader of xmlsafe.c is
 * installed besides); only HTML's own named entities and numeric references
 * are decoded; a DOCTYPE with an internal subset (where entities would be
 * declared) is refused; libxml2's errors are caught, never printed; pages
 * over 64 MiB and start tags with more than 256 attributes (libxml2 checks
 * each against all the others: quadratic) are refused by a scan of the bytes
 * before parsing (UTF-16 pages are converted to UTF-8 for it); libxml2 limits the nesting depth itself, and the walk
 * below is iterative. */
#include "docread.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>

#include "docseg.h"
#include "error.h"
#include "xmlsafe.h"

#define HTML_MAX_BYTES ((size_t)64 << 20)
#define HTML_MAX_ATTRS 256
#define HTML_CHARSET_SCAN 4096

/* ---- what the walk does with elements (data, not logic) ------------------ */

/* Elements that start and end a segment. */
static const char *const block_elements[] = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "html", "legend", "li", "main", "menu", "ol", "p",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul", NULL
};

/* Elements whose content is not text of the page: dropped, not counted. */
static const char *const non_text_elements[] = {
    "applet", "audio", "button", "canvas", "datalist", "embed", "head", "iframe",
    "input", "map", "math", "noembed", "noframes", "noscript", "object", "option",
    "optgroup", "script", "select", "style", "svg", "template", "textarea",
    "title", "video", NULL
};

/* Elements holding navigation or code: dropped and counted. */
static const char *const dropped_elements[] = {
    "nav", "pre", "listing", "xmp", "plaintext", NULL
};

/* Class names of navigation and tables of contents: DocBook XSL's navheader,
 * navfooter and toc (the Debian and GIMP manuals), Texinfo 7's nav-panel (GNU
 * manuals; Texinfo 6 says "header", too common a name to drop), and the
 * breadcrumb, navbar and sidebar of common site themes. */
static const char *const nav_classes[] = {
    "navheader", "navfooter", "toc", "nav-panel", "breadcrumb", "breadcrumbs",
    "navbar", "sidebar", NULL
};

static int in_list(const char *const *list, const char *name, size_t len)
{
    for (; *list; list++)
        if (strlen(*list) == len && strncasecmp(*list, name, len) == 0)
            return 1;
    return 0;
}

static int is_name_in(const char *const *list, const xmlChar *name)
{
    return name && in_list(list, (const char *)name, strlen((const char *)name));
}

/* ---- charset ------------------------------------------------------------- */

static int starts_ci(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word);

    return (size_t)(end - p) >= n && strncasecmp(p, word, n) == 0;
}

/* Copy the encoding label at p (after optional blanks and a quote) into
 * `label`; "" when there is none. */
static void copy_label(const char *p, const char *end, char *label, size_t size)
{
    size_t n = 0;

    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    if (p < end && (*p == '"' || *p == '\''))
        p++;
    while (p < end && n + 1 < size
           && (isalnum((unsigned char)*p) || strchr("-_.:", *p)))
        label[n++] = (char)tolower((unsigned char)*p++);
    label[n] = '\0';
}

/* The label after `key` and '=' in [p, end), or "". */
static void find_label(const char *p, const char *end, const char *key, char *label,
                       size_t size)
{
    label[0] = '\0';
    for (; p < end; p++) {
        if (!starts_ci(p, end, key))
            continue;
        p += strlen(key);
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        if (p < end && *p == '=') {
            copy_label(p + 1, end, label, size);
            return;
        }
    }
}

/* The charset a <meta> in the first bytes declares, or "". */
static void meta_charset(const char *data, size_t len, char *label, size_t size)
{
    const char *end = data + (len < HTML_CHARSET_SCAN ? len : HTML_CHARSET_SCAN);
    const char *p;

    label[0] = '\0';
    for (p = data; p < end && !label[0]; p++) {
        const char *close;

        if (!starts_ci(p, end, "<meta"))
            continue;
        close = memchr(p, '>', (size_t)(end - p));
        if (!close)
            return;
        find_label(p, close, "charset", label, size);
        p = close;
    }
}

/* The encoding to parse with (a libxml2 name), and how many bytes of byte
 * order mark to skip. */
static const char *html_encoding(const char *data, size_t len, size_t *skip,
                                 char *label, size_t size)
{
    const unsigned char *u = (const unsigned char *)data;
    xmlCharEncodingHandlerPtr h;

    *skip = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        *skip = 3;
        return "UTF-8";
    }
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        *skip = 2;
        return u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
    }
    label[0] = '\0';
    if (starts_ci(data, data + len, "<?xml")) {
        const char *end = memchr(data, '>', len < 256 ? len : 256);

        if (end)
            find_label(data, end, "encoding", label, size);
    }
    if (!label[0])
        meta_charset(data, len, label, size);
    if (!strcmp(label, "iso-8859-1") || !strcmp(label, "latin1")
        || !strcmp(label, "iso8859-1") || !strcmp(label, "l1")
        || !strcmp(label, "us-ascii") || !strcmp(label, "ascii")
        || !strcmp(label, "cp1252") || !strcmp(label, "x-cp1252"))
        return "windows-1252";
    if (!strncmp(label, "utf-16", 6) || !strcmp(label, "utf8"))
        return "UTF-8";
    if (label[0] && (h = xmlFindCharEncodingHandler(label)) != NULL) {
        xmlCharEncCloseFunc(h);
        return label;
    }
    return tx_docseg_is_utf8(data, len) ? "UTF-8" : "windows-1252";
}

/* ---- the scan before parsing ----------------------------------------------- */

/* Elements whose content the parser reads as raw text up to their end tag. */
static const char *const raw_text_elements[] = {
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    NULL
};

static const char *skip_past(const char *p, const char *end, const char *what)
{
    size_t n = strlen(what);

    for (; p + n <= end; p++)
        if (memcmp(p, what, n) == 0)
            return p + n;
    return end;
}

/* Skip the raw text of element `name` (`len` bytes) from p: to its end tag. */
static const char *skip_raw(const char *p, const char *end, const char *name, size_t len)
{
    for (; p + 2 + len <= end; p++)
        if (p[0] == '<' && p[1] == '/' && strncasecmp(p + 2, name, len) == 0)
            return p;
    return end;
}

/* A start tag from its name at p: its attributes counted.  Returns where
 * the tag ends, or NULL when it has too many attributes. */
static const char *scan_tag(const char *p, const char *end)
{
    const char *name = p;
    size_t name_len;
    unsigned n_attrs = 0;

    while (p < end && !isspace((unsigned char)*p) && *p != '>' && *p != '/')
        p++;
    name_len = (size_t)(p - name);
    while (p < end && *p != '>') {
        if (isspace((unsigned char)*p) || *p == '/') {
            p++;
            continue;
        }
        if (++n_attrs > HTML_MAX_ATTRS)
            return NULL;
        while (p < end && !isspace((unsigned char)*p) && *p != '=' && *p != '>')
            p++;
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (p >= end || *p != '=')
            continue;
        for (p++; p < end && isspace((unsigned char)*p); p++)
            ;
        if (p < end && (*p == '"' || *p == '\'')) {
            const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));

            p = q ? q + 1 : end;
        } else {
            while (p < end && !isspace((unsigned char)*p) && *p != '>')
                p++;
        }
    }
    if (p < end && in_list(raw_text_elements, name, name_len))
        return skip_raw(p + 1, end, name, name_len);
    return p;
}

/* Refuse what libxml2 should not see: a DOCTYPE with an internal subset,
 * a start tag with too many attributes.  The bytes are in an ASCII-compatible
 * encoding (UTF-16 pages are turned into UTF-8 first). */
static tx_status html_prescan(const char *name, const char *data, size_t len,
                              tx_error *err)
{
    const char *p = data;
    const char *end = data + len;

    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL && ++p < end) {
        if (starts_ci(p, end, "!--")) {
            p = skip_past(p + 3, end, "-->");
        } else if (starts_ci(p, end, "!doctype")) {
            const char *q = p;

            while (q < end && *q != '>' && *q != '[')
                q++;
            if (q < end && *q == '[')
                return tx_fail(err, TX_EINPUT,
                               "%s: a DOCTYPE with an internal subset (entity"
                               " declarations) is not accepted in HTML", name);
            p = q;
        } else if (isalpha((unsigned char)*p)) {
            if (starts_ci(p, end, "plaintext"))
                return TX_OK;
            p = scan_tag(p, end);
            if (!p)
                return tx_fail(err, TX_EINPUT, "%s: more than %d attributes on one"
                               " element (a limit of termex)", name, HTML_MAX_ATTRS);
        }
        if (p >= end)
            break;
    }
    return TX_OK;
}

/* ---- the walk ---------------------------------------------------------- */

/* Does `value` hold `word` as one of its white-space-separated words? */
static int has_class(const xmlChar *value)
{
    const char *p = (const char *)value;

    while (p && *p) {
        size_t n;

        while (*p && isspace((unsigned char)*p))
            p++;
        n = strcspn(p, " \t\r\n\f");
        if (n > 0 && in_list(nav_classes, p, n))
            return 1;
        p += n;
    }
    return 0;
}

static int attr_is(xmlNodePtr node, const char *attr, const char *want)
{
    xmlChar *v = xmlGetProp(node, BAD_CAST attr);
    int yes = v && strcasecmp((const char *)v, want) == 0;

    xmlFree(v);
    return yes;
}

/* style="display: none" (blanks aside, any case) */
static int display_none(xmlNodePtr node)
{
    xmlChar *v = xmlGetProp(node, BAD_CAST "style");
    char squeezed[64];
    size_t n = 0;
    const xmlChar *p;
    int yes;

    for (p = v; p && *p && n + 1 < sizeof squeezed; p++)
        if (!isspace(*p))
            squeezed[n++] = (char)tolower(*p);
    squeezed[n] = '\0';
    yes = strstr(squeezed, "display:none") != NULL;
    xmlFree(v);
    return yes;
}

/* Is the element navigation, code or hidden (dropped and counted)? */
static int is_dropped(xmlNodePtr node)
{
    xmlChar *cls;
    int yes;

    if (is_name_in(dropped_elements, node->name)
        || xmlHasProp(node, BAD_CAST "hidden") != NULL
        || attr_is(node, "aria-hidden", "true") || attr_is(node, "role", "navigation")
        || display_none(node))
        return 1;
    cls = xmlGetProp(node, BAD_CAST "class");
    yes = has_class(cls);
    xmlFree(cls);
    return yes;
}

/* Does the subtree under `top` hold any non-blank text? */
static int has_text(xmlNodePtr top)
{
    xmlNodePtr n = top->children;

    while (n && n != top) {
        if (n->type == XML_TEXT_NODE && n->content) {
            const xmlChar *p;

            for (p = n->content; *p; p++)
                if (!isspace(*p))
                    return 1;
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n != top && !n->next)
            n = n->parent;
        if (n != top)
            n = n->next;
    }
    return 0;
}

typedef struct html_walk {
    tx_docseg seg;
    unsigned n_dropped;
} html_walk;

/* The walk enters `node`: 1 to go into its children, 0 to pass it by, -1
 * when out of memory. */
static int enter(html_walk *w, xmlNodePtr node)
{
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        const char *t = (const char *)node->content;

        return t && tx_docseg_add(&w->seg, t, strlen(t)) != TX_OK ? -1 : 0;
    }
    if (node->type != XML_ELEMENT_NODE)
        return 0;
    if (is_name_in(non_text_elements, node->name)) {
        return tx_docseg_end(&w->seg) != TX_OK ? -1 : 0;
    }
    if (is_dropped(node)) {
        if (has_text(node))
            w->n_dropped++;
        return tx_docseg_end(&w->seg) != TX_OK ? -1 : 0;
    }
    if (xmlStrcasecmp(node->name, BAD_CAST "br") == 0)
        tx_docseg_soft_break(&w->seg);
    else if (is_name_in(block_elements, node->name) ||
             xmlStrcasecmp(node->name, BAD_CAST "hr") == 0)
        if (tx_docseg_end(&w->seg) != TX_OK)
            return -1;
    return 1;
}

/* The walk leaves an element it went into. */
static tx_status leave(html_walk *w, xmlNodePtr node)
{
    if (is_name_in(block_elements, node->name))
        return tx_docseg_end(&w->seg);
    return TX_OK;
}

/* Every node of the document in order, without recursion. */
static tx_status html_walk_doc(html_walk *w, htmlDocPtr doc)
{
    xmlNodePtr top = (xmlNodePtr)doc;
    xmlNodePtr n = top->children;

    while (n) {
        int in = enter(w, n);

        if (in < 0)
            return TX_ENOMEM;
        if (in && n->children) {
            n = n->children;
            continue;
        }
        while (!n->next) {
            n = n->parent;
            if (!n || n == top)
                return tx_docseg_end(&w->seg);
            if (leave(w, n) != TX_OK)
                return TX_ENOMEM;
        }
        n = n->next;
    }
    return tx_docseg_end(&w->seg);
}

/* ---- the reader -------------------------------------------------------- */

/* Parse the page (`len` bytes at `data`, in `enc`) into *doc, with libxml2's
 * hooks swapped for the call. */
static tx_status html_parse(const char *name, const char *data, size_t len,
                            const char *enc, htmlDocPtr *doc, tx_error *err)
{
    /* Not HTML_PARSE_NOBLANKS: it drops the blank text between two inline
     * elements, and "<b>a</b> <i>b</i>" would read "ab". */
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR
                        | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT;
    tx_xml_fault fault;
    tx_xml_hooks hooks;
    tx_status rc;

    if ((rc = html_prescan(name, data, len, err)) != TX_OK)
        return rc;
    memset(&fault, 0, sizeof fault);
    xmlInitParser();
    tx_xml_hooks_install(&hooks, &fault, 1);
    *doc = htmlReadMemory(data, (int)len, NULL, enc, options);
    tx_xml_hooks_restore(&hooks);
    if (!*doc)
        return tx_fail(err, TX_EINPUT, "%s: not readable as HTML%s%s", name,
                       fault.set ? ": " : "", fault.set ? fault.msg : "");
    return TX_OK;
}

tx_status tx_doc_read_html(const char *name, const char *data, size_t len,
                           const tx_doc_opts *o, tx_buf *out, tx_doc_info *info,
                           tx_error *err)
{
    tx_buf conv = TX_BUF_INIT;
    char label[40];
    const char *enc;
    size_t skip;
    htmlDocPtr doc;
    html_walk w;
    tx_status rc;

    (void)o;
    memset(info, 0, sizeof *info);
    info->format = TX_DOC_HTML;
    if (len > HTML_MAX_BYTES)
        return tx_fail(err, TX_EINPUT, "%s: HTML page larger than %zu MiB (a limit of"
                       " termex)", name, HTML_MAX_BYTES >> 20);
    enc = html_encoding(data, len, &skip, label, sizeof label);
    data += skip;
    len -= skip;
    if (strncmp(enc, "UTF-16", 6) == 0) {
        /* In UTF-8 first, so that the scan before parsing sees it too. */
        if (tx_docseg_to_utf8(enc, data, len, &conv) == TX_ENOMEM)
            return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
        data = conv.data ? conv.data : "";
        len = conv.len;
        enc = "UTF-8";
    }
    rc = html_parse(name, data, len, enc, &doc, err);
    tx_buf_release(&conv);
    if (rc != TX_OK)
        return rc;
    memset(&w, 0, sizeof w);
    tx_docseg_init(&w.seg, out);
    rc = html_walk_doc(&w, doc);
    xmlFreeDoc(doc);
    if (rc != TX_OK)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    info->n_dropped = w.n_dropped;
    if (w.seg.n_segments == 0)
        return tx_fail(err, TX_EINPUT, "%s: no text in this HTML page (only markup,"
                       " scripts or navigation)", name);
    return TX_OK;
}
