/* pipeline.c: one language's extraction stages, bundled. */
#include "pipeline.h"

#include <string.h>

tx_status tx_pipeline_init(tx_pipeline *p, const char *lang, const char *data_dir,
                           unsigned min_words, unsigned max_words, tx_error *err)
{
    tx_status rc;

    memset(p, 0, sizeof *p);
    if ((rc = tx_lang_load(lang, data_dir, &p->lang, err)) != TX_OK ||
        (rc = tx_stemmer_new(tx_lang_snowball(p->lang), &p->stem, err)) != TX_OK ||
        (rc = tx_tokenizer_new(p->lang, &p->tok, err)) != TX_OK ||
        (rc = tx_candidates_new(p->lang, p->stem, min_words, max_words, &p->cands, err)) !=
            TX_OK)
        tx_pipeline_release(p);
    return rc;
}

void tx_pipeline_release(tx_pipeline *p)
{
    if (!p)
        return;
    tx_candidates_free(p->cands);
    tx_tokenizer_free(p->tok);
    tx_stemmer_free(p->stem);
    tx_lang_free(p->lang);
    memset(p, 0, sizeof *p);
}
