/* cleanupInt.h: what the passes of tx_cleanup() share (cleanup.c, and
 * cleanup_lines.c for the first pass), as SQLite's vdbeInt.h is.  Not for
 * use outside extractor/. */
#ifndef TX_CLEANUPINT_H
#define TX_CLEANUPINT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "tx.h"

enum line_kind {
    LINE_TEXT,
    LINE_EMPTY, /* nothing at all */
    LINE_BLANK, /* spaces only: a paragraph break in double-spaced extractions */
    LINE_JUNK,  /* dropped: page furniture, URL, footnote */
    LINE_PAGE   /* a page break (\f): junk, and a "\f" line in the output */
};

struct line {
    size_t start;    /* offset of the first non-space byte in the text */
    uint32_t len;    /* bytes of content, leading and trailing spaces excluded */
    uint32_t chars;  /* characters of content */
    uint16_t indent; /* leading spaces and tabs (capped) */
    uint8_t kind;    /* enum line_kind */
    uint8_t hard;    /* a '\n' (or the start, or a page break) came before the
                      * line, not a '\v': with d->given_paragraphs, it starts
                      * a paragraph */
};

/* The document being cleaned: its text, its lines, what the passes learn. */
struct doc {
    const char *text;
    size_t len;
    struct line *lines;
    size_t n_lines;
    size_t cap_lines;
    unsigned char notes[100]; /* notes[n]: footnote n exists (1-99) */
    int has_notes;
    int next_note;     /* footnote references come in order: the next one */
    int double_spaced; /* every line is followed by an empty line */
    size_t short_chars; /* a text line shorter than this ends its paragraph */
    int given_paragraphs; /* tx_cleanup_document(): each '\n' ends a paragraph,
                           * only the lines between '\v's may join */
};

/* ---- byte tests (the text is UTF-8: ASCII bytes are ASCII characters) ---- */

static inline int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v';
}

static inline int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline int starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);

    return len >= n && memcmp(s, prefix, n) == 0;
}

static inline int is_url(const char *s, size_t len)
{
    return starts_with(s, len, "http://") || starts_with(s, len, "https://")
           || starts_with(s, len, "www.");
}

static inline int all_digits(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (!is_digit(s[i]))
            return 0;
    }
    return 1;
}

/* Pass 1 (cleanup_lines.c).  Split d->text into d->lines at \n; a form feed
 * (pdftotext's page break) also ends a line and leaves a LINE_PAGE line that
 * marks the page break.  TX_OK or TX_ENOMEM; d->lines is the caller's to free. */
tx_status tx_cleanup_split_lines(struct doc *d);

/* cleanup.c: repair the paragraph in `para` (its words: URLs, bold
 * markers, footnote numbers when d->has_notes, apostrophes, spaces) and
 * append it with a newline to `out`; nothing when no word is left.  *tmp
 * (*tmp_cap bytes) is scratch space the caller frees.  TX_OK or TX_ENOMEM. */
tx_status tx_cleanup_add_paragraph(struct doc *d, tx_buf *out, tx_buf *para, char **tmp,
                                   size_t *tmp_cap);

/* Mark the running headers and footers of a text with form feeds as junk
 * (before tx_cleanup_mark_junk()).  TX_OK or TX_ENOMEM. */
tx_status tx_cleanup_mark_running(struct doc *d);

/* cleanup_segments.c: append the lines of `d` to `out`, each as its own
 * paragraph (its words repaired), each page break before the next paragraph
 * as a line "\f" (a page without a paragraph keeps its line, so that
 * counting them gives the page).  TX_OK or TX_ENOMEM. */
tx_status tx_cleanup_build_segments(struct doc *d, tx_buf *out);

/* Mark page furniture, URLs and footnote blocks as junk and record the
 * footnote numbers in d->notes. */
void tx_cleanup_mark_junk(struct doc *d);

#endif
