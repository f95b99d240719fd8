/* cleanup_segments.c: tx_cleanup() in line mode (see cleanup.h): each line
 * of segmented text is a paragraph, its words repaired as tx_cleanup()'s
 * are, with the page breaks kept as lines "\f". */
#include "cleanup.h"
#include "cleanupInt.h"

#include <stdlib.h>

#include "buf.h"
#include "error.h"

/* Append the lines of `d` to `out`, each as its own paragraph, each page
 * break before the next paragraph as a line "\f" (a page without a
 * paragraph keeps its line, so that counting them gives the page). */
static tx_status build_segments(struct doc *d, tx_buf *out)
{
    tx_buf para = TX_BUF_INIT;
    char *tmp = NULL;
    size_t tmp_cap = 0;
    size_t n_breaks = 0; /* page breaks since the last paragraph written */
    tx_status rc = TX_OK;

    for (size_t i = 0; i < d->n_lines && rc == TX_OK; i++) {
        const struct line *ln = &d->lines[i];
        size_t before = out->len;

        if (ln->kind == LINE_PAGE) {
            n_breaks++;
            continue;
        }
        if (ln->kind != LINE_TEXT)
            continue;
        tx_buf_reset(&para);
        for (size_t k = 0; k < n_breaks && rc == TX_OK; k++)
            rc = tx_buf_add(out, "\f\n", 2);
        if (rc == TX_OK && (rc = tx_buf_add(&para, d->text + ln->start, ln->len)) == TX_OK)
            rc = tx_cleanup_add_paragraph(d, out, &para, &tmp, &tmp_cap);
        if (rc == TX_OK && out->len == before + 2 * n_breaks) {
            out->len = before; /* nothing left of the line: its page breaks wait */
            out->data[out->len] = '\0';
        } else {
            n_breaks = 0;
        }
    }
    tx_buf_release(&para);
    free(tmp);
    return rc;
}

tx_status tx_cleanup_segments(const char *text, size_t len, const char *lang, char **out,
                              size_t *out_len, tx_error *err)
{
    struct doc d;
    tx_buf buf = TX_BUF_INIT;
    tx_status rc;

    (void)lang;
    *out = NULL;
    *out_len = 0;
    memset(&d, 0, sizeof d);
    d.text = text;
    d.len = len;
    d.next_note = 1;
    rc = tx_cleanup_split_lines(&d);
    if (rc == TX_OK) {
        rc = tx_buf_grow(&buf, len + 1);
        tx_buf_reset(&buf); /* terminate: the output may stay empty */
    }
    if (rc == TX_OK)
        rc = build_segments(&d, &buf);
    if (rc == TX_OK && !(*out = tx_buf_detach(&buf, out_len)))
        rc = TX_ENOMEM;
    free(d.lines);
    tx_buf_release(&buf);
    if (rc != TX_OK)
        return tx_fail(err, rc, "cannot clean up text: out of memory");
    return TX_OK;
}
