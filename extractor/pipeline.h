/* pipeline.h: one language's extraction stages, bundled.
 *
 * Everything that turns text into term keys the way extraction does (stop
 * list profile, Snowball stemmer, tokenizer, candidate finder) in one struct,
 * for the places that need the same keys: alignment, import, checking,
 * lookups.  One per thread. */
#ifndef TX_PIPELINE_H
#define TX_PIPELINE_H

#include "candidates.h"
#include "stem.h"
#include "lang.h"
#include "tokenize.h"
#include "tx.h"

typedef struct tx_pipeline {
    tx_lang *lang;
    tx_stemmer *stem;
    tx_tokenizer *tok;
    tx_candidates *cands;
} tx_pipeline;

/* Set up `p` (the caller's) for language `lang`, stop lists from `data_dir`
 * (NULL: the default places), candidates of min_words..max_words content
 * words.  `lang` is a language tag (tx_lang_load()).  On failure `p` is released.  tx_pipeline_release() frees it. */
tx_status tx_pipeline_init(tx_pipeline *p, const char *lang, const char *data_dir,
                           unsigned min_words, unsigned max_words, tx_error *err);
void tx_pipeline_release(tx_pipeline *p);

#endif
