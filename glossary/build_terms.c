/* build_terms.c: the extraction run's candidates become the glossary's terms.
 *
 * Once the workers' tables are merged (candtable.h): the nouns-first rule,
 * scoring the table when the glossary had no terms yet, merging each
 * candidate into the glossary, and rescoring the whole glossary when it had
 * terms before (see build.c for the run). */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buildInt.h"
#include "candtable.h"
#include "error.h"
#include "lexicon.h"
#include "score.h"
#include "store.h"
#include "strmap.h"
#include "tokenize.h" /* tx_is_folded() */

/* ---- the corpus's nouns ---- */

/* An adjective the lexicon knows may open a French term ("ventriculaire
 * gauche", "résonance magnétique") when the term occurs at least this often:
 * measured on the four ACTER domains (docs/evaluation.md). */
#define ADJ_START_MIN_FREQ 10

/* The part-of-speech pattern of a language whose lexicon is known and whose
 * nouns-first rule is off (English): a term does not start on a form that
 * can only be a verb or an adverb ("using", "quickly"), and ends on a form
 * that can be a noun, or that the lexicon does not know, or that has
 * capitals ("wind turbine", not "wind turbines installed"). */
static int pos_pattern(const tx_lex *lex, const char *canonical)
{
    size_t len = strcspn(canonical, " ,");
    const char *last = strrchr(canonical, ' ');
    const tx_lex_entry *e;

    if (tx_is_folded(canonical, len) && (e = tx_lex_lookup(lex, canonical, len)) &&
        !(e->pos & (TX_LEX_NOUN | TX_LEX_ADJ | TX_LEX_PART)))
        return 0;
    last = last ? last + 1 : canonical;
    len = strlen(last);
    return !tx_is_folded(last, len) || !(e = tx_lex_lookup(lex, last, len)) ||
           (e->pos & TX_LEX_NOUN);
}

/* Does the canonical form `canonical` hold a word of the language's function
 * words (de, à, la...)?  An adjective opens a term of content words
 * ("ventriculaire gauche", "haute tension"), not a complement
 * ("relative à la protection", "portant atteinte aux intérêts"). */
static int has_inner_function_word(const tx_build *b, const char *canonical)
{
    for (const char *w = canonical; *w;) {
        size_t len = strcspn(w, " ,'");
        if (w[len] == '\'') /* an elided article or preposition: "d'", "l'" */
            return 1;
        if (len && tx_lang_inner(b->lang, w, len))
            return 1;
        w += len;
        w += strspn(w, " ,'");
    }
    return 0;
}

/* May a term whose canonical form is `canonical`, seen `freq` times, be
 * listed, as far as its first word goes?  A French term starts with its head
 * noun (adjectives mostly follow it), and the corpus writes that noun after a
 * determiner somewhere: "diplomatie préventive" ("la diplomatie"), "mesures
 * de confiance" ("des mesures").  A lower-case first word never written so is
 * an adjective, a participle, an adverb or a verb: "relative à la
 * protection", "portant atteinte", "bien sûr", "participer aux réglages";
 * but a frequent term may open on a word the lexicon knows as an adjective
 * (ADJ_START_MIN_FREQ).  A first word with capitals (a name, an acronym) may
 * always start a term.  When the rule is off (see tx_build_gather_nouns()),
 * a language with a lexicon follows pos_pattern(), any other lists all. */
static int noun_start(const tx_build *b, const char *canonical, uint64_t freq)
{
    const tx_lex *lex = tx_lang_lexicon(b->lang);
    const tx_lex_entry *e;
    size_t len = 0;

    if (!b->noun_rule)
        return !lex || pos_pattern(lex, canonical);
    while (canonical[len] && canonical[len] != ' ' && canonical[len] != ',')
        len++;
    if (!tx_is_folded(canonical, len) || tx_strmap_get(&b->nouns, canonical, len))
        return 1;
    return lex && freq >= ADJ_START_MIN_FREQ && (e = tx_lex_lookup(lex, canonical, len)) &&
           (e->pos & TX_LEX_ADJ) && !has_inner_function_word(b, canonical);
}

typedef struct noun_sink {
    tx_build *b;
    int record;   /* new words go to the glossary too */
    tx_status rc;
    tx_error *err;
} noun_sink;

static int put_noun(const char *word, size_t len, void *arg)
{
    noun_sink *ns = arg;
    tx_strmap_slot *slot;
    int created;

    if (tx_strmap_put(&ns->b->nouns, word, len, &slot, &created) != TX_OK) {
        ns->rc = tx_fail(ns->err, TX_ENOMEM, "out of memory gathering nouns");
        return 1;
    }
    slot->val = ns->b;
    if (created && ns->record &&
        (ns->rc = tx_store_add_noun(ns->b->st, tx_lang_code(ns->b->lang), word, len,
                                    ns->err)) != TX_OK)
        return 1;
    return 0;
}

/* The nouns of the whole corpus for noun_start(): the glossary's, from the
 * earlier runs, and the workers' (tx_candidates_each_noun()), which are
 * recorded in the glossary.  The rule is on only for a language with
 * determiners, in a glossary whose nouns come from all its documents. */
tx_status tx_build_gather_nouns(tx_build *b, tx_error *err)
{
    noun_sink ns = {b, 0, TX_OK, err};
    int complete;
    tx_status rc;

    if (!tx_lang_nouns_first(b->lang))
        return TX_OK;
    if ((rc = tx_store_nouns_complete(b->st, &complete, err)) != TX_OK ||
        (rc = tx_store_each_noun(b->st, tx_lang_code(b->lang), put_noun, &ns, err)) !=
            TX_OK)
        return rc;
    ns.record = 1;
    for (unsigned k = 0; k < b->n_workers && ns.rc == TX_OK; k++)
        tx_candidates_each_noun(b->workers[k].cands, put_noun, &ns);
    b->noun_rule = complete;
    return ns.rc;
}

/* ---- storing the candidates ---- */

/* A slot to sort by key: the key's first 16 bytes, big-endian, decide most
 * comparisons without reading the key itself (keys are NUL-free, so a short
 * key's zero padding sorts as strcmp() would). */
#define KEY_PREFIX 16

typedef struct keyed_slot {
    uint64_t prefix[KEY_PREFIX / 8];
    tx_strmap_slot *slot;
} keyed_slot;

static void key_prefix(keyed_slot *k, const char *key, size_t len)
{
    for (size_t w = 0; w < KEY_PREFIX / 8; w++) {
        uint64_t p = 0;
        for (size_t i = w * 8; i < w * 8 + 8; i++)
            p = p << 8 | (i < len ? (unsigned char)key[i] : 0);
        k->prefix[w] = p;
    }
}

/* strcmp() order: equal prefixes that are not the whole of both keys go on. */
static int cmp_keyed_slot(const void *a, const void *b)
{
    const keyed_slot *x = a, *y = b;

    for (size_t w = 0; w < KEY_PREFIX / 8; w++)
        if (x->prefix[w] != y->prefix[w])
            return x->prefix[w] < y->prefix[w] ? -1 : 1;
    if (x->slot->len < KEY_PREFIX || y->slot->len < KEY_PREFIX)
        return (x->slot->len > y->slot->len) - (x->slot->len < y->slot->len);
    return strcmp(x->slot->key + KEY_PREFIX, y->slot->key + KEY_PREFIX);
}

/* Variants are stored in byte order: the store orders them by content
 * anyway (count, then form), so their order here changes nothing. */
static int cmp_variant(const void *a, const void *b)
{
    return strcmp(((const tx_cand_variant *)a)->surface,
                  ((const tx_cand_variant *)b)->surface);
}

/* Point `r` at a link kept as "key\tsurface", cutting it at the tab (the
 * caller puts the tab back). */
static void relation(tx_relation_row *r, const char *kind, char *link)
{
    char *tab = strchr(link, '\t');

    *tab = '\0';
    r->kind = kind;
    r->other_key = link;
    r->other_surface = tab + 1;
}

/* The rows one candidate is stored with, reused from one to the next. */
typedef struct term_rows {
    tx_relation_row rel[2 * TX_MAX_RELATIONS];
    tx_variant_row *v;
    tx_cand_count *counts;
    tx_doc_count *docs;
    tx_context_row *ctx;
    size_t vcap, dcap, ccap;
} term_rows;

static void rows_release(term_rows *rows)
{
    free(rows->v);
    free(rows->counts);
    free(rows->docs);
    free(rows->ctx);
}

/* Make room in `rows` for candidate `c`.  TX_OK or TX_ENOMEM. */
static tx_status rows_reserve(term_rows *rows, const tx_cand *c)
{
    if (c->n_variants <= rows->vcap && c->n_docs <= rows->dcap &&
        c->n_contexts <= rows->ccap)
        return TX_OK;
    rows->vcap = c->n_variants > rows->vcap ? c->n_variants * 2 : rows->vcap;
    rows->dcap = c->n_docs > rows->dcap ? c->n_docs * 2 : rows->dcap;
    rows->ccap = c->n_contexts > rows->ccap ? c->n_contexts * 2 : rows->ccap;
    rows_release(rows);
    rows->v = malloc(rows->vcap * sizeof *rows->v + 1);
    rows->counts = malloc(rows->dcap * sizeof *rows->counts + 1);
    rows->docs = malloc(rows->dcap * sizeof *rows->docs + 1);
    rows->ctx = malloc(rows->ccap * sizeof *rows->ctx + 1);
    if (!rows->v || !rows->counts || !rows->docs || !rows->ctx)
        return TX_ENOMEM;
    return TX_OK;
}

/* Merge candidate `c` (of string key `key`) into the glossary. */
static tx_status store_cand(tx_build *b, term_rows *rows, const char *key, tx_cand *c,
                            int scored, tx_error *err)
{
    const tx_input *inputs = b->inputs.v;
    tx_occ_row row;
    size_t n_docs;
    tx_status rc;

    qsort(c->variants, c->n_variants, sizeof *c->variants, cmp_variant);
    tx_candtable_sort_contexts(b->table, c);
    if (rows_reserve(rows, c) != TX_OK)
        return tx_fail(err, TX_ENOMEM, "out of memory storing terms");
    for (size_t v = 0; v < c->n_variants; v++) {
        rows->v[v].surface = c->variants[v].surface;
        rows->v[v].count = c->variants[v].count;
        rows->v[v].lower_initial = c->variants[v].lower_initial;
    }
    n_docs = tx_cand_doc_counts(c, rows->counts);
    for (size_t d = 0; d < n_docs; d++) {
        rows->docs[d].doc_id = inputs[rows->counts[d].input].doc_id;
        rows->docs[d].count = rows->counts[d].count;
    }
    for (size_t k = 0; k < c->n_contexts; k++) {
        const tx_cand_context *cx = &c->contexts[k];
        rows->ctx[k].doc_id = inputs[cx->input].doc_id;
        rows->ctx[k].sentence = tx_candtable_context_text(b->table, cx);
        rows->ctx[k].sentence_id = tx_candtable_context_id(b->table, cx);
        rows->ctx[k].doc_hash = inputs[cx->input].hash;
        rows->ctx[k].level = cx->level;
        rows->ctx[k].page = cx->page;
    }
    memset(&row, 0, sizeof row);
    row.lang = tx_lang_code(b->lang);
    row.key = key;
    row.n_words = c->n_words;
    row.n_content = c->n_content;
    row.variants = rows->v;
    row.n_variants = c->n_variants;
    row.docs = rows->docs;
    row.n_docs = n_docs;
    row.contexts = rows->ctx;
    row.n_contexts = c->n_contexts;
    row.scored = scored;
    row.known_new = scored; /* scored here: the glossary had none of them */
    row.cvalue = c->cvalue;
    row.score = c->score;
    row.listed = c->listed; /* tx_build_score_table() */
    /* Links are kept as "key\tsurface": split them for the call. */
    for (size_t k = 0; k < c->acronyms.n; k++)
        relation(&rows->rel[row.n_relations++], "abbreviation", c->acronyms.v[k]);
    for (size_t k = 0; k < c->elliptic.n; k++)
        relation(&rows->rel[row.n_relations++], "elliptic", c->elliptic.v[k]);
    row.relations = rows->rel;
    rc = tx_store_merge_term(b->st, &row, b->o->max_contexts, err);
    for (size_t k = 0; k < row.n_relations; k++)
        *(char *)(rows->rel[k].other_surface - 1) = '\t';
    return rc;
}

tx_status tx_build_store_terms(tx_build *b, int scored, tx_error *err)
{
    tx_strmap *table = tx_candtable_merged(b->table);
    keyed_slot *order = malloc((table->n ? table->n : 1) * sizeof *order);
    term_rows rows = {0};
    size_t n = 0;
    tx_status rc = TX_OK;

    if (!order)
        return tx_fail(err, TX_ENOMEM, "out of memory storing terms");
    /* In key order, the glossary's key index grows at its end instead of at
     * random places: SQLite's B-tree then touches few pages per insert. */
    for (size_t i = 0; i < table->cap; i++)
        if (table->slots[i].key) {
            key_prefix(&order[n], table->slots[i].key, table->slots[i].len);
            order[n++].slot = &table->slots[i];
        }
    qsort(order, n, sizeof *order, cmp_keyed_slot);
    for (size_t i = 0; i < n && rc == TX_OK; i++)
        rc = store_cand(b, &rows, order[i].slot->key, order[i].slot->val, scored, err);
    free(order);
    rows_release(&rows);
    return rc;
}

/* ---- scoring ---- */

/* The thresholds of the run and its threads, for tx_score_terms(). */
static tx_score_opts score_opts(const tx_build *b)
{
    const tx_listing *l = &b->settings.listing;

    tx_score_opts so;

    memset(&so, 0, sizeof so);
    so.min_freq = l->min_freq;
    so.min_words = l->min_words;
    so.max_words = l->max_words;
    so.threads = b->n_workers;
    so.ref = b->ref; /* build_ref.c */
    so.words = b->words_ok ? &b->words : NULL;
    so.corpus_tokens = b->corpus_tokens;
    so.termhood_weight = b->o->termhood_weight;
    so.termhood_min = b->o->termhood_min;
    so.smoothing = TX_DEFAULT_TERMHOOD_SMOOTHING;
    so.termhood_power = TX_DEFAULT_TERMHOOD_POWER;
    so.one_word_weight = b->o->one_word_weight > 0 ? b->o->one_word_weight
                                                   : TX_DEFAULT_ONE_WORD_WEIGHT;
    return so;
}

/* May candidate `c` not start a listed term (noun_start()), by the canonical
 * form the store will give it (tx_store_best_variant())?  `v` has room for
 * its variants. */
static int cand_bad_start(const tx_build *b, const tx_cand *c, tx_variant_row *v)
{
    tx_occ_row row;

    if (!c->n_variants)
        return 0;
    for (size_t k = 0; k < c->n_variants; k++) {
        v[k].surface = c->variants[k].surface;
        v[k].count = c->variants[k].count;
        v[k].lower_initial = c->variants[k].lower_initial;
    }
    memset(&row, 0, sizeof row);
    row.variants = v;
    row.n_variants = c->n_variants;
    return !noun_start(b, tx_store_best_variant(&row)->surface, c->freq);
}

/* The most variants a candidate of `table` has. */
static size_t max_variants(const tx_strmap *table)
{
    size_t n = 1;

    for (size_t i = 0; i < table->cap; i++)
        if (table->slots[i].key && ((const tx_cand *)table->slots[i].val)->n_variants > n)
            n = ((const tx_cand *)table->slots[i].val)->n_variants;
    return n;
}

/* A glossary with no terms yet is exactly this run's table: score it here
 * and store the scores with the terms, sparing the rescoring pass a read and
 * a write of every term. */
tx_status tx_build_score_table(tx_build *b, tx_error *err)
{
    tx_strmap *table = tx_candtable_merged(b->table);
    tx_score_term *v = malloc((table->n ? table->n : 1) * sizeof *v);
    tx_variant_row *vrows = malloc(max_variants(table) * sizeof *vrows);
    tx_score_opts so = score_opts(b);
    size_t n = 0;
    tx_status rc;

    if (!v || !vrows) {
        free(v);
        free(vrows);
        return tx_fail(err, TX_ENOMEM, "out of memory scoring");
    }
    for (size_t i = 0; i < table->cap; i++) {
        const tx_cand *c = table->slots[i].val;
        if (!table->slots[i].key)
            continue;
        memset(&v[n], 0, sizeof v[n]);
        v[n].key = table->slots[i].key; /* borrowed: tx_score_terms() only reads it */
        v[n].key_len = table->slots[i].len;
        v[n].key_hash = table->slots[i].hash;
        v[n].n_words = c->n_words;
        v[n].n_content = c->n_content;
        v[n].freq = c->freq;
        v[n].df = (unsigned)c->n_docs;
        v[n].id = (int64_t)i; /* the slot, to find the candidate again */
        v[n].bad_start = cand_bad_start(b, c, vrows);
        n++;
    }
    free(vrows);
    rc = tx_score_terms(v, n, &so, err);
    for (size_t k = 0; k < n && rc == TX_OK; k++) {
        tx_cand *c = table->slots[v[k].id].val;
        c->cvalue = v[k].cvalue;
        c->score = v[k].score;
        c->listed = v[k].listed;
    }
    free(v);
    return rc;
}

typedef struct score_list {
    const tx_build *b;
    tx_score_term *terms;
    size_t n, cap;
    int oom;
} score_list;

static int collect_score(const tx_score_row *row, void *arg)
{
    score_list *l = arg;
    tx_score_term *t;

    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1024;
        tx_score_term *p = realloc(l->terms, cap * sizeof *p);
        if (!p) {
            l->oom = 1;
            return 1;
        }
        l->terms = p;
        l->cap = cap;
    }
    t = &l->terms[l->n];
    memset(t, 0, sizeof *t);
    t->id = row->id;
    if (!(t->key = strdup(row->key))) {
        l->oom = 1;
        return 1;
    }
    t->n_words = row->n_words;
    t->n_content = row->n_content;
    t->freq = row->freq;
    t->df = row->df;
    t->cvalue = row->cvalue;
    t->score = row->score;
    t->listed = row->listed;
    t->approved = row->approved;
    t->bad_start = !noun_start(l->b, row->canonical, row->freq);
    l->n++;
    return 0;
}

tx_status tx_build_rescore(tx_build *b, tx_error *err)
{
    score_list l = {b, NULL, 0, 0, 0};
    tx_score_term *old = NULL;
    tx_score_opts so = score_opts(b);
    tx_status rc;

    rc = tx_store_each_term(b->st, tx_lang_code(b->lang), collect_score, &l, err);
    if (rc == TX_OK && l.oom)
        rc = tx_fail(err, TX_ENOMEM, "out of memory rescoring");
    if (rc == TX_OK) {
        /* tx_score_terms() overwrites the results: keep the stored ones to
         * write back only what changed. */
        old = malloc((l.n ? l.n : 1) * sizeof *old);
        if (!old)
            rc = tx_fail(err, TX_ENOMEM, "out of memory rescoring");
        for (size_t i = 0; i < l.n && old; i++)
            old[i] = l.terms[i];
    }
    if (rc == TX_OK)
        rc = tx_score_terms(l.terms, l.n, &so, err);
    for (size_t i = 0; i < l.n && rc == TX_OK; i++) {
        tx_score_term *t = &l.terms[i];
        if (t->cvalue == old[i].cvalue && t->score == old[i].score &&
            t->listed == old[i].listed)
            continue;
        rc = tx_store_set_score(b->st, t->id, t->cvalue, t->score, t->listed, err);
    }
    free(old);
    for (size_t i = 0; i < l.n; i++)
        free(l.terms[i].key);
    free(l.terms);
    return rc;
}
