/* doc_po.c: one side of a gettext PO or POT file -> segmented text.
 *
 * The source side is each entry's msgid, and its msgid_plural as a second
 * segment; the target side is its msgstr (msgstr[0] for plural forms), left
 * out for entries flagged fuzzy (a guess, not a translation).  Skipped: the
 * header entry (msgid ""), obsolete entries (#~ lines, like every comment),
 * msgctxt.  Strings split over several lines are joined, C escapes decoded
 * (\n \t \" \\ \a \b \f \v \r, octal and \x), and a "\n" inside a string
 * ends a segment (a message of several lines is several segments).
 *
 * Keyboard accelerators: GNOME marks them with '_' ("_File", "Save _As"),
 * KDE with '&'.  One such marker before a letter is removed when it is the
 * only '_' or '&' of a string of at most 60 bytes (a UI label); longer
 * strings and those with several ("file_name_max", "A & B & C") are left
 * alone.  No flag says which marker a file uses, so this stays a cheap rule.
 *
 * The language is the header's Language (msgstr side) or X-Source-Language
 * (msgid side); without X-Source-Language, the msgid side of a translation
 * (a header naming its Language) is English, as gettext's convention has it
 * (so a French run is told to read it with --side target), and that of a
 * template (no Language) is "".  A file not in UTF-8 whose header names an
 * iconv charset is converted first. */
#define _GNU_SOURCE /* memmem() */
#include "docread.h"

#include <string.h>
#include <strings.h>

#include "docseg.h"
#include "error.h"

#define PO_MAX_ACCEL_STRING 60

enum { F_NONE, F_CTXT, F_ID, F_PLURAL, F_STR, F_STR_OTHER };

typedef struct po_reader {
    tx_docseg seg;
    tx_doc_info *info;
    int target;
    int field;        /* where a continuation string goes */
    int open;         /* an entry's msgid was seen */
    int fuzzy;        /* the entry is fuzzy */
    int next_fuzzy;   /* a "#, fuzzy" seen for the entry to come */
    int has_ctxt;
    tx_buf id, plural, str;
} po_reader;

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

/* Append the C string literal starting after the '"' at p (to the closing
 * '"' or the end of the line) to `b`, escapes decoded. */
static tx_status add_string(tx_buf *b, const char *p, const char *end)
{
    static const char from[] = "ntr\"\\abfv'?";
    static const char to[] = "\n\t\r\"\\\a\b\f\v'?";

    while (p < end && *p != '"') {
        char c = *p++;

        if (c == '\\' && p < end) {
            const char *e = strchr(from, *p);
            unsigned v = 0;
            int n = 0;

            if (e && *p) {
                c = to[e - from];
                p++;
            } else if (*p >= '0' && *p <= '7') {
                for (; n < 3 && p < end && *p >= '0' && *p <= '7'; n++)
                    v = v * 8 + (unsigned)(*p++ - '0');
                c = (char)v;
            } else if (*p == 'x') {
                for (p++; n < 2 && p < end && hex_digit(*p) >= 0; n++, p++)
                    v = v * 16 + (unsigned)hex_digit(*p);
                c = (char)v;
            } else {
                c = *p++;
            }
        }
        if (tx_buf_addch(b, c) != TX_OK)
            return TX_ENOMEM;
    }
    return TX_OK;
}

/* Remove the one accelerator marker of a short UI string (see above). */
static void drop_accelerator(tx_buf *b)
{
    size_t i, at = 0, n = 0;

    if (b->len == 0 || b->len > PO_MAX_ACCEL_STRING)
        return;
    for (i = 0; i < b->len; i++)
        if (b->data[i] == '_' || b->data[i] == '&') {
            n++;
            at = i;
        }
    if (n != 1 || at + 1 >= b->len)
        return;
    {
        unsigned char next = (unsigned char)b->data[at + 1];

        if (!((next | 0x20) >= 'a' && (next | 0x20) <= 'z') && next < 0x80)
            return;
    }
    memmove(b->data + at, b->data + at + 1, b->len - at);
    b->len--;
}

/* Write `b` as segments, one per "\n"-separated line. */
static tx_status write_text(po_reader *r, tx_buf *b)
{
    const char *p, *end;

    if (b->len == 0)
        return TX_OK;
    drop_accelerator(b);
    p = b->data;
    end = p + b->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;

        if (tx_docseg_add(&r->seg, p, (size_t)(stop - p)) != TX_OK
            || tx_docseg_end(&r->seg) != TX_OK)
            return TX_ENOMEM;
        p = stop + 1;
    }
    return TX_OK;
}

/* The value of header field `key` ("Language:") in the header `h`, into `out`. */
static void header_field(const tx_buf *h, const char *key, char *out, size_t size)
{
    const char *p = h->data;
    size_t klen = strlen(key);
    size_t n = 0;

    out[0] = '\0';
    while (p && *p) {
        if (strncasecmp(p, key, klen) == 0) {
            p += klen;
            while (*p == ' ' || *p == '\t')
                p++;
            while (p[n] && p[n] != '\n' && p[n] != ' ' && n + 1 < size)
                n++;
            memcpy(out, p, n);
            out[n] = '\0';
            return;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
}

static tx_status entry_end(po_reader *r)
{
    tx_status rc = TX_OK;

    if (!r->open)
        goto reset;
    if (r->id.len == 0 && !r->has_ctxt) { /* the header */
        if (!r->info->side_lang[0])
            header_field(&r->str, r->target ? "Language:" : "X-Source-Language:",
                         r->info->side_lang, sizeof r->info->side_lang);
        if (!r->target && !r->info->side_lang[0]) { /* gettext's msgids: English */
            char lang[sizeof r->info->side_lang];
            header_field(&r->str, "Language:", lang, sizeof lang);
            if (lang[0])
                strcpy(r->info->side_lang, "en");
        }
        goto reset;
    }
    if (!r->target) {
        rc = write_text(r, &r->id);
        if (rc == TX_OK && r->plural.len > 0)
            rc = write_text(r, &r->plural);
    } else if (!r->fuzzy) {
        rc = write_text(r, &r->str);
    }
reset:
    r->open = 0;
    r->has_ctxt = 0;
    r->field = F_NONE;
    r->fuzzy = 0;
    tx_buf_reset(&r->id);
    tx_buf_reset(&r->plural);
    tx_buf_reset(&r->str);
    return rc;
}

/* The keyword at p (msgid, msgstr[0]...) as a field; F_NONE if unknown. */
static int keyword(const char *p, size_t n)
{
    if (n == 7 && memcmp(p, "msgctxt", 7) == 0)
        return F_CTXT;
    if (n == 5 && memcmp(p, "msgid", 5) == 0)
        return F_ID;
    if (n == 12 && memcmp(p, "msgid_plural", 12) == 0)
        return F_PLURAL;
    if ((n == 6 && memcmp(p, "msgstr", 6) == 0) || (n == 9 && memcmp(p, "msgstr[0]", 9) == 0))
        return F_STR;
    if (n > 7 && memcmp(p, "msgstr[", 7) == 0)
        return F_STR_OTHER;
    return F_NONE;
}

static tx_status po_line(po_reader *r, const char *p, const char *end)
{
    tx_buf *b;
    size_t n;
    int field;

    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p == end)
        return TX_OK;
    if (*p == '#') {
        if (end - p >= 2 && p[1] == ',' && memmem(p, (size_t)(end - p), "fuzzy", 5))
            r->next_fuzzy = 1;
        return TX_OK;
    }
    if (*p != '"') {
        for (n = 0; p + n < end && p[n] != ' ' && p[n] != '\t' && p[n] != '"'; n++)
            ;
        field = keyword(p, n);
        if ((field == F_ID && r->open) || (field == F_CTXT && (r->open || r->has_ctxt))) {
            tx_status rc = entry_end(r);

            if (rc != TX_OK)
                return rc;
        }
        if ((field == F_ID || field == F_CTXT) && !r->open && !r->has_ctxt) {
            r->fuzzy = r->next_fuzzy; /* the flags before the entry are its own */
            r->next_fuzzy = 0;
        }
        if (field == F_CTXT)
            r->has_ctxt = 1;
        if (field == F_ID)
            r->open = 1;
        r->field = field;
        p = memchr(p, '"', (size_t)(end - p));
        if (!p)
            return TX_OK;
    }
    b = r->field == F_ID ? &r->id : r->field == F_PLURAL ? &r->plural
        : r->field == F_STR ? &r->str : NULL;
    return b ? add_string(b, p + 1, end) : TX_OK;
}

/* The charset the header names ("charset=ISO-8859-1"), or "". */
static void po_charset(const char *data, size_t len, char *cs, size_t size)
{
    const char *p = memmem(data, len < 8192 ? len : 8192, "charset=", 8);
    size_t n = 0;

    cs[0] = '\0';
    if (!p)
        return;
    for (p += 8; p < data + len && n + 1 < size && *p != '\\' && *p != '"' && *p != ' '
                 && *p != '\n'; p++)
        cs[n++] = *p;
    cs[n] = '\0';
}

/* The PO bytes in UTF-8: `data` itself, or converted into `conv`. */
static tx_status po_utf8(const char *name, const char *data, size_t len, tx_buf *conv,
                         tx_error *err)
{
    char cs[40];

    po_charset(data, len, cs, sizeof cs);
    if (!cs[0] || strcasecmp(cs, "utf-8") == 0 || tx_docseg_is_utf8(data, len))
        return TX_OK;
    /* TX_EINVAL, a charset iconv does not know: invalid bytes become U+FFFD */
    if (tx_docseg_to_utf8(cs, data, len, conv) == TX_ENOMEM)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    return TX_OK;
}

tx_status tx_doc_read_po(const char *name, const char *data, size_t len, int target,
                         tx_buf *out, tx_doc_info *info, tx_error *err)
{
    po_reader r;
    tx_buf conv = TX_BUF_INIT;
    const char *p, *end;
    tx_status rc;

    memset(&r, 0, sizeof r);
    r.info = info;
    r.target = target;
    tx_docseg_init(&r.seg, out);
    if ((rc = po_utf8(name, data, len, &conv, err)) != TX_OK)
        return rc;
    if (conv.data) {
        data = conv.data;
        len = conv.len;
    }
    for (p = data, end = data + len, rc = TX_OK; p < end && rc == TX_OK;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;

        rc = po_line(&r, p, stop > p && stop[-1] == '\r' ? stop - 1 : stop);
        p = stop + 1;
    }
    if (rc == TX_OK)
        rc = entry_end(&r);
    tx_buf_release(&r.id);
    tx_buf_release(&r.plural);
    tx_buf_release(&r.str);
    tx_buf_release(&conv);
    if (rc != TX_OK)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    info->n_segments = (unsigned)r.seg.n_segments;
    if (r.seg.n_segments == 0)
        return tx_fail(err, TX_EINPUT, "%s: no text on the %s side of this PO file%s",
                       name, target ? "target" : "source",
                       target ? " (a template, or not translated yet?)" : "");
    return TX_OK;
}
