/* fuzz_html.c: tx_doc_read_html() on any bytes; the text it gives must be
 * segmented text (docread.h): valid UTF-8 lines, none empty. */
#include "fuzz.h"

#include "fuzz_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tx_doc_opts o;
    tx_doc_info info;
    tx_error err;
    tx_buf out = TX_BUF_INIT;

    tx_doc_opts_init(&o);
    if (tx_doc_read_html("fuzz.html", (const char *)data, size, &o, &out, &info, &err)
        == TX_OK)
        tx_fuzz_check_segmented(&out);
    (void)strlen(err.msg);
    tx_buf_release(&out);
    return 0;
}
