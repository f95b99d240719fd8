/* PLACEHOLDER: replaced by the real reader at merge */
/* doc_zip.c: what a zip container holds (see docread.h). */
#include "docread.h"

tx_doc_format tx_doc_sniff_zip(const char *data, size_t len, const char **what)
{
    (void)data, (void)len;
    if (what)
        *what = "ZIP archive";
    return TX_DOC_IGNORED;
}
