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

#endif
