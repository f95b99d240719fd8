/* docread.c: recognising a document by its content, and handing it to the
 * reader of its format (see docread.h).
 *
 * tx_doc_sniff() looks at magic bytes first (PDF, zip, images, fonts,
 * audio and video, archives, executables, databases), then at the start of
 * the text: the root element of XML or HTML (after the XML declaration,
 * comments and the DOCTYPE), a PO header, or the syntax of a stylesheet or a
 * script.  Text in UTF-16 is looked at through its low bytes, so an XLIFF
 * file saved as UTF-16 is still XLIFF. */
#define _POSIX_C_SOURCE 200809L
#include "docread.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "decode.h"
#include "error.h"

static const char *const format_names[TX_DOC_N_FORMATS] = {
    "text", "PDF", "DOCX", "PPTX", "XLSX", "OpenDocument", "HTML", "XLIFF", "TMX", "PO",
    "ignored", "binary",
};

const char *tx_doc_format_name(tx_doc_format f)
{
    return (unsigned)f < TX_DOC_N_FORMATS ? format_names[f] : "unknown";
}

int tx_doc_format_is_segmented(tx_doc_format f)
{
    return f == TX_DOC_XLIFF || f == TX_DOC_TMX || f == TX_DOC_PO || f == TX_DOC_XLSX;
}

void tx_doc_opts_init(tx_doc_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_member = TX_DOC_MAX_MEMBER;
    o->max_unzipped = TX_DOC_MAX_UNZIPPED;
    o->max_members = TX_DOC_MAX_MEMBERS;
    o->max_ratio = TX_DOC_MAX_RATIO;
    o->max_pages = TX_DOC_MAX_PAGES;
}

/* ---- magic bytes ---- */

typedef struct magic {
    size_t off;          /* where the bytes are */
    const char *bytes;
    size_t len;
    tx_doc_format f;     /* TX_DOC_IGNORED or TX_DOC_BINARY */
    const char *what;
} magic;

#define M(off, s, f, what) {off, s, sizeof s - 1, f, what}
static const magic magics[] = {
    M(0, "\x89PNG\r\n\x1a\n", TX_DOC_IGNORED, "PNG image"),
    M(0, "\x8aMNG\r\n\x1a\n", TX_DOC_IGNORED, "MNG animation"),
    M(0, "\x8bJNG\r\n\x1a\n", TX_DOC_IGNORED, "JNG image"),
    M(0, "\xFF\xD8\xFF", TX_DOC_IGNORED, "JPEG image"),
    M(0, "GIF87a", TX_DOC_IGNORED, "GIF image"),
    M(0, "GIF89a", TX_DOC_IGNORED, "GIF image"),
    M(8, "WEBP", TX_DOC_IGNORED, "WebP image"),
    M(0, "II*\0", TX_DOC_IGNORED, "TIFF image"),
    M(0, "MM\0*", TX_DOC_IGNORED, "TIFF image"),
    M(0, "\0\0\1\0", TX_DOC_IGNORED, "icon"),
    M(0, "8BPS", TX_DOC_IGNORED, "Photoshop image"),
    M(0, "wOFF", TX_DOC_IGNORED, "WOFF font"),
    M(0, "wOF2", TX_DOC_IGNORED, "WOFF2 font"),
    M(0, "\0\1\0\0", TX_DOC_IGNORED, "TrueType font"),
    M(0, "OTTO", TX_DOC_IGNORED, "OpenType font"),
    M(0, "ttcf", TX_DOC_IGNORED, "TrueType font collection"),
    M(0, "ID3", TX_DOC_IGNORED, "MP3 audio"),
    M(0, "OggS", TX_DOC_IGNORED, "Ogg audio or video"),
    M(0, "fLaC", TX_DOC_IGNORED, "FLAC audio"),
    M(8, "WAVE", TX_DOC_IGNORED, "WAV audio"),
    M(8, "AVI ", TX_DOC_IGNORED, "AVI video"),
    M(4, "ftyp", TX_DOC_IGNORED, "MP4 or QuickTime video, or HEIF image"),
    M(0, "\x1A\x45\xDF\xA3", TX_DOC_IGNORED, "Matroska or WebM video"),
    M(0, "MThd", TX_DOC_IGNORED, "MIDI audio"),
    M(0, "FLV\x01", TX_DOC_IGNORED, "Flash video"),
    M(0, "\0\0\1\xBA", TX_DOC_IGNORED, "MPEG video"),
    M(0, "\x1F\x8B", TX_DOC_IGNORED, "gzip archive"),
    M(0, "BZh", TX_DOC_IGNORED, "bzip2 archive"),
    M(0, "\xFD" "7zXZ\0", TX_DOC_IGNORED, "xz archive"),
    M(0, "7z\xBC\xAF\x27\x1C", TX_DOC_IGNORED, "7z archive"),
    M(0, "\x28\xB5\x2F\xFD", TX_DOC_IGNORED, "zstd archive"),
    M(0, "Rar!\x1A\x07", TX_DOC_IGNORED, "RAR archive"),
    M(257, "ustar", TX_DOC_IGNORED, "tar archive"),
    M(0, "PK\x05\x06", TX_DOC_IGNORED, "ZIP archive"),
    M(0, "\x7F" "ELF", TX_DOC_BINARY, "ELF executable"),
    M(0, "\xFE\xED\xFA\xCE", TX_DOC_BINARY, "Mach-O executable"),
    M(0, "\xFE\xED\xFA\xCF", TX_DOC_BINARY, "Mach-O executable"),
    M(0, "\xCE\xFA\xED\xFE", TX_DOC_BINARY, "Mach-O executable"),
    M(0, "\xCF\xFA\xED\xFE", TX_DOC_BINARY, "Mach-O executable"),
    M(0, "\xCA\xFE\xBA\xBE", TX_DOC_BINARY, "compiled program"),
    M(0, "\0asm", TX_DOC_BINARY, "WebAssembly program"),
    M(0, "SQLite format 3\0", TX_DOC_BINARY, "SQLite database"),
    M(0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", TX_DOC_BINARY,
      "Office 97-2003 file (.doc, .xls, .ppt: save it as DOCX, XLSX, PPTX or ODF)"),
    M(0, "{\\rtf", TX_DOC_BINARY, "RTF document (save it as DOCX, ODT or text)"),
};
#undef M

static int has(const char *data, size_t len, size_t off, const char *s, size_t n)
{
    return len >= off + n && memcmp(data + off, s, n) == 0;
}

/* The magic bytes at the start of data, or NULL. */
static const magic *find_magic(const char *data, size_t len)
{
    for (size_t i = 0; i < sizeof magics / sizeof *magics; i++) {
        const magic *m = &magics[i];
        if (has(data, len, m->off, m->bytes, m->len)) {
            /* RIFF containers: WEBP, WAVE, AVI only behind "RIFF" */
            if (m->off == 8 && !has(data, len, 0, "RIFF", 4))
                continue;
            return m;
        }
    }
    /* Windows executables: "MZ", then the PE header its offset names. */
    if (has(data, len, 0, "MZ", 2) && len >= 64) {
        size_t pe = (unsigned char)data[60] | (unsigned char)data[61] << 8 |
                    (size_t)(unsigned char)data[62] << 16;
        if (has(data, len, pe, "PE\0\0", 4) || (len < pe + 4 && memchr(data, 0, 64))) {
            static const magic exe = {0, "MZ", 2, TX_DOC_BINARY, "Windows executable"};
            return &exe;
        }
    }
    /* Embedded OpenType: a version (0x00010000, 0x00020001 or 0x00020002,
     * little-endian) at offset 8 and the magic number 0x504C at 34. */
    if (has(data, len, 34, "LP", 2) &&
        (has(data, len, 8, "\0\0\1\0", 4) || has(data, len, 8, "\1\0\2\0", 4) ||
         has(data, len, 8, "\2\0\2\0", 4))) {
        static const magic eot = {34, "LP", 2, TX_DOC_IGNORED, "Embedded OpenType font"};
        return &eot;
    }
    /* BMP: "BM", the file size, then four reserved bytes that are 0. */
    if (has(data, len, 0, "BM", 2) && has(data, len, 6, "\0\0\0\0", 4)) {
        static const magic bmp = {0, "BM", 2, TX_DOC_IGNORED, "BMP image"};
        return &bmp;
    }
    return NULL;
}

/* ---- the start of a text ---- */

/* How much of a text the heuristics look at. */
#define HEAD 4096

/* The start of `data` as ASCII in `out` (HEAD bytes at most, NUL-terminated):
 * UTF-16 and UTF-32 (with a BOM, or UTF-16 without one whose NULs fall every
 * other byte) through their low bytes, other characters as '?'; a UTF-8 BOM
 * is skipped.  Returns the length. */
static size_t ascii_head(const char *data, size_t len, char *out)
{
    size_t bom = 0, unit = 1, low = 0, n = 0;
    const char *enc = tx_decode_bom(data, len, &bom);

    if (enc && strncmp(enc, "UTF-16", 6) == 0)
        unit = 2, low = strcmp(enc, "UTF-16LE") == 0 ? 0 : 1;
    else if (enc && strncmp(enc, "UTF-32", 6) == 0)
        unit = 4, low = strcmp(enc, "UTF-32LE") == 0 ? 0 : 3;
    else if (!enc && len >= 4 && data[1] == 0 && data[3] == 0 && data[0] && data[2])
        unit = 2, low = 0;
    else if (!enc && len >= 4 && data[0] == 0 && data[2] == 0 && data[1] && data[3])
        unit = 2, low = 1;
    for (size_t i = bom; i + unit <= len && n < HEAD - 1; i += unit) {
        int ascii = 1;
        for (size_t k = 0; k < unit; k++)
            if (k != low && data[i + k])
                ascii = 0;
        unsigned char c = (unsigned char)data[i + low];
        out[n++] = ascii && c < 0x80 ? (char)c : '?';
    }
    out[n] = 0;
    return n;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_alnum(char c)
{
    return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
}

static const char *skip_ws(const char *s)
{
    while (is_ws(*s))
        s++;
    return s;
}

/* After the construct at s that ends with `end`, or NULL if it does not end
 * within the head. */
static const char *past(const char *s, const char *end)
{
    const char *e = strstr(s, end);

    return e ? e + strlen(end) : NULL;
}

static int starts_ci(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* The name of the element at s ('<' then a name), its prefix dropped, into
 * name (cap bytes); 0 when s is not a start tag. */
static int element_name(const char *s, char *name, size_t cap)
{
    size_t n = 0;
    const char *p;

    if (*s != '<' || !((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z'))
        return 0;
    s++;
    for (p = s; *p && !is_ws(*p) && *p != '>' && *p != '/'; p++)
        if (*p == ':')
            s = p + 1;
    for (; s < p && n + 1 < cap; s++)
        name[n++] = *s;
    name[n] = 0;
    return n > 0;
}

/* Elements that make a file without <html> clearly HTML. */
static int html_element(const char *name)
{
    static const char *const v[] = {
        "head", "body", "title", "meta", "link", "p", "div", "table", "ul", "ol",
        "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "nav",
        "main", "span", "br", "pre", "dl", "form", "style", "script",
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (strcasecmp(name, v[i]) == 0)
            return 1;
    return 0;
}

/* XML or HTML by its root element; TX_DOC_TEXT when s is not markup. */
static tx_doc_format sniff_markup(const char *s, const char **what)
{
    static _Thread_local char unknown[96];
    char name[48];

    for (;;) {
        s = skip_ws(s);
        if (starts_ci(s, "<!DOCTYPE")) {
            const char *t = skip_ws(s + 9);
            if (starts_ci(t, "html") && (is_ws(t[4]) || t[4] == '>'))
                return TX_DOC_HTML;
            /* an internal subset ends with "]>" */
            const char *lb = strchr(s, '['), *gt = strchr(s, '>');
            s = lb && gt && lb < gt ? past(lb, "]>") : gt ? gt + 1 : NULL;
        } else if (strncmp(s, "<!--", 4) == 0) {
            s = past(s + 4, "-->");
        } else if (strncmp(s, "<?", 2) == 0) {
            s = past(s + 2, "?>");
        } else {
            break;
        }
        if (!s)
            return TX_DOC_TEXT;
    }
    if (!element_name(s, name, sizeof name))
        return TX_DOC_TEXT;
    if (strcasecmp(name, "html") == 0 || html_element(name))
        return TX_DOC_HTML;
    if (strcmp(name, "xliff") == 0)
        return TX_DOC_XLIFF;
    if (strcmp(name, "tmx") == 0)
        return TX_DOC_TMX;
    if (strcmp(name, "svg") == 0) {
        *what = "SVG image";
        return TX_DOC_IGNORED;
    }
    snprintf(unknown, sizeof unknown, "XML document of an unknown kind (<%s>)", name);
    *what = unknown;
    return TX_DOC_BINARY;
}

/* A PO file: after comments and empty lines, msgid or msgctxt. */
static int is_po(const char *s)
{
    for (;;) {
        s = skip_ws(s);
        if (*s != '#')
            break;
        s = strchr(s, '\n');
        if (!s)
            return 0;
    }
    return strncmp(s, "msgid \"", 7) == 0 || strncmp(s, "msgctxt \"", 9) == 0;
}

/* Past white space and the comments of CSS and JavaScript. */
static const char *skip_code_comments(const char *s, int line_comments)
{
    for (;;) {
        s = skip_ws(s);
        if (strncmp(s, "/*", 2) == 0)
            s = past(s + 2, "*/");
        else if (line_comments && strncmp(s, "//", 2) == 0)
            s = strchr(s, '\n');
        else
            return s;
        if (!s)
            return "";
    }
}

/* A stylesheet: an at-rule, or a rule "selector { property: value". */
static int is_css(const char *s)
{
    static const char *const at[] = {"@charset ", "@import ", "@font-face", "@media ",
                                     "@namespace ", "@keyframes ", "@page"};
    size_t n = 0;

    s = skip_code_comments(s, 0);
    for (size_t i = 0; i < sizeof at / sizeof *at; i++)
        if (strncmp(s, at[i], strlen(at[i])) == 0)
            return 1;
    /* a selector: names, classes, ids, combinators, attributes */
    while (s[n] && s[n] != '{' && n < 300 &&
           (strchr(".#*,>+~[]=\"':-_()| \t\r\n", s[n]) || is_alnum(s[n])))
        n++;
    if (n == 0 || s[n] != '{')
        return 0;
    s = skip_code_comments(s + n + 1, 0);
    if (*s == '}')
        return 1;
    for (n = 0; s[n] == '-' || ((s[n] | 0x20) >= 'a' && (s[n] | 0x20) <= 'z'); n++)
        ;
    return n > 0 && *skip_ws(s + n) == ':';
}

/* A script: how JavaScript files start. */
static int is_js(const char *s)
{
    static const char *const starts[] = {
        "function ", "function(", "(function", "!function", "\"use strict\"",
        "'use strict'", "window.", "document.", "$(", "jQuery(", "define(",
        "module.exports", "(()", "(async",
    };
    static const char *const decls[] = {"var ", "let ", "const ", "import ", "export "};
    const char *eol;

    s = skip_code_comments(s, 1);
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
        if (strncmp(s, starts[i], strlen(starts[i])) == 0)
            return 1;
    eol = strchr(s, '\n');
    eol = eol ? eol : s + strlen(s);
    for (size_t i = 0; i < sizeof decls / sizeof *decls; i++) {
        if (strncmp(s, decls[i], strlen(decls[i])) != 0)
            continue;
        /* a statement: it ends the line with ';' or '{', or assigns */
        const char *e = eol;
        while (e > s && is_ws(e[-1]))
            e--;
        if (e > s && (e[-1] == ';' || e[-1] == '{' || memchr(s, '=', (size_t)(e - s))))
            return 1;
    }
    return 0;
}

tx_doc_format tx_doc_sniff(const char *data, size_t len, const char **what)
{
    const char *dummy;
    const magic *m;
    char head[HEAD];
    tx_doc_format f;

    what = what ? what : &dummy;
    *what = NULL;
    if (has(data, len, 0, "%PDF-", 5))
        return TX_DOC_PDF;
    if (has(data, len, 0, "PK\x03\x04", 4))
        return tx_doc_sniff_zip(data, len, what);
    if ((m = find_magic(data, len))) {
        *what = m->what;
        return m->f;
    }
    ascii_head(data, len, head);
    if ((f = sniff_markup(head, what)) != TX_DOC_TEXT)
        return f;
    if (is_po(head))
        return TX_DOC_PO;
    if (is_css(head) || is_js(head)) {
        *what = is_css(head) ? "CSS stylesheet" : "JavaScript file";
        return TX_DOC_IGNORED;
    }
    if (tx_decode_sniff("", data, len < 65536 ? len : 65536, NULL) != TX_OK) {
        *what = "binary data";
        return TX_DOC_BINARY;
    }
    return TX_DOC_TEXT;
}

tx_status tx_doc_read(const char *name, const char *data, size_t len, tx_doc_format f,
                      const tx_doc_opts *o, tx_buf *out, tx_doc_info *info,
                      tx_error *err)
{
    tx_doc_opts defaults;

    if (!o) {
        tx_doc_opts_init(&defaults);
        o = &defaults;
    }
    memset(info, 0, sizeof *info);
    info->format = f;
    switch (f) {
    case TX_DOC_PDF:
        return tx_doc_read_pdf(name, data, len, o, out, info, err);
    case TX_DOC_DOCX:
    case TX_DOC_PPTX:
    case TX_DOC_XLSX:
        return tx_doc_read_ooxml(name, data, len, f, o, out, info, err);
    case TX_DOC_ODF:
        return tx_doc_read_odf(name, data, len, o, out, info, err);
    case TX_DOC_HTML:
        return tx_doc_read_html(name, data, len, o, out, info, err);
    case TX_DOC_XLIFF:
    case TX_DOC_TMX:
    case TX_DOC_PO:
        return tx_doc_read_bitext(name, data, len, f, o, out, info, err);
    default:
        return tx_fail(err, TX_EINVAL, "%s: no reader for %s documents", name,
                       tx_doc_format_name(f));
    }
}
