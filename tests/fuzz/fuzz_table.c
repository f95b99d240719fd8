/* fuzz_table.c: tx_table_read() on any bytes (as a file), as CSV, TSV, OmegaT's
 * glossary and a .txt (told by its content). */
#include "fuzz.h"

#include "table.h"

static int seen(const tx_concept *c, void *arg)
{
    size_t *total = arg;
    const tx_concept_term *t = &c->src[0];
    /* One source term; target terms: the translation cell of each of its rows
     * (at most 4096), then any "<tgt>_alt" labels (at most 16, tablesheet.c). */
    if (c->n_src != 1 || c->n_tgt > 4096 + 16 || !c->id || !t->text || !*t->text)
        abort();
    *total += strlen(c->id) + strlen(t->text);
    *total += (t->status ? strlen(t->status) : 0) + (t->pos ? strlen(t->pos) : 0) +
              (t->context ? strlen(t->context) : 0) + (t->source ? strlen(t->source) : 0);
    for (size_t i = 0; i < c->n_tgt; i++)
        *total += strlen(c->tgt[i].text);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = tx_fuzz_file(data, size, "txt");
    tx_error err;
    size_t total = 0;

    if (!path)
        return 0;
    tx_table_read(path, TX_TABLE_CSV, "fr", "en", seen, &total, &err);
    (void)strlen(err.msg);
    tx_table_read(path, TX_TABLE_TSV, "fr", "en", seen, &total, &err);
    (void)strlen(err.msg);
    tx_table_read(path, TX_TABLE_OMEGAT, "fr", "en", seen, &total, &err);
    (void)strlen(err.msg);
    tx_table_read(path, TX_TABLE_TEXT, "fr", "en", seen, &total, &err);
    (void)strlen(err.msg);
    return 0;
}
