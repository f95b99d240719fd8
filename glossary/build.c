/* build.c: the extraction run, from paths to a rescored glossary.
 *
 * A run goes through named phases (tx_extract_run()): collect the inputs
 * (collect.c); set up one worker per thread; read, in which the `jobs`
 * worker threads each read a share of the inputs into their shard of the
 * candidate table (per document: read, hash, decode, clean up, tokenize,
 * find and count candidates: candtable.c); merge the shards; record the new
 * documents; then store the candidates as terms and rescore the whole
 * glossary (build_terms.c).  All in one transaction: a run that fails leaves
 * the database as it was. */
#define _POSIX_C_SOURCE 200809L
#include "tx.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buildInt.h"
#include "candidates.h"
#include "candtable.h"
#include "cleanup.h"
#include "collect.h"
#include "decode.h"
#include "docread.h"
#include "error.h"
#include "langtag.h"
#include "sha256.h"
#include "stem.h"
#include "lang.h"
#include "score.h"
#include "store.h"
#include "strmap.h"
#include "tokenize.h"

/* ---- options ---- */

void tx_extract_opts_init(tx_extract_opts *o)
{
    memset(o, 0, sizeof *o); /* lang and thresholds: the glossary's */
    o->jobs = 1;
    o->max_contexts = 5;
    o->max_memory = (uint64_t)1 << 30;
    o->termhood_weight = TX_DEFAULT_TERMHOOD_WEIGHT;
    o->termhood_min = TX_DEFAULT_TERMHOOD_MIN;
    o->one_word_weight = TX_DEFAULT_ONE_WORD_WEIGHT;
}

tx_status tx_lang_check(const char *lang, const char *data_dir, tx_error *err)
{
    tx_lang *l = NULL;
    tx_status rc = tx_lang_load(lang, data_dir, &l, err);

    tx_lang_free(l);
    return rc;
}

/* Options a run cannot start with, and standard input given twice. */
static tx_status check_opts(const tx_extract_opts *opts, const char *const *paths,
                            size_t n_paths, tx_error *err)
{
    int n_stdin = 0;

    /* jobs: at most TX_CANDTABLE_MAX_SHARDS; thresholds: 0 is the glossary's */
    if ((opts->max_words && opts->max_words < opts->min_words) ||
        opts->max_words > TX_MAX_WORDS || opts->min_words > TX_MAX_WORDS || opts->jobs < 1 ||
        opts->jobs > TX_MAX_JOBS || (unsigned)opts->segment > TX_SEGMENT_LINES ||
        (opts->n_include && !opts->include) || (opts->n_exclude && !opts->exclude) ||
        !(opts->termhood_weight >= 0 && opts->termhood_weight <= 1) ||
        !(opts->termhood_min > -1e6 && opts->termhood_min < 1e6) ||
        !(opts->one_word_weight >= 0 && opts->one_word_weight <= 1e6) ||
        (opts->reference && !opts->reference[0]))
        return tx_fail(err, TX_EINVAL, "invalid extraction options");
    for (size_t i = 0; i < n_paths; i++)
        n_stdin += strcmp(paths[i], "-") == 0;
    if (n_stdin > 1)
        return tx_fail(err, TX_EINVAL, "standard input ('-') given more than once");
    return TX_OK;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- per-document work ---- */

/* Input `in` could not be used (`rc`, `msg`): out of memory is fatal (in the
 * worker's error); anything else is reported and the input skipped. */
static tx_status input_failed(tx_build_worker *w, tx_input *in, tx_status rc,
                              const char *msg)
{
    if (rc == TX_ENOMEM)
        return tx_fail(&w->err, rc, "%s", msg);
    in->state = TX_INPUT_FAILED;
    pthread_mutex_lock(&w->b->lock);
    tx_inputs_notice(&w->b->inputs, rc, "%s", msg);
    pthread_mutex_unlock(&w->b->lock);
    return TX_OK;
}

/* The side of bilingual file `in` read (info->side_lang) is not in the
 * run's language: TX_EINPUT saying so in `err`; else TX_OK. */
static tx_status check_side(const tx_build *b, const tx_input *in, const tx_doc_info *info,
                            tx_error *err)
{
    const char *run = tx_lang_code(b->lang);

    if (!info->side_lang[0] || tx_langtag_match(info->side_lang, run) > 0)
        return TX_OK;
    return tx_fail(err, TX_EINPUT, "%s: skipped: its %s side is in %s, not in %s (the "
                   "glossary's language); --side %s reads its other side", in->path,
                   b->o->target_side ? "target" : "source", info->side_lang, run,
                   b->o->target_side ? "source" : "target");
}

typedef tx_status (*cleanup_fn)(const char *, size_t, const char *, char **, size_t *,
                                tx_error *);

/* The clean-up for a document of format `f` (docread.h), in the run's
 * segment mode: plain text's paragraphs are rebuilt from its lines (auto,
 * paragraphs); segments (bilingual files, spreadsheets) and a PDF's
 * paragraphs (rebuilt from the layout by its reader) stay as they are (auto,
 * lines); the other documents' paragraphs stay, their lines joined as a text
 * file's (auto), or all rebuilt (paragraphs); `--segment lines` keeps every
 * line of every format. */
static cleanup_fn cleanup_for(const tx_build *b, tx_doc_format f)
{
    if (b->o->segment == TX_SEGMENT_LINES || tx_doc_format_is_segmented(f))
        return tx_cleanup_segments;
    if (f == TX_DOC_TEXT || b->o->segment == TX_SEGMENT_PARAGRAPHS)
        return tx_cleanup;
    return f == TX_DOC_PDF ? tx_cleanup_segments : tx_cleanup_document;
}

/* The paragraphs of input `in`, whose `raw_len` bytes at `raw` are of format
 * `f` (a reader's, or TX_DOC_TEXT), into *clean (the caller frees it): read
 * by its reader, decoded, cleaned up in the segment mode the run and the
 * format ask.  TX_OK, else a status with a message naming `in` in `e`. */
static tx_status document_text(tx_build *b, tx_input *in, const char *raw, size_t raw_len,
                               tx_doc_format f, char **clean, size_t *clean_len,
                               tx_error *e)
{
    tx_buf doc = TX_BUF_INIT;
    tx_doc_opts dopts;
    tx_doc_info info;
    char *text = NULL;
    size_t text_len = 0;
    tx_status rc = TX_OK;

    if (f != TX_DOC_TEXT) {
        tx_doc_opts_init(&dopts);
        dopts.target_side = b->o->target_side;
        if ((rc = tx_doc_read(in->path, raw, raw_len, f, &dopts, &doc, &info, e)) !=
                TX_OK ||
            (rc = check_side(b, in, &info, e)) != TX_OK) {
            tx_buf_release(&doc);
            return rc;
        }
        raw = doc.data ? doc.data : "";
        raw_len = doc.len;
    }
    /* the readers give UTF-8: decoding normalises it (NFC, apostrophes) */
    if ((rc = tx_decode(in->path, raw, raw_len, &text, &text_len, e)) == TX_OK) {
        tx_buf_release(&doc);
        rc = cleanup_for(b, f)(text, text_len, tx_lang_code(b->lang), clean, clean_len, e);
    }
    tx_buf_release(&doc);
    free(text);
    return rc;
}

/* Input `in`, found in a directory, is not a document (`what`): skipped
 * quietly, counted. */
static void input_ignored(tx_input *in, const char *what)
{
    in->state = TX_INPUT_IGNORED;
    in->format = TX_DOC_IGNORED;
    in->what = what;
}

/* Handle input `i`; a bad document is reported and skipped
 * (TX_INPUT_FAILED), only a fatal error (out of memory, database) is
 * returned, in w->err. */
static tx_status process_input(tx_build_worker *w, size_t i)
{
    tx_build *b = w->b;
    tx_input *in = &b->inputs.v[i];
    char *raw = NULL, *clean = NULL;
    size_t raw_len = 0, clean_len = 0;
    const char *what = NULL;
    tx_error e;
    tx_status rc;
    int is_new = 0, head_only = 0;

    if (in->state == TX_INPUT_KNOWN) /* a duplicate (tx_inputs_mark_duplicates()) */
        return TX_OK;
    tx_error_clear(&e);
    if ((rc = tx_input_read(in, &raw, &raw_len, &head_only, &e)) != TX_OK)
        return input_failed(w, in, rc, e.msg);
    in->n_bytes = raw_len;
    in->format = tx_doc_sniff(raw, raw_len, &what);
    if ((head_only || in->format == TX_DOC_IGNORED) && in->walked) {
        input_ignored(in, what ? what : "not a document");
        goto out;
    }
    /* not a document, and named by the user: said, as binary data is */
    if (head_only || in->format == TX_DOC_IGNORED || in->format == TX_DOC_BINARY) {
        rc = tx_input_refuse(in->path, raw, raw_len, what, &e);
        rc = input_failed(w, in, rc, e.msg);
        goto out;
    }
    tx_sha256_hex(raw, raw_len, in->hash);
    tx_candtable_set_doc(b->table, (uint32_t)i, in->hash);
    pthread_mutex_lock(&b->lock);
    rc = tx_inputs_check_new(&b->inputs, i, &is_new, &w->err);
    pthread_mutex_unlock(&b->lock);
    if (rc != TX_OK || !is_new)
        goto out;
    if ((rc = document_text(b, in, raw, raw_len, in->format, &clean, &clean_len, &e)) !=
        TX_OK) {
        rc = input_failed(w, in, rc, e.msg);
        goto out;
    }
    free(raw);
    raw = NULL;
    if ((rc = tx_build_text_stages(w, i, clean, &clean_len)) != TX_OK)
        goto out;
    rc = tx_candtable_add_text(b->table, w->id, w->tok, (uint32_t)i, clean, clean_len,
                               &in->n_tokens, &w->err);
    if (rc != TX_OK) {
        if (rc != TX_ENOMEM) {
            /* An ICU failure on this document only: skip it. */
            in->state = TX_INPUT_FAILED;
            pthread_mutex_lock(&b->lock);
            tx_inputs_notice(&b->inputs, rc, "%s: %s", in->path, w->err.msg);
            pthread_mutex_unlock(&b->lock);
            rc = TX_OK;
            tx_error_clear(&w->err);
        }
        goto out;
    }
    in->state = in->n_tokens ? TX_INPUT_ADDED : TX_INPUT_EMPTY;
out:
    free(raw);
    free(clean);
    return rc;
}

/* ---- workers ---- */

/* Give each worker a run of consecutive inputs of about the same size in
 * bytes.  A fixed share, not inputs taken as workers become free, because
 * what a worker prunes depends on what it has read: so a run that prunes
 * keeps the same candidates every time. */
static void share_inputs(tx_build *b)
{
    const tx_inputs *ins = &b->inputs;
    uint64_t total = 0, done = 0;
    size_t i = 0;

    for (size_t k = 0; k < ins->n; k++)
        total += ins->v[k].size + 1; /* + 1: empty files and "-" count */
    for (unsigned k = 0; k < b->n_workers; k++) {
        /* worker k ends where the bytes before it reach (k + 1) / n of all */
        uint64_t goal = total / b->n_workers * (k + 1) +
                        total % b->n_workers * (k + 1) / b->n_workers;
        b->workers[k].first = i;
        while (i < ins->n && (k + 1 == b->n_workers || done < goal))
            done += ins->v[i++].size + 1;
        b->workers[k].end = i;
    }
}

/* Thread start: read the worker's share of the inputs into its shard, then
 * make the shard ready for merging. */
static void *worker_main(void *arg)
{
    tx_build_worker *w = arg;
    tx_build *b = w->b;

    for (size_t i = w->first; i < w->end; i++) {
        int stop;
        pthread_mutex_lock(&b->lock);
        stop = b->failed || b->stopped || b->inputs.stopped;
        pthread_mutex_unlock(&b->lock);
        if (stop)
            break;
        w->rc = process_input(w, i);
        pthread_mutex_lock(&b->lock);
        if (w->rc != TX_OK)
            b->failed = 1;
        b->n_done++;
        b->bytes_done += b->inputs.v[i].n_bytes;
        if (b->o->progress &&
            b->o->progress(b->n_done, b->inputs.n, b->bytes_done, b->o->cb_arg) != 0)
            b->stopped = 1;
        pthread_mutex_unlock(&b->lock);
        if (w->rc != TX_OK)
            break;
    }
    if (w->rc == TX_OK)
        w->rc = tx_candtable_finish(b->table, w->id, &w->err);
    return NULL;
}

/* Thread start: free the candidate table of run `arg` and what its workers
 * hold (not the workers array), leaving NULLs: a second call does nothing. */
static void *release_workers(void *arg)
{
    tx_build *b = arg;

    tx_candtable_free(b->table);
    b->table = NULL;
    for (unsigned k = 0; b->workers && k < b->n_workers; k++) {
        tx_build_worker *w = &b->workers[k];
        tx_candidates_free(w->cands);
        tx_stemmer_free(w->stem);
        tx_tokenizer_free(w->tok);
        free(w->lcache);
        tx_build_boiler_free(w->boiler);
        w->lcache = NULL;
        w->boiler = NULL;
        w->cands = NULL;
        w->stem = NULL;
        w->tok = NULL;
    }
    return NULL;
}

/* ---- the phases of a run ---- */

static void build_init(tx_build *b, tx_store *st, const tx_extract_opts *o)
{
    memset(b, 0, sizeof *b);
    b->st = st;
    b->o = o;
    tx_inputs_init(&b->inputs, st, o->notice, o->cb_arg);
    b->inputs.include = o->include;
    b->inputs.n_include = o->n_include;
    b->inputs.exclude = o->exclude;
    b->inputs.n_exclude = o->n_exclude;
    tx_strmap_init(&b->nouns);
    tx_strmap_init(&b->words);
    pthread_mutex_init(&b->lock, NULL);
}

static void build_release(tx_build *b)
{
    release_workers(b);
    free(b->workers);
    tx_inputs_release(&b->inputs);
    tx_strmap_release(&b->nouns);
    tx_strmap_release(&b->words);
    tx_reference_free(b->ref);
    tx_lang_free(b->lang);
    tx_langid_free(b->langid);
    pthread_mutex_destroy(&b->lock);
}

/* Take threshold `given` (0: not given) in place of the glossary's *kept,
 * noting in *replaced the value it replaces when the glossary had one. */
static void take_threshold(unsigned given, int stored, unsigned *kept, unsigned *replaced)
{
    if (!given || given == *kept)
        return;
    if (stored)
        *replaced = *kept;
    *kept = given;
}

/* Phase "settings": the glossary's settings, with the thresholds the options
 * give instead (stats->replaced says which); refused when they do not fit. */
static tx_status phase_settings(tx_build *b, tx_extract_stats *stats, tx_error *err)
{
    tx_settings *s = &b->settings;
    tx_listing *l = &s->listing;
    tx_status rc;

    if ((rc = tx_store_get_settings(b->st, s, err)) != TX_OK)
        return rc;
    take_threshold(b->o->min_freq, s->has_listing, &l->min_freq,
                   &stats->replaced.min_freq);
    take_threshold(b->o->min_words, s->has_listing, &l->min_words,
                   &stats->replaced.min_words);
    take_threshold(b->o->max_words, s->has_listing, &l->max_words,
                   &stats->replaced.max_words);
    stats->listing = *l;
    if (l->min_words > l->max_words)
        return tx_fail(err, TX_EINVAL, "--min-words %u would be more than --max-words %u "
                       "(the glossary's: %u to %u)", l->min_words,
                       l->max_words, stats->replaced.min_words ? stats->replaced.min_words
                                                               : l->min_words,
                       stats->replaced.max_words ? stats->replaced.max_words
                                                 : l->max_words);
    return TX_OK;
}

/* Phase "language": the profile and the stemmer of the glossary's language,
 * or for a new glossary of opts->lang (default TX_DEFAULT_LANG); another
 * language than the glossary's is refused.  The settings the run keeps then
 * name both. */
static tx_status phase_language(tx_build *b, tx_error *err)
{
    tx_settings *s = &b->settings;
    const char *tag = b->o->lang ? b->o->lang : s->lang[0] ? s->lang : TX_DEFAULT_LANG;
    tx_status rc;

    if ((rc = tx_lang_load(tag, b->o->data_dir, &b->lang, err)) != TX_OK)
        return rc;
    if (tx_store_stem_keys(b->st))
        tx_lang_set_stem_keys(b->lang);
    if (s->lang[0] && strcmp(tx_lang_code(b->lang), s->lang) != 0)
        return tx_fail(err, TX_EINVAL, "the language given, '%s', is not the "
                       "glossary's, '%s': a glossary has one source language",
                       tx_lang_code(b->lang), s->lang);
    if (!b->o->keep_other_languages &&
        (rc = tx_langid_new(b->lang, NULL, &b->langid, err)) != TX_OK)
        return rc;
    snprintf(s->lang, sizeof s->lang, "%s", tx_lang_code(b->lang));
    snprintf(s->profile, sizeof s->profile, "%s", tx_lang_profile(b->lang));
    return TX_OK;
}

/* Phase "collect": the inputs the paths name (collect.c). */
static tx_status phase_collect(tx_build *b, const char *const *paths, size_t n_paths,
                               tx_error *err)
{
    tx_status rc = TX_OK;

    for (size_t i = 0; i < n_paths && rc == TX_OK; i++)
        rc = tx_inputs_add_path(&b->inputs, paths[i]);
    if (rc != TX_OK)
        return tx_fail(err, rc, "out of memory listing inputs");
    return TX_OK;
}

/* Phase "set up": a worker per thread (no more than inputs), each with its
 * own tokenizer, stemmer and candidate finder, and the candidate table with
 * a shard for each. */
static tx_status phase_setup(tx_build *b, tx_error *err)
{
    const tx_extract_opts *o = b->o;
    size_t n = b->inputs.n;
    tx_candidates **finders;
    tx_candtable_opts to;
    tx_status rc = TX_OK;

    b->n_workers = o->jobs < n ? o->jobs : (unsigned)(n ? n : 1);
    if (!(b->workers = calloc(b->n_workers, sizeof *b->workers)))
        return tx_fail(err, TX_ENOMEM, "out of memory");
    for (unsigned k = 0; k < b->n_workers && rc == TX_OK; k++) {
        tx_build_worker *w = &b->workers[k];
        w->b = b;
        w->id = k;
        if ((rc = tx_tokenizer_new(b->lang, &w->tok, err)) == TX_OK &&
            (rc = tx_stemmer_new(tx_lang_snowball(b->lang), &w->stem, err)) == TX_OK)
            rc = tx_candidates_new(b->lang, w->stem, b->settings.listing.min_words,
                                   b->settings.listing.max_words, &w->cands, err);
        if (rc == TX_OK)
            tx_candidates_set_string_keys(w->cands, 0);
        if (rc == TX_OK && b->langid && !(w->lcache = calloc(1, sizeof *w->lcache)))
            rc = tx_fail(err, TX_ENOMEM, "out of memory");
    }
    if (rc != TX_OK)
        return rc;
    if (!(finders = malloc(b->n_workers * sizeof *finders)))
        return tx_fail(err, TX_ENOMEM, "out of memory");
    for (unsigned k = 0; k < b->n_workers; k++)
        finders[k] = b->workers[k].cands;
    to = (tx_candtable_opts){
        .n_shards = b->n_workers,
        .n_docs = n,
        .max_contexts = o->max_contexts,
        .max_memory = o->max_memory,
        .max_links = TX_MAX_RELATIONS,
        .link_before = tx_surface_before,
        .finders = finders,
    };
    rc = tx_candtable_new(&to, &b->table, err);
    free(finders);
    return rc;
}

/* Phase "read": the workers read their shares of the inputs, on threads when
 * there are several. */
static tx_status phase_read(tx_build *b, tx_error *err)
{
    tx_status rc;

    if (b->n_workers > 1 && (rc = tx_inputs_mark_duplicates(&b->inputs)) != TX_OK)
        return tx_fail(err, rc, "out of memory comparing the inputs");
    share_inputs(b);
    if (b->n_workers == 1) {
        worker_main(&b->workers[0]);
    } else {
        unsigned started = 0;
        for (; started < b->n_workers; started++)
            if (pthread_create(&b->workers[started].thread, NULL, worker_main,
                               &b->workers[started]) != 0)
                break;
        /* the shares of threads that could not start are read here */
        for (unsigned k = started; k < b->n_workers; k++)
            worker_main(&b->workers[k]);
        for (unsigned k = 0; k < started; k++)
            pthread_join(b->workers[k].thread, NULL);
    }
    for (unsigned k = 0; k < b->n_workers; k++)
        if (b->workers[k].rc != TX_OK)
            return tx_fail(err, b->workers[k].rc, "%s", b->workers[k].err.msg);
    return TX_OK;
}

/* stats->formats: "3 PDF, 9 HTML" from the documents added per format,
 * unless all are plain text. */
static void format_counts(const size_t *n_format, tx_extract_stats *stats)
{
    size_t len = 0;

    stats->formats[0] = 0;
    if (n_format[TX_DOC_TEXT] == stats->n_added)
        return;
    for (int f = 0; f < TX_DOC_N_FORMATS; f++)
        if (n_format[f] && len < sizeof stats->formats)
            len += (size_t)snprintf(stats->formats + len, sizeof stats->formats - len,
                                    "%s%zu %s", len ? ", " : "", n_format[f],
                                    tx_doc_format_name((tx_doc_format)f));
}

/* Phase "documents": store the new documents, report the inputs skipped, and
 * count what the run read. */
static tx_status phase_documents(tx_build *b, tx_extract_stats *stats, tx_error *err)
{
    tx_inputs *ins = &b->inputs;
    tx_status rc;

    size_t n_format[TX_DOC_N_FORMATS] = {0};

    stats->n_inputs = ins->n + ins->n_failed;
    stats->n_failed = ins->n_failed;
    for (size_t i = 0; i < ins->n; i++) {
        tx_input *in = &ins->v[i];
        /* a copy of a file that is not a document is not one either */
        if (in->state == TX_INPUT_KNOWN && in->dup_of &&
            ins->v[in->dup_of - 1].state == TX_INPUT_IGNORED)
            input_ignored(in, ins->v[in->dup_of - 1].what);
        switch (in->state) {
        case TX_INPUT_IGNORED:
            stats->n_ignored++;
            if (b->o->report_ignored)
                tx_inputs_notice(ins, TX_OK, "'%s': %s, not a document, skipped",
                                 in->path, in->what);
            break;
        case TX_INPUT_KNOWN:
            stats->n_known++;
            if (in->dup_of)
                tx_inputs_notice(ins, TX_OK, "'%s': same content as '%s', skipped",
                                 in->path, ins->v[in->dup_of - 1].path);
            else
                tx_inputs_notice(ins, TX_OK, "'%s': already in the glossary, skipped",
                                 in->path);
            break;
        case TX_INPUT_FAILED:
            stats->n_failed++;
            break;
        case TX_INPUT_EMPTY:
            if (in->other_lang)
                tx_inputs_notice(ins, TX_OK, "'%s': all its text is in other languages than "
                                 "%s, skipped (--keep-other-languages reads it)", in->path,
                                 tx_lang_code(b->lang));
            else
                tx_inputs_notice(ins, TX_OK, "'%s': no text, skipped", in->path);
            break;
        case TX_INPUT_ADDED: {
            tx_doc_row doc = {in->path, in->hash, tx_lang_code(b->lang), in->n_tokens,
                              in->n_bytes};
            if ((rc = tx_store_add_document(b->st, &doc, &in->doc_id, err)) != TX_OK)
                return rc;
            stats->n_added++;
            n_format[in->format < TX_DOC_N_FORMATS ? in->format : 0]++;
            stats->n_bytes += in->n_bytes;
            stats->n_tokens += in->n_tokens;
            break;
        }
        case TX_INPUT_PENDING: /* not reached: a run that stops early fails */
            break;
        }
    }
    if (b->stopped || ins->stopped) /* a callback said stop: nothing is written (tx.h) */
        return tx_fail_stopped(err);
    format_counts(n_format, stats);
    stats->n_candidates = tx_candtable_merged(b->table)->n;
    tx_candtable_prune_stats(b->table, &stats->n_pruned, &stats->n_prunes,
                             &stats->prune_freq);
    return TX_OK;
}

/* Phase "terms": score the candidates here when the glossary had no terms
 * (*had_terms), then merge them into it as terms.  *t_scored gets the
 * seconds scoring took. */
static tx_status phase_terms(tx_build *b, int *had_terms, double *t_scored, tx_error *err)
{
    double t = now();
    tx_status rc;

    if ((rc = tx_store_has_terms(b->st, tx_lang_code(b->lang), had_terms, err)) !=
            TX_OK ||
        (!*had_terms && (rc = tx_build_score_table(b, err)) != TX_OK))
        return rc;
    *t_scored = now() - t;
    if ((rc = tx_build_store_terms(b, !*had_terms, err)) != TX_OK)
        return rc;
    return tx_store_drop_evicted(b->st, err);
}

/* Phase "rescore": the whole glossary, when it had terms before, then count
 * its listed terms. */
static tx_status phase_rescore(tx_build *b, int had_terms, tx_extract_stats *stats,
                               tx_error *err)
{
    uint64_t n_docs = 0, n_listed = 0;
    tx_status rc;

    if (had_terms && (rc = tx_build_rescore(b, err)) != TX_OK)
        return rc;
    if ((rc = tx_store_counts(b->st, &n_docs, &n_listed, err)) != TX_OK)
        return rc;
    stats->n_terms = (size_t)n_listed;
    return TX_OK;
}

tx_status tx_extract_run(tx_store *st, const char *const *paths, size_t n_paths,
                         const tx_extract_opts *opts, tx_extract_stats *stats,
                         tx_error *err)
{
    tx_extract_opts defaults;
    tx_build b;
    tx_status rc;
    int began = 0, had_terms = 0, releasing = 0;
    double t0, t1, t_scored = 0;
    pthread_t releaser;

    if (!opts) {
        tx_extract_opts_init(&defaults);
        opts = &defaults;
    }
    memset(stats, 0, sizeof *stats);
    if ((rc = check_opts(opts, paths, n_paths, err)) != TX_OK)
        return rc;
    build_init(&b, st, opts);
    if ((rc = phase_settings(&b, stats, err)) != TX_OK ||
        (rc = phase_language(&b, err)) != TX_OK ||
        (rc = phase_collect(&b, paths, n_paths, err)) != TX_OK ||
        (rc = phase_setup(&b, err)) != TX_OK)
        goto done;
    /* The write transaction spans the whole run; reads of the document table
     * by the workers go through the same connection, under b.lock. */
    if ((rc = tx_store_begin_trusted(st, err)) != TX_OK)
        goto done;
    began = 1;
    if ((rc = tx_store_set_settings(st, &b.settings, err)) != TX_OK)
        goto done;
    t0 = now();
    if ((rc = phase_read(&b, err)) != TX_OK ||
        (rc = tx_candtable_merge(b.table, err)) != TX_OK ||
        (rc = tx_build_boilerplate(&b, stats, err)) != TX_OK ||
        (rc = phase_documents(&b, stats, err)) != TX_OK ||
        (rc = tx_build_gather_nouns(&b, err)) != TX_OK ||
        (rc = tx_build_reference(&b, err)) != TX_OK)
        goto done;
    t1 = now();
    stats->t_process = t1 - t0;
    if ((rc = phase_terms(&b, &had_terms, &t_scored, err)) != TX_OK)
        goto done;
    /* The candidates are stored: with several threads, one frees them while
     * this one commits (freeing a few hundred thousand candidates takes
     * about as long as the commit). */
    if (b.n_workers > 1 && pthread_create(&releaser, NULL, release_workers, &b) == 0)
        releasing = 1;
    t0 = now();
    stats->t_store = t0 - t1 - t_scored;
    if ((rc = phase_rescore(&b, had_terms, stats, err)) != TX_OK ||
        (rc = tx_store_commit(st, err)) != TX_OK)
        goto done;
    began = 0;
    stats->t_score = now() - t0 + t_scored;
    if (stats->n_failed)
        rc = tx_fail(err, TX_EPARTIAL, "%zu of %zu inputs could not be used",
                     stats->n_failed, stats->n_inputs);
done:
    if (began)
        tx_store_rollback(st);
    if (releasing)
        pthread_join(releaser, NULL);
    build_release(&b);
    return rc;
}
