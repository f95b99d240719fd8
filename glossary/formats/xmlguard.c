/* xmlguard.c: the lexical guard of xmlguard.h.
 *
 * libxml2 2.9 does work quadratic in some counts of a file before any callback
 * of ours runs (see xmlguard.h); this scan counts them in the bytes before
 * libxml2 gets them, a character at a time in the file's encoding, and stops
 * at the first one past its limit. */
#include "xmlguard.h"

#include <stdio.h>
#include <string.h>

#include "error.h"

/* ---- the lexical guard -------------------------------------------------- */

/* The guard follows the markup the way libxml2 will parse it, far enough to
 * count what xmlguard.h's limits bound: start, end and empty-element tags with
 * their attribute names and quoted values, comments, CDATA sections, processing
 * instructions, the DOCTYPE with its literals and internal subset.  Where the
 * input is not well-formed it may read the markup differently from libxml2, but
 * libxml2 stops at the first such error, so it never parses what the guard has
 * misread; the guard leaves a comment, literal or CDATA section no later than
 * libxml2 does, which keeps it from skipping markup libxml2 parses.  The one
 * thing that could lead it astray is the encoding: libxml2 decodes by the first
 * bytes and the XML declaration, so the guard reads them too and refuses
 * encodings it cannot follow: UCS-4, EBCDIC, and declared encodings outside the
 * lists below (UTF-7 or ISO-2022-JP, where markup may hide in ASCII letters, or
 * a UTF-16 or EBCDIC switch in an ASCII-looking file). */

enum {
    G_TEXT,         /* content, or the prolog */
    G_LT,           /* after '<' */
    G_BANG,         /* after "<!" */
    G_BANG_DASH,    /* after "<!-" */
    G_BANG_WORD,    /* "<!DOCTYPE" (other words are errors to libxml2) */
    G_CDATA_OPEN,   /* "<![" matching "CDATA[" */
    G_CDATA,
    G_COMMENT,
    G_PI,
    G_SKIP,         /* malformed markup, up to '>' */
    G_STAG_NAME,    /* the element name of a start tag */
    G_STAG,         /* in a start tag, between attributes */
    G_STAG_SLASH,   /* after '/' in a start tag */
    G_ATT_NAME,
    G_ATT_EQ,       /* after an attribute name, before '=' */
    G_ATT_VALUE_START,
    G_ATT_VALUE,
    G_ETAG_NAME,
    G_ETAG,         /* after the name of an end tag */
    G_DT,           /* in the DOCTYPE, outside the internal subset */
    G_DT_QUOTE,     /* a system or public literal */
    G_SUB,          /* in the internal subset, between declarations */
    G_SUB_LT,
    G_SUB_BANG,
    G_SUB_DASH,
    G_SUB_WORD,     /* the keyword of a declaration */
    G_DECL,         /* in a declaration */
    G_DECL_QUOTE,   /* a literal in a declaration */
    G_DECL_GROUP    /* an enumeration "(a|b)" in an ATTLIST declaration */
};

/* Record the limit passed by the construct that began on `line` and stop. */
static int guard_refuse(tx_xml_guard *g, tx_xml_limit limit, unsigned long line)
{
    g->limit = limit;
    g->limit_line = line;
    return -1;
}

static int guard_refuse_encoding(tx_xml_guard *g, const char *name, size_t len)
{
    size_t i;

    if (len > sizeof g->encoding - 1)
        len = sizeof g->encoding - 1;
    for (i = 0; i < len; i++)
        g->encoding[i] = (name[i] > 0x20 && name[i] < 0x7F) ? name[i] : '?';
    g->encoding[len] = '\0';
    return guard_refuse(g, TX_XML_LIMIT_ENCODING, g->line);
}

static int is_blank(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_letter(unsigned c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* One more character of a name against "xmlns" (nsm: characters matched so
 * far, -1 once it differs; 5 = "xmlns", 6 = "xmlns:..."). */
static int ns_step(int nsm, unsigned c)
{
    if (nsm < 0 || nsm == 6)
        return nsm;
    if (nsm < 5)
        return c == (unsigned char)"xmlns"[nsm] ? nsm + 1 : -1;
    return c == ':' ? 6 : -1;
}

/* Normalised encoding names (upper case, without '-', '_', '.', ' ') the byte
 * scan follows: ASCII bytes are ASCII characters in all of them.  In the
 * double-byte ones a second byte may look like ASCII (0x5C and ']' in
 * Shift_JIS, Big5, GBK), so the guard skips the byte after each lead byte. */
static const char *const ascii_encodings[] = {
    "UTF8", "ASCII", "USASCII", "ANSIX341968", "ISO646US", "KOI8R", "KOI8U",
    "TIS620", "CP874", "WINDOWS874", "MACINTOSH", "MACROMAN", "EUCJP", "EUCKR",
    "EUCCN", "EUCTW", "GB2312", NULL
};
/* ...and these followed by digits only (ISO-8859-15, but not LATIN-GREEK) */
static const char *const ascii_prefixes[] = {
    "ISO8859", "LATIN", "ISOLATIN", "WINDOWS125", "CP125", NULL
};
static const char *const sjis_encodings[] = {
    "SHIFTJIS", "SJIS", "MSKANJI", "CP932", "WINDOWS31J", NULL
};
static const char *const dbcs_encodings[] = {
    "GBK", "CP936", "GB18030", "BIG5", "BIG5HKSCS", "CP950", "CP949", "UHC", NULL
};

/* Is `name` in `list`, or (`prefix`) an entry of it followed by digits? */
static int in_list(const char *const *list, const char *name, int prefix)
{
    for (; *list; list++) {
        size_t n = strlen(*list);

        if (!prefix && strcmp(name, *list) == 0)
            return 1;
        if (prefix && strncmp(name, *list, n) == 0 && name[n]
            && strspn(name + n, "0123456789") == strlen(name + n))
            return 1;
    }
    return 0;
}

/* The XML declaration names `name` (`len` bytes): follow it or refuse it.
 * libxml2 2.9 switches to any encoding it knows, except that it keeps decoding
 * UTF-16 when "UTF-8" or "UTF-16" is declared. */
static int guard_encoding(tx_xml_guard *g, const char *name, size_t len)
{
    char norm[sizeof g->encoding];
    size_t i, n = 0;

    for (i = 0; i < len; i++) {
        char c = name[i];

        if (c == '-' || c == '_' || c == '.' || c == ' ')
            continue;
        if (n == sizeof norm - 1)
            return guard_refuse_encoding(g, name, len);
        norm[n++] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    norm[n] = '\0';
    if (g->width == 2) {
        if (strcmp(norm, "UTF16") == 0 || strcmp(norm, "UTF8") == 0
            || strcmp(norm, g->big_endian ? "UTF16BE" : "UTF16LE") == 0)
            return 0;
    } else if (in_list(ascii_encodings, norm, 0) || in_list(ascii_prefixes, norm, 1)) {
        g->dbcs = 0;
        return 0;
    } else if (in_list(sjis_encodings, norm, 0)) {
        g->dbcs = 1;
        return 0;
    } else if (in_list(dbcs_encodings, norm, 0)) {
        g->dbcs = 2;
        return 0;
    }
    return guard_refuse_encoding(g, name, len);
}

/* The XML declaration is complete in g->decl: check every encoding="..." in it
 * (libxml2 reads the first; any other makes it fail). */
static int guard_xmldecl(tx_xml_guard *g)
{
    const char *p = g->decl;

    g->decl[g->n_decl] = '\0';
    while ((p = strstr(p, "encoding")) != NULL) {
        const char *q = p + 8;
        const char *start;
        char quote;

        p++;
        while (is_blank((unsigned char)*q))
            q++;
        if (*q++ != '=')
            continue;
        while (is_blank((unsigned char)*q))
            q++;
        if (*q != '"' && *q != '\'')
            continue;
        quote = *q++;
        start = q;
        while (*q && *q != quote)
            q++;
        if (*q == quote && guard_encoding(g, start, (size_t)(q - start)) != 0)
            return -1;
    }
    return 0;
}

/* A start tag ended ('>' or "/>"): its namespace declarations come into scope,
 * with those the DOCTYPE may default on it (counted on every element, as the
 * guard does not follow which element they are declared for). */
static int guard_open(tx_xml_guard *g)
{
    unsigned n = g->n_ns + g->ns_defaults;

    g->ns_at[g->depth] = (unsigned short)n;
    g->ns_scope += n;
    if (g->ns_scope > TX_XML_MAX_NS)
        return guard_refuse(g, TX_XML_LIMIT_NS, g->tag_line);
    return 0;
}

static void guard_close(tx_xml_guard *g)
{
    if (g->depth > 0) {
        g->ns_scope -= g->ns_at[g->depth];
        g->depth--;
    }
}

static int guard_text(tx_xml_guard *g, unsigned nb)
{
    if (g->text == 0)
        g->text_line = g->line;
    g->text += nb;
    if (g->text > TX_XML_MAX_TEXT)
        return guard_refuse(g, TX_XML_LIMIT_TEXT, g->text_line);
    return 0;
}

/* Bytes of the current attribute value, comment or PI. */
static int guard_run(tx_xml_guard *g, unsigned nb, tx_xml_limit limit)
{
    g->run += nb;
    if (g->run > TX_XML_MAX_TEXT)
        return guard_refuse(g, limit, g->tag_line);
    return 0;
}

static int guard_name(tx_xml_guard *g, unsigned nb)
{
    g->name_len += nb;
    if (g->name_len > TX_XML_MAX_NAME)
        return guard_refuse(g, TX_XML_LIMIT_NAME, g->tag_line);
    return 0;
}

static void guard_enter(tx_xml_guard *g, int state, int ret)
{
    g->state = state;
    g->ret = ret;
    g->sub = 0;
    g->run = 0;
}

/* The keyword after "<!" so far, stored up to 11 letters (none we look for is
 * longer, so a longer one never matches). */
static void guard_kw(tx_xml_guard *g, unsigned c)
{
    if (g->n_kw < (int)sizeof g->kw - 1)
        g->kw[g->n_kw++] = (char)c;
    g->kw[g->n_kw] = '\0';
}

/* ---- the states -------------------------------------------------------- */

/* Each function below takes one character `c` (its code when ASCII, else
 * 0x80; `nb` its bytes in the file) in a group of states, and returns 0, -1
 * with g->limit set, or AGAIN: a state that `c` ends without being part of it
 * ('>' after an attribute name...) has moved on, and `c` goes to the next. */
#define AGAIN 1

/* Content and the prolog, up to a '<'. */
static int text_char(tx_xml_guard *g, unsigned c, unsigned nb, int at_start)
{
    if (c != '<')
        return guard_text(g, nb);
    g->tag_line = g->line;
    g->n_decl = at_start ? 0 : -1;
    g->state = G_LT;
    return 0;
}

/* After '<' in content: which markup it opens (G_LT to G_CDATA_OPEN). */
static int markup_char(tx_xml_guard *g, unsigned c, unsigned nb)
{
    switch (g->state) {
    case G_LT:
        if (c == '!') {
            g->state = G_BANG;
        } else if (c == '?') {
            g->text = 0;
            guard_enter(g, G_PI, G_TEXT);
        } else if (c == '/') {
            g->text = 0;
            g->name_len = 0;
            g->state = G_ETAG_NAME;
        } else {
            /* A start tag: a name, or an error libxml2 stops at. */
            g->text = 0;
            if (++g->depth > TX_XML_MAX_DEPTH)
                return guard_refuse(g, TX_XML_LIMIT_DEPTH, g->tag_line);
            g->n_attrs = 0;
            g->n_ns = 0;
            g->name_len = 0;
            g->state = G_STAG_NAME;
            return AGAIN;
        }
        return 0;
    case G_BANG:
        if (c == '-') {
            g->state = G_BANG_DASH;
        } else if (c == '[') {
            g->sub = 0;
            g->state = G_CDATA_OPEN;
        } else {
            g->n_kw = 0;
            g->state = G_BANG_WORD;
            return AGAIN;
        }
        return 0;
    case G_BANG_DASH:
        if (c != '-') {
            g->state = G_SKIP;
            return AGAIN;
        }
        g->text = 0;
        guard_enter(g, G_COMMENT, G_TEXT);
        return 0;
    case G_BANG_WORD:
        if (is_letter(c)) {
            guard_kw(g, c);
            return 0;
        }
        g->kw[g->n_kw] = '\0';
        if (strcmp(g->kw, "DOCTYPE") != 0) {
            g->state = G_SKIP;
            return AGAIN;
        }
        g->text = 0;
        g->in_doctype = 1;
        g->dt_len = 9 * nb;
        g->dt_line = g->tag_line;
        g->state = G_DT;
        return AGAIN;
    default: /* G_CDATA_OPEN */
        if (c != (unsigned char)"CDATA["[g->sub]) {
            g->state = G_SKIP;
            return AGAIN;
        }
        if (++g->sub == 6) {
            g->sub = 0;
            g->state = G_CDATA;
        }
        return 0;
    }
}

/* Inside a CDATA section, comment, processing instruction or malformed
 * markup, up to its end. */
static int section_char(tx_xml_guard *g, unsigned c, unsigned nb)
{
    switch (g->state) {
    case G_CDATA:
        if (c == ']') {
            if (g->sub < 2)
                g->sub++;
        } else if (c == '>' && g->sub == 2) {
            g->state = G_TEXT;
            return 0;
        } else {
            g->sub = 0;
        }
        return guard_text(g, nb);
    case G_COMMENT:
        if (c == '-') {
            if (g->sub < 2)
                g->sub++;
        } else if (c == '>' && g->sub == 2) {
            g->state = g->ret;
            return 0;
        } else {
            g->sub = 0;
        }
        return guard_run(g, nb, TX_XML_LIMIT_COMMENT);
    case G_PI:
        if (c == '>' && g->sub) {
            g->state = g->ret;
            return g->n_decl >= 0 ? guard_xmldecl(g) : 0;
        }
        g->sub = c == '?';
        if (g->n_decl >= 0) {
            /* The XML declaration is "<?xml" and a blank at the very start. */
            if (g->n_decl == TX_XML_MAX_XMLDECL)
                return guard_refuse(g, TX_XML_LIMIT_XMLDECL, g->tag_line);
            g->decl[g->n_decl++] = (char)(c < 0x80 ? c : '?');
            if (g->n_decl == 4 && (memcmp(g->decl, "xml", 3) != 0 || !is_blank(c)))
                g->n_decl = -1;
        }
        return guard_run(g, nb, TX_XML_LIMIT_PI);
    default: /* G_SKIP */
        if (c == '>')
            g->state = G_TEXT;
        return 0;
    }
}

/* '>' ends a start tag. */
static int stag_end(tx_xml_guard *g)
{
    if (guard_open(g) != 0)
        return -1;
    g->state = G_TEXT;
    return 0;
}

/* A start tag outside its attributes (G_STAG_NAME, G_STAG, G_STAG_SLASH). */
static int stag_char(tx_xml_guard *g, unsigned c, unsigned nb)
{
    switch (g->state) {
    case G_STAG_NAME:
        if (is_blank(c))
            g->state = G_STAG;
        else if (c == '/')
            g->state = G_STAG_SLASH;
        else if (c == '>')
            return stag_end(g);
        else
            return guard_name(g, nb);
        return 0;
    case G_STAG:
        if (is_blank(c))
            return 0;
        if (c == '/') {
            g->state = G_STAG_SLASH;
            return 0;
        }
        if (c == '>')
            return stag_end(g);
        if (++g->n_attrs > TX_XML_MAX_ATTRS)
            return guard_refuse(g, TX_XML_LIMIT_ATTRS, g->tag_line);
        g->name_len = 0;
        g->nsm = 0;
        g->state = G_ATT_NAME;
        return AGAIN;
    default: /* G_STAG_SLASH */
        if (c != '>') {
            g->state = G_STAG;
            return AGAIN;
        }
        if (guard_open(g) != 0)
            return -1;
        guard_close(g);
        g->state = G_TEXT;
        return 0;
    }
}

/* An attribute of a start tag (G_ATT_NAME to G_ATT_VALUE). */
static int attr_char(tx_xml_guard *g, unsigned c, unsigned nb)
{
    switch (g->state) {
    case G_ATT_NAME:
        if (c == '=' || is_blank(c) || c == '>' || c == '/') {
            if (g->nsm == 5 || g->nsm == 6)
                g->n_ns++;
            if (c == '=')
                g->state = G_ATT_VALUE_START;
            else if (is_blank(c))
                g->state = G_ATT_EQ;
            else {
                g->state = G_STAG;
                return AGAIN;
            }
            return 0;
        }
        g->nsm = ns_step(g->nsm, c);
        return guard_name(g, nb);
    case G_ATT_EQ:
        if (is_blank(c))
            return 0;
        if (c == '=') {
            g->state = G_ATT_VALUE_START;
            return 0;
        }
        g->state = G_STAG;
        return AGAIN;
    case G_ATT_VALUE_START:
        if (is_blank(c))
            return 0;
        if (c == '"' || c == '\'') {
            g->quote = c;
            g->run = 0;
            g->state = G_ATT_VALUE;
            return 0;
        }
        g->state = G_STAG;
        return AGAIN;
    default: /* G_ATT_VALUE */
        if (c == g->quote) {
            g->state = G_STAG;
            return 0;
        }
        return guard_run(g, nb, TX_XML_LIMIT_VALUE);
    }
}

/* An end tag (G_ETAG_NAME, G_ETAG). */
static int etag_char(tx_xml_guard *g, unsigned c, unsigned nb)
{
    if (c == '>') {
        guard_close(g);
        g->state = G_TEXT;
    } else if (is_blank(c)) {
        g->state = G_ETAG;
    } else if (g->state == G_ETAG_NAME) {
        return guard_name(g, nb);
    }
    return 0;
}

/* The DOCTYPE, and its internal subset between declarations (G_DT to
 * G_SUB_WORD). */
static int doctype_char(tx_xml_guard *g, unsigned c)
{
    switch (g->state) {
    case G_DT:
        if (c == '"' || c == '\'') {
            g->quote = c;
            g->state = G_DT_QUOTE;
        } else if (c == '[') {
            g->state = G_SUB;
        } else if (c == '>') {
            g->in_doctype = 0;
            g->state = G_TEXT;
        }
        return 0;
    case G_DT_QUOTE:
        if (c == g->quote)
            g->state = G_DT;
        return 0;
    case G_SUB:
        if (c == '<') {
            g->tag_line = g->line;
            g->state = G_SUB_LT;
        } else if (c == ']') {
            g->state = G_DT;
        }
        return 0;
    case G_SUB_LT:
        if (c == '!') {
            g->state = G_SUB_BANG;
        } else if (c == '?') {
            g->n_decl = -1;
            guard_enter(g, G_PI, G_SUB);
        } else {
            g->attlist = 0;
            g->state = G_DECL;
            return AGAIN;
        }
        return 0;
    case G_SUB_BANG:
        if (c == '-') {
            g->state = G_SUB_DASH;
            return 0;
        }
        g->n_kw = 0;
        g->state = G_SUB_WORD;
        return AGAIN;
    case G_SUB_DASH:
        if (c == '-') {
            guard_enter(g, G_COMMENT, G_SUB);
            return 0;
        }
        g->attlist = 0;
        g->state = G_DECL;
        return AGAIN;
    default: /* G_SUB_WORD */
        if (is_letter(c)) {
            guard_kw(g, c);
            return 0;
        }
        g->kw[g->n_kw] = '\0';
        /* Refused before libxml2 parses it: an entity declared here could
         * expand to declarations the guard never sees. */
        if (strcmp(g->kw, "ENTITY") == 0)
            return guard_refuse(g, TX_XML_LIMIT_ENTITY, g->tag_line);
        g->attlist = strcmp(g->kw, "ATTLIST") == 0;
        g->word = 0;
        g->att_xmlns = 0;
        g->state = G_DECL;
        return AGAIN;
    }
}

/* A word of "<!ATTLIST elem name type default...>": a name starting with
 * "xmlns" makes the next default a namespace declaration; #REQUIRED and
 * #IMPLIED end an attribute with none. */
static void attlist_word_char(tx_xml_guard *g, unsigned c)
{
    if (g->word++ == 0) {
        g->nsm = 0;
        g->word_hash = c == '#';
    } else if (g->word == 2 && g->word_hash && (c == 'R' || c == 'I')) {
        g->att_xmlns = 0;
    }
    g->nsm = ns_step(g->nsm, c);
    if (g->nsm >= 5)
        g->att_xmlns = 1;
}

/* A declaration in the internal subset (G_DECL, G_DECL_QUOTE, G_DECL_GROUP). */
static int decl_char(tx_xml_guard *g, unsigned c)
{
    switch (g->state) {
    case G_DECL:
        if (c == '"' || c == '\'') {
            g->quote = c;
            g->state = G_DECL_QUOTE;
        } else if (c == '>') {
            g->state = G_SUB;
        } else if (!g->attlist) {
            return 0;
        } else if (c == '(') {
            g->state = G_DECL_GROUP;
        } else if (is_blank(c)) {
            g->word = 0;
        } else {
            attlist_word_char(g, c);
        }
        return 0;
    case G_DECL_GROUP:
        if (c == ')') {
            g->word = 0;
            g->state = G_DECL;
        }
        return 0;
    default: /* G_DECL_QUOTE */
        if (c != g->quote)
            return 0;
        g->state = G_DECL;
        g->word = 0;
        if (!g->attlist)
            return 0;
        if (++g->n_defaults > TX_XML_MAX_DEFAULTS)
            return guard_refuse(g, TX_XML_LIMIT_DEFAULTS, g->tag_line);
        if (g->att_xmlns)
            g->ns_defaults++;
        g->att_xmlns = 0;
        return 0;
    }
}

/* One character: `c` is its code when ASCII, else 0x80; `nb` its bytes in the
 * file.  Returns 0, or -1 with g->limit set.  Hands `c` to the function of the
 * current state's group until one takes it (returns other than AGAIN). */
static int guard_char(tx_xml_guard *g, unsigned c, unsigned nb)
{
    int at_start = g->at_start;
    int rc;

    g->at_start = 0;
    if (c == '\n')
        g->line++;
    if (g->in_doctype) {
        g->dt_len += nb;
        if (g->dt_len > TX_XML_MAX_DOCTYPE)
            return guard_refuse(g, TX_XML_LIMIT_DOCTYPE, g->dt_line);
    }
    do {
        switch (g->state) {
        case G_TEXT:
            rc = text_char(g, c, nb, at_start);
            break;
        case G_LT: case G_BANG: case G_BANG_DASH: case G_BANG_WORD: case G_CDATA_OPEN:
            rc = markup_char(g, c, nb);
            break;
        case G_CDATA: case G_COMMENT: case G_PI: case G_SKIP:
            rc = section_char(g, c, nb);
            break;
        case G_STAG_NAME: case G_STAG: case G_STAG_SLASH:
            rc = stag_char(g, c, nb);
            break;
        case G_ATT_NAME: case G_ATT_EQ: case G_ATT_VALUE_START: case G_ATT_VALUE:
            rc = attr_char(g, c, nb);
            break;
        case G_ETAG_NAME: case G_ETAG:
            rc = etag_char(g, c, nb);
            break;
        case G_DT: case G_DT_QUOTE: case G_SUB: case G_SUB_LT: case G_SUB_BANG:
        case G_SUB_DASH: case G_SUB_WORD:
            rc = doctype_char(g, c);
            break;
        case G_DECL: case G_DECL_QUOTE: case G_DECL_GROUP:
            rc = decl_char(g, c);
            break;
        default:
            rc = 0;
        }
    } while (rc == AGAIN);
    return rc;
}

/* Shift_JIS lead bytes (0xA1-0xDF are one-byte katakana), or any high byte. */
static int is_lead(int dbcs, unsigned b)
{
    if (dbcs == 1)
        return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC);
    return dbcs == 2 && b >= 0x81 && b <= 0xFE;
}

static int guard_byte(tx_xml_guard *g, unsigned b)
{
    if (g->width == 2) {
        unsigned u;

        if (!g->n_unit) {
            g->unit = b;
            g->n_unit = 1;
            return 0;
        }
        u = g->big_endian ? (g->unit << 8 | b) : (b << 8 | g->unit);
        g->n_unit = 0;
        return guard_char(g, u < 0x80 ? u : 0x80, 2);
    }
    if (g->trail) {
        g->trail = 0;
        return guard_char(g, 0x80, 1);
    }
    if (b >= 0x80) {
        g->trail = is_lead(g->dbcs, b);
        return guard_char(g, 0x80, 1);
    }
    return guard_char(g, b, 1);
}

/* The first four bytes are in: the encoding as libxml2 2.9's
 * xmlDetectCharEncoding() finds it, then those bytes past any byte order mark. */
static int guard_detect(tx_xml_guard *g)
{
    static const unsigned char ucs4[4][4] = {
        { 0, 0, 0, 0x3C }, { 0x3C, 0, 0, 0 }, { 0, 0, 0x3C, 0 }, { 0, 0x3C, 0, 0 }
    };
    static const unsigned char ebcdic[4] = { 0x4C, 0x6F, 0xA7, 0x94 };
    const unsigned char *h = g->head;
    int skip = 0;
    int i;

    g->width = 1;
    for (i = 0; i < 4; i++)
        if (memcmp(h, ucs4[i], 4) == 0)
            return guard_refuse_encoding(g, "UCS-4", 5);
    if (memcmp(h, ebcdic, 4) == 0)
        return guard_refuse_encoding(g, "EBCDIC", 6);
    if (h[0] == 0x3C && h[1] == 0x3F && h[2] == 0x78 && h[3] == 0x6D) {
        /* "<?xm": UTF-8 until the declaration says otherwise */
    } else if (h[0] == 0 && h[1] == 0x3C && h[2] == 0 && h[3] == 0x3F) {
        g->width = 2;
        g->big_endian = 1;
    } else if (h[0] == 0x3C && h[1] == 0 && h[2] == 0x3F && h[3] == 0) {
        g->width = 2;
    } else if (h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF) {
        skip = 3;
    } else if (h[0] == 0xFE && h[1] == 0xFF) {
        g->width = 2;
        g->big_endian = 1;
        skip = 2;
    } else if (h[0] == 0xFF && h[1] == 0xFE) {
        g->width = 2;
        skip = 2;
    }
    for (i = skip; i < 4; i++)
        if (guard_byte(g, h[i]) != 0)
            return -1;
    return 0;
}

static unsigned long count_lines(const unsigned char *p, size_t n)
{
    const unsigned char *end = p + n;
    unsigned long lines = 0;

    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        lines++;
        p++;
    }
    return lines;
}

/* How many of the `n` bytes at `p` the current state takes without a decision
 * (text, attribute values, names: the bulk of a file), counted here with
 * memchr() or a tight loop rather than a byte at a time through guard_char().
 * Only for bytes outside double-byte encodings; -1 when a limit is passed. */
static long guard_fast(tx_xml_guard *g, const unsigned char *p, size_t n)
{
    const unsigned char *stop;
    size_t i = 0;
    int nsm;

    switch (g->state) {
    case G_TEXT:
        stop = memchr(p, '<', n);
        i = stop ? (size_t)(stop - p) : n;
        if (i == 0)
            return 0;
        g->at_start = 0;
        if (g->text == 0)
            g->text_line = g->line;
        g->line += count_lines(p, i);
        g->text += i;
        if (g->text > TX_XML_MAX_TEXT)
            return guard_refuse(g, TX_XML_LIMIT_TEXT, g->text_line);
        return (long)i;
    case G_ATT_VALUE:
        stop = memchr(p, (int)g->quote, n);
        i = stop ? (size_t)(stop - p) : n;
        g->line += count_lines(p, i);
        g->run += i;
        if (g->run > TX_XML_MAX_TEXT)
            return guard_refuse(g, TX_XML_LIMIT_VALUE, g->tag_line);
        return (long)i;
    case G_ATT_NAME:
        nsm = g->nsm;
        while (i < n && p[i] != '=' && p[i] != '>' && p[i] != '/' && !is_blank(p[i])) {
            nsm = ns_step(nsm, p[i]);
            i++;
        }
        g->nsm = nsm;
        break;
    case G_STAG_NAME:
        while (i < n && p[i] != '>' && p[i] != '/' && !is_blank(p[i]))
            i++;
        break;
    case G_ETAG_NAME:
        while (i < n && p[i] != '>' && !is_blank(p[i]))
            i++;
        break;
    default:
        return 0;
    }
    if (i > TX_XML_MAX_NAME)
        return guard_refuse(g, TX_XML_LIMIT_NAME, g->tag_line);
    g->name_len += (unsigned)i;
    if (g->name_len > TX_XML_MAX_NAME)
        return guard_refuse(g, TX_XML_LIMIT_NAME, g->tag_line);
    return (long)i;
}

int tx_xml_guard_scan(tx_xml_guard *g, const unsigned char *p, size_t n)
{
    size_t i = 0;

    while (i < n && g->width == 0) {
        g->head[g->n_head++] = p[i++];
        if (g->n_head == 4 && guard_detect(g) != 0)
            return -1;
    }
    while (i < n) {
        if (g->width == 1 && !g->dbcs) {
            long k = guard_fast(g, p + i, n - i);

            if (k < 0)
                return -1;
            i += (size_t)k;
            if (i == n)
                break;
        }
        if (guard_byte(g, p[i++]) != 0)
            return -1;
    }
    return 0;
}

void tx_xml_guard_init(tx_xml_guard *g)
{
    memset(g, 0, sizeof *g);
    g->state = G_TEXT;
    g->at_start = 1;
    g->line = 1;
    g->n_decl = -1;
}

tx_status tx_xml_guard_failure(const tx_xml_guard *g, const char *path,
                               const char *format, tx_error *err)
{
    unsigned long line = g->limit_line;
    unsigned long long text = TX_XML_MAX_TEXT;

    switch (g->limit) {
    case TX_XML_LIMIT_ATTRS:
        return tx_fail(err, TX_EINPUT, "%s:%lu: more than %d attributes on one element"
                       " (a limit of termex)", path, line, TX_XML_MAX_ATTRS);
    case TX_XML_LIMIT_DEPTH:
        return tx_fail(err, TX_EINPUT, "%s:%lu: elements nested more than %d deep"
                       " (a limit of termex)", path, line, TX_XML_MAX_DEPTH);
    case TX_XML_LIMIT_NAME:
        return tx_fail(err, TX_EINPUT, "%s:%lu: a name longer than %d bytes"
                       " (a limit of termex)", path, line, TX_XML_MAX_NAME);
    case TX_XML_LIMIT_NS:
        return tx_fail(err, TX_EINPUT, "%s:%lu: more than %d namespace declarations"
                       " in scope (a limit of termex)", path, line, TX_XML_MAX_NS);
    case TX_XML_LIMIT_TEXT:
        return tx_fail(err, TX_EINPUT, "%s:%lu: text longer than %llu bytes"
                       " between two tags (a limit of termex)", path, line, text);
    case TX_XML_LIMIT_VALUE:
        return tx_fail(err, TX_EINPUT, "%s:%lu: an attribute value longer than %llu"
                       " bytes (a limit of termex)", path, line, text);
    case TX_XML_LIMIT_COMMENT:
        return tx_fail(err, TX_EINPUT, "%s:%lu: a comment longer than %llu bytes"
                       " (a limit of termex)", path, line, text);
    case TX_XML_LIMIT_PI:
        return tx_fail(err, TX_EINPUT, "%s:%lu: a processing instruction longer than"
                       " %llu bytes (a limit of termex)", path, line, text);
    case TX_XML_LIMIT_DEFAULTS:
        return tx_fail(err, TX_EINPUT, "%s:%lu: more than %d attribute defaults in the"
                       " DOCTYPE (a limit of termex)", path, line, TX_XML_MAX_DEFAULTS);
    case TX_XML_LIMIT_DOCTYPE:
        return tx_fail(err, TX_EINPUT, "%s:%lu: a DOCTYPE longer than %lu bytes"
                       " (a limit of termex)", path, line, TX_XML_MAX_DOCTYPE);
    case TX_XML_LIMIT_XMLDECL:
        return tx_fail(err, TX_EINPUT, "%s:%lu: an XML declaration longer than %d"
                       " characters (a limit of termex)", path, line,
                       TX_XML_MAX_XMLDECL);
    case TX_XML_LIMIT_ENCODING:
        return tx_fail(err, TX_EINPUT, "%s:%lu: the encoding '%s' is not accepted"
                       " (a limit of termex: UTF-8, UTF-16 and ASCII-based encodings"
                       " only)", path, line, g->encoding);
    case TX_XML_LIMIT_ENTITY:
        /* tx_xml_check_doctype()'s words: it stays, behind the guard. */
        return tx_fail(err, TX_EINPUT,
                       "%s: entity declarations are not accepted in %s (in the DOCTYPE)",
                       path, format ? format : "XML");
    default:
        return tx_fail(err, TX_EINPUT, "%s:%lu: malformed XML", path, line);
    }
}

