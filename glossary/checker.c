/* checker.c: are the glossary's terms translated as the glossary says?
 *
 * Segment pairs stream in from parallel.c (TMX, line-aligned files, XLIFF)
 * and are checked one by one, then forgotten: memory holds the glossary's
 * terms and translations, one counter per translation and one "last seen"
 * mark per distinct translation key, whatever the size of the inputs.  Of a
 * target, only the candidates that are some term's translation are marked;
 * the rest cannot change a verdict.  Both sides go through the extraction
 * pipeline of their language, so a term matches in any inflection ("zones de
 * paix" is "zone de paix", "measures" is "measure"); the pipelines' candidate
 * finders remember every word form they meet, so they are started afresh
 * whenever they pass FINDER_MAX_BYTES (see bound_finder()). */
#define _POSIX_C_SOURCE 200809L
#include "tx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "langtag.h"
#include "parallel.h"
#include "pipeline.h"
#include "store.h"
#include "strmap.h"

void tx_check_opts_init(tx_check_opts *o)
{
    memset(o, 0, sizeof *o);
    o->src_lang = "fr";
    o->tgt_lang = "en";
}

/* An aligned translation this good counts as accepted for a term the user
 * has not given one for (scores are in 0..1, see align.c). */
#define ALIGNED_MIN 0.5

/* Candidate sizes looked for, in content words, in sources and in targets. */
#define SRC_MAX_WORDS TX_MAX_WORDS
#define TGT_MAX_WORDS 10

/* What a candidate finder may hold (tx_candidates_memory(): its table of the
 * word forms and keys met so far) before it is started afresh.  A UN report's
 * whole vocabulary fits in a few MiB, so real inputs seldom reach it; input
 * whose words are all new (numbers, codes, names) does every 40,000 forms or
 * so.  A finder's output does not depend on what it met before, so the
 * checks do not change. */
#define FINDER_MAX_BYTES ((size_t)8 << 20)

typedef struct translation {
    char *text;
    char *key;           /* in the target pipeline's terms */
    int accepted;        /* approved, or aligned with a score >= ALIGNED_MIN */
    int forbidden;       /* a form not to use: named when a target uses it */
    size_t used;         /* segments whose target uses it */
    size_t mark;         /* its key's index in checker.seen */
} translation;

typedef struct term {
    int64_t id;
    char *canonical;
    translation *tr;
    size_t n_tr;
    size_t n_approved;
    size_t n_accepted;
    size_t n_forbidden; /* terms with neither accepted nor forbidden forms are not checked */
    size_t last_seg;  /* +1: dedupe within a segment */
} term;

/* Where a translation key was last seen: the segment (counted from 1), and
 * its first occurrence there, as bytes of the target. */
typedef struct seen_key {
    size_t seg;
    size_t off, len;
} seen_key;

typedef struct checker {
    const tx_check_opts *o;
    tx_store *st;
    tx_pipeline src, tgt;
    term *terms;
    size_t n_terms, cap_terms;
    tx_strmap by_key;     /* source key -> term index + 1 */
    tx_strmap by_id;      /* term id (8 bytes) -> term index + 1 */
    tx_strmap tgt_keys;   /* translation key -> its index in `seen` + 1 */
    seen_key *seen;       /* by key index: where the key was last seen */
    size_t n_seen, cap_seen;
    tx_strmap ignore;     /* "term" or "term\tref" -> non-NULL */
    size_t seg;           /* segments checked so far */
    uint32_t *present;    /* terms found in the current source */
    size_t n_present, cap_present;
    tx_check_fn fn;
    void *arg;
    int stopped;          /* fn said stop: the check ends, TX_OK */
    tx_check_stats *stats;
    tx_buf expected, found, as_written;
} checker;

#define IDX(p) ((size_t)(uintptr_t)(p) - 1)
#define PTR(i) ((void *)(uintptr_t)((i) + 1))

/* A rejected term is no glossary term to enforce: not loaded, so not checked. */
static int load_term(const tx_listed_term *t, void *arg)
{
    checker *c = arg;
    tx_strmap_slot *slot;
    term *tm;

    if (strcmp(t->status, tx_term_status_name(TX_TERM_REJECTED)) == 0)
        return 0;
    if (tx_grow((void **)&c->terms, &c->cap_terms, c->n_terms + 1, sizeof *c->terms, 64) < 0)
        return 1;
    tm = &c->terms[c->n_terms];
    memset(tm, 0, sizeof *tm);
    tm->id = t->id;
    if (!(tm->canonical = strdup(t->canonical)))
        return 1;
    if (tx_strmap_put(&c->by_key, t->key, strlen(t->key), &slot, NULL) != TX_OK)
        return 1;
    slot->val = PTR(c->n_terms);
    if (tx_strmap_put(&c->by_id, (const char *)&t->id, sizeof t->id, &slot, NULL) != TX_OK)
        return 1;
    slot->val = PTR(c->n_terms);
    c->n_terms++;
    return 0;
}

/* The index in c->seen of translation key `key`, added if new. */
static tx_status mark_key(checker *c, const char *key, size_t *mark)
{
    tx_strmap_slot *slot;

    if (tx_grow((void **)&c->seen, &c->cap_seen, c->n_seen + 1, sizeof *c->seen,
                64) < 0 ||
        tx_strmap_put(&c->tgt_keys, key, strlen(key), &slot, NULL) != TX_OK)
        return TX_ENOMEM;
    if (!slot->val) {
        c->seen[c->n_seen].seg = 0; /* segments count from 1 */
        slot->val = PTR(c->n_seen++);
    }
    *mark = IDX(slot->val);
    return TX_OK;
}

/* A translation's status as tx_store_each_translation() gives it; NULL (an
 * aligned one stored before schema 8, whose upgrade named every other
 * status) is a candidate. */
static tx_tr_status tr_status(const char *status)
{
    tx_tr_status s = TX_TR_CANDIDATE;

    tx_tr_status_from_name(status, &s);
    return s;
}

/* Whether term `t` has a translation with key `key` already (the one before
 * in the store's order wins: approved, then forbidden, then candidates). */
static int has_key(const term *t, const char *key)
{
    for (size_t i = 0; i < t->n_tr; i++)
        if (strcmp(t->tr[i].key, key) == 0)
            return 1;
    return 0;
}

/* Translations come by term: approved ones, forbidden ones, then candidates
 * best first (tx_store_each_translation()). */
static int load_translation(const tx_translation_ref *r, void *arg)
{
    checker *c = arg;
    void *v = tx_strmap_get(&c->by_id, (const char *)&r->term_id, sizeof r->term_id);
    tx_tr_status status = tr_status(r->status);
    term *t;
    translation *tr;
    char *key = NULL;

    if (!v)
        return 0;
    t = &c->terms[IDX(v)];
    if (tx_candidates_key_of(c->tgt.cands, c->tgt.tok, r->text, &key, NULL) != TX_OK)
        return 1;
    /* "Preventive diplomacy" beside "preventive diplomacy", or an aligned
     * candidate the user approved or forbade as another row: one form */
    if (!*key || has_key(t, key)) {
        free(key);
        return 0;
    }
    tr = realloc(t->tr, (t->n_tr + 1) * sizeof *tr);
    if (!tr) {
        free(key);
        return 1;
    }
    t->tr = tr;
    tr = &t->tr[t->n_tr];
    tr->text = strdup(r->text);
    tr->key = key;
    tr->used = 0;
    if (!tr->text || mark_key(c, key, &tr->mark) != TX_OK) {
        free(tr->text); /* not counted in n_tr yet: free what it holds */
        free(key);
        return 1;
    }
    /* The approved translations are the accepted ones; a term without any is
     * checked against what the aligner found with some confidence (its best
     * and alternatives scoring ALIGNED_MIN or more).  Forbidden ones are
     * never accepted; weaker alignments are kept as known variants: they
     * name what a target uses instead. */
    tr->forbidden = status == TX_TR_FORBIDDEN;
    tr->accepted = status == TX_TR_APPROVED ||
                   (status == TX_TR_CANDIDATE && !t->n_approved && r->score >= ALIGNED_MIN);
    t->n_approved += status == TX_TR_APPROVED;
    t->n_accepted += tr->accepted;
    t->n_forbidden += tr->forbidden;
    t->n_tr++;
    return 0;
}

/* The accepted exceptions of `opts`, into c->ignore. */
static tx_status load_ignore(checker *c, const tx_check_opts *opts, tx_error *err)
{
    for (size_t i = 0; i < opts->n_ignore; i++) {
        tx_strmap_slot *slot;
        if (tx_strmap_put(&c->ignore, opts->ignore[i], strlen(opts->ignore[i]), &slot,
                          NULL) != TX_OK)
            return tx_fail(err, TX_ENOMEM, "out of memory");
        slot->val = c;
    }
    return TX_OK;
}

static int ignored(checker *c, const char *name, const char *ref)
{
    char buf[1024];
    int n;

    if (tx_strmap_get(&c->ignore, name, strlen(name)))
        return 1;
    n = snprintf(buf, sizeof buf, "%s\t%s", name, ref ? ref : "");
    return n > 0 && (size_t)n < sizeof buf && tx_strmap_get(&c->ignore, buf, (size_t)n);
}

/* Pass an issue to the caller unless it is ignored; 1 when the caller said
 * stop (c->stopped is then set), else 0. */
static int report(checker *c, const tx_check_issue *is)
{
    if (ignored(c, is->term, is->ref)) {
        c->stats->n_ignored++;
        return 0;
    }
    c->stats->n_issues++;
    if (c->fn && c->fn(is, c->arg) != 0)
        c->stopped = 1;
    return c->stopped;
}

/* Mark the translation keys among the target's candidates as seen in this
 * segment, with their first occurrence.  The other candidates are no term's
 * translation: not kept. */
static tx_status scan_target(checker *c, const char *text, tx_error *err)
{
    const tx_sentence *s;
    const tx_cand_occ *occ;
    size_t n;
    tx_status rc;

    tx_tokenizer_set_text(c->tgt.tok, text, strlen(text));
    while ((rc = tx_tokenizer_next(c->tgt.tok, &s, err)) == TX_OK && s) {
        if ((rc = tx_candidates_find(c->tgt.cands, s, &occ, &n, err)) != TX_OK)
            return rc;
        for (size_t i = 0; i < n; i++) {
            void *v = tx_strmap_get_hashed(&c->tgt_keys, occ[i].key, occ[i].key_len,
                                           occ[i].key_hash);
            seen_key *k;
            if (!v || (k = &c->seen[IDX(v)])->seg == c->seg)
                continue;
            /* token surfaces point into `text` (tx_tokenizer_set_text()) */
            const tx_token *first = &s->tokens[occ[i].first], *last = &s->tokens[occ[i].last];
            k->seg = c->seg;
            k->off = (size_t)(first->surface - text);
            k->len = (size_t)(last->surface + last->len - first->surface);
        }
    }
    return rc;
}

static tx_status scan_source(checker *c, const char *text, tx_error *err)
{
    const tx_sentence *s;
    const tx_cand_occ *occ;
    size_t n;
    tx_status rc;

    c->n_present = 0;
    tx_tokenizer_set_text(c->src.tok, text, strlen(text));
    while ((rc = tx_tokenizer_next(c->src.tok, &s, err)) == TX_OK && s) {
        if ((rc = tx_candidates_find(c->src.cands, s, &occ, &n, err)) != TX_OK)
            return rc;
        for (size_t i = 0; i < n; i++) {
            void *v = tx_strmap_get(&c->by_key, occ[i].key, occ[i].key_len);
            term *t;
            if (!v)
                continue;
            t = &c->terms[IDX(v)];
            if ((!t->n_accepted && !t->n_forbidden) || t->last_seg == c->seg + 1)
                continue;
            t->last_seg = c->seg + 1;
            if (tx_grow((void **)&c->present, &c->cap_present, c->n_present + 1,
                        sizeof *c->present, 16) < 0)
                return tx_fail(err, TX_ENOMEM, "out of memory checking");
            c->present[c->n_present++] = (uint32_t)IDX(v);
        }
    }
    return rc;
}

/* Start p's candidate finder afresh once it holds more than FINDER_MAX_BYTES
 * of word forms and keys: what the checker keeps are string keys, never the
 * finder's ids or pointers, so nothing refers to the old one. */
static tx_status bound_finder(tx_pipeline *p, unsigned max_words, tx_error *err)
{
    tx_candidates *fresh;
    tx_status rc;

    if (tx_candidates_memory(p->cands) <= FINDER_MAX_BYTES)
        return TX_OK;
    if ((rc = tx_candidates_new(p->lang, p->stem, 1, max_words, &fresh, err)) != TX_OK)
        return rc;
    tx_candidates_free(p->cands);
    p->cands = fresh;
    return TX_OK;
}

/* The accepted translations of `t`, " | "-separated, into c->expected. */
static tx_status list_accepted(checker *c, const term *t)
{
    tx_buf_reset(&c->expected);
    for (size_t i = 0; i < t->n_tr; i++)
        if (t->tr[i].accepted &&
            ((c->expected.len && tx_buf_addstr(&c->expected, " | ") != TX_OK) ||
             tx_buf_addstr(&c->expected, t->tr[i].text) != TX_OK))
            return TX_ENOMEM;
    return TX_OK;
}

/* Whether key `inner` is `outer` or a run of its words ("diplomacy" in
 * "preventive diplomacy"). */
static int key_within(const char *outer, const char *inner)
{
    size_t n = strlen(inner);

    for (const char *p = strstr(outer, inner); p; p = strstr(p + 1, inner))
        if ((p == outer || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return 1;
    return 0;
}

/* Whether forbidden form `bad` of `t` is part of an accepted one the current
 * target uses ("diplomacy", forbidden alone, in "preventive diplomacy"). */
static int within_accepted(const checker *c, const term *t, const translation *bad)
{
    for (size_t i = 0; i < t->n_tr; i++)
        if (t->tr[i].accepted && c->seen[t->tr[i].mark].seg == c->seg &&
            key_within(t->tr[i].key, bad->key))
            return 1;
    return 0;
}

/* The translations of `t` the current target uses, the longest of each kind:
 * "international arrangement on forests" is used, not also the
 * "arrangements" inside it.  A forbidden form inside an accepted one used
 * there is no use of it. */
static void find_used(const checker *c, const term *t, translation **ok,
                      translation **bad, translation **variant)
{
    *ok = *bad = *variant = NULL;
    for (size_t i = 0; i < t->n_tr; i++) {
        translation *tr = &t->tr[i];
        translation **best = tr->accepted ? ok : tr->forbidden ? bad : variant;
        if (c->seen[tr->mark].seg != c->seg || (tr->forbidden && within_accepted(c, t, tr)))
            continue;
        if (!*best || strlen(tr->key) > strlen((*best)->key))
            *best = tr;
    }
}

/* Report term `t` of segment `row`: a forbidden translation used (even beside
 * an accepted one), else no accepted translation used. */
static tx_status check_term(checker *c, const tx_segment_row *row, term *t, tx_error *err)
{
    translation *ok, *bad, *variant;
    const char *found = NULL;

    c->stats->n_occurrences++;
    find_used(c, t, &ok, &bad, &variant);
    if (ok || bad || variant)
        (ok ? ok : bad ? bad : variant)->used++;
    if (!bad && (ok || !t->n_accepted))
        return TX_OK;
    if (list_accepted(c, t) != TX_OK)
        return tx_fail(err, TX_ENOMEM, "out of memory checking");
    if (bad) {
        /* as the target writes it: "Preemptive diplomacy" */
        const seen_key *k = &c->seen[bad->mark];
        tx_buf_reset(&c->as_written);
        if (tx_buf_add(&c->as_written, row->tgt + k->off, k->len) != TX_OK)
            return tx_fail(err, TX_ENOMEM, "out of memory checking");
        found = tx_buf_str(&c->as_written);
    } else if (variant) {
        found = variant->text;
    }
    tx_check_issue is = {bad ? "forbidden" : "missing", row->source, row->ref, t->canonical,
                         tx_buf_str(&c->expected), found, row->src, row->tgt};
    if (report(c, &is))
        return TX_ESTOPPED; /* ends the reading; tx_check_run() returns TX_OK */
    return TX_OK;
}

static tx_status check_pair(const tx_segment_row *row, void *arg, tx_error *err)
{
    checker *c = arg;
    tx_status rc;

    c->seg++;
    c->stats->n_segments++;
    if ((rc = bound_finder(&c->src, SRC_MAX_WORDS, err)) != TX_OK ||
        (rc = bound_finder(&c->tgt, TGT_MAX_WORDS, err)) != TX_OK)
        return rc;
    if ((rc = scan_source(c, row->src, err)) != TX_OK)
        return rc;
    if (!c->n_present)
        return TX_OK;
    if ((rc = scan_target(c, row->tgt, err)) != TX_OK)
        return rc;
    for (size_t k = 0; k < c->n_present; k++)
        if ((rc = check_term(c, row, &c->terms[c->present[k]], err)) != TX_OK)
            return rc;
    return TX_OK;
}

/* After the inputs: the terms translated in several ways. */
static tx_status summarise(checker *c, const char *files, tx_error *err)
{
    for (size_t k = 0; k < c->n_terms; k++) {
        term *t = &c->terms[k];
        size_t n_used = 0;
        for (size_t i = 0; i < t->n_tr; i++)
            n_used += t->tr[i].used > 0;
        if (n_used < 2 || !t->n_accepted)
            continue;
        if (list_accepted(c, t) != TX_OK)
            return tx_fail(err, TX_ENOMEM, "out of memory checking");
        tx_buf_reset(&c->found);
        for (size_t i = 0; i < t->n_tr; i++) {
            if (t->tr[i].used &&
                tx_buf_addf(&c->found, "%s%s x%zu", c->found.len ? ", " : "",
                            t->tr[i].text, t->tr[i].used) != TX_OK)
                return tx_fail(err, TX_ENOMEM, "out of memory checking");
        }
        tx_check_issue is = {"inconsistent", files, NULL, t->canonical,
                             tx_buf_str(&c->expected), tx_buf_str(&c->found), NULL, NULL};
        if (report(c, &is))
            break;
    }
    return TX_OK;
}

static void checker_release(checker *c)
{
    for (size_t i = 0; i < c->n_terms; i++) {
        for (size_t j = 0; j < c->terms[i].n_tr; j++) {
            free(c->terms[i].tr[j].text);
            free(c->terms[i].tr[j].key);
        }
        free(c->terms[i].tr);
        free(c->terms[i].canonical);
    }
    free(c->terms);
    free(c->present);
    tx_strmap_release(&c->by_key);
    tx_strmap_release(&c->by_id);
    tx_strmap_release(&c->tgt_keys);
    free(c->seen);
    tx_strmap_release(&c->ignore);
    tx_buf_release(&c->expected);
    tx_buf_release(&c->found);
    tx_buf_release(&c->as_written);
    tx_pipeline_release(&c->src);
    tx_pipeline_release(&c->tgt);
}

/* `o` with its language tags in canonical form, as the glossary keeps them
 * ("EN" is "en"): a copy in `canon` pointing into the two buffers. */
static const tx_check_opts *canonical(const tx_check_opts *o, tx_check_opts *canon,
                                      char src[TX_LANGTAG_MAX], char tgt[TX_LANGTAG_MAX])
{
    *canon = *o;
    canon->src_lang = tx_langtag_norm(o->src_lang, src);
    canon->tgt_lang = tx_langtag_norm(o->tgt_lang, tgt);
    return canon;
}

tx_status tx_check_run(tx_store *st, const tx_parallel_input *inputs, size_t n_inputs,
                       const tx_check_opts *opts, tx_check_fn fn, void *arg,
                       tx_check_stats *stats, tx_error *err)
{
    tx_check_opts defaults, canon;
    char src_tag[TX_LANGTAG_MAX], tgt_tag[TX_LANGTAG_MAX];
    const tx_lang *langs[2];
    tx_align_opts ao;
    checker c;
    tx_buf files = TX_BUF_INIT;
    size_t n_dropped = 0;
    int began;
    tx_status rc;

    if (!opts) {
        tx_check_opts_init(&defaults);
        opts = &defaults;
    }
    opts = canonical(opts, &canon, src_tag, tgt_tag);
    memset(stats, 0, sizeof *stats);
    memset(&c, 0, sizeof c);
    c.o = opts;
    c.st = st;
    c.fn = fn;
    c.arg = arg;
    c.stats = stats;
    tx_strmap_init(&c.by_key);
    tx_strmap_init(&c.by_id);
    tx_strmap_init(&c.tgt_keys);
    tx_strmap_init(&c.ignore);
    if ((rc = tx_pipeline_init(&c.src, opts->src_lang, opts->data_dir, 1, SRC_MAX_WORDS,
                               err)) != TX_OK ||
        (rc = tx_pipeline_init(&c.tgt, opts->tgt_lang, opts->data_dir, 1, TGT_MAX_WORDS,
                               err)) != TX_OK)
        goto done;
    if (tx_store_stem_keys(st)) /* the glossary's keys: as it made them */
        tx_lang_set_stem_keys(c.src.lang);
    langs[0] = c.src.lang;
    langs[1] = c.tgt.lang;
    if ((rc = load_ignore(&c, opts, err)) != TX_OK)
        goto done;
    /* Terms and translations from one snapshot, even while `align` commits. */
    if ((rc = tx_store_begin_read(st, &began, err)) != TX_OK)
        goto done;
    if ((rc = tx_store_each_listed(st, opts->src_lang, load_term, &c, err)) == TX_OK)
        rc = tx_store_each_translation(st, opts->src_lang, opts->tgt_lang, load_translation,
                                       &c, err);
    tx_store_end_read(st, began);
    if (rc != TX_OK)
        goto done;
    for (size_t i = 0; i < c.n_terms; i++)
        stats->n_terms += c.terms[i].n_accepted + c.terms[i].n_forbidden > 0;
    if (!stats->n_terms) {
        rc = tx_fail(err, TX_ENOTFOUND,
                     "the glossary has no '%s' term with a '%s' translation to check "
                     "against (run 'termex align' or 'termex import' first)",
                     opts->src_lang, opts->tgt_lang);
        goto done;
    }
    tx_align_opts_init(&ao);
    ao.src_lang = opts->src_lang;
    ao.tgt_lang = opts->tgt_lang;
    ao.data_dir = opts->data_dir;
    ao.notice = opts->notice;
    ao.cb_arg = opts->cb_arg;
    for (size_t i = 0; i < n_inputs && rc == TX_OK; i++) {
        if ((files.len && tx_buf_addstr(&files, ", ") != TX_OK) ||
            tx_buf_addstr(&files, inputs[i].src) != TX_OK)
            rc = tx_fail(err, TX_ENOMEM, "out of memory");
        else
            rc = tx_parallel_read(&inputs[i], &ao, langs, check_pair, &c, &n_dropped, err);
    }
    if (rc == TX_ESTOPPED && c.stopped)
        rc = TX_OK;
    else if (rc == TX_OK)
        rc = summarise(&c, tx_buf_str(&files), err);
done:
    tx_buf_release(&files);
    checker_release(&c);
    return rc;
}

/* ---- the corpus: full forms and acronyms ---- */

static tx_status check_short_names(tx_store *st, checker *c, tx_error *err);

typedef struct corpus_ctx {
    tx_store *st;
    checker *c;
    tx_status rc;
    tx_error *err;
} corpus_ctx;

static uint64_t count_in(const tx_doc_count *v, size_t n, int64_t doc)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].doc_id == doc)
            return v[i].count;
    return 0;
}

static int check_abbreviation(const tx_abbreviation *ab, void *arg)
{
    corpus_ctx *x = arg;
    checker *c = x->c;
    char path[4096];

    c->stats->n_terms++;
    /* every document using the acronym: with the full form, or without */
    for (size_t i = 0; i < ab->n_abbr; i++) {
        int64_t doc = ab->abbr[i].doc_id;
        uint64_t full = count_in(ab->full, ab->n_full, doc);
        tx_check_issue is;
        c->stats->n_occurrences += ab->abbr[i].count;
        if ((x->rc = tx_store_document_path(x->st, doc, path, sizeof path, x->err)) != TX_OK)
            return 1;
        tx_buf_reset(&c->expected);
        tx_buf_reset(&c->found);
        if (tx_buf_addf(&c->expected, "%s (%s)", ab->term, ab->acronym) != TX_OK ||
            tx_buf_addf(&c->found, "%s x%llu, %s x%llu", ab->term, (unsigned long long)full,
                        ab->acronym, (unsigned long long)ab->abbr[i].count) != TX_OK) {
            x->rc = tx_fail(x->err, TX_ENOMEM, "out of memory checking");
            return 1;
        }
        memset(&is, 0, sizeof is);
        is.kind = full ? "mixed" : "undefined";
        is.file = path;
        is.term = ab->term;
        is.expected = tx_buf_str(&c->expected);
        is.found = tx_buf_str(&c->found);
        if (report(c, &is))
            return 1;
    }
    return 0;
}

tx_status tx_check_corpus(tx_store *st, const tx_check_opts *opts, tx_check_fn fn,
                          void *arg, tx_check_stats *stats, tx_error *err)
{
    tx_check_opts defaults, canon;
    char src_tag[TX_LANGTAG_MAX], tgt_tag[TX_LANGTAG_MAX];
    checker c;
    corpus_ctx x = {st, &c, TX_OK, err};
    int began;
    tx_status rc;

    if (!opts) {
        tx_check_opts_init(&defaults);
        opts = &defaults;
    }
    opts = canonical(opts, &canon, src_tag, tgt_tag);
    memset(stats, 0, sizeof *stats);
    memset(&c, 0, sizeof c);
    c.o = opts;
    c.fn = fn;
    c.arg = arg;
    c.stats = stats;
    tx_strmap_init(&c.ignore);
    if ((rc = load_ignore(&c, opts, err)) != TX_OK) {
        tx_strmap_release(&c.ignore);
        return rc;
    }
    /* Both checks read one snapshot, even while `extract` commits. */
    if ((rc = tx_store_begin_read(st, &began, err)) == TX_OK) {
        rc = tx_store_each_abbreviation(st, opts->src_lang, check_abbreviation, &x, err);
        if (rc == TX_OK)
            rc = x.rc;
        if (rc == TX_OK && !c.stopped)
            rc = check_short_names(st, &c, err);
        tx_store_end_read(st, began);
    }
    tx_strmap_release(&c.ignore);
    tx_buf_release(&c.expected);
    tx_buf_release(&c.found);
    return rc;
}

/* ---- the corpus: full names and shortened names ---- */

typedef struct named {
    char *key, *canonical;
    unsigned n_content;
    tx_doc_count *docs;
    size_t n_docs;
} named;

typedef struct named_list {
    named *v;
    size_t n, cap;
    int oom;
} named_list;

/* A name is written with a capital: "Centre régional ...", "Organisation ...". */
static int capitalised(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    return (u[0] >= 'A' && u[0] <= 'Z') || (u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E);
}

/* Rejected terms are no names to enforce. */
static int load_named(const tx_listed_term *t, void *arg)
{
    named_list *l = arg;
    named *nm;

    if (!capitalised(t->canonical) || t->n_content < 2 ||
        strcmp(t->status, tx_term_status_name(TX_TERM_REJECTED)) == 0)
        return 0;
    if (tx_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v, 64) < 0) {
        l->oom = 1;
        return 1;
    }
    nm = &l->v[l->n];
    memset(nm, 0, sizeof *nm);
    nm->key = strdup(t->key);
    nm->canonical = strdup(t->canonical);
    nm->n_content = t->n_content;
    if (!nm->key || !nm->canonical ||
        tx_store_parse_doc_counts(t->doc_counts, &nm->docs, &nm->n_docs) < 0) {
        free(nm->key);
        free(nm->canonical);
        l->oom = 1;
        return 1;
    }
    l->n++;
    return 0;
}

/* For each name of three content words or more ("Centre régional des Nations
 * Unies pour la diplomatie préventive en Asie centrale") whose beginning is
 * itself a listed name ("Centre régional"), the documents using both. */
static tx_status check_short_names(tx_store *st, checker *c, tx_error *err)
{
    named_list l = {NULL, 0, 0, 0};
    tx_strmap by_key;
    tx_strmap_slot *slot;
    char path[4096];
    tx_status rc;

    tx_strmap_init(&by_key);
    rc = tx_store_each_listed(st, c->o->src_lang, load_named, &l, err);
    if (rc == TX_OK && l.oom)
        rc = tx_fail(err, TX_ENOMEM, "out of memory checking");
    for (size_t i = 0; i < l.n && rc == TX_OK; i++) {
        if (tx_strmap_put(&by_key, l.v[i].key, strlen(l.v[i].key), &slot, NULL) != TX_OK)
            rc = tx_fail(err, TX_ENOMEM, "out of memory checking");
        else
            slot->val = PTR(i);
    }
    for (size_t i = 0; i < l.n && rc == TX_OK; i++) {
        named *full = &l.v[i];
        named *shortest = NULL;
        if (full->n_content < 3)
            continue;
        /* the longest listed name that begins it */
        for (const char *sp = strchr(full->key, ' '); sp; sp = strchr(sp + 1, ' ')) {
            void *v = tx_strmap_get(&by_key, full->key, (size_t)(sp - full->key));
            if (v)
                shortest = &l.v[IDX(v)];
        }
        if (!shortest)
            continue;
        c->stats->n_terms++;
        for (size_t d = 0; d < full->n_docs && rc == TX_OK; d++) {
            uint64_t n_short = count_in(shortest->docs, shortest->n_docs, full->docs[d].doc_id);
            /* The short name's count includes the full name's occurrences.  A
             * shortened name refers back to a full name the document uses;
             * one used much more than the full name ("Nations Unies" beside
             * "Nations Unies en Asie centrale") is a name of its own. */
            uint64_t alone = n_short - full->docs[d].count;
            if (n_short <= full->docs[d].count || alone > 2 * full->docs[d].count)
                continue;
            if ((rc = tx_store_document_path(st, full->docs[d].doc_id, path, sizeof path,
                                             err)) != TX_OK)
                break;
            tx_buf_reset(&c->expected);
            tx_buf_reset(&c->found);
            if (tx_buf_addstr(&c->expected, full->canonical) != TX_OK ||
                tx_buf_addf(&c->found, "%s x%llu, %s alone x%llu", full->canonical,
                            (unsigned long long)full->docs[d].count, shortest->canonical,
                            (unsigned long long)alone) != TX_OK) {
                rc = tx_fail(err, TX_ENOMEM, "out of memory checking");
                break;
            }
            tx_check_issue is;
            memset(&is, 0, sizeof is);
            is.kind = "shortened";
            is.file = path;
            is.term = full->canonical;
            is.expected = tx_buf_str(&c->expected);
            is.found = tx_buf_str(&c->found);
            if (report(c, &is))
                break;
        }
        if (c->stopped)
            break;
    }
    for (size_t i = 0; i < l.n; i++) {
        free(l.v[i].key);
        free(l.v[i].canonical);
        free(l.v[i].docs);
    }
    free(l.v);
    tx_strmap_release(&by_key);
    return rc;
}
