/* fuzz_doc.h: what the fuzz targets of the document readers share (after
 * fuzz.h). */
#ifndef TX_FUZZ_DOC_H
#define TX_FUZZ_DOC_H

#include "buf.h"
#include "docread.h"
#include "docseg.h"

/* abort() when `out`, a reader's output, is not segmented text (docread.h):
 * valid UTF-8 lines, each ending with '\n', none empty; so that the fuzzer
 * reports it. */
static void tx_fuzz_check_segmented(const tx_buf *out)
{
    const char *p = tx_buf_str(out);
    const char *end = p + out->len;

    if (!tx_docseg_is_utf8(p, out->len) || (out->len > 0 && end[-1] != '\n'))
        abort();
    for (; p < end; p++)
        if (*p == '\n' && (p == tx_buf_str(out) || p[-1] == '\n'))
            abort();
}

#endif
