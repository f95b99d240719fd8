/* fuzz_pdf.c: tx_doc_read_pdf() on any bytes. */
#include "fuzz.h"

#include "docread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tx_doc_opts o;
    tx_doc_info info;
    tx_buf out = TX_BUF_INIT;
    tx_error err;

    tx_doc_opts_init(&o);
    o.max_pages = 50;
    if (tx_doc_read_pdf("fuzz.pdf", (const char *)data, size, &o, &out, &info, &err)
        == TX_OK) {
        /* the contract: no empty line, each line ends with '\n' */
        for (size_t i = 0; i < out.len; i++)
            if (out.data[i] == '\n' && (i == 0 || out.data[i - 1] == '\n'))
                abort();
        if (out.len && out.data[out.len - 1] != '\n')
            abort();
    } else {
        (void)strlen(err.msg);
    }
    tx_buf_release(&out);
    return 0;
}
