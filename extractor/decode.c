/* decode.c: raw document bytes -> clean UTF-8 (NFC, unified apostrophes).
 *
 * Three steps, each over whole buffers:
 *   1. choose the encoding (BOM, NUL bytes, UTF-8 validity, ICU charset
 *      detection restricted to 8-bit charsets) and get UTF-8 bytes;
 *   2. NFC-normalise, chunk by chunk, only the chunks that need it (most of a
 *      French text is ASCII or precomposed Latin-1, which is NFC already);
 *   3. filter: typographic apostrophes -> ', no-break spaces -> ' ', CRLF and
 *      CR -> LF, stray control characters -> ' ', invisible characters dropped.
 * ICU's UErrorCode never leaves this file: it becomes a tx_status here. */
#include "decode.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "error.h"

/* Chunk size (bytes of UTF-8) for NFC normalisation; chunks are cut before an
 * ASCII byte, which is always a normalisation boundary. */
#define NFC_CHUNK (64 * 1024)

/* Bytes given to the charset detector: enough for any realistic statistics. */
#define DETECT_SAMPLE (1024 * 1024)

/* ---- UTF-8 validation ------------------------------------------------------ */

/* Length of the valid UTF-8 sequence starting at s[i] (1-4), or 0 when the
 * bytes there are not valid UTF-8 (overlong forms, surrogates, > U+10FFFF and
 * truncated sequences are all invalid, as in RFC 3629). */
static size_t utf8_seq_len(const unsigned char *s, size_t i, size_t len)
{
    unsigned char c = s[i];
    size_t n = len - i;

    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return n >= 2 && (s[i + 1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
        unsigned char hi = c == 0xED ? 0x9F : 0xBF;

        if (n < 3 || s[i + 1] < lo || s[i + 1] > hi || (s[i + 2] & 0xC0) != 0x80)
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;

        if (n < 4 || s[i + 1] < lo || s[i + 1] > hi || (s[i + 2] & 0xC0) != 0x80
            || (s[i + 3] & 0xC0) != 0x80)
            return 0;
        return 4;
    }
    return 0;
}

/* True when the 8 bytes at p are all ASCII (the fast path of the scanners). */
static int ascii8(const unsigned char *p)
{
    uint64_t w;

    memcpy(&w, p, sizeof w);
    return (w & UINT64_C(0x8080808080808080)) == 0;
}

struct utf8_stats {
    size_t n_multi;   /* valid multibyte sequences */
    size_t n_invalid; /* bytes that start no valid sequence */
    size_t first_bad; /* offset of the first of those (len when none) */
};

/* Scan all of s and count valid multibyte sequences and invalid bytes. */
static void utf8_scan(const unsigned char *s, size_t len, struct utf8_stats *st)
{
    size_t i = 0;

    st->n_multi = 0;
    st->n_invalid = 0;
    st->first_bad = len;
    while (i < len) {
        size_t n;

        if (len - i >= 8 && ascii8(s + i)) {
            i += 8;
            continue;
        }
        n = utf8_seq_len(s, i, len);
        if (n == 0) {
            if (st->n_invalid++ == 0)
                st->first_bad = i;
            i++;
            continue;
        }
        if (n > 1)
            st->n_multi++;
        i += n;
    }
}

tx_status tx_utf8_check(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        size_t n;

        if (len - i >= 8 && ascii8(u + i)) {
            i += 8;
            continue;
        }
        n = utf8_seq_len(u, i, len);
        if (n == 0) {
            if (bad_offset)
                *bad_offset = i;
            return TX_EINPUT;
        }
        i += n;
    }
    return TX_OK;
}

/* ---- binary data ------------------------------------------------------------ */

/* A C0 control character (or DEL) that has no place in text; \t \n \r \f do. */
static int is_bad_control(uint32_t c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
}

/* Text is "binary" when more than 1 character in 100 is a control character:
 * PDF extractions do leave a stray one now and then (those become spaces). */
static int too_many_controls(size_t n_controls, size_t n_chars)
{
    return n_controls > 0 && n_controls * 100 > n_chars;
}

/* Count bad control bytes in 8-bit or UTF-8 data (the C0 range is the same in
 * every charset we accept); *first gets the offset of the first one. */
static size_t count_controls(const unsigned char *s, size_t len, size_t *first)
{
    size_t n = 0;

    *first = len;
    for (size_t i = 0; i < len; i++) {
        if (is_bad_control(s[i]) && n++ == 0)
            *first = i;
    }
    return n;
}

static tx_status binary_error(const char *name, unsigned c, size_t offset, tx_error *err)
{
    return tx_fail(err, TX_EINPUT,
                   "%s: binary data (control character 0x%02X at offset %zu)", name,
                   c, offset);
}

/* A byte that is ASCII text on its own: printable, tab or line end. */
static int ascii_text(unsigned char c)
{
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r';
}

/* BOM-less UTF-16 of mostly ASCII text has a NUL in nearly every other byte,
 * always at the same parity, next to a printable byte; it never holds U+0000.
 * Returns "UTF-16LE", "UTF-16BE" or NULL (binary data). */
static const char *guess_utf16(const unsigned char *s, size_t len)
{
    size_t n = len < 65536 ? len : 65536;
    size_t n_units;
    size_t ascii_le = 0; /* units "x\0" */
    size_t ascii_be = 0; /* units "\0x" */

    if (len < 2 || len % 2 != 0)
        return NULL;
    n -= n % 2;
    n_units = n / 2;
    for (size_t i = 0; i < n; i += 2) {
        if (s[i] == 0 && s[i + 1] == 0)
            return NULL;
        ascii_le += s[i + 1] == 0 && ascii_text(s[i]);
        ascii_be += s[i] == 0 && ascii_text(s[i + 1]);
    }
    /* At least 30% of the units are ASCII, and hardly any (U+2000, U+4E00...)
     * look like ASCII in the other byte order. */
    if (ascii_le * 10 >= n_units * 3 && ascii_be * 100 <= n_units)
        return "UTF-16LE";
    if (ascii_be * 10 >= n_units * 3 && ascii_le * 100 <= n_units)
        return "UTF-16BE";
    return NULL;
}

/* ---- conversion through ICU -------------------------------------------------- */

/* Byte width of one code unit of the converter's charset, for offsets. */
static size_t unit_bytes(const char *charset)
{
    if (strncmp(charset, "UTF-32", 6) == 0)
        return 4;
    if (strncmp(charset, "UTF-16", 6) == 0)
        return 2;
    return 1;
}

/* Convert `len` bytes in `charset` (starting at file offset `base`) to UTF-8
 * in *out (malloc'd, NUL-terminated).  Unicode charsets are converted strictly
 * (an invalid sequence is TX_EINPUT with its offset); 8-bit charsets cannot
 * fail except for the rare unassigned byte, which ICU substitutes.  Control
 * characters are checked here, where their offsets in the file are known. */
static tx_status convert_to_utf8(const char *name, const char *charset,
                                 const unsigned char *data, size_t len, size_t base,
                                 char **out, size_t *out_len, tx_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    UConverter *cnv = NULL;
    UChar *u16 = NULL;
    char *u8 = NULL;
    size_t width = unit_bytes(charset);
    size_t cap;
    const char *src = (const char *)data;
    UChar *dst;
    int32_t n_u8 = 0;
    size_t n_u16;
    size_t n_ctrl = 0;
    size_t first_ctrl = 0;
    unsigned ctrl_char = 0;
    size_t n_chars = 0;
    tx_status rc = TX_OK;

    *out = NULL;
    /* One UTF-16 unit per byte is enough for 8-bit charsets, per 2 bytes for
     * UTF-16, and 2 per 4 bytes for UTF-32. */
    cap = (width == 1 ? len : len / 2) + 1;
    if (cap > INT32_MAX / 3)
        return tx_fail(err, TX_EINPUT, "%s: file too large for charset conversion", name);
    u16 = malloc(cap * sizeof *u16);
    if (!u16)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    cnv = ucnv_open(charset, &uerr);
    if (U_FAILURE(uerr)) {
        rc = tx_fail(err, TX_EINPUT, "%s: cannot convert from %s: %s", name, charset,
                     u_errorName(uerr));
        goto done;
    }
    if (width > 1) {
        ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &uerr);
        if (U_FAILURE(uerr)) {
            rc = tx_fail(err, TX_EINPUT, "%s: cannot convert from %s: %s", name,
                         charset, u_errorName(uerr));
            goto done;
        }
    }
    dst = u16;
    ucnv_toUnicode(cnv, &dst, u16 + cap, &src, (const char *)data + len, NULL, 1, &uerr);
    if (U_FAILURE(uerr)) {
        char bad[8];
        int8_t n_bad = sizeof bad;
        UErrorCode e2 = U_ZERO_ERROR;
        size_t at = (size_t)(src - (const char *)data);

        ucnv_getInvalidChars(cnv, bad, &n_bad, &e2);
        if (U_SUCCESS(e2) && (size_t)n_bad <= at)
            at -= (size_t)n_bad;
        rc = tx_fail(err, TX_EINPUT, "%s: invalid %s at byte %zu", name, charset,
                     base + at);
        goto done;
    }
    n_u16 = (size_t)(dst - u16);

    /* Control characters, with their offsets in the file: a UTF-16 offset
     * counts code units, the others count characters. */
    for (size_t i = 0; i < n_u16; i++) {
        UChar c = u16[i];

        if (U16_IS_TRAIL(c))
            continue; /* second half of a character counted already */
        if (is_bad_control(c) && n_ctrl++ == 0) {
            first_ctrl = base + (width == 2 ? 2 * i : width * n_chars);
            ctrl_char = c;
        }
        n_chars++;
    }
    if (too_many_controls(n_ctrl, n_chars)) {
        rc = binary_error(name, ctrl_char, first_ctrl, err);
        goto done;
    }

    u_strToUTF8(NULL, 0, &n_u8, u16, (int32_t)n_u16, &uerr);
    if (uerr != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(uerr)) {
        rc = tx_fail(err, TX_EINPUT, "%s: cannot convert from %s: %s", name, charset,
                     u_errorName(uerr));
        goto done;
    }
    uerr = U_ZERO_ERROR;
    u8 = malloc((size_t)n_u8 + 1);
    if (!u8) {
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
        goto done;
    }
    u_strToUTF8(u8, n_u8 + 1, &n_u8, u16, (int32_t)n_u16, &uerr);
    if (U_FAILURE(uerr)) {
        /* Unpaired surrogates from a strict converter cannot happen; be safe. */
        rc = tx_fail(err, TX_EINPUT, "%s: cannot convert from %s: %s", name, charset,
                     u_errorName(uerr));
        goto done;
    }
    *out = u8;
    *out_len = (size_t)n_u8;
    u8 = NULL;
done:
    free(u8);
    free(u16);
    ucnv_close(cnv);
    return rc;
}

/* An 8-bit charset we are willing to take from the detector.  The detector also
 * knows EBCDIC and multibyte CJK charsets, which a French corpus never holds:
 * a file it would call so is much more likely Windows-1252. */
static int acceptable_8bit(const char *cs)
{
    return strncmp(cs, "ISO-8859-", 9) == 0 || strncmp(cs, "windows-125", 11) == 0
           || strcmp(cs, "KOI8-R") == 0;
}

/* Windows-1252 puts œ at 0x9C, ISO-8859-15 at 0xBD (½ in Latin-1): "\xBDuvre"
 * ("œuvre") is Latin-9 when no byte of the C1 range (0x80-0x9F) occurs. */
static int looks_latin9(const unsigned char *s, size_t len)
{
    size_t n_oe = 0;

    for (size_t i = 0; i < len; i++) {
        if (s[i] >= 0x80 && s[i] <= 0x9F)
            return 0;
        if ((s[i] == 0xBD || s[i] == 0xBC) && i + 1 < len && s[i + 1] >= 'a'
            && s[i + 1] <= 'z')
            n_oe++;
    }
    return n_oe > 0;
}

/* Choose the 8-bit charset of `s`.  Windows-1252 is preferred to ISO-8859-1:
 * they agree except in 0x80-0x9F, where Latin-1 has unused controls and
 * Windows-1252 has ’ “ ” – œ …, which is what such bytes are in practice. */
static const char *detect_8bit(const unsigned char *s, size_t len)
{
    UErrorCode uerr = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&uerr);
    const UCharsetMatch **matches;
    int32_t n_matches = 0;
    const char *cs = "windows-1252";
    int32_t sample = (int32_t)(len < DETECT_SAMPLE ? len : DETECT_SAMPLE);

    if (U_FAILURE(uerr))
        return cs;
    ucsdet_setText(det, (const char *)s, sample, &uerr);
    matches = ucsdet_detectAll(det, &n_matches, &uerr);
    for (int32_t i = 0; U_SUCCESS(uerr) && i < n_matches; i++) {
        UErrorCode e2 = U_ZERO_ERROR;
        const char *name = ucsdet_getName(matches[i], &e2);

        if (U_FAILURE(e2) || !name || !acceptable_8bit(name))
            continue;
        /* Below 10 the detector is guessing (short texts). */
        if (ucsdet_getConfidence(matches[i], &e2) >= 10)
            cs = name;
        break;
    }
    /* The name belongs to the detector: map it to a static string now. */
    if (strcmp(cs, "ISO-8859-1") == 0 || strcmp(cs, "windows-1252") == 0)
        cs = looks_latin9(s, len) ? "ISO-8859-15" : "windows-1252";
    else {
        static const char *const known[] = {
            "ISO-8859-2", "ISO-8859-5", "ISO-8859-6", "ISO-8859-7", "ISO-8859-8",
            "ISO-8859-8-I", "ISO-8859-9", "windows-1250", "windows-1251",
            "windows-1253", "windows-1254", "windows-1255", "windows-1256", "KOI8-R",
        };
        const char *found = "windows-1252";

        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
            if (strcmp(cs, known[i]) == 0)
                found = known[i];
        }
        cs = found;
    }
    ucsdet_close(det);
    return cs;
}

/* ---- NFC and the final filter ------------------------------------------------ */

/* Append `len` bytes of valid UTF-8 to `out`, rewriting as documented in
 * decode.h; `*pending_cr` carries a CR seen at the end of the previous piece
 * so that a CRLF split between two pieces still gives one LF. */
static tx_status filter_append(tx_buf *out, const unsigned char *s, size_t len,
                               int *pending_cr)
{
    size_t i = 0;

    if (tx_buf_grow(out, len) != TX_OK)
        return TX_ENOMEM;
    while (i < len) {
        size_t run = i;
        uint32_t c;
        size_t n;
        const char *rep = NULL; /* replacement text; "" drops the character */

        if (*pending_cr && s[i] == '\n') {
            i++;
            run = i;
        }
        *pending_cr = 0;
        /* Copy the longest run of bytes that stay as they are. */
        while (run < len && ((s[run] >= 0x20 && s[run] < 0x7F) || s[run] == '\n'
                             || s[run] == '\t' || s[run] == '\f' || s[run] == '\v'))
            run++;
        if (run > i && tx_buf_add(out, s + i, run - i) != TX_OK)
            return TX_ENOMEM;
        i = run;
        if (i >= len)
            break;
        n = utf8_seq_len(s, i, len);
        if (n == 0)
            n = 1; /* cannot happen: the input was validated */
        c = s[i];
        if (n == 2)
            c = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
        else if (n == 3)
            c = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
        switch (c) {
        case '\r':
            rep = "\n";
            *pending_cr = 1;
            break;
        case 0x2019: /* ’ right single quotation mark, the usual apostrophe */
        case 0x2018: /* ‘ left single quotation mark, misused as one */
        case 0x02BC: /* ʼ modifier letter apostrophe */
            rep = "'";
            break;
        case 0x00A0: /* no-break space, before : ; ? ! in French typography */
        case 0x202F: /* narrow no-break space, the same in newer documents */
        case 0x2007: case 0x2009: case 0x200A: /* figure, thin, hair spaces */
        case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006:
        case 0x2008:
            rep = " ";
            break;
        case 0x0085: case 0x2028: case 0x2029: /* NEL, line/paragraph separators */
            rep = "\n";
            break;
        case 0x00AD: /* soft hyphen: invisible unless a line breaks there */
        case 0x200B: /* zero width space */
        case 0xFEFF: /* BOM, or a zero width no-break space inside the text */
            rep = "";
            break;
        case 0xFFFE: /* non-characters, which XML forbids (a TBX could not */
        case 0xFFFF: /* hold a context with them) */
            rep = " ";
            break;
        default:
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
                rep = " "; /* stray controls, C0 and C1 */
            break;
        }
        if (rep) {
            if (tx_buf_addstr(out, rep) != TX_OK)
                return TX_ENOMEM;
        } else if (tx_buf_add(out, s + i, n) != TX_OK) {
            return TX_ENOMEM;
        }
        i += n;
    }
    return TX_OK;
}

/* Where to end the chunk that starts at `start`: before an ASCII byte (a
 * normalisation boundary) near start + NFC_CHUNK, or at `len`. */
static size_t chunk_end(const unsigned char *s, size_t start, size_t len)
{
    size_t end;

    if (len - start <= NFC_CHUNK)
        return len;
    end = start + NFC_CHUNK;
    while (end > start + NFC_CHUNK / 2 && s[end] >= 0x80)
        end--;
    if (s[end] >= 0x80) {
        /* No ASCII byte for 32 KB: a text without spaces or newlines.  Cut
         * at a character start; NFC may then miss one composition there. */
        end = start + NFC_CHUNK;
        while (end < len && (s[end] & 0xC0) == 0x80)
            end++;
    }
    return end;
}

struct nfc_work {
    const UNormalizer2 *nfc;
    UChar *u16;     /* chunk in UTF-16 */
    UChar *norm;    /* normalised chunk */
    int32_t cap16;  /* capacity of u16 */
    int32_t capn;   /* capacity of norm */
    char *u8;       /* normalised chunk back in UTF-8 */
    int32_t cap8;
};

/* Grow *p to hold n elements of `size` bytes; *cap is the current count. */
static int reserve(void **p, int32_t *cap, int32_t n, size_t size)
{
    void *q;

    if (n <= *cap)
        return 1;
    q = realloc(*p, (size_t)n * size);
    if (!q)
        return 0;
    *p = q;
    *cap = n;
    return 1;
}

/* Bit c: U+c (BMP) has NFC_QC=Yes and combining class 0, so it never needs
 * normalising nor changes its neighbours'.  Filled once, from ICU. */
static unsigned char nfc_inert[0x10000 / 8];
static pthread_once_t nfc_inert_once = PTHREAD_ONCE_INIT;

static void nfc_inert_init(void)
{
    for (UChar32 c = 0; c < 0x10000; c++)
        if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
            u_getCombiningClass(c) == 0)
            nfc_inert[c >> 3] |= (unsigned char)(1u << (c & 7));
}

/* NFC-normalise one chunk of valid UTF-8 and hand it to filter_append(). */
static tx_status nfc_chunk(struct nfc_work *w, tx_buf *out, const unsigned char *s,
                           size_t len, int *pending_cr, const char *name,
                           tx_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    int32_t n16 = 0;
    int32_t nn;
    int32_t n8 = 0;
    int needs_icu = 0;

    /* A text whose characters all have NFC_QC=Yes and combining class 0 is
     * in NFC: most chunks of Latin-script text stop here, even with their
     * typographic apostrophes and no-break spaces. */
    for (size_t i = 0; i < len && !needs_icu;) {
        uint32_t c = s[i];
        if (c < 0xCC) { /* ASCII, continuation bytes, U+0080..U+02FF */
            i++;
        } else if (c >= 0xF0) {
            needs_icu = 1;
        } else {
            size_t n = c >= 0xE0 ? 3 : 2;
            c = n == 2 ? (c & 0x1Fu) << 6 | (s[i + 1] & 0x3Fu)
                       : (c & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu);
            needs_icu = !(nfc_inert[c >> 3] & (1u << (c & 7)));
            i += n;
        }
    }
    if (!needs_icu)
        return filter_append(out, s, len, pending_cr);

    if (!reserve((void **)&w->u16, &w->cap16, (int32_t)len + 1, sizeof(UChar)))
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    u_strFromUTF8(w->u16, w->cap16, &n16, (const char *)s, (int32_t)len, &uerr);
    if (U_FAILURE(uerr))
        return tx_fail(err, TX_EINPUT, "%s: cannot read UTF-8: %s", name,
                       u_errorName(uerr));
    if (unorm2_quickCheck(w->nfc, w->u16, n16, &uerr) == UNORM_YES && U_SUCCESS(uerr))
        return filter_append(out, s, len, pending_cr);

    uerr = U_ZERO_ERROR;
    /* NFC rarely lengthens text; 3x covers the worst case of the standard. */
    if (!reserve((void **)&w->norm, &w->capn, n16 * 3 + 1, sizeof(UChar)))
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    nn = unorm2_normalize(w->nfc, w->u16, n16, w->norm, w->capn, &uerr);
    if (U_FAILURE(uerr))
        return tx_fail(err, TX_EINPUT, "%s: cannot normalise: %s", name,
                       u_errorName(uerr));
    if (!reserve((void **)&w->u8, &w->cap8, nn * 3 + 1, 1))
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    u_strToUTF8(w->u8, w->cap8, &n8, w->norm, nn, &uerr);
    if (U_FAILURE(uerr))
        return tx_fail(err, TX_EINPUT, "%s: cannot write UTF-8: %s", name,
                       u_errorName(uerr));
    return filter_append(out, (const unsigned char *)w->u8, (size_t)n8, pending_cr);
}

/* Normalise and filter all of the valid UTF-8 `s` into *out. */
static tx_status normalise(const char *name, const unsigned char *s, size_t len,
                           char **out, size_t *out_len, tx_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    struct nfc_work w = { 0 };
    tx_buf buf = TX_BUF_INIT;
    int pending_cr = 0;
    size_t start = 0;
    tx_status rc = TX_OK;

    pthread_once(&nfc_inert_once, nfc_inert_init);
    w.nfc = unorm2_getNFCInstance(&uerr);
    if (U_FAILURE(uerr))
        return tx_fail(err, TX_EINPUT, "%s: cannot load NFC data: %s", name,
                       u_errorName(uerr));
    if (tx_buf_grow(&buf, len) != TX_OK)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    tx_buf_reset(&buf); /* terminate: the output may stay empty */
    while (start < len) {
        size_t end = chunk_end(s, start, len);

        rc = nfc_chunk(&w, &buf, s + start, end - start, &pending_cr, name, err);
        if (rc == TX_ENOMEM)
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
        if (rc != TX_OK)
            goto done;
        start = end;
    }
    *out = tx_buf_detach(&buf, out_len);
    if (!*out)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
done:
    tx_buf_release(&buf);
    free(w.u16);
    free(w.norm);
    free(w.u8);
    return rc;
}

/* ---- byte order marks and streaming conversion -------------------------------- */

const char *tx_decode_bom(const char *data, size_t len, size_t *bom_len)
{
    static const struct {
        const char *bytes;
        size_t len;
        const char *charset;
    } boms[] = {
        /* UTF-32LE's first: it starts like UTF-16LE's */
        { "\xFF\xFE\0\0", 4, "UTF-32LE" },
        { "\0\0\xFE\xFF", 4, "UTF-32BE" },
        { "\xEF\xBB\xBF", 3, "UTF-8" },
        { "\xFF\xFE", 2, "UTF-16LE" },
        { "\xFE\xFF", 2, "UTF-16BE" },
    };

    for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++) {
        if (len >= boms[i].len && memcmp(data, boms[i].bytes, boms[i].len) == 0) {
            *bom_len = boms[i].len;
            return boms[i].charset;
        }
    }
    *bom_len = 0;
    return NULL;
}

struct tx_utf8_stream {
    UConverter *cnv;
    UChar *u16;        /* the piece being converted, in UTF-16 */
    size_t cap16;      /* UChars allocated in u16 */
    UChar lead;        /* a lead surrogate waiting for its trail, or 0 */
    int failed;
};

tx_status tx_utf8_stream_new(const char *charset, tx_utf8_stream **out)
{
    UErrorCode uerr = U_ZERO_ERROR;
    tx_utf8_stream *cs;

    *out = NULL;
    cs = calloc(1, sizeof *cs);
    if (!cs)
        return TX_ENOMEM;
    cs->cnv = ucnv_open(charset, &uerr);
    if (U_SUCCESS(uerr))
        ucnv_setToUCallBack(cs->cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &uerr);
    if (U_FAILURE(uerr)) {
        tx_utf8_stream_free(cs);
        return uerr == U_MEMORY_ALLOCATION_ERROR ? TX_ENOMEM : TX_EINVAL;
    }
    *out = cs;
    return TX_OK;
}

/* Append `n` UTF-16 units of `u16` to `out` as UTF-8. */
static tx_status append_utf8(tx_buf *out, const UChar *u16, int32_t n)
{
    UErrorCode uerr = U_ZERO_ERROR;
    int32_t n8 = 0;

    if (n == 0)
        return TX_OK;
    if (tx_buf_grow(out, (size_t)n * 3) != TX_OK)
        return TX_ENOMEM;
    u_strToUTF8(out->data + out->len, (int32_t)(out->cap - out->len), &n8, u16, n,
                &uerr);
    if (U_FAILURE(uerr))
        return TX_EINPUT; /* an unpaired surrogate; the strict converter makes none */
    out->len += (size_t)n8;
    out->data[out->len] = '\0';
    return TX_OK;
}

tx_status tx_utf8_stream_convert(tx_utf8_stream *cs, const char *in, size_t len,
                                 int last, tx_buf *out)
{
    UErrorCode uerr = U_ZERO_ERROR;
    const char *src = in;
    UChar *dst;
    size_t need = len + 2; /* never more units than bytes, plus a carried lead */
    int32_t n;
    tx_status rc;

    if (cs->failed)
        return TX_EINPUT;
    if (need > INT32_MAX / 4)
        return TX_EINVAL;
    if (need > cs->cap16) {
        UChar *p = realloc(cs->u16, need * sizeof *p);

        if (!p)
            return TX_ENOMEM;
        cs->u16 = p;
        cs->cap16 = need;
    }
    dst = cs->u16;
    if (cs->lead)
        *dst++ = cs->lead;
    cs->lead = 0;
    ucnv_toUnicode(cs->cnv, &dst, cs->u16 + cs->cap16, &src, in + len, NULL, (UBool)last,
                   &uerr);
    n = (int32_t)(dst - cs->u16);
    if (U_FAILURE(uerr)) {
        cs->failed = 1;
        if (n > 0 && U16_IS_LEAD(cs->u16[n - 1]))
            n--; /* the bad pair's first half: keep the text before it */
        rc = append_utf8(out, cs->u16, n);
        return rc == TX_ENOMEM ? rc : TX_EINPUT;
    }
    /* A pair split between two pieces: keep its first half for the next call. */
    if (!last && n > 0 && U16_IS_LEAD(cs->u16[n - 1]))
        cs->lead = cs->u16[--n];
    if ((rc = append_utf8(out, cs->u16, n)) != TX_OK)
        cs->failed = 1;
    return rc;
}

void tx_utf8_stream_free(tx_utf8_stream *cs)
{
    if (!cs)
        return;
    if (cs->cnv)
        ucnv_close(cs->cnv);
    free(cs->u16);
    free(cs);
}

/* ---- the entry point ---------------------------------------------------------- */

tx_status tx_decode(const char *name, const char *data, size_t len, char **out,
                    size_t *out_len, tx_error *err)
{
    const unsigned char *s = (const unsigned char *)data;
    const unsigned char *nul;
    const char *charset = NULL;
    size_t bom = 0;
    char *conv = NULL;
    size_t conv_len = 0;
    tx_status rc;

    *out = NULL;
    *out_len = 0;
    if (!name)
        name = "(input)";
    if (len == 0) {
        *out = calloc(1, 1);
        return *out ? TX_OK : tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    }

    /* 1. A byte order mark decides; a UTF-8 one is validated below like any UTF-8. */
    charset = tx_decode_bom(data, len, &bom);
    if (charset && strcmp(charset, "UTF-8") == 0)
        charset = NULL;

    /* 2. NUL bytes: BOM-less UTF-16, or binary data. */
    nul = charset ? NULL : memchr(s + bom, 0, len - bom);
    if (nul) {
        charset = bom ? NULL : guess_utf16(s, len);
        if (!charset)
            return tx_fail(err, TX_EINPUT, "%s: binary data (NUL byte at offset %zu)",
                           name, (size_t)(nul - s));
    }

    if (charset) {
        rc = convert_to_utf8(name, charset, s + bom, len - bom, bom, &conv, &conv_len,
                             err);
        if (rc != TX_OK)
            return rc;
    } else {
        /* 3. UTF-8, or an 8-bit charset. */
        struct utf8_stats st;
        size_t first_ctrl;
        size_t n_ctrl;

        utf8_scan(s + bom, len - bom, &st);
        n_ctrl = count_controls(s + bom, len - bom, &first_ctrl);
        if (too_many_controls(n_ctrl, len - bom))
            return binary_error(name, s[bom + first_ctrl], bom + first_ctrl, err);
        if (st.n_invalid > 0) {
            /* A UTF-8 file with a damaged byte is an error, not a Latin-1 file:
             * guessing would garble every other accented letter.  "Mostly
             * UTF-8" means valid multibyte sequences at least 1/8 as many as
             * invalid bytes, or a UTF-8 BOM; below that, the few valid
             * sequences are chance pairs such as "É" + "’" in Windows-1252. */
            if (bom || st.n_multi * 8 >= st.n_invalid)
                return tx_fail(err, TX_EINPUT, "%s: invalid UTF-8 at byte %zu", name,
                               bom + st.first_bad);
            charset = detect_8bit(s, len);
            rc = convert_to_utf8(name, charset, s, len, 0, &conv, &conv_len, err);
            if (rc != TX_OK)
                return rc;
        }
    }

    if (conv) {
        rc = normalise(name, (const unsigned char *)conv, conv_len, out, out_len, err);
        free(conv);
    } else {
        rc = normalise(name, s + bom, len - bom, out, out_len, err);
    }
    return rc;
}

tx_status tx_decode_sniff(const char *name, const char *head, size_t len, tx_error *err)
{
    const unsigned char *s = (const unsigned char *)head;
    const unsigned char *nul;

    /* As tx_decode() decides: a UTF-16 or UTF-32 BOM, or NULs at the places of
     * BOM-less UTF-16 (judged on the first 64 KiB there too), are text. */
    if (len >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0 ||
                     (len >= 4 && memcmp(s, "\0\0\xFE\xFF", 4) == 0)))
        return TX_OK;
    nul = memchr(s, 0, len);
    if (!nul || guess_utf16(s, len - len % 2))
        return TX_OK;
    return tx_fail(err, TX_EINPUT, "%s: binary data (NUL byte at offset %zu)",
                   name ? name : "(input)", (size_t)(nul - s));
}
