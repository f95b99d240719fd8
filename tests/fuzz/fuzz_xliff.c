/* fuzz_xliff.c: tx_xliff_read() on any bytes (as a file). */
#include "fuzz.h"

#include "xliff.h"

static int seen(const tx_segment_pair *p, void *arg)
{
    size_t *total = arg;
    *total += strlen(p->src) + strlen(p->tgt) + (p->id ? strlen(p->id) : 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = tx_fuzz_file(data, size, "xlf");
    tx_xliff_info info;
    tx_error err;
    size_t total = 0;

    if (!path)
        return 0;
    tx_xliff_read(path, "fr", "en", seen, &total, &info, &err);
    (void)strlen(info.src_lang);
    (void)strlen(info.tgt_lang);
    (void)strlen(err.msg);
    return 0;
}
