/* fuzz_html.c: tx_doc_read_html() on any bytes; the text it gives must be
 * segmented text (docread.h): valid UTF-8 lines, none empty. */
#include "fuzz.h"

#include "buf.h"
#include "docread.h"
#include "docseg.h"

/* abort() when `out` breaks the contract, so that the fuzzer reports it. */
static void check_segmented(const tx_buf *out)
{
    const char *p = tx_buf_str(out);
    const char *end = p + out->len;

    if (!tx_docseg_is_utf8(p, out->len) || (out->len > 0 && end[-1] != '\n'))
        abort();
    for (; p < end; p++)
        if (*p == '\n' && (p == tx_buf_str(out) || p[-1] == '\n'))
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tx_doc_opts o;
    tx_doc_info info;
    tx_error err;
    tx_buf out = TX_BUF_INIT;

    tx_doc_opts_init(&o);
    if (tx_doc_read_html("fuzz.html", (const char *)data, size, &o, &out, &info, &err)
        == TX_OK)
        check_segmented(&out);
    (void)strlen(err.msg);
    tx_buf_release(&out);
    return 0;
}
