/* cleanup_segments.c: the last pass of tx_cleanup_segments() (cleanup.h;
 * cleanup.c runs the others): each line of segmented text is a paragraph,
 * its words repaired as tx_cleanup()'s are, with the page breaks kept as
 * lines "\f". */
#include "cleanup.h"
#include "cleanupInt.h"

#include <stdlib.h>

#include "buf.h"
#include "error.h"

tx_status tx_cleanup_build_segments(struct doc *d, tx_buf *out)
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
