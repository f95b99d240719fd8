/* xmlguard.h: a lexical scan of XML bytes before libxml2 parses them.
 *
 * Internal to the library: xmlsafe.c runs every file the readers open (TMX,
 * TBX, XLIFF) through it, in tx_xml_input_read(). */
#ifndef TX_XMLGUARD_H
#define TX_XMLGUARD_H

#include <stddef.h>

#include "tx.h"

/* ---- the lexical guard -------------------------------------------------- */

/* libxml2 2.9 does work quadratic in some counts before any callback of ours
 * runs: it checks each attribute of a start tag against all the others (200,000
 * attributes on one element: over a minute), adds the attribute defaults a
 * DOCTYPE declares to every element of that name the same way, looks a prefix
 * up by scanning every namespace declaration in scope, and checks enumerated
 * attribute types of the DOCTYPE for duplicates.  So tx_xml_input_read() runs a
 * streaming lexical scan of the bytes before libxml2 gets them and fails the
 * read once one of these counts passes its limit.  No TMX, TBX or XLIFF file
 * comes near them (a <tu> has about 12 attributes, documents nest 10 deep,
 * declare a dozen namespaces and no attribute defaults); a file at the limits
 * costs libxml2 at most about 4 times the time of an ordinary file of its size
 * (measured on libxml2 2.9.14: 256 attributes on each element, 16 defaults on
 * each, 64 namespaces in scope for each prefix).  Sizes count the bytes of the
 * file (2 per UTF-16 code unit). */
#define TX_XML_MAX_ATTRS 256  /* attributes of one element, xmlns ones included */
#define TX_XML_MAX_DEPTH 256  /* element nesting (libxml2's own default limit) */
#define TX_XML_MAX_NAME 1000  /* bytes of an element or attribute name */
#define TX_XML_MAX_NS 64      /* namespace declarations in scope at once */
/* Bytes of one text run between two tags (CDATA sections included, as
 * XML_PARSE_NOCDATA merges them with the text around), and of one attribute
 * value, comment or processing instruction: libxml2's own limit for these
 * (XML_MAX_TEXT_LENGTH without XML_PARSE_HUGE), here found before libxml2 holds
 * the text in memory and named.  Not lower: the readers keep no text over
 * 1 MiB, but XLIFF 1.2 may carry a skeleton of several MB as base64 text. */
#define TX_XML_MAX_TEXT 10000000ULL
#define TX_XML_MAX_DEFAULTS 16          /* attribute defaults the DOCTYPE declares */
#define TX_XML_MAX_DOCTYPE (64UL << 10) /* bytes of the DOCTYPE, internal subset too */
#define TX_XML_MAX_XMLDECL 255          /* characters of the XML declaration */

/* What stopped the guard. */
typedef enum tx_xml_limit {
    TX_XML_LIMIT_NONE = 0,
    TX_XML_LIMIT_ATTRS, TX_XML_LIMIT_DEPTH, TX_XML_LIMIT_NAME, TX_XML_LIMIT_NS,
    TX_XML_LIMIT_TEXT, TX_XML_LIMIT_VALUE, TX_XML_LIMIT_COMMENT, TX_XML_LIMIT_PI,
    TX_XML_LIMIT_DEFAULTS, TX_XML_LIMIT_DOCTYPE, TX_XML_LIMIT_XMLDECL,
    TX_XML_LIMIT_ENCODING, /* an encoding the scan cannot follow (see xmlguard.c) */
    TX_XML_LIMIT_ENTITY    /* an entity declaration in the DOCTYPE */
} tx_xml_limit;

/* The guard's state, carried across the chunks libxml2 asks for.  It sees the
 * file one character at a time as libxml2 will decode it: bytes for UTF-8 and
 * the ASCII-based encodings (never the second byte of a double-byte character
 * as ASCII), code units for UTF-16, the encoding known from the first bytes and
 * the XML declaration.
 * Only `limit`, `limit_line` and `encoding` are meant to be read. */
typedef struct tx_xml_guard {
    tx_xml_limit limit;          /* NONE while every count is within its limit */
    unsigned long limit_line;    /* line of the construct that passed it */
    char encoding[40];           /* the refused encoding, for LIMIT_ENCODING */

    unsigned char head[4];       /* the first bytes, until the encoding is known */
    int n_head;
    int width;                   /* 0 = not known yet, 1 = bytes, 2 = UTF-16 */
    int big_endian;              /* UTF-16BE */
    int dbcs;                    /* 1 = Shift_JIS lead bytes, 2 = 0x81-0xFE ones */
    int trail;                   /* the next byte ends a double-byte character */
    unsigned unit;               /* first byte of a UTF-16 code unit... */
    int n_unit;                  /* ...when 1 */

    int state, ret;              /* where we are; where a comment or PI returns */
    int sub;                     /* progress through a delimiter ("-->", "]]>") */
    unsigned quote;              /* the quote that ends the current literal */
    int at_start;                /* no character seen yet (for the XML declaration) */
    unsigned long line;          /* 1-based, as libxml2 counts */
    unsigned long tag_line;      /* line of the last '<' */
    unsigned long text_line;     /* line where the current text run began */
    unsigned long long text;     /* bytes of the current text run */
    unsigned long long run;      /* bytes of the current value, comment or PI */
    unsigned name_len;           /* bytes of the current name */
    int nsm;                     /* chars of "xmlns" the current name matches, -1 none */
    unsigned n_attrs, n_ns;      /* attributes and xmlns ones of the current tag */
    unsigned depth;              /* open elements */
    unsigned ns_scope;           /* namespace declarations in scope */
    unsigned short ns_at[TX_XML_MAX_DEPTH + 1]; /* those of each open element */
    char kw[12];                 /* the keyword after "<!" */
    int n_kw;
    int in_doctype;
    unsigned long dt_len;        /* bytes of the DOCTYPE so far */
    unsigned long dt_line;
    int attlist;                 /* in an <!ATTLIST ...> declaration */
    int word;                    /* chars into the current word of the ATTLIST */
    int word_hash;               /* that word starts with '#' */
    int att_xmlns;               /* the default to come is for an xmlns attribute */
    unsigned n_defaults;         /* attribute defaults declared */
    unsigned ns_defaults;        /* those for xmlns attributes */
    int n_decl;                  /* characters of the XML declaration, -1 = none */
    char decl[TX_XML_MAX_XMLDECL + 1];
} tx_xml_guard;

/* Set up `g` for the start of a file. */
void tx_xml_guard_init(tx_xml_guard *g);

/* Scan the next `n` bytes of the file; 0, or -1 once a count passed its limit
 * (g->limit says which, and stays set: the rest must not reach libxml2). */
int tx_xml_guard_scan(tx_xml_guard *g, const unsigned char *p, size_t n);

/* The refusal of `g` (g->limit set) as TX_EINPUT and "PATH:LINE: what, (a limit
 * of termex)"; `format` names the file type ("TMX") where a message needs it. */
tx_status tx_xml_guard_failure(const tx_xml_guard *g, const char *path,
                               const char *format, tx_error *err);

#endif
