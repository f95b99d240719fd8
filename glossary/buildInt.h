/* buildInt.h: what the files of the extraction run (build.c, build_terms.c)
 * share; nothing else includes it. */
#ifndef TX_BUILDINT_H
#define TX_BUILDINT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "candidates.h"
#include "candtable.h"
#include "collect.h"
#include "stem.h"
#include "lang.h"
#include "langid.h"
#include "reference.h"
#include "store.h"
#include "strmap.h"
#include "tokenize.h"
#include "tx.h"

typedef struct tx_build tx_build;

/* One worker thread: reads a run of consecutive inputs into its shard of
 * the candidate table. */
typedef struct tx_build_worker {
    tx_build *b;
    unsigned id;          /* its shard of b->table */
    tx_tokenizer *tok;
    tx_stemmer *stem;
    tx_candidates *cands;
    tx_langid_cache *lcache; /* its verdicts (langid.h), when b->langid */
    uint64_t n_other_lang;   /* paragraphs it dropped as another language */
    struct tx_boiler_shard *boiler; /* its short paragraphs (boilerplate.c) */
    size_t first, end;    /* the inputs it reads (see share_inputs()) */
    tx_status rc;
    tx_error err;
    pthread_t thread;
} tx_build_worker;

/* One extraction run (tx_extract_run()). */
struct tx_build {
    tx_store *st;
    const tx_extract_opts *o;
    tx_lang *lang;
    tx_settings settings; /* the glossary's, as the run leaves them (phase_settings()) */
    tx_inputs inputs;
    uint64_t bytes_done;
    size_t n_done;
    pthread_mutex_t lock; /* inputs' progress, notices, and the store while reading */
    tx_build_worker *workers;
    unsigned n_workers;
    tx_candtable *table;
    int failed;           /* a worker hit a fatal error */
    int stopped;          /* the progress callback said stop (tx.h) */
    tx_strmap nouns;      /* the corpus's nouns (tx_build_gather_nouns()), case-folded */
    int noun_rule;        /* list a lower-case term only if it starts with one */
    tx_langid *langid;    /* the language's fingerprints, or NULL (no identification) */
    tx_reference *ref;    /* the reference profile (build_ref.c), or NULL: none */
    tx_strmap words;      /* one-word key -> its corpus count (uintptr_t) */
    int words_ok;         /* `words` covers every document of the glossary */
    uint64_t corpus_tokens; /* word tokens of the glossary's documents */
};

/* build_terms.c: gather the corpus's nouns, for the nouns-first rule: the
 * glossary's and those the workers saw, which are recorded in the glossary.
 * TX_OK, or TX_ENOMEM / TX_EDB. */
tx_status tx_build_gather_nouns(tx_build *b, tx_error *err);

/* build_terms.c: score the merged candidate table itself (the glossary has
 * no terms yet).  TX_OK or TX_ENOMEM. */
tx_status tx_build_score_table(tx_build *b, tx_error *err);

/* build_terms.c: merge the candidates into the glossary as terms, with their
 * scores if `scored`.  TX_OK, or TX_ENOMEM / TX_EDB. */
tx_status tx_build_store_terms(tx_build *b, int scored, tx_error *err);

/* build_terms.c: rescore every term of the glossary's language, writing
 * back what changed.  TX_OK, or TX_ENOMEM / TX_EDB. */
tx_status tx_build_rescore(tx_build *b, tx_error *err);

/* build_ref.c: once the documents are stored, the corpus's word counts (the
 * glossary's and the workers', which are recorded), its token total and the
 * reference profile of the run: opts->reference, else the glossary's choice,
 * else 'default' (<profile folder>/reference.txt when there is one), recorded
 * in the glossary when it changes.  TX_OK, or TX_ENOMEM / TX_EDB / the
 * loader's error. */
tx_status tx_build_reference(tx_build *b, tx_error *err);

/* boilerplate.c: the text stages after clean-up of input `i`, whose text
 * (*len bytes, changed in place) the worker is about to count: paragraphs
 * in another language dropped (b->langid), short paragraphs recorded for
 * boilerplate.  TX_OK or TX_ENOMEM (in w->err). */
tx_status tx_build_text_stages(tx_build_worker *w, size_t i, char *text, size_t *len);

/* boilerplate.c: once the shards are merged, count each boilerplate
 * paragraph's candidates once (stats: n_boilerplate, n_boilerplate_occ;
 * also sums n_other_lang).  TX_OK, TX_ENOMEM, or the pipeline's error. */
tx_status tx_build_boilerplate(tx_build *b, tx_extract_stats *stats, tx_error *err);

/* boilerplate.c: free a worker's record (NULL: nothing). */
void tx_build_boiler_free(struct tx_boiler_shard *s);

#endif
