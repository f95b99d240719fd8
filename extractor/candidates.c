/* candidates.c: find multiword term candidates in a tokenized sentence.
 * Stopwords may occur inside a candidate ("taux de change") but never at its
 * edges; punctuation cuts, except the commas of a coordinated term.  The
 * coordination and acronym finders are in candidates_coord.c, the types both
 * files share in candidatesInt.h. */
#include "candidates.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "candidatesInt.h"
#include "error.h"
#include "lexicon.h"
#include "strmap.h"

/* The id of key string s[0..len) in c's key table, added if new; *str (may be
 * NULL) receives the table's copy, which lives as long as `c`. */
static tx_status intern(tx_candidates *c, const char *s, size_t len, uint32_t *id,
                        const char **str)
{
    tx_strmap_slot *slot;

    /* Room first, so that a key in the map always has its entry. */
    if (c->n_keys >= NO_ID - 1 ||
        tx_grow((void **)&c->key_ref, &c->key_cap, c->n_keys + 1, sizeof *c->key_ref,
                256) < 0 ||
        tx_strmap_put(&c->keys, s, len, &slot, NULL) != TX_OK)
        return TX_ENOMEM;
    if (!slot->val) {
        c->mem += len + 1 + 16;
        c->key_ref[c->n_keys].s = slot->key;
        c->key_ref[c->n_keys].len = len;
        slot->val = (void *)(uintptr_t)++c->n_keys; /* id + 1: never NULL */
    }
    *id = (uint32_t)((uintptr_t)slot->val - 1);
    if (str)
        *str = c->key_ref[*id].s;
    return TX_OK;
}

tx_status tx_candidates_new(const tx_lang *lang, tx_stemmer *stemmer,
                            unsigned min_words, unsigned max_words,
                            tx_candidates **out, tx_error *err)
{
    tx_candidates *c;

    *out = NULL;
    if (min_words < 1 || max_words < min_words)
        return tx_fail(err, TX_EINVAL, "invalid term size %u..%u words", min_words,
                       max_words);
    c = calloc(1, sizeof *c);
    if (!c)
        return tx_fail(err, TX_ENOMEM, "cannot allocate candidate finder");
    c->lang = lang;
    c->stemmer = stemmer;
    c->min_words = min_words;
    c->max_words = max_words;
    c->string_keys = 1;
    tx_buf_init(&c->arena);
    tx_buf_init(&c->key);
    tx_strmap_init(&c->words);
    tx_strmap_init(&c->keys);
    if (intern(c, ",", 1, &c->comma_id, NULL) != TX_OK) {
        tx_candidates_free(c);
        return tx_fail(err, TX_ENOMEM, "cannot allocate candidate finder");
    }
    *out = c;
    return TX_OK;
}

size_t tx_candidates_memory(const tx_candidates *c)
{
    return c->mem + c->words.cap * sizeof *c->words.slots +
           c->keys.cap * sizeof *c->keys.slots + c->key_cap * sizeof *c->key_ref +
           c->info_cap * sizeof *c->info + c->ids_cap * sizeof *c->ids +
           c->recs_cap * sizeof *c->recs + c->occs_cap * sizeof *c->occs + c->arena.cap +
           c->key.cap;
}

void tx_candidates_set_string_keys(tx_candidates *c, int on)
{
    c->string_keys = on != 0;
}

size_t tx_candidates_ids_key_len(const tx_candidates *c, const uint32_t *ids, size_t n)
{
    size_t len = n ? n - 1 : 0; /* the spaces */

    for (size_t i = 0; i < n; i++)
        len += ids[i] < c->n_keys ? c->key_ref[ids[i]].len : 0;
    return len;
}

tx_status tx_candidates_ids_key(const tx_candidates *c, const uint32_t *ids, size_t n,
                                tx_buf *out)
{
    tx_buf_reset(out);
    if (tx_buf_grow(out, 0) != TX_OK) /* "" for no ids, still a C string */
        return TX_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (ids[i] >= c->n_keys)
            return TX_EINVAL;
        if ((i && tx_buf_addch(out, ' ') != TX_OK) ||
            tx_buf_add(out, c->key_ref[ids[i]].s, c->key_ref[ids[i]].len) != TX_OK)
            return TX_ENOMEM;
    }
    return TX_OK;
}

void tx_candidates_free(tx_candidates *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->words.cap; i++)
        if (c->words.slots[i].key)
            free(c->words.slots[i].val);
    tx_strmap_release(&c->words);
    tx_strmap_release(&c->keys);
    free(c->key_ref);
    free(c->word_n);
    free(c->ids);
    free(c->info);
    free(c->recs);
    free(c->occs);
    free(c->ells);
    free(c->ell_out);
    tx_buf_release(&c->arena);
    tx_buf_release(&c->key);
    free(c);
}

static int has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

/* A code that mixes letters and digits, starts with a letter and has two
 * letters or more ("VO2", "COVID-19", "ST2"): a content word, where a number,
 * a document symbol ("73/338", "1er") or a section mark ("G2", "N1.11") is
 * not. */
static int is_letter_code(const char *s, size_t len)
{
    size_t letters = 0;

    if (!len || (s[0] >= '0' && s[0] <= '9') || memchr(s, '/', len) || memchr(s, '.', len))
        return 0;
    for (size_t i = 0; i < len; i++)
        letters += (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z');
    return letters >= 2 && has_digit(s, len); /* not a section mark: "G2", "N1.11" */
}

/* A short number ("2030", "2", "19"): it may end a term after a content word
 * ("l'horizon 2030"); a longer one or a symbol ("73/338") may not. */
static int is_short_number(const char *s, size_t len)
{
    if (!len || len > 4)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int is_function(const tx_candidates *c, const tx_token *t)
{
    return t->kind == TX_TOK_PUNCT || (t->flags & TX_TOK_ELIDED) ||
           tx_lang_inner(c->lang, t->fold, t->fold_len) ||
           tx_lang_is_stopword(c->lang, t->fold, t->fold_len);
}

/* Number of code points in a UTF-8 string. */
static size_t n_chars(const char *s, size_t len)
{
    size_t n = 0;

    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* The key of content word `fold`: its lemma where the language's lexicon
 * knows it (w->lex gets its part of speech), else the one lemma that has its
 * Snowball stem, else that stem.  Owned by the lexicon or the stemmer (valid
 * until its next call); NULL when out of memory. */
static const char *content_key(tx_candidates *c, word *w, const char *fold, size_t len,
                               size_t *key_len)
{
    const tx_lex *lex = tx_lang_key_lexicon(c->lang);
    const tx_lex_entry *e = lex ? tx_lex_lookup(lex, fold, len) : NULL;
    const char *stem;

    if (e) {
        w->lex = (unsigned char)e->pos;
        *key_len = e->lemma_len;
        return e->lemma;
    }
    stem = tx_stemmer_stem_once(c->stemmer, fold, len, key_len);
    if (stem && lex && (e = tx_lex_stem_lemma(lex, stem, *key_len))) {
        *key_len = e->lemma_len;
        return e->lemma;
    }
    return stem;
}

/* What the folded form of token `t`, of hash `h` (tx_strhash), is (see
 * `word`); NULL when out of memory (the form then stays in c->words without
 * a value, and is worked out again next time).  Owned by `c`. */
static word *lookup(tx_candidates *c, const tx_token *t, uint64_t h)
{
    const tx_inner *inner;
    tx_strmap_slot *slot;
    word *w;

    if (tx_strmap_put_hashed(&c->words, t->fold, t->fold_len, h, &slot, NULL) != TX_OK)
        return NULL;
    if (slot->val)
        return slot->val;
    if (!(w = calloc(1, sizeof *w)))
        return NULL;
    w->fold = slot->key;
    w->fold_len = t->fold_len;
    w->fold_id = NO_ID;
    w->participle_end = (char)tx_lang_has_participle_end(c->lang, t->fold, t->fold_len);
    w->participle_prep = (char)tx_lang_is_participle_prep(c->lang, t->fold, t->fold_len);
    w->determiner = (char)tx_lang_is_determiner(c->lang, t->fold, t->fold_len);
    w->locs = tx_lang_locutions(c->lang, t->fold, t->fold_len, &w->n_locs);
    w->cls = C_BREAK;
    w->key = w->fold;
    w->key_len = w->fold_len;
    w->key_id = NO_ID;
    if (has_digit(t->fold, t->fold_len) && !is_letter_code(t->fold, t->fold_len)) {
        w->cls = C_NUM;
    } else if ((inner = tx_lang_inner(c->lang, t->fold, t->fold_len))) {
        w->cls = C_INNER;
        w->role = inner->role;
        w->key_len = strlen(inner->norm);
        if (intern(c, inner->norm, w->key_len, &w->key_id, &w->key) != TX_OK)
            goto fail;
    } else if (!tx_lang_is_stopword(c->lang, t->fold, t->fold_len) &&
               n_chars(t->fold, t->fold_len) >= 2) {
        /* The forms are the cache: no need for the stemmer's own. */
        const char *stem = content_key(c, w, t->fold, t->fold_len, &w->key_len);

        if (!stem || intern(c, stem, w->key_len, &w->key_id, &w->key) != TX_OK)
            goto fail;
        w->cls = C_CONTENT;
    }
    slot->val = w;
    c->mem += sizeof *w + 16 + t->fold_len + 1 + 16;
    return w;
fail:
    free(w);
    return NULL;
}

/* The id of w's fold as a key (a number's), interned on first use; NO_ID
 * when out of memory. */
static uint32_t fold_id(tx_candidates *c, word *w)
{
    if (w->fold_id == NO_ID && intern(c, w->fold, w->fold_len, &w->fold_id, NULL) != TX_OK)
        w->fold_id = NO_ID;
    return w->fold_id;
}

/* Token j's word in key form, as tx_locution has them. */
static int is_key_word(const tx_candidates *c, size_t j, const char *w)
{
    const word *f = c->info[j].form;
    const char *k = f->cls == C_INNER ? f->key : f->fold;
    size_t len = f->cls == C_INNER ? f->key_len : f->fold_len;

    return strlen(w) == len && memcmp(k, w, len) == 0;
}

/* Is content word i the noun of a complex preposition ("matière" in "en
 * matière de")? */
static int in_locution(const tx_candidates *c, const tx_sentence *s, size_t i)
{
    const word *f = c->info[i].form;

    for (size_t k = 0; k < f->n_locs; k++) {
        const tx_locution *l = &f->locs[k];
        size_t j = 0;
        if (i < l->noun || i + 1 >= s->n_tokens || !is_key_word(c, i + 1, l->words[l->noun + 1]))
            continue;
        while (j < l->noun && is_key_word(c, i - l->noun + j, l->words[j]))
            j++;
        if (j == l->noun)
            return 1;
    }
    return 0;
}

/* Is token i a single capital letter right after a content word ("cystatine
 * C", "type B")?  It may then go on or end a term, never start one. */
static int is_letter_after_noun(const tx_candidates *c, const tx_sentence *s, size_t i)
{
    const tx_token *t = &s->tokens[i];

    return i > 0 && t->kind == TX_TOK_WORD && (t->flags & TX_TOK_UPPER_INITIAL) &&
           !(t->flags & TX_TOK_ELIDED) && n_chars(t->fold, t->fold_len) == 1 &&
           c->info[i - 1].cls == C_CONTENT;
}

static tx_status classify(tx_candidates *c, const tx_sentence *s)
{
    size_t first_word = s->n_tokens;

    if (tx_grow((void **)&c->info, &c->info_cap, s->n_tokens, sizeof *c->info, 32) < 0 ||
        tx_grow((void **)&c->ids, &c->ids_cap, s->n_tokens, sizeof *c->ids, 32) < 0)
        return TX_ENOMEM;
    /* The forms table is far bigger than a CPU cache and a lookup reads a
     * slot, then its key and word: ask for all the slots of the sentence,
     * then for what they point to, before reading any, so that the memory
     * reads overlap. */
    for (size_t i = 0; i < s->n_tokens; i++) {
        c->info[i].hash = tx_strhash(s->tokens[i].fold, s->tokens[i].fold_len);
        tx_strmap_prefetch_slot(&c->words, c->info[i].hash);
    }
    for (size_t i = 0; i < s->n_tokens; i++)
        tx_strmap_prefetch_entry(&c->words, c->info[i].hash);
    for (size_t i = 0; i < s->n_tokens; i++) {
        if (s->tokens[i].kind == TX_TOK_WORD) {
            first_word = i;
            break;
        }
    }
    for (size_t i = 0; i < s->n_tokens; i++)
        if (!(c->info[i].form = lookup(c, &s->tokens[i], c->info[i].hash)))
            return TX_ENOMEM;
    for (size_t i = 0; i < s->n_tokens; i++) {
        const tx_token *t = &s->tokens[i];
        tokinfo *in = &c->info[i];
        word *w = in->form;

        /* By default the token is a break keyed by its fold. */
        in->cls = C_BREAK;
        in->role = 0;
        in->no_start = in->no_end = 0;
        in->key = w->fold;
        in->key_len = w->fold_len;
        c->ids[i] = NO_ID;
        if (t->kind == TX_TOK_PUNCT) {
            if (t->len == 1 && t->surface[0] == ',') {
                in->key = ",", in->key_len = 1;
                c->ids[i] = c->comma_id;
            }
            continue;
        }
        if (w->cls == C_NUM ||
            (t->kind == TX_TOK_NUMBER && !is_letter_code(t->fold, t->fold_len))) {
            in->cls = C_NUM;
            if ((c->ids[i] = fold_id(c, w)) == NO_ID)
                return TX_ENOMEM;
            continue;
        }
        if (w->cls == C_INNER) {
            in->cls = C_INNER;
            in->role = w->role;
            in->key = w->key;
            in->key_len = w->key_len;
            c->ids[i] = w->key_id;
            continue;
        }
        if (w->cls != C_INNER && is_letter_after_noun(c, s, i)) {
            /* "cystatine C", "peptide natriurétique de type B" */
            if ((c->ids[i] = fold_id(c, w)) == NO_ID)
                return TX_ENOMEM;
            in->cls = C_CONTENT;
            in->no_start = 1;
            continue;
        }
        if (w->cls != C_CONTENT || (t->flags & TX_TOK_ELIDED))
            continue;
        if (i == first_word && (t->flags & TX_TOK_UPPER_INITIAL) &&
            tx_lang_is_clause_opener(c->lang, t->fold, t->fold_len,
                                     i + 1 >= s->n_tokens ||
                                         is_function(c, &s->tokens[i + 1])))
            continue;
        in->key = w->key;
        in->key_len = w->key_len;
        c->ids[i] = w->key_id;
        in->cls = C_CONTENT;
        if (i > 0 && c->info[i - 1].form->determiner)
            w->after_det = 1;
        /* tx_lang_is_participle_before(), from what the forms know */
        in->no_start = i + 1 < s->n_tokens && c->info[i + 1].form->participle_prep &&
                       w->participle_end;
    }
    for (size_t i = 0; i < s->n_tokens; i++)
        if (c->info[i].cls == C_CONTENT && c->info[i].form->n_locs && in_locution(c, s, i))
            c->info[i].no_start = c->info[i].no_end = 1;
    return TX_OK;
}

void tx_cand_key_reset(tx_candidates *c)
{
    tx_buf_reset(&c->key);
    c->key_hash = TX_STRHASH_INIT;
    c->ids_hash = TX_IDHASH_INIT;
}

/* Append the key of tokens [a, b] to c->key when `strings` (c->key_hash
 * follows it), and their ids to c->ids_hash. */
tx_status tx_cand_add_keys(tx_candidates *c, size_t a, size_t b, int strings)
{
    for (size_t i = a; i <= b; i++) {
        c->ids_hash = tx_idhash_add(c->ids_hash, c->ids[i]);
        if (!strings)
            continue;
        if (c->key.len) {
            if (tx_buf_addch(&c->key, ' ') != TX_OK)
                return TX_ENOMEM;
            c->key_hash = tx_strhash_add(c->key_hash, " ", 1);
        }
        if (tx_buf_add(&c->key, c->info[i].key, c->info[i].key_len) != TX_OK)
            return TX_ENOMEM;
        c->key_hash = tx_strhash_add(c->key_hash, c->info[i].key, c->info[i].key_len);
    }
    return TX_OK;
}

tx_status tx_cand_emit(tx_candidates *c, size_t first, size_t last, unsigned n_words,
                       unsigned n_content, size_t ell_first, size_t n_ell)
{
    occ_rec *r;

    if (tx_grow((void **)&c->recs, &c->recs_cap, c->n_recs + 1, sizeof *c->recs, 32) <
        0)
        return TX_ENOMEM;
    r = &c->recs[c->n_recs++];
    r->occ.first = first;
    r->occ.last = last;
    r->occ.n_words = n_words;
    r->occ.n_content = n_content;
    r->occ.key_len = c->string_keys ? c->key.len : 0;
    r->occ.key_hash = c->string_keys ? tx_strhash_final(c->key_hash) : 0;
    r->occ.ids_hash = c->ids_hash;
    r->key_off = c->string_keys ? c->arena.len : (size_t)-1;
    r->ell_first = ell_first;
    r->n_ell = n_ell;
    r->acr_tok = 0;
    if (c->string_keys &&
        tx_buf_add(&c->arena, tx_buf_str(&c->key), c->key.len + 1) != TX_OK)
        return TX_ENOMEM;
    return TX_OK;
}

/* May the run go on past the conjunction at `j`?  "A et de B" coordinates
 * complements of a head before A, so the run must already hold that head's
 * preposition ("maintien de la paix et de la sécurité", not "paix et de la
 * sécurité"); "A et la B" joins two noun phrases, a term only inside a
 * complement ("Conférence pour l'interaction et les mesures de confiance",
 * not "stabilité et le développement").  `preps` are the run's prepositions. */
int tx_cand_conjunction_ok(const tx_candidates *c, const tx_sentence *s, size_t j,
                           const uint32_t *preps, size_t n_preps)
{
    uint32_t next;

    if (c->info[j].role != 'c')
        return 1;
    if (j + 1 >= s->n_tokens || c->info[j + 1].cls != C_INNER)
        return 1;
    next = c->ids[j + 1];
    if (c->info[j + 1].role == 'c')
        return 0;
    if (c->info[j + 1].role == 'a')
        return n_preps > 0;
    for (size_t k = 0; k < n_preps; k++)
        if (preps[k] == next)
            return 1;
    return 0;
}

/* An article right after a content word starts a new phrase ("renforcer la
 * coopération"); in a noun phrase it follows a preposition ("de la paix"). */
int tx_cand_article_breaks(const tx_candidates *c, size_t j)
{
    return j > 0 && c->info[j].role == 'a' && c->info[j - 1].cls != C_INNER;
}

/* May the number at token j end a run of n_content content words?  A short
 * one right after a content word, in a run of two content words or more:
 * "diabète de type 2", "développement durable à l'horizon 2030", but no
 * document reference ("article 5", "paragraphe 3", "Figure 216"; measured on
 * ACTER fr with one-word terms: F1 28.9 with them, 29.5 without). */
static int number_ends(const tx_candidates *c, const tx_sentence *s, size_t j,
                       unsigned n_content)
{
    return c->info[j].cls == C_NUM && j > 0 && c->info[j - 1].cls == C_CONTENT &&
           n_content >= 2 && is_short_number(s->tokens[j].fold, s->tokens[j].fold_len);
}

/* Does the --max-words window cut the run of n_content content words ending
 * at token j, which holds n_preps prepositions?  When it is full and its
 * next content word follows at once ("... de l'Organisation des Nations" cut
 * before "Unies"), or, in a run that is already a chain of complements,
 * after prepositions and articles only ("... mondiale de l'Organisation"
 * before "des Nations"), that word belonged to it: the run is no term.  A
 * conjunction ends a term naturally ("... en Asie centrale et du
 * Programme"), and so does a complement after a run without one
 * ("diplomatie préventive" before "en Asie centrale", with --max-words 2). */
static int window_cut(const tx_candidates *c, const tx_sentence *s, size_t j,
                      unsigned n_content, size_t n_preps)
{
    if (n_content < c->max_words)
        return 0;
    for (size_t k = j + 1; k < s->n_tokens && k <= j + 3; k++) {
        if (c->info[k].cls == C_CONTENT)
            return k == j + 1 || n_preps > 0;
        if (c->info[k].cls != C_INNER || c->info[k].role == 'c' ||
            tx_cand_article_breaks(c, k))
            return 0;
    }
    return 0;
}

/* Ordinary candidates: every run starting and ending on a content word. */
static tx_status find_runs(tx_candidates *c, const tx_sentence *s)
{
    unsigned max_tokens = c->max_words * 3;

    for (size_t i = 0; i < s->n_tokens; i++) {
        unsigned n_content = 0, n_words = 0, n_inner = 0, cut;
        if (c->info[i].cls != C_CONTENT || c->info[i].no_start)
            continue;
        if (!c->info[i].no_end && c->ids[i] != NO_ID) { /* a one-word key: count it (word counts) */
            if (c->ids[i] >= c->word_n_cap) {
                size_t old = c->word_n_cap;
                if (tx_grow((void **)&c->word_n, &c->word_n_cap, (size_t)c->ids[i] + 1,
                            sizeof *c->word_n, 1024) < 0)
                    return TX_ENOMEM;
                memset(c->word_n + old, 0, (c->word_n_cap - old) * sizeof *c->word_n);
            }
            c->word_n[c->ids[i]]++;
        }
        tx_cand_key_reset(c);
        uint32_t preps[8]; /* key ids */
        size_t n_preps = 0;
        for (size_t j = i; j < s->n_tokens; j++) {
            const tokinfo *in = &c->info[j];
            if (in->cls == C_BREAK)
                break;
            if (j > i && tx_cand_article_breaks(c, j))
                break;
            if (in->cls == C_INNER && !tx_cand_conjunction_ok(c, s, j, preps, n_preps))
                break;
            if (in->role == 'p' && n_preps < 8)
                preps[n_preps++] = c->ids[j];
            if (++n_words > max_tokens)
                break;
            if (in->cls == C_INNER && ++n_inner > 3)
                break;
            if (in->cls != C_INNER)
                n_inner = 0;
            if (in->cls == C_CONTENT && ++n_content > c->max_words)
                break;
            if (tx_cand_add_keys(c, j, j, c->string_keys) != TX_OK)
                return TX_ENOMEM;
            if (!((in->cls == C_CONTENT && !in->no_end) || number_ends(c, s, j, n_content)) ||
                n_content < c->min_words)
                continue;
            /* A window cut is counted as longer than the window: it nests
             * its parts (they are fragments of it) but is never listed. */
            cut = window_cut(c, s, j, n_content, n_preps);
            if (tx_cand_emit(c, i, j, n_words, n_content + cut, 0, 0) != TX_OK)
                return TX_ENOMEM;
        }
    }
    return TX_OK;
}

tx_status tx_candidates_find(tx_candidates *c, const tx_sentence *s,
                             const tx_cand_occ **occ, size_t *n_occ, tx_error *err)
{
    tx_status rc;

    *occ = NULL;
    *n_occ = 0;
    c->n_recs = 0;
    c->n_ells = 0;
    tx_buf_reset(&c->arena);
    if ((rc = classify(c, s)) != TX_OK || (rc = find_runs(c, s)) != TX_OK ||
        (rc = tx_cand_find_coordinations(c, s)) != TX_OK ||
        (rc = tx_cand_find_acronyms(c, s)) != TX_OK)
        return tx_fail(err, rc, "out of memory finding candidates");
    if (tx_grow((void **)&c->occs, &c->occs_cap, c->n_recs, sizeof *c->occs, 32) < 0 ||
        tx_grow((void **)&c->ell_out, &c->ell_out_cap, c->n_ells, sizeof *c->ell_out,
                32) < 0)
        return tx_fail(err, TX_ENOMEM, "out of memory finding candidates");
    for (size_t i = 0; i < c->n_ells; i++) {
        c->ell_out[i].key = c->arena.data + c->ells[i].key_off;
        c->ell_out[i].surface = c->arena.data + c->ells[i].surface_off;
        c->ell_out[i].lower_initial = c->ells[i].lower_initial;
    }
    for (size_t i = 0; i < c->n_recs; i++) {
        c->occs[i] = c->recs[i].occ;
        c->occs[i].key =
            c->recs[i].key_off == (size_t)-1 ? NULL : c->arena.data + c->recs[i].key_off;
        c->occs[i].ids = c->ids + c->occs[i].first;
        c->occs[i].n_ids = c->occs[i].last - c->occs[i].first + 1;
        c->occs[i].elliptic = c->recs[i].n_ell ? c->ell_out + c->recs[i].ell_first : NULL;
        c->occs[i].n_elliptic = c->recs[i].n_ell;
        c->occs[i].acronym = NULL;
        c->occs[i].acronym_key = NULL;
        if (c->recs[i].acr_tok) {
            size_t k = c->recs[i].acr_tok - 1;
            c->occs[i].acronym = c->arena.data + c->recs[i].acr_off;
            c->occs[i].acronym_key = c->info[k].key;
        }
    }
    *occ = c->occs;
    *n_occ = c->n_recs;
    return TX_OK;
}

tx_status tx_candidates_key_of(tx_candidates *c, tx_tokenizer *tok, const char *text,
                               char **key, tx_error *err)
{
    const tx_sentence *s;
    tx_status rc;
    tx_buf out = TX_BUF_INIT;

    *key = NULL;
    tx_cand_key_reset(c);
    tx_tokenizer_set_text(tok, text, strlen(text));
    while ((rc = tx_tokenizer_next(tok, &s, err)) == TX_OK && s) {
        if ((rc = classify(c, s)) != TX_OK)
            break;
        for (size_t i = 0; i < s->n_tokens; i++) {
            if (s->tokens[i].kind == TX_TOK_PUNCT && c->info[i].key[0] != ',')
                continue;
            if ((out.len && tx_buf_addch(&out, ' ') != TX_OK) ||
                tx_buf_add(&out, c->info[i].key, c->info[i].key_len) != TX_OK) {
                rc = TX_ENOMEM;
                break;
            }
        }
    }
    if (rc != TX_OK) {
        tx_buf_release(&out);
        return err && err->code == rc ? rc : tx_fail(err, rc, "cannot compute key");
    }
    *key = tx_buf_detach(&out, NULL);
    return *key ? TX_OK : tx_fail(err, TX_ENOMEM, "out of memory");
}

void tx_candidates_each_noun(const tx_candidates *c,
                             int (*fn)(const char *fold, size_t len, void *arg), void *arg)
{
    for (size_t i = 0; i < c->words.cap; i++) {
        const word *w = c->words.slots[i].val;
        if (c->words.slots[i].key && w && w->after_det && fn(w->fold, w->fold_len, arg))
            return;
    }
}

void tx_candidates_each_word(const tx_candidates *c,
                             int (*fn)(const char *key, size_t len, uint64_t n, void *arg),
                             void *arg)
{
    for (size_t id = 0; id < c->word_n_cap && id < c->n_keys; id++)
        if (c->word_n[id] && fn(c->key_ref[id].s, c->key_ref[id].len, c->word_n[id], arg))
            return;
}

int tx_candidates_content(const tx_candidates *c, size_t i, const char **key, size_t *len)
{
    if (c->info[i].cls != C_CONTENT)
        return 0;
    if (key)
        *key = c->info[i].key;
    if (len)
        *len = c->info[i].key_len;
    return 1;
}
