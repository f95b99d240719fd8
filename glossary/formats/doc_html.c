/* PLACEHOLDER: replaced by the real reader at merge */
/* doc_html.c: the HTML reader (see docread.h). */
#include "docread.h"

#include "error.h"

tx_status tx_doc_read_html(const char *name, const char *data, size_t len,
                           const tx_doc_opts *o, tx_buf *out, tx_doc_info *info,
                           tx_error *err)
{
    (void)data, (void)len, (void)o, (void)out, (void)info;
    return tx_fail(err, TX_EINPUT, "%s: the HTML reader is not built yet", name);
}
