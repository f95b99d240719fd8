/* test_lexicon.c: the lexicon of a language profile (lexicon.h) and the
 * candidate keys it gives (a word's lemma where it knows the word). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "candidates.h"
#include "check.h"
#include "lang.h"
#include "lexicon.h"
#include "stem.h"
#include "tokenize.h"

static const tx_lex_entry *look(const tx_lex *lex, const char *w)
{
    return tx_lex_lookup(lex, w, strlen(w));
}

/* Form `w` has lemma `lemma` and at least the bits `pos` (and no bit of `not`). */
static void expect(const tx_lex *lex, const char *w, const char *lemma, unsigned pos,
                   unsigned not)
{
    const tx_lex_entry *e = look(lex, w);

    check(e != NULL, "'%s' unknown", w);
    if (!e)
        return;
    check(strcmp(e->lemma, lemma) == 0 && e->lemma_len == strlen(lemma),
          "'%s': lemma '%s', expected '%s'", w, e->lemma, lemma);
    check((e->pos & pos) == pos && !(e->pos & not), "'%s': bits %u", w, e->pos);
}

static void french(void)
{
    tx_lang *fr = NULL;
    tx_error err;
    const tx_lex *lex;

    check(tx_lang_load("fr", TX_DATA_DIR, &fr, &err) == TX_OK, "%s", err.msg);
    if (!fr || !(lex = tx_lang_lexicon(fr))) {
        check(0, "no French lexicon");
        tx_lang_free(fr);
        return;
    }
    check(tx_lex_size(lex) > 100000, "%zu forms", tx_lex_size(lex));
    expect(lex, "insuffisants", "insuffisant", TX_LEX_ADJ | TX_LEX_PLURAL, 0);
    expect(lex, "insuffisant", "insuffisant", TX_LEX_ADJ, TX_LEX_PLURAL);
    expect(lex, "insuffisance", "insuffisance", TX_LEX_NOUN, TX_LEX_PLURAL);
    expect(lex, "stimulateur", "stimulateur", TX_LEX_NOUN | TX_LEX_ADJ, 0);
    expect(lex, "stimulation", "stimulation", TX_LEX_NOUN, 0);
    expect(lex, "lutter", "lutter", TX_LEX_VERB, TX_LEX_NOUN | TX_LEX_ADJ | TX_LEX_ADV);
    expect(lex, "lutte", "lutte", TX_LEX_NOUN, 0);
    expect(lex, "zones", "zone", TX_LEX_NOUN | TX_LEX_PLURAL, 0);
    /* A noun reading wins over a participle: "données" is "donnée". */
    expect(lex, "données", "donnée", TX_LEX_NOUN | TX_LEX_PART, 0);
    check(!look(lex, "représentent"), "finite verb forms are in verbs.txt only");
    check(!look(lex, "xqzwv"), "unknown form");
    tx_lang_free(fr);
}

static void english(void)
{
    tx_lang *en = NULL;
    tx_error err;
    const tx_lex *lex;

    check(tx_lang_load("en", TX_DATA_DIR, &en, &err) == TX_OK, "%s", err.msg);
    if (!en || !(lex = tx_lang_lexicon(en))) {
        check(0, "no English lexicon");
        tx_lang_free(en);
        return;
    }
    expect(lex, "studies", "study", TX_LEX_NOUN | TX_LEX_VERB, 0);
    expect(lex, "analyses", "analysis", TX_LEX_NOUN, 0);
    expect(lex, "walked", "walk", TX_LEX_PART, TX_LEX_NOUN);
    expect(lex, "quickly", "quickly", TX_LEX_ADV, TX_LEX_NOUN);
    tx_lang_free(en);
}

/* A malformed file is refused with its name and line. */
static void errors(void)
{
    static const char *const bad[] = {
        "lemma /N\n",              /* no tab */
        "lemme\t/Q\n",            /* unknown tag */
        "lemme\ts\n",             /* no tags yet */
        "lemme\t9s/N\n",          /* drops more than the lemma */
        "lemme\t/p\n",            /* plural alone is no part of speech */
    };
    char path[4096];
    tx_lex *lex = NULL;
    tx_error err;

    snprintf(path, sizeof path, "%s/test_lexicon.txt", check_tmp_dir());
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        FILE *f = fopen(path, "w");

        if (!f) {
            check(0, "cannot write %s", path);
            return;
        }
        fprintf(f, "# comment\n%s", bad[i]);
        fclose(f);
        check(tx_lex_load(path, NULL, &lex, &err) == TX_EINPUT && !lex, "case %zu", i);
        check(strstr(err.msg, path) && strstr(err.msg, ":2:"), "case %zu: %s", i, err.msg);
    }
    check(tx_lex_load("/nonexistent/lexicon.txt", NULL, &lex, &err) == TX_ENOTFOUND,
          "missing file");
    /* the size limit, read in growing steps: at it, then one byte over it */
    for (size_t over = 0; over < 2; over++) {
        FILE *f = fopen(path, "w");
        size_t n = TX_LEX_MAX_BYTES + over;

        if (!f) {
            check(0, "cannot write %s", path);
            return;
        }
        fputs("mot\t/N\n", f);
        for (n -= 7; n > 0; n--) /* then blank lines */
            putc('\n', f);
        fclose(f);
        if (over) {
            check(tx_lex_load(path, NULL, &lex, &err) == TX_EINPUT && !lex &&
                      strstr(err.msg, "larger than"), "over the limit: %s", err.msg);
        } else {
            check(tx_lex_load(path, NULL, &lex, &err) == TX_OK && lex &&
                      tx_lex_size(lex) == 1, "at the limit: %s", err.msg);
            tx_lex_free(lex);
        }
    }
    remove(path);
}

/* Keys: words of different lemmas no longer share a stem group. */
static void keys(void)
{
    static const char *const pairs[][3] = {
        /* text a, text b, 1 when they are one term */
        {"insuffisants cardiaques", "insuffisance cardiaque", "0"},
        {"stimulateur cardiaque", "stimulation cardiaque", "0"},
        {"lutter contre la corruption", "lutte contre la corruption", "0"},
        {"zone de paix", "zones de paix", "1"},
        {"insuffisant cardiaque", "insuffisants cardiaques", "1"},
    };
    tx_lang *fr = NULL;
    tx_stemmer *stem = NULL;
    tx_tokenizer *tok = NULL;
    tx_candidates *c = NULL;
    tx_error err;

    if (tx_lang_load("fr", TX_DATA_DIR, &fr, &err) != TX_OK ||
        tx_stemmer_new(tx_lang_snowball(fr), &stem, &err) != TX_OK ||
        tx_tokenizer_new(fr, &tok, &err) != TX_OK ||
        tx_candidates_new(fr, stem, 1, 8, &c, &err) != TX_OK) {
        check(0, "%s", err.msg);
    } else {
        for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
            char *a = NULL, *b = NULL;

            check(tx_candidates_key_of(c, tok, pairs[i][0], &a, &err) == TX_OK &&
                  tx_candidates_key_of(c, tok, pairs[i][1], &b, &err) == TX_OK, "%s",
                  err.msg);
            if (a && b)
                check((strcmp(a, b) == 0) == (pairs[i][2][0] == '1'),
                      "'%s' (%s) and '%s' (%s)", pairs[i][0], a, pairs[i][1], b);
            free(a);
            free(b);
        }
    }
    tx_candidates_free(c);
    tx_tokenizer_free(tok);
    tx_stemmer_free(stem);
    tx_lang_free(fr);
}

int main(void)
{
    french();
    english();
    errors();
    keys();
    return check_done();
}
