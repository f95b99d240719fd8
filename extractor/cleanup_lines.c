/* cleanup_lines.c: the first pass of tx_cleanup() (cleanup.c): split the
 * text into lines, measure them (indent, length), and classify each as text,
 * empty, whitespace-only or junk (page furniture, URLs, footnote blocks),
 * collecting the footnote numbers on the way. */
#include "cleanupInt.h"

#include <stdlib.h>

/* Number of characters (not bytes) in s[0..len). */
static size_t n_chars(const char *s, size_t len)
{
    size_t cont = 0, i = 0;

    /* Eight bytes at a time: a continuation byte has bit 7 set, bit 6 clear. */
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        cont += (size_t)__builtin_popcountll(x & ~(x << 1) & 0x8080808080808080ULL);
    }
    for (; i < len; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return len - cont;
}

/* ---- lines ---------------------------------------------------------------------- */

static tx_status add_line(struct doc *d, size_t start, size_t end, int page_break)
{
    struct line *ln;
    size_t indent = 0;

    if (d->n_lines == d->cap_lines) {
        size_t cap = d->cap_lines ? d->cap_lines * 2 : 256;
        struct line *p = realloc(d->lines, cap * sizeof *p);

        if (!p)
            return TX_ENOMEM;
        d->lines = p;
        d->cap_lines = cap;
    }
    ln = &d->lines[d->n_lines++];
    if (page_break) {
        memset(ln, 0, sizeof *ln);
        ln->kind = LINE_PAGE;
        return TX_OK;
    }
    while (start + indent < end && is_space(d->text[start + indent]))
        indent++;
    while (end > start + indent && is_space(d->text[end - 1]))
        end--;
    ln->start = start + indent;
    ln->len = end - ln->start > UINT32_MAX ? UINT32_MAX : (uint32_t)(end - ln->start);
    ln->chars = (uint32_t)n_chars(d->text + ln->start, ln->len);
    ln->indent = indent > 1000 ? 1000 : (uint16_t)indent;
    if (ln->len > 0)
        ln->kind = LINE_TEXT;
    else
        ln->kind = indent > 0 ? LINE_BLANK : LINE_EMPTY;
    return TX_OK;
}

/* Split the text into lines at \n and \v (a line break inside a
 * paragraph); a form feed (pdftotext's page break) also ends a line and
 * leaves a LINE_PAGE line that marks the page break.  A line after a \v is
 * not hard (struct line). */
tx_status tx_cleanup_split_lines(struct doc *d)
{
    size_t start = 0;
    int hard = 1;
    /* Most texts have neither: then memchr() finds the line ends. */
    int slow = memchr(d->text, '\f', d->len) != NULL || memchr(d->text, '\v', d->len) != NULL;

    for (size_t i = 0; i <= d->len; i++) {
        if (!slow) {
            const char *nl = memchr(d->text + i, '\n', d->len - i);
            i = nl ? (size_t)(nl - d->text) : d->len;
        } else if (i < d->len && d->text[i] != '\n' && d->text[i] != '\f' &&
                   d->text[i] != '\v') {
            continue;
        }
        if (i == d->len && start == d->len)
            break; /* no line after a final newline */
        if (add_line(d, start, i, 0) != TX_OK)
            return TX_ENOMEM;
        d->lines[d->n_lines - 1].hard = (uint8_t)hard;
        hard = i >= d->len || d->text[i] != '\v';
        if (i < d->len && d->text[i] == '\f' && add_line(d, i, i, 1) != TX_OK)
            return TX_ENOMEM;
        start = i + 1;
    }
    return TX_OK;
}

/* ---- junk lines ---------------------------------------------------------------- */

/* A UN document symbol: "A/76/L.35", "A/C.2/72/3", "S/2017/600",
 * "A/71/982-S/2017/600": a capital, then letters, digits and . - ( ), with
 * at least one slash and one digit. */
static int is_symbol(const char *s, size_t len)
{
    int slash = 0;
    int digit = 0;

    if (len < 3 || s[0] < 'A' || s[0] > 'Z')
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];

        if (c == '/')
            slash = 1;
        else if (is_digit(c))
            digit = 1;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.'
                   || c == '-' || c == '(' || c == ')'))
            return 0;
    }
    return slash && digit;
}

/* 2 = a token found only in page headers and footers: job number
 * "17-20793", barcode "*1720793*", page "2/5", print dates "291117", page
 * number "3", document symbol; 1 = a token that may accompany them ("Nations
 * Unies  A/C.2/72/3", "17-20793 (F)"); 0 = anything else. */
static int furniture_token(const char *s, size_t len)
{
    const char *slash;

    if (len == 8 && all_digits(s, 2) && s[2] == '-' && all_digits(s + 3, 5))
        return 2;
    if (len == 9 && all_digits(s, 2) && s[2] == '-' && all_digits(s + 3, 5)
        && s[8] >= 'A' && s[8] <= 'Z')
        return 2;
    if (len >= 4 && s[0] == '*' && s[len - 1] == '*' && all_digits(s + 1, len - 2))
        return 2;
    slash = memchr(s, '/', len);
    if (slash && all_digits(s, (size_t)(slash - s))
        && all_digits(slash + 1, len - (size_t)(slash - s) - 1) && len <= 7)
        return 2;
    if (all_digits(s, len) && (len <= 4 || len == 6))
        return 2;
    if (is_symbol(s, len))
        return 2;
    if ((len == 7 && memcmp(s, "Nations", 7) == 0)
        || (len == 5 && memcmp(s, "Unies", 5) == 0)
        || (len == 3 && s[0] == '(' && s[1] >= 'A' && s[1] <= 'Z' && s[2] == ')'))
        return 1;
    return 0;
}

/* A line of page furniture: every token is one, and at least one is strong. */
static int is_furniture(const char *s, size_t len)
{
    int strong = 0;
    size_t i = 0;

    if (starts_with(s, len, "Distr.") || starts_with(s, len, "Original :")
        || starts_with(s, len, "Original:") || starts_with(s, len, "[Original"))
        return 1;
    while (i < len) {
        size_t j = i;
        int k;

        while (j < len && !is_space(s[j]))
            j++;
        k = furniture_token(s + i, j - i);
        if (k == 0)
            return 0;
        strong |= k == 2;
        while (j < len && is_space(s[j]))
            j++;
        i = j;
    }
    return strong;
}

static int is_separator(const char *s, size_t len)
{
    if (len < 3)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '_')
            return 0;
    }
    return 1;
}

/* A footnote entry (leading spaces already skipped): "12 Résolution 70/1."
 * or "* Toute modification...".  Returns the number (0 for '*'), or -1. */
static int footnote_entry(const char *s, size_t len)
{
    size_t i = 0;
    int n = 0;

    if (len > 0 && s[0] == '*') {
        while (i < len && s[i] == '*')
            i++;
        n = 0;
    } else {
        while (i < len && is_digit(s[i]) && i < 3)
            n = n * 10 + (s[i++] - '0');
        if (i == 0 || (i < len && is_digit(s[i])))
            return -1;
    }
    if (i >= len || !is_space(s[i]))
        return -1;
    while (i < len && is_space(s[i]))
        i++;
    return i < len ? n : -1;
}

/* Mark page furniture, URLs and footnote blocks as junk and record the
 * footnote numbers.  A footnote block starts at a line of underscores and
 * holds entries ("N text": any number first, then in sequence, or "*") and
 * their continuation lines (at column 0, after an entry not ending with '.');
 * it ends at a URL line (the page's link list), a whitespace-only line, or
 * any other line. */
void tx_cleanup_mark_junk(struct doc *d)
{
    int in_notes = 0;
    int first_in_block = 0;
    int can_continue = 0;
    int last_note = 0;

    for (size_t i = 0; i < d->n_lines; i++) {
        struct line *ln = &d->lines[i];
        const char *s = d->text + ln->start;

        if (ln->kind == LINE_JUNK || ln->kind == LINE_PAGE)
            continue;
        if (in_notes) {
            int n;

            if (ln->kind == LINE_EMPTY) {
                ln->kind = LINE_JUNK;
                continue;
            }
            if (ln->kind == LINE_BLANK) {
                in_notes = 0;
                continue;
            }
            n = footnote_entry(s, ln->len);
            if (n == 0 || (n > 0 && (first_in_block || n == last_note + 1 || n == 1))) {
                if (n > 0) {
                    last_note = n;
                    if (n < 100) {
                        d->notes[n] = 1;
                        d->has_notes = 1;
                    }
                }
                first_in_block = 0;
                can_continue = s[ln->len - 1] != '.';
                ln->kind = LINE_JUNK;
                continue;
            }
            if (can_continue && ln->indent == 0 && !is_url(s, ln->len)) {
                can_continue = s[ln->len - 1] != '.';
                ln->kind = LINE_JUNK;
                continue;
            }
            in_notes = 0;
        }
        if (ln->kind != LINE_TEXT)
            continue;
        if (is_separator(s, ln->len)) {
            ln->kind = LINE_JUNK;
            in_notes = 1;
            first_in_block = 1;
            can_continue = 0;
        } else if ((is_url(s, ln->len) && !memchr(s, ' ', ln->len))
                   || is_furniture(s, ln->len)) {
            ln->kind = LINE_JUNK;
        }
    }
}

/* ---- running headers and footers ---------------------------------------------- */

/* A line that may be a running header or footer. */
struct run_cand {
    size_t line;
    size_t page;
};

/* The document being sorted (qsort() passes no argument): one thread at a
 * time must not be assumed, so these are thread-local. */
static _Thread_local const struct doc *run_doc;
static _Thread_local const char *run_text;

/* Compare two lines' text with every digit equal to every other. */
static int masked_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    for (size_t i = 0; i < an && i < bn; i++) {
        unsigned char x = is_digit(a[i]) ? '0' : (unsigned char)a[i];
        unsigned char y = is_digit(b[i]) ? '0' : (unsigned char)b[i];

        if (x != y)
            return x < y ? -1 : 1;
    }
    return (an > bn) - (an < bn);
}

static int run_cmp(const void *pa, const void *pb)
{
    const struct run_cand *a = pa, *b = pb;
    const struct line *x = &run_doc->lines[a->line], *y = &run_doc->lines[b->line];
    int c = masked_cmp(run_text + x->start, x->len, run_text + y->start, y->len);

    return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Take the first two and the last two text lines of the page [first, end)
 * that are short (at most 60 characters) as candidates. */
static void page_cands(const struct doc *d, size_t first, size_t end, size_t page,
                       struct run_cand *v, size_t *n)
{
    size_t taken = 0, last = end;

    for (size_t i = first; i < end && taken < 2; i++) {
        if (d->lines[i].kind != LINE_TEXT)
            continue;
        if (d->lines[i].chars <= 60)
            v[(*n)++] = (struct run_cand){ i, page };
        taken++;
        last = i;
    }
    taken = 0;
    for (size_t i = end; i > first && taken < 2; i--) {
        if (d->lines[i - 1].kind != LINE_TEXT)
            continue;
        if (i - 1 <= last)
            break; /* among the first two already */
        if (d->lines[i - 1].chars <= 60)
            v[(*n)++] = (struct run_cand){ i - 1, page };
        taken++;
    }
}

/* Mark as junk the running headers and footers of a text with form feeds
 * (pdftotext's pages): a short line among the first two or last two text
 * lines of a page that stands there, digits masked ("Page 3 of 10"), on
 * most pages (half of them, at least two; three pages at least).
 * TX_OK or TX_ENOMEM. */
tx_status tx_cleanup_mark_running(struct doc *d)
{
    size_t n_pages = 1, n = 0, page = 0, first = 0;
    struct run_cand *v;

    for (size_t i = 0; i < d->n_lines; i++)
        n_pages += d->lines[i].kind == LINE_PAGE;
    if (n_pages < 3)
        return TX_OK;
    if (!(v = malloc(4 * n_pages * sizeof *v)))
        return TX_ENOMEM;
    for (size_t i = 0; i <= d->n_lines; i++) {
        if (i < d->n_lines && d->lines[i].kind != LINE_PAGE)
            continue;
        page_cands(d, first, i, page++, v, &n);
        first = i + 1;
    }
    run_doc = d;
    run_text = d->text;
    qsort(v, n, sizeof *v, run_cmp);
    for (size_t i = 0, j; i < n; i = j) {
        const struct line *a = &d->lines[v[i].line];
        size_t pages = 1;

        for (j = i + 1; j < n; j++) {
            const struct line *b = &d->lines[v[j].line];

            if (masked_cmp(d->text + a->start, a->len, d->text + b->start, b->len) != 0)
                break;
            pages += v[j].page != v[j - 1].page;
        }
        if (pages >= 2 && pages * 2 >= n_pages)
            for (size_t k = i; k < j; k++)
                d->lines[v[k].line].kind = LINE_JUNK;
    }
    free(v);
    return TX_OK;
}
