/* fuzz_tbx.c: tx_tbx_read() on any bytes (as a file). */
#include "fuzz.h"

#include "tbx.h"

static size_t term_len(const tx_concept_term *t)
{
    size_t n = strlen(t->text);
    const char *f[] = { t->status, t->pos, t->context, t->source, t->type };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        n += f[i] ? strlen(f[i]) : 0;
    return n;
}

static int seen(const tx_concept *c, void *arg)
{
    size_t *total = arg;
    if (c->n_src < 1)
        abort();
    *total += (c->id ? strlen(c->id) : 0) + strlen(c->src_lang) + strlen(c->tgt_lang);
    for (size_t i = 0; i < c->n_src; i++)
        *total += term_len(&c->src[i]);
    for (size_t i = 0; i < c->n_tgt; i++)
        *total += term_len(&c->tgt[i]);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = tx_fuzz_file(data, size, "tbx");
    tx_tbx_info info;
    tx_error err;
    size_t total = 0;

    if (!path)
        return 0;
    tx_tbx_read(path, "fr", "en", seen, &total, &info, &err);
    (void)strlen(info.langs);
    (void)strlen(err.msg);
    return 0;
}
