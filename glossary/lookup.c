/* lookup.c: finding a term of the glossary from a user's text (termex show).
 *
 * The text is looked up as a term's written form, one of its variants, or
 * the key it would have as a term (tokenized, stemmed and normalised as
 * extraction does, with the glossary language's profile). */
#include "tx.h"

#include <stdlib.h>

#include "candidates.h"
#include "pipeline.h"
#include "store.h"

tx_status tx_store_get_term(tx_store *st, const char *text, tx_term_info **out,
                            tx_error *err)
{
    return tx_store_lookup_term(st, text, NULL, out, err);
}

/* Public lookup: by text, variant, or the key the text would have as a term. */
tx_status tx_store_lookup_term(tx_store *st, const char *text, const char *data_dir,
                               tx_term_info **out, tx_error *err)
{
    tx_pipeline p;
    tx_settings s;
    char *key = NULL;
    tx_status rc;

    *out = NULL;
    /* The key needs the profile of the glossary's language; without one (an
     * empty glossary, a language without a profile here), look up by text. */
    if (tx_store_get_settings(st, &s, NULL) == TX_OK && s.lang[0] &&
        tx_pipeline_init(&p, s.lang, data_dir, 1, TX_MAX_WORDS, NULL) == TX_OK) {
        if (tx_store_stem_keys(st)) /* the glossary's keys: as it made them */
            tx_lang_set_stem_keys(p.lang);
        tx_candidates_key_of(p.cands, p.tok, text, &key, NULL);
        tx_pipeline_release(&p);
    }
    rc = tx_store_find_term(st, text, key, out, err);
    free(key);
    return rc;
}
