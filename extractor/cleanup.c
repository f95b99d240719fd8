/* cleanup.c: repair the damage of PDF-to-text extraction (see cleanup.h).
 *
 * Three passes over the document:
 *   1. lines (cleanup_lines.c): split, measure (indent, length), and
 *      classify each line as text, empty, whitespace-only or junk (page
 *      furniture, URLs, footnote blocks); footnote numbers are collected on
 *      the way;
 *   2. paragraphs: decide for each pair of consecutive text lines whether the
 *      gap between them ends a paragraph, from what lies in the gap and how
 *      the lines end and start (the rules are spelled out at gap_breaks());
 *   3. words: in each paragraph, drop URLs, glued footnote numbers, bold
 *      markers and the space in "l 'Asie", and normalise spaces.
 * The text is UTF-8 and NFC already (tx_decode()), so all scanning is by
 * byte; ICU's character properties classify letters at line boundaries. */
#include "cleanup.h"
#include "cleanupInt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "buf.h"
#include "error.h"

/* ---- UTF-8 helpers ------------------------------------------------------------- */

/* Decode the character at s[i] (i < len); *n gets its length in bytes.
 * Invalid bytes (not expected after tx_decode()) decode as themselves. */
static UChar32 char_at(const char *str, size_t i, size_t len, size_t *n)
{
    const unsigned char *s = (const unsigned char *)str;
    UChar32 c = s[i];
    size_t k;

    if (c < 0x80) {
        *n = 1;
        return c;
    }
    k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (k == 1 || i + k > len) {
        *n = 1;
        return c;
    }
    c &= k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07;
    for (size_t j = 1; j < k; j++) {
        if ((s[i + j] & 0xC0) != 0x80) {
            *n = 1;
            return s[i];
        }
        c = (c << 6) | (s[i + j] & 0x3F);
    }
    *n = k;
    return c;
}

/* Start of the character that ends just before s[i] (i > 0). */
static size_t char_before(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* The character ending at s[i] (exclusive), or 0 when i == 0. */
static UChar32 last_char(const char *s, size_t i, size_t len)
{
    size_t n;

    if (i == 0)
        return 0;
    return char_at(s, char_before(s, i), len, &n);
}

/* ---- paragraphs ---------------------------------------------------------------- */

/* First character of a line, skipping markdown bold markers. */
static UChar32 first_char(const struct doc *d, const struct line *ln)
{
    const char *s = d->text + ln->start;
    size_t i = 0;
    size_t n;

    while (i < ln->len && s[i] == '*')
        i++;
    return i < ln->len ? char_at(s, i, ln->len, &n) : 0;
}

/* End of a line's content, before any closing bold marker. */
static size_t content_end(const struct doc *d, const struct line *ln)
{
    const char *s = d->text + ln->start;
    size_t end = ln->len;

    while (end > 0 && s[end - 1] == '*')
        end--;
    return end;
}

/* The line ends with . , ; : ! or ?. */
static int ends_punct(const struct doc *d, const struct line *ln)
{
    size_t end = content_end(d, ln);
    char c = end ? d->text[ln->start + end - 1] : 0;

    return c && strchr(".,;:!?", c) != NULL;
}

static int starts_lower(const struct doc *d, const struct line *ln)
{
    return u_islower(first_char(d, ln));
}

static int is_short(const struct doc *d, const struct line *ln)
{
    return ln->chars < d->short_chars;
}

/* Decide whether the document is "double-spaced" (every text line followed by
 * an empty line) and how long a full line is.  A line followed by a line that
 * starts with a lower-case letter continues a sentence: if such continuations
 * come more often after one empty line than directly, the empty line is a mere
 * line end.  A line shorter than 60% of the 95th percentile of line lengths
 * (the width of the page, give or take an outlier) cannot have been wrapped,
 * so it ends its paragraph (headings, signatures). */
static void measure(struct doc *d)
{
    size_t hist[257] = { 0 };
    size_t n_text = 0;
    size_t direct = 0;
    size_t spaced = 0;
    size_t seen = 0;
    size_t width = 0;

    for (size_t i = 0; i < d->n_lines; i++) {
        const struct line *ln = &d->lines[i];

        if (ln->kind != LINE_TEXT)
            continue;
        hist[ln->chars < 256 ? ln->chars : 256]++;
        n_text++;
        if (i + 1 < d->n_lines && d->lines[i + 1].kind == LINE_TEXT
            && starts_lower(d, &d->lines[i + 1]))
            direct++;
        if (i + 2 < d->n_lines && d->lines[i + 1].kind == LINE_EMPTY
            && d->lines[i + 2].kind == LINE_TEXT && starts_lower(d, &d->lines[i + 2]))
            spaced++;
    }
    d->double_spaced = spaced > direct;
    for (size_t k = 0; k <= 256 && n_text; k++) {
        seen += hist[k];
        if (seen * 20 >= n_text * 19) {
            width = k;
            break;
        }
    }
    d->short_chars = width * 6 / 10;
}

/* What lies between two text lines. */
struct gap {
    size_t n_empty;
    size_t n_blank;
    int junk;
};

enum join { JOIN_SPACE, JOIN_BREAK, JOIN_HYPHEN, JOIN_DEHYPHEN };

/* Prefixes that keep their hyphen at a line end ("socio-" + "économique",
 * "sous-" + "régionales"), number words ("soixante-" + "douzième") and words
 * often first in a compound ("avant-" + "projet", "sud-" + "africain").
 * Lower case.  Not "bien" or "mal": "bien-veillance" and "mal-heureusement"
 * are ordinary hyphenations. */
static const char *const keep_before[] = {
    "socio", "non", "anti", "extra", "macro", "micro", "inter", "intra", "sous",
    "post", "pré", "co", "contre", "auto", "néo", "ex", "vice", "semi", "demi",
    "multi", "avant", "arrière", "sud", "nord", "ouest", "est",
    "dix", "vingt", "trente", "quarante", "cinquante", "soixante", "quatre",
    "cent", "deux", "trois", "cinq", "six", "sept", "huit", "neuf",
};

/* Second parts that keep the hyphen: "ceux-" + "ci", "eux-" + "mêmes". */
static const char *const keep_after[] = {
    "ci", "là", "même", "mêmes", "delà", "dessus", "dessous", "clé", "clés",
};

static int in_list(const char *const *list, size_t n, const char *w, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
            return 1;
    }
    return 0;
}

/* Lower-case copy of ASCII letters in a word (accented letters of the lists
 * are lower case already); truncated to the buffer. */
static size_t lower_word(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = len < cap ? len : cap;

    for (size_t i = 0; i < n; i++)
        out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
    return n;
}

/* How to join a line ending with a hyphen to the next one (cleanup.h):
 * "dévelop-" + "pement" loses its hyphen when the second part starts with a
 * lower-case letter, unless the first part is a listed prefix-like word or
 * already holds a hyphen ("soixante-dix-" + "septième"), or the second part
 * is listed; a capital ("Addis-" + "Abeba") or a digit ("COVID-" + "19")
 * keeps it; a dash (" -") or a hyphen after a digit is no hyphenation.
 * Hyphens in the middle of a line are never touched. */
tx_hyphen_join tx_cleanup_hyphen(const char *s, size_t a_len, const char *t, size_t b_len)
{
    size_t end = a_len;
    size_t w_end;
    size_t w_start;
    size_t n;
    size_t i = 0;
    UChar32 c;
    size_t t_end = 0;
    char word[32];
    size_t wl;

    while (end > 0 && s[end - 1] == '*')
        end--;
    if (end < 2 || s[end - 1] != '-')
        return TX_HYPHEN_NONE;
    w_end = end - 1;
    c = last_char(s, w_end, end);
    if (!u_isalpha(c))
        return TX_HYPHEN_NONE;
    while (i < b_len && t[i] == '*')
        i++;
    c = i < b_len ? char_at(t, i, b_len, &n) : 0;
    if (!u_isalnum(c))
        return TX_HYPHEN_NONE;
    if (!u_islower(c))
        return TX_HYPHEN_KEEP;
    w_start = w_end;
    while (w_start > 0 && u_isalpha(last_char(s, w_start, end)))
        w_start = char_before(s, w_start);
    if (w_start > 0 && s[w_start - 1] == '-')
        return TX_HYPHEN_KEEP;
    wl = lower_word(s + w_start, w_end - w_start, word, sizeof word);
    if (in_list(keep_before, sizeof keep_before / sizeof *keep_before, word, wl))
        return TX_HYPHEN_KEEP;
    while (t_end < b_len && u_isalpha(char_at(t, t_end, b_len, &n)))
        t_end += n;
    if (in_list(keep_after, sizeof keep_after / sizeof *keep_after, t, t_end))
        return TX_HYPHEN_KEEP;
    return TX_HYPHEN_DROP;
}

/* tx_cleanup_hyphen() for text lines a and b, or JOIN_BREAK when the hyphen
 * is not a hyphenation. */
static enum join hyphen_join(const struct doc *d, const struct line *a,
                             const struct line *b)
{
    switch (tx_cleanup_hyphen(d->text + a->start, a->len, d->text + b->start, b->len)) {
    case TX_HYPHEN_KEEP:
        return JOIN_HYPHEN;
    case TX_HYPHEN_DROP:
        return JOIN_DEHYPHEN;
    default:
        return JOIN_BREAK;
    }
}

/* Does the gap between text lines a and b end a paragraph?
 *
 * A hard gap always does: in a double-spaced document a whitespace-only line
 * or two empty lines, otherwise any empty line.
 *
 * A page-break gap (junk in it: footnotes, URLs, headers; or, in a
 * double-spaced document, no empty line at all, which is how those
 * extractions join the pages) ends a paragraph unless the text flows on:
 * b is indented by two or more spaces -> break; b starts in lower case ->
 * join; a is a full line not ending with punctuation -> join; else break.
 *
 * A soft gap (a line end: one empty line when double-spaced, none otherwise)
 * joins, except that b indented after a line ending with punctuation, or a
 * short a followed by a capital, starts a new paragraph. */
static enum join gap_breaks(const struct doc *d, const struct line *a,
                            const struct line *b, const struct gap *g)
{
    int page;
    enum join h;

    if (!g->junk && (d->double_spaced ? g->n_blank > 0 || g->n_empty >= 2
                                      : g->n_blank + g->n_empty > 0))
        return JOIN_BREAK;
    h = hyphen_join(d, a, b);
    if (h != JOIN_BREAK)
        return h;
    page = g->junk || (d->double_spaced && g->n_empty + g->n_blank == 0);
    if (page) {
        if (b->indent >= 2)
            return JOIN_BREAK;
        if (starts_lower(d, b))
            return JOIN_SPACE;
        return !ends_punct(d, a) && !is_short(d, a) ? JOIN_SPACE : JOIN_BREAK;
    }
    if (starts_lower(d, b))
        return JOIN_SPACE;
    if (b->indent >= 1 && ends_punct(d, a))
        return JOIN_BREAK;
    return is_short(d, a) ? JOIN_BREAK : JOIN_SPACE;
}

/* ---- words ---------------------------------------------------------------------- */

/* French elided words that take an apostrophe: l', d', qu', jusqu'... */
static int is_elision(const char *s, size_t len)
{
    static const char *const words[] = {
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
        "quoiqu", "presqu", "quelqu",
    };
    char w[8];
    size_t n;

    if (len == 0 || len > sizeof w)
        return 0;
    n = lower_word(s, len, w, sizeof w);
    return in_list(words, sizeof words / sizeof *words, w, n);
}

static int is_apostrophe_at(const char *s, size_t len)
{
    return (len >= 1 && s[0] == '\'') || starts_with(s, len, "\xE2\x80\x99");
}

/* One of , . ; : ! ? ) ] " ' (every word's end is tested). */
static int is_trailing(char c)
{
    switch (c) {
    case ',': case '.': case ';': case ':': case '!': case '?':
    case ')': case ']': case '"': case '\'':
        return 1;
    default:
        return 0;
    }
}

/* Closing punctuation that may follow a glued footnote number. */
static size_t trailing_punct(const char *s, size_t len)
{
    size_t end = len;

    for (;;) {
        if (end > 0 && is_trailing(s[end - 1]))
            end--;
        else if (end >= 2 && (unsigned char)s[end - 2] == 0xC2
                 && (unsigned char)s[end - 1] == 0xBB) /* » */
            end -= 2;
        else
            return end;
    }
}

/* Length of `tok` (trailing punctuation included) once a glued footnote
 * number is removed from its core `core_len` bytes, or 0 when there is none.
 * Only numbers of footnotes found in the document count.  "paix1" -> "paix"
 * (a word with a lower-case letter, ending in 1-2 digits; acronyms such as
 * "CO2" or "G20" are left alone), "20303" -> "2030" (5-6 digits: a year
 * 19xx/20xx followed by the number). */
static size_t glued_note(const struct doc *d, const char *tok, size_t core_len,
                         int *note_out)
{
    size_t n_dig = 0;
    int note = 0;
    size_t i;
    int lower = 0;

    while (n_dig < core_len && is_digit(tok[core_len - 1 - n_dig]))
        n_dig++;
    if (n_dig == 0)
        return 0;
    if (n_dig == core_len) {
        /* A year with a note: 1-2 digits after 19xx or 20xx. */
        if (n_dig < 5 || n_dig > 6 || !(starts_with(tok, core_len, "19")
                                        || starts_with(tok, core_len, "20")))
            return 0;
        if (tok[4] == '0')
            return 0;
        for (i = 4; i < n_dig; i++)
            note = note * 10 + (tok[i] - '0');
        *note_out = note;
        return d->notes[note] ? 4 : 0;
    }
    if (n_dig > 2 || tok[core_len - n_dig] == '0')
        return 0;
    for (i = core_len - n_dig; i < core_len; i++)
        note = note * 10 + (tok[i] - '0');
    if (!d->notes[note])
        return 0;
    /* Everything before the digits: letters, with hyphens or apostrophes
     * inside ("Croix-Rouge6"), and it ends with a letter. */
    for (i = 0; i < core_len - n_dig;) {
        size_t n;
        UChar32 c = char_at(tok, i, core_len, &n);

        if (u_islower(c))
            lower = 1;
        else if (!u_isalpha(c) && !(i > 0 && (c == '-' || c == '\'')))
            return 0;
        i += n;
    }
    if (!lower || !u_isalpha(last_char(tok, core_len - n_dig, core_len)))
        return 0;
    *note_out = note;
    return core_len - n_dig;
}

/* Words after which a number is a number, not a footnote reference. */
static const char *const number_words[] = {
    "paragraphe", "paragraphes", "article", "articles", "point", "points",
    "chapitre", "annexe", "résolution", "résolutions", "décision", "section",
    "partie", "alinéa", "page", "pages", "numéro", "objectif", "objectifs", "cible",
    "phase", "étape", "niveau", "catégorie", "groupe", "principe", "règle",
    "protocole", "tableau", "figure", "encadré", "volume", "session", "séance",
    "plus", "moins", "environ", "entre",
};

/* A footnote reference standing apart ("en Asie centrale 1,", "nucléaires 3
 * qui"): the number the next reference should carry, after a word of four or
 * more letters with a lower-case one that is not a word numbers follow
 * ("paragraphe 1").  Numbers out of sequence are never taken. */
static int loose_note(const struct doc *d, const char *w, size_t core,
                      const char *prev, size_t prev_len)
{
    int note = 0;
    int lower = 0;
    char word[32];
    size_t wl;

    if (core == 0 || core > 2 || !all_digits(w, core) || w[0] == '0')
        return 0;
    for (size_t i = 0; i < core; i++)
        note = note * 10 + (w[i] - '0');
    if (note != d->next_note || !d->notes[note] || prev_len < 4)
        return 0;
    for (size_t i = 0; i < prev_len;) {
        size_t n;
        UChar32 c = char_at(prev, i, prev_len, &n);

        if (u_islower(c))
            lower = 1;
        else if (!u_isalpha(c) && !(i > 0 && (c == '-' || c == '\'')))
            return 0;
        i += n;
    }
    wl = lower_word(prev, prev_len, word, sizeof word);
    if (!lower || in_list(number_words, sizeof number_words / sizeof *number_words,
                          word, wl))
        return 0;
    return note;
}

static int is_ascii_letter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Repair word w[0..len) of a paragraph into tmp (room for len bytes): bold
 * markers, links, footnote marks and numbers go.  Returns the new length (0:
 * nothing left) and sets *glue when the word joins the previous one, which
 * starts at `prev` in `out` (the paragraph at `para_start`). */
static size_t fix_word(struct doc *d, const tx_buf *out, size_t para_start, size_t prev,
                       const char *w, size_t len, char *tmp, int *glue)
{
    size_t n = 0;
    size_t core;
    size_t keep;

    /* Markdown bold markers go; tmp has room for len bytes. */
    for (size_t i = 0; i < len; i++) {
        if (w[i] == '*' && i + 1 < len && w[i + 1] == '*') {
            i++;
            continue;
        }
        tmp[n++] = w[i];
    }
    w = tmp;
    len = n;
    if (is_url(w, len)) {
        /* Keep the sentence's punctuation after the link. */
        size_t end = len;

        while (end > 0 && strchr(".,;:", w[end - 1]) && w[end - 1] != '\0')
            end--;
        memmove(tmp, tmp + end, len - end);
        len -= end;
        *glue = 1;
    }
    if (len == 0)
        return 0;
    core = trailing_punct(w, len);
    /* A footnote mark '*' after a word ("Turkménistan*"). */
    if (core >= 2 && w[core - 1] == '*' && u_isalpha(last_char(w, core - 1, core))) {
        memmove(tmp + core - 1, tmp + core, len - core);
        len--;
        core--;
    }
    if (d->has_notes && core > 0) {
        int note = 0;

        keep = glued_note(d, w, core, &note);
        if (keep == 0 && out->len > para_start
            && (note = loose_note(d, w, core, out->data + prev, out->len - prev)))
            *glue = 1; /* the note goes, its punctuation joins the word */
        if (keep > 0 || *glue) {
            memmove(tmp + keep, tmp + core, len - core);
            len -= core - keep;
            if (note >= d->next_note)
                d->next_note = note + 1;
        }
    }
    return len;
}

/* Byte classes for scanning words: 1 white space (is_space()), 2 a byte
 * that is not part of a plain word (ASCII other than letters and '-'), 0
 * the others (letters, '-', bytes of non-ASCII characters). */
static const unsigned char word_class[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 2, 1, 2, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2,
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Does the text of `out` after `start` end with an apostrophe? */
static int ends_apostrophe(const tx_buf *out, size_t start)
{
    return out->len > start &&
           (out->data[out->len - 1] == '\'' ||
            (out->len - start >= 3 && memcmp(out->data + out->len - 3, "\xE2\x80\x99", 3) == 0));
}

/* Append one word of a paragraph to `out`, repaired.  `para_start` is where
 * the paragraph begins in `out` and `prev` where the previous word does. */
static tx_status add_word(struct doc *d, tx_buf *out, size_t para_start,
                          size_t *prev, const char *w, size_t len, char *tmp)
{
    int glue = 0;

    len = fix_word(d, out, para_start, *prev, w, len, tmp, &glue);
    w = tmp;
    if (len == 0)
        return TX_OK;
    /* No space before a comma or full stop ("Unies4 ," once the note went). */
    if (w[0] == ',' || (w[0] == '.' && (len == 1 || w[1] == '.')))
        glue = 1;
    /* "l 'Asie" -> "l'Asie". */
    if (is_apostrophe_at(w, len) && len > 1 && out->len > para_start
        && is_elision(out->data + *prev, out->len - *prev))
        glue = 1;
    /* "l' Asie" -> "l'Asie". */
    if (ends_apostrophe(out, *prev)) {
        size_t ap = out->data[out->len - 1] == '\'' ? 1 : 3;

        if (is_elision(out->data + *prev, out->len - *prev - ap))
            glue = 1;
    }
    if (out->len > para_start && !glue && tx_buf_addch(out, ' ') != TX_OK)
        return TX_ENOMEM;
    if (!glue || out->len == para_start)
        *prev = out->len;
    return tx_buf_add(out, w, len);
}

/* Repair a paragraph's words and append it (cleanupInt.h). */
tx_status tx_cleanup_add_paragraph(struct doc *d, tx_buf *out, tx_buf *para,
                                   char **tmp, size_t *tmp_cap)
{
    const char *s = para->data;
    size_t len = para->len;
    size_t start = out->len;
    size_t prev = out->len;
    size_t i = 0;

    if (len == 0)
        return TX_OK;
    if (len > *tmp_cap) {
        char *p = realloc(*tmp, len);

        if (!p)
            return TX_ENOMEM;
        *tmp = p;
        *tmp_cap = len;
    }
    /* Words only shrink and one space replaces the white space between two,
     * so the paragraph and its newline fit in len + 1 bytes. */
    if (tx_buf_grow(out, len + 1) != TX_OK)
        return TX_ENOMEM;
    while (i < len) {
        size_t j;
        unsigned char c;
        int plain;

        while (i < len && is_space(s[i]))
            i++;
        if (i == len)
            break;
        /* A plain word (ASCII letters, inner hyphens, other characters, and
         * starting with a letter or a two-byte character) needs no repair
         * but the space before it: copy it. */
        c = (unsigned char)s[i];
        plain = is_ascii_letter(c) || (c >= 0xC3 && c <= 0xDF);
        for (j = i + 1; j < len; j++) {
            unsigned cls = word_class[(unsigned char)s[j]];
            if (cls == 1)
                break;
            plain &= cls == 0;
        }
        if (plain && trailing_punct(s + i, j - i) == j - i && !ends_apostrophe(out, prev)) {
            if (out->len > start)
                out->data[out->len++] = ' ';
            prev = out->len;
            memcpy(out->data + out->len, s + i, j - i);
            out->len += j - i;
            out->data[out->len] = '\0';
        } else if (add_word(d, out, start, &prev, s + i, j - i, *tmp) != TX_OK) {
            return TX_ENOMEM;
        }
        i = j;
    }
    if (out->len > start && tx_buf_addch(out, '\n') != TX_OK)
        return TX_ENOMEM;
    return TX_OK;
}

/* A document's paragraphs that are really lines (tx_cleanup_document()):
 * text a converter took over from a PDF extraction line by line, where
 * sentences run on from one "paragraph" to the next.  Counted among the
 * paragraph boundaries between text lines: a full line (at least 40
 * characters and not short for the document, measure()) that ends without
 * punctuation, followed by one that starts in lower case.  A document's own
 * paragraphs hardly ever do that (list items and table cells are short); one
 * boundary in five doing it, at least 8, tells the lines from paragraphs. */
static int paragraphs_are_lines(const struct doc *d)
{
    const struct line *prev = NULL;
    size_t n_bounds = 0, n_runs_on = 0;

    for (size_t i = 0; i < d->n_lines; i++) {
        const struct line *ln = &d->lines[i];

        if (ln->kind != LINE_TEXT)
            continue;
        if (prev && ln->hard) {
            n_bounds++;
            n_runs_on += prev->chars >= 40 && !is_short(d, prev) && !ends_punct(d, prev) &&
                         starts_lower(d, ln);
        }
        prev = ln;
    }
    return n_runs_on >= 8 && n_runs_on * 5 >= n_bounds;
}

static tx_status build(struct doc *d, tx_buf *out)
{
    tx_buf para = TX_BUF_INIT;
    char *tmp = NULL;
    size_t tmp_cap = 0;
    const struct line *prev = NULL;
    struct gap g = { 0, 0, 0 };
    size_t pages = 0; /* page breaks since the last paragraph started */
    tx_status rc = TX_OK;

    for (size_t i = 0; i < d->n_lines && rc == TX_OK; i++) {
        const struct line *ln = &d->lines[i];
        enum join j;

        switch (ln->kind) {
        case LINE_EMPTY:
            g.n_empty++;
            continue;
        case LINE_BLANK:
            g.n_blank++;
            continue;
        case LINE_JUNK:
            g.junk = 1;
            continue;
        case LINE_PAGE:
            g.junk = 1;
            pages++;
            continue;
        default:
            break;
        }
        j = prev && !(d->given_paragraphs && ln->hard) ? gap_breaks(d, prev, ln, &g)
                                                      : JOIN_BREAK;
        if (j == JOIN_BREAK) {
            rc = tx_cleanup_add_paragraph(d, out, &para, &tmp, &tmp_cap);
            tx_buf_reset(&para);
            /* a "\f" line for each page break before this paragraph starts */
            for (; pages > 0 && rc == TX_OK; pages--)
                rc = tx_buf_add(out, "\f\n", 2);
            pages = 0;
        } else if (j == JOIN_SPACE) {
            rc = tx_buf_addch(&para, ' ');
        } else if (j == JOIN_DEHYPHEN) {
            /* Drop the hyphen, and any bold marker after it, already added. */
            while (para.len > 0 && para.data[para.len - 1] == '*')
                para.len--;
            para.len--;
            para.data[para.len] = '\0';
        }
        if (rc == TX_OK)
            rc = tx_buf_add(&para, d->text + ln->start, ln->len);
        prev = ln;
        memset(&g, 0, sizeof g);
    }
    if (rc == TX_OK)
        rc = tx_cleanup_add_paragraph(d, out, &para, &tmp, &tmp_cap);
    tx_buf_release(&para);
    free(tmp);
    return rc;
}

enum clean_mode { CLEAN_TEXT, CLEAN_DOCUMENT, CLEAN_SEGMENTS };

/* tx_cleanup(), tx_cleanup_document() or tx_cleanup_segments(), by `mode`. */
static tx_status clean(const char *text, size_t len, enum clean_mode mode, char **out,
                       size_t *out_len, tx_error *err)
{
    struct doc d;
    tx_buf buf = TX_BUF_INIT;
    tx_status rc;

    *out = NULL;
    *out_len = 0;
    memset(&d, 0, sizeof d);
    d.text = text;
    d.len = len;
    d.next_note = 1;
    d.given_paragraphs = mode == CLEAN_DOCUMENT;
    rc = tx_cleanup_split_lines(&d);
    if (rc == TX_OK && mode != CLEAN_SEGMENTS)
        rc = tx_cleanup_mark_running(&d);
    if (rc == TX_OK && mode != CLEAN_SEGMENTS) {
        tx_cleanup_mark_junk(&d);
        measure(&d);
        if (d.given_paragraphs && paragraphs_are_lines(&d))
            d.given_paragraphs = 0; /* rebuilt as a text file's */
    }
    if (rc == TX_OK) {
        rc = tx_buf_grow(&buf, len + 1);
        tx_buf_reset(&buf); /* terminate: the output may stay empty */
    }
    if (rc == TX_OK)
        rc = mode == CLEAN_SEGMENTS ? tx_cleanup_build_segments(&d, &buf) : build(&d, &buf);
    if (rc == TX_OK) {
        *out = tx_buf_detach(&buf, out_len);
        if (!*out)
            rc = TX_ENOMEM;
    }
    free(d.lines);
    tx_buf_release(&buf);
    if (rc != TX_OK)
        return tx_fail(err, rc, "cannot clean up text: out of memory");
    return TX_OK;
}

tx_status tx_cleanup(const char *text, size_t len, const char *lang, char **out,
                     size_t *out_len, tx_error *err)
{
    (void)lang; /* the rules are for French; other languages get them too */
    return clean(text, len, CLEAN_TEXT, out, out_len, err);
}

tx_status tx_cleanup_document(const char *text, size_t len, const char *lang, char **out,
                              size_t *out_len, tx_error *err)
{
    (void)lang;
    return clean(text, len, CLEAN_DOCUMENT, out, out_len, err);
}

tx_status tx_cleanup_segments(const char *text, size_t len, const char *lang, char **out,
                              size_t *out_len, tx_error *err)
{
    (void)lang;
    return clean(text, len, CLEAN_SEGMENTS, out, out_len, err);
}
