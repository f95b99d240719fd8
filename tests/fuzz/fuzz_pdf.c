/* fuzz_pdf.c: tx_doc_read_pdf() on any bytes; the text it gives must be
 * segmented text (docread.h). */
#include "fuzz.h"

#include "fuzz_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tx_doc_opts o;
    tx_doc_info info;
    tx_buf out = TX_BUF_INIT;
    tx_error err;

    tx_doc_opts_init(&o);
    o.max_pages = 50;
    if (tx_doc_read_pdf("fuzz.pdf", (const char *)data, size, &o, &out, &info, &err)
        == TX_OK)
        tx_fuzz_check_segmented(&out);
    else
        (void)strlen(err.msg);
    tx_buf_release(&out);
    return 0;
}
