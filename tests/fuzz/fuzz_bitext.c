/* fuzz_bitext.c: tx_doc_read_bitext() on any bytes, as XLIFF, TMX and PO,
 * source and target side; the text it gives must be segmented text
 * (docread.h): valid UTF-8 lines, none empty. */
#include "fuzz.h"

#include "fuzz_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const tx_doc_format formats[] = { TX_DOC_XLIFF, TX_DOC_TMX, TX_DOC_PO };
    tx_doc_opts o;
    tx_doc_info info;
    tx_error err;
    size_t i;

    tx_doc_opts_init(&o);
    for (i = 0; i < 6; i++) {
        tx_buf out = TX_BUF_INIT;

        o.target_side = (int)(i & 1);
        if (tx_doc_read_bitext("fuzz", (const char *)data, size, formats[i / 2], &o, &out,
                               &info, &err) == TX_OK)
            tx_fuzz_check_segmented(&out);
        (void)strlen(err.msg);
        (void)strlen(info.side_lang);
        tx_buf_release(&out);
    }
    return 0;
}
