/* doc_pdf.c: PDF -> segmented text through poppler-glib (docread.h).
 *
 * poppler gives each page's text in reading order (columns one after the
 * other), one line per '\n', with a rectangle per character and the font
 * size of each run of characters.  From these:
 *   1. lines: each line's box (from its characters' rectangles) and font
 *      size (the size most of its characters have);
 *   2. furniture: a short line among the first two or last two of a page,
 *      in the top or bottom sixth of the page, goes when the same line
 *      (digits masked: "Page 3 sur 10" = "Page 4 sur 10") stands there on
 *      most pages (a quarter of them, and at least two), or when it is a bare
 *      page number; footnotes go too: lines in smaller type than the body of
 *      the document below the last line in body type of their page, and
 *      the references to them: digits in smaller type right after a word
 *      ("territoire¹");
 *   3. paragraphs: the lines left are joined in order, across columns and
 *      pages, breaking where the space between two lines is larger than the
 *      usual line pitch, where the type size changes, at an indented first
 *      line, or after a short line ending a sentence; a jump to a new
 *      column or page breaks only when the text does not flow on (the next
 *      line starts with a capital after a sentence end).  A word hyphenated
 *      at a line end is rejoined with tx_cleanup()'s rule
 *      (tx_cleanup_hyphen()).
 * Each paragraph is one line of output; a line holding only '\f' stands for
 * each new page, written just before the first paragraph that starts on it
 * or after it (so that counting '\f' lines gives the page of a paragraph;
 * a page where no paragraph starts has its '\f' line too, next to the
 * following page's).
 *
 * poppler reports problems of the file through GLib's log ("Poppler"
 * domain): a handler that drops them is installed once, so that the library
 * never prints.  Documents are read in worker threads, one each: poppler
 * handles them apart once its global state is set up (install_silence()). */
#include "docread.h"

#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "cleanup.h"
#include "error.h"

/* One line of a page as poppler gives it. */
struct pline {
    size_t off, len;        /* its text in the document's text buffer */
    double x0, y0, x1, y1;  /* its box, in points from the top left */
    double size;            /* the font size of most of its characters */
    double page_h;          /* the height of its page */
    unsigned page;          /* 0-based */
    int drop;               /* furniture or footnote */
    int cell;               /* a piece of a line cut at a wide gap (a table
                               cell): a paragraph of its own */
};

struct pdoc {
    tx_buf text;            /* the text of all lines, one after the other */
    struct pline *lines;
    size_t n, cap;
    double body;            /* the document's body type size */
    double pitch;           /* its usual line pitch */
};

/* ---- quiet GLib ---- */

static void silent(const gchar *domain, GLogLevelFlags level, const gchar *msg,
                   gpointer data)
{
    (void)domain;
    (void)level;
    (void)msg;
    (void)data;
}

/* Once per process: silence the "Poppler" log domain, and open a document
 * (an empty one, which fails) so that poppler sets up its global state here,
 * under g_once()'s lock, not in two worker threads at once. */
static gpointer install_silence(gpointer unused)
{
    GBytes *b = g_bytes_new_static("", 0);
    GError *ge = NULL;
    PopplerDocument *doc;

    (void)unused;
    g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL
                                     | G_LOG_FLAG_RECURSION, silent, NULL);
    doc = poppler_document_new_from_bytes(b, NULL, &ge);
    if (doc)
        g_object_unref(doc);
    if (ge)
        g_error_free(ge);
    g_bytes_unref(b);
    return NULL;
}

/* ---- lines ---- */

static int add_pline(struct pdoc *d, const struct pline *l)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 256;
        struct pline *p = realloc(d->lines, cap * sizeof *p);

        if (!p)
            return -1;
        d->lines = p;
        d->cap = cap;
    }
    d->lines[d->n++] = *l;
    return 0;
}

/* Append character u to the text, as text: ligatures spelled out, control
 * characters as spaces. */
static tx_status add_char(tx_buf *b, gunichar u)
{
    static const char *const lig[] = { "ff", "fi", "fl", "ffi", "ffl", "st", "st" };
    char s[8];
    int n;

    if (u >= 0xFB00 && u <= 0xFB06)
        return tx_buf_add(b, lig[u - 0xFB00], strlen(lig[u - 0xFB00]));
    if (u < 0x20 || u == 0x7F || (u >= 0x80 && u < 0xA0))
        u = ' ';
    n = g_unichar_to_utf8(u, s);
    return tx_buf_add(b, s, (size_t)n);
}

/* The font size of each character of a page (sizes[n_chars]), from its runs. */
static void char_sizes(PopplerPage *pg, double *sizes, size_t n_chars)
{
    GList *attrs = poppler_page_get_text_attributes(pg);

    for (size_t i = 0; i < n_chars; i++)
        sizes[i] = 0;
    for (GList *l = attrs; l; l = l->next) {
        const PopplerTextAttributes *a = l->data;

        for (gint i = a->start_index; i <= a->end_index && i >= 0; i++)
            if ((size_t)i < n_chars)
                sizes[i] = a->font_size;
    }
    poppler_page_free_text_attributes(attrs);
}

/* The sizes of a line's characters: a few distinct ones, counted. */
struct sizes {
    double v[4];
    size_t n[4];
};

static void size_add(struct sizes *z, double v)
{
    int k = 0;

    while (k < 4 && z->n[k] && z->v[k] != v)
        k++;
    if (k == 4)
        return;
    z->v[k] = v;
    z->n[k]++;
}

static double size_mode(const struct sizes *z)
{
    int best = 0;

    for (int k = 1; k < 4; k++)
        if (z->n[k] > z->n[best])
            best = k;
    return z->v[best];
}

/* Close the line being read (from byte `start` of d->text) and keep it if
 * it has text: trailing spaces go.  Starts the next line. */
static int end_line(struct pdoc *d, struct pline *l, size_t start, struct sizes *z)
{
    int rc = 0;

    while (d->text.len > start && d->text.data[d->text.len - 1] == ' ')
        d->text.len--;
    l->off = start;
    l->len = d->text.len - start;
    l->size = size_mode(z);
    if (l->len > 0 && l->x1 >= l->x0)
        rc = add_pline(d, l);
    else
        d->text.len = start;
    l->x0 = l->y0 = 1e9;
    l->x1 = l->y1 = -1e9;
    memset(z, 0, sizeof *z);
    return rc;
}

/* Read page `pg` (number `page`) into d's lines.  0, or -1 out of memory. */
static int read_page(struct pdoc *d, PopplerPage *pg, unsigned page)
{
    char *text = poppler_page_get_text(pg);
    PopplerRectangle *r = NULL;
    guint n_r = 0;
    double *sizes = NULL;
    size_t n_chars;
    struct pline l;
    struct sizes z;
    size_t start = d->text.len, i = 0;
    gunichar last = 0;     /* the last character of the line kept */
    double last_size = 0;  /* its size */
    int in_ref = 0;        /* in a footnote reference being dropped */
    int rc = 0;

    if (!text)
        return 0;
    n_chars = (size_t)g_utf8_strlen(text, -1);
    if (!poppler_page_get_text_layout(pg, &r, &n_r))
        n_r = 0;
    if (n_chars && !(sizes = malloc(n_chars * sizeof *sizes))) {
        g_free(text);
        g_free(r);
        return -1;
    }
    char_sizes(pg, sizes, n_chars);
    memset(&l, 0, sizeof l);
    memset(&z, 0, sizeof z);
    l.page = page;
    poppler_page_get_size(pg, NULL, &l.page_h);
    l.x0 = l.y0 = 1e9;
    l.x1 = l.y1 = -1e9;
    for (const char *s = text; *s && rc == 0; s = g_utf8_next_char(s), i++) {
        gunichar u = g_utf8_get_char(s);
        double em = i < n_chars && sizes[i] > 0 ? sizes[i] : 10;

        if (u == '\n') {
            rc = end_line(d, &l, start, &z);
            start = d->text.len;
            l.cell = 0;
            last = 0;
            in_ref = 0;
            continue;
        }
        if (d->text.len == start && g_unichar_isspace(u))
            continue;
        /* a soft hyphen is a hyphen at a line's end, else nothing */
        if (u == 0xAD) {
            const char *next = g_utf8_next_char(s);
            if (*next && *next != '\n')
                continue;
            u = '-';
        }
        if (i < n_r && !g_unichar_isspace(u) && d->text.len > start) {
            double gap = r[i].x1 - l.x1;

            if (gap > 1.5 * em || gap < -em) { /* a table's next cell */
                l.cell = 1;
                rc = end_line(d, &l, start, &z);
                start = d->text.len;
                last = 0;
            } else if (gap > 0.2 * em && d->text.data[d->text.len - 1] != ' ') {
                rc = add_char(&d->text, ' ') == TX_OK ? 0 : -1;
            }
        }
        /* a footnote reference: digits in small type right after a letter
           (or after such digits, with commas: "2,3") */
        if (i < n_chars && sizes[i] > 0 && sizes[i] < 0.8 * last_size
            && (g_unichar_isdigit(u) || (u == ',' && in_ref))
            && (in_ref || g_unichar_isalpha(last))) {
            in_ref = 1;
            continue;
        }
        in_ref = 0;
        last = u; /* a space, or a line's start, ends a word: no reference */
        last_size = i < n_chars ? sizes[i] : 0;
        if (rc == 0)
            rc = add_char(&d->text, u) == TX_OK ? 0 : -1;
        if (i < n_r && !g_unichar_isspace(u)) {
            l.x0 = r[i].x1 < l.x0 ? r[i].x1 : l.x0;
            l.y0 = r[i].y1 < l.y0 ? r[i].y1 : l.y0;
            l.x1 = r[i].x2 > l.x1 ? r[i].x2 : l.x1;
            l.y1 = r[i].y2 > l.y1 ? r[i].y2 : l.y1;
            if (i < n_chars)
                size_add(&z, sizes[i]);
        }
    }
    if (rc == 0)
        rc = end_line(d, &l, start, &z);
    free(sizes);
    g_free(r);
    g_free(text);
    return rc;
}

/* ---- furniture and footnotes ---- */

/* A line that may be a running header or footer: short, among the first two
 * or last two lines of its page (lines [first, end)), in the top or bottom
 * sixth of the page. */
static int in_band(const struct pdoc *d, size_t i, size_t first, size_t end)
{
    const struct pline *l = &d->lines[i];
    size_t above = 0, below = 0;

    if (l->len > 200 || !(l->y1 < l->page_h / 6 || l->y0 > l->page_h * 5 / 6))
        return 0;
    if (end - first > 2000) /* a hostile page: its first and last two lines */
        return i < first + 2 || i + 2 >= end;
    for (size_t k = first; k < end && (above < 2 || below < 2); k++) {
        above += d->lines[k].y0 < l->y0;
        below += d->lines[k].y0 > l->y0;
    }
    return above < 2 || below < 2;
}

/* A line's text with its digits masked ('#'), malloc'ed; NULL out of memory. */
static char *masked(const struct pdoc *d, const struct pline *l)
{
    char *s = malloc(l->len + 1);

    if (!s)
        return NULL;
    for (size_t k = 0; k < l->len; k++) {
        char c = d->text.data[l->off + k];
        s[k] = c >= '0' && c <= '9' ? '#' : c;
    }
    s[l->len] = '\0';
    return s;
}

/* A bare page number: "12", "- 12 -", "12/40", "xiv". */
static int is_page_number(const char *s)
{
    int digit = 0;
    size_t n = strlen(s);

    if (n > 0 && n <= 6 && strspn(s, "ivxlc") == n)
        return 1;
    for (; *s; s++) {
        if (*s == '#')
            digit = 1;
        else if (!strchr(" -/().[]", *s))
            return 0;
    }
    return digit;
}

struct band { char *key; size_t line; unsigned page; };

static int band_cmp(const void *a, const void *b)
{
    const struct band *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    return c ? c : (x->page > y->page) - (x->page < y->page);
}

/* Mark running headers, footers and page numbers (the header comment).
 * 0, or -1 out of memory. */
static int mark_furniture(struct pdoc *d, unsigned n_pages)
{
    struct band *v = malloc((d->n + 1) * sizeof *v);
    size_t n = 0, first = 0, end = 0;
    int rc = 0;

    if (!v)
        return -1;
    for (size_t i = 0; i < d->n && rc == 0; i++) {
        if (i == 0 || d->lines[i].page != d->lines[i - 1].page)
            for (first = end = i; end < d->n && d->lines[end].page == d->lines[i].page;)
                end++;
        if (!in_band(d, i, first, end))
            continue;
        if (!(v[n].key = masked(d, &d->lines[i]))) {
            rc = -1;
        } else if (is_page_number(v[n].key)) {
            free(v[n].key);
            d->lines[i].drop = 1;
        } else {
            v[n].line = i;
            v[n++].page = d->lines[i].page;
        }
    }
    qsort(v, n, sizeof *v, band_cmp);
    for (size_t i = 0, j; i < n; i = j) {
        unsigned pages = 1;

        for (j = i + 1; j < n && strcmp(v[j].key, v[i].key) == 0; j++)
            pages += v[j].page != v[j - 1].page;
        if (pages >= 2 && pages * 4 >= n_pages)
            for (size_t k = i; k < j; k++)
                d->lines[v[k].line].drop = 1;
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].key);
    free(v);
    return rc;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* The body type size (the size of most of the lines left) and the usual
 * line pitch (the median distance between the tops of two lines of body
 * type that follow each other down a column).  0, or -1 out of memory. */
static int measure(struct pdoc *d)
{
    double *v = malloc((d->n + 1) * sizeof *v);
    size_t n = 0;
    double best = 0;

    if (!v)
        return -1;
    for (size_t i = 0; i < d->n; i++)
        if (!d->lines[i].drop)
            v[n++] = d->lines[i].size;
    qsort(v, n, sizeof *v, cmp_double);
    d->body = 0;
    for (size_t i = 0, j; i < n; i = j) {
        size_t bytes = 0;

        for (j = i; j < n && v[j] == v[i]; j++)
            bytes++;
        if (bytes > best) {
            best = (double)bytes;
            d->body = v[i];
        }
    }
    n = 0;
    for (size_t i = 1; i < d->n; i++) {
        const struct pline *a = &d->lines[i - 1], *b = &d->lines[i];
        double p = b->y0 - a->y0;

        if (a->page == b->page && a->size == d->body && b->size == d->body
            && p > 0 && p < 3 * d->body && b->x0 < a->x1 && b->x1 > a->x0)
            v[n++] = p;
    }
    qsort(v, n, sizeof *v, cmp_double);
    d->pitch = n ? v[n / 2] : 1.3 * d->body;
    free(v);
    return 0;
}

/* Drop footnotes: lines in smaller type than the body below the last line
 * of body type of their page. */
static void mark_footnotes(struct pdoc *d)
{
    for (size_t first = 0, end; first < d->n; first = end) {
        double bottom = -1e9;

        for (end = first; end < d->n && d->lines[end].page == d->lines[first].page; end++)
            if (!d->lines[end].drop && d->lines[end].size >= d->body * 0.95
                && d->lines[end].y1 > bottom)
                bottom = d->lines[end].y1;
        for (size_t i = first; i < end; i++)
            if (d->lines[i].size < d->body * 0.9 && d->lines[i].y0 >= bottom)
                d->lines[i].drop = 1;
    }
}

/* ---- paragraphs ---- */

static int starts_lower(const struct pdoc *d, const struct pline *l)
{
    return g_unichar_islower(g_utf8_get_char_validated(d->text.data + l->off,
                                                       (gssize)l->len));
}

static int ends_sentence(const struct pdoc *d, const struct pline *l)
{
    char c = d->text.data[l->off + l->len - 1];

    return strchr(".!?:", c) != NULL
           || (l->len >= 3 && memcmp(d->text.data + l->off + l->len - 3, "\xE2\x80\xA6", 3) == 0);
}

/* The right edge of the column of line i: the right end of the longest
 * reach among the lines of its page it overlaps horizontally. */
static double right_edge(const struct pdoc *d, size_t i)
{
    const struct pline *l = &d->lines[i];
    double right = l->x1;
    size_t lo = i > 60 ? i - 60 : 0;

    for (size_t k = lo; k < d->n && k < i + 60; k++) {
        const struct pline *o = &d->lines[k];

        if (o->page == l->page && !o->drop && o->x0 < l->x1 && o->x1 > l->x0
            && o->x1 > right)
            right = o->x1;
    }
    return right;
}

/* Does line a (line number ia) end its paragraph before line b? */
static int breaks(const struct pdoc *d, size_t ia, const struct pline *b)
{
    const struct pline *a = &d->lines[ia];
    int down = a->page == b->page && b->y0 > a->y0 + 0.3 * a->size
               && b->x0 < a->x1 && b->x1 > a->x0;
    double right = right_edge(d, ia);
    int is_short = a->x1 < right - 4 * a->size;
    double sz = a->size > b->size ? a->size - b->size : b->size - a->size;

    if (a->cell || b->cell)
        return 1;
    if (down) {
        if (b->y0 - a->y0 > 1.4 * d->pitch || sz > 0.5)
            return 1;
        if (tx_cleanup_hyphen(d->text.data + a->off, a->len, d->text.data + b->off,
                              b->len) != TX_HYPHEN_NONE)
            return 0;
        if (b->x0 > a->x0 + a->size && ends_sentence(d, a))
            return 1;
        /* two lines that both fill less than half the column: list items,
           the cells of a table's column */
        if (a->x1 - a->x0 < 0.5 * (right - a->x0) && b->x1 - b->x0 < 0.5 * (right - a->x0))
            return 1;
        return is_short && (ends_sentence(d, a) || !starts_lower(d, b));
    }
    /* a new column or page */
    if (sz > 0.5)
        return 1;
    if (tx_cleanup_hyphen(d->text.data + a->off, a->len, d->text.data + b->off,
                          b->len) != TX_HYPHEN_NONE || starts_lower(d, b))
        return 0;
    return ends_sentence(d, a) || is_short;
}

/* Append line b to paragraph `para`, after line a (NULL: the first line). */
static tx_status join_line(const struct pdoc *d, tx_buf *para, const struct pline *a,
                           const struct pline *b)
{
    const char *s = d->text.data + b->off;

    if (a) {
        tx_hyphen_join h = tx_cleanup_hyphen(d->text.data + a->off, a->len, s, b->len);

        if (h == TX_HYPHEN_DROP)
            para->data[--para->len] = '\0';
        else if (h == TX_HYPHEN_NONE && tx_buf_addch(para, ' ') != TX_OK)
            return TX_ENOMEM;
    }
    /* one space between words */
    for (size_t k = 0; k < b->len; k++)
        if ((s[k] != ' ' || (k + 1 < b->len && s[k + 1] != ' '))
            && tx_buf_addch(para, s[k]) != TX_OK)
            return TX_ENOMEM;
    return TX_OK;
}

/* Write paragraph `para`, which starts on page `page`, to `out`, after the
 * '\f' lines of the pages since *pages_out. */
static tx_status put_para(tx_buf *out, tx_buf *para, unsigned page, unsigned *pages_out)
{
    tx_status rc = TX_OK;

    if (para->len == 0)
        return TX_OK;
    for (; *pages_out < page && rc == TX_OK; ++*pages_out)
        rc = tx_buf_add(out, "\f\n", 2);
    if (rc == TX_OK && (rc = tx_buf_add(out, para->data, para->len)) == TX_OK)
        rc = tx_buf_addch(out, '\n');
    tx_buf_reset(para);
    return rc;
}

/* Join the lines left into paragraphs, written to `out`. */
static tx_status paragraphs(const struct pdoc *d, tx_buf *out)
{
    tx_buf para = TX_BUF_INIT;
    size_t prev = (size_t)-1;
    unsigned pages_out = 0, start_page = 0;
    tx_status rc = TX_OK;

    for (size_t i = 0; i < d->n && rc == TX_OK; i++) {
        const struct pline *b = &d->lines[i];

        if (b->drop)
            continue;
        if (prev != (size_t)-1 && breaks(d, prev, b)) {
            rc = put_para(out, &para, start_page, &pages_out);
            prev = (size_t)-1;
        }
        if (prev == (size_t)-1)
            start_page = b->page;
        if (rc == TX_OK)
            rc = join_line(d, &para, prev == (size_t)-1 ? NULL : &d->lines[prev], b);
        prev = i;
    }
    if (rc == TX_OK)
        rc = put_para(out, &para, start_page, &pages_out);
    tx_buf_release(&para);
    return rc;
}

/* ---- the reader ---- */

/* Open the document; TX_EINPUT with a message naming it when poppler cannot. */
static tx_status open_pdf(const char *name, const char *data, size_t len,
                          PopplerDocument **doc, tx_error *err)
{
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *ge = NULL;
    tx_status rc = TX_OK;

    *doc = poppler_document_new_from_bytes(bytes, NULL, &ge);
    if (!*doc) {
        if (ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED)
            rc = tx_fail(err, TX_EINPUT, "%s: encrypted (a password is needed)", name);
        else
            rc = tx_fail(err, TX_EINPUT, "%s: %s", name,
                         ge && ge->message ? ge->message : "not a readable PDF");
    }
    if (ge)
        g_error_free(ge);
    g_bytes_unref(bytes);
    return rc;
}

/* Read the pages of `doc` (n_pages of them) into d's lines. */
static tx_status read_pages(const char *name, PopplerDocument *doc, int n_pages,
                            struct pdoc *d, tx_error *err)
{
    for (int p = 0; p < n_pages; p++) {
        PopplerPage *pg = poppler_document_get_page(doc, p);
        int rc;

        if (!pg)
            continue;
        rc = read_page(d, pg, (unsigned)p);
        g_object_unref(pg);
        if (rc < 0)
            return tx_fail(err, TX_ENOMEM, "%s: out of memory reading page %d", name,
                           p + 1);
    }
    return TX_OK;
}

tx_status tx_doc_read_pdf(const char *name, const char *data, size_t len,
                          const tx_doc_opts *o, tx_buf *out, tx_doc_info *info,
                          tx_error *err)
{
    static GOnce quiet = G_ONCE_INIT;
    PopplerDocument *doc;
    struct pdoc d;
    int n_pages;
    tx_status rc;

    g_once(&quiet, install_silence, NULL);
    memset(info, 0, sizeof *info);
    info->format = TX_DOC_PDF;
    if ((rc = open_pdf(name, data, len, &doc, err)) != TX_OK)
        return rc;
    n_pages = poppler_document_get_n_pages(doc);
    if (n_pages < 0 || (unsigned)n_pages > o->max_pages) {
        g_object_unref(doc);
        return tx_fail(err, TX_EINPUT, "%s: %d pages, more than the limit of %u", name,
                       n_pages, o->max_pages);
    }
    memset(&d, 0, sizeof d);
    rc = read_pages(name, doc, n_pages, &d, err);
    g_object_unref(doc);
    info->n_pages = (unsigned)n_pages;
    if (rc == TX_OK && d.n == 0)
        rc = tx_fail(err, TX_EINPUT, "%s: no text on any of its %d pages (a scanned "
                     "document? run OCR first)", name, n_pages);
    if (rc == TX_OK && (mark_furniture(&d, (unsigned)n_pages) < 0 || measure(&d) < 0))
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", name);
    if (rc == TX_OK) {
        mark_footnotes(&d);
        for (size_t i = 0; i < d.n; i++)
            info->n_dropped += (unsigned)d.lines[i].drop;
        if ((rc = paragraphs(&d, out)) != TX_OK)
            rc = tx_fail(err, rc, "%s: out of memory", name);
    }
    free(d.lines);
    tx_buf_release(&d.text);
    return rc;
}
