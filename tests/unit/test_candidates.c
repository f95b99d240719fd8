/* test_candidates.c: candidate finding, driven by tests/data/candidates-fr.tsv,
 * plus the keys that group variants and the elliptic terms of a coordination. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "candidates.h"
#include "check.h"
#include "strmap.h"

typedef struct env {
    tx_lang *lang;
    tx_stemmer *stem;
    tx_tokenizer *tok;
    tx_candidates *cands;
} env;

/* Does `text` yield a candidate whose surface is `want`?  Optionally return its key. */
static int has_candidate(env *e, const char *text, const char *want, char *key, size_t ksz,
                         const tx_cand_occ **found)
{
    const tx_sentence *s;
    const tx_cand_occ *occ;
    size_t n;
    tx_error err;

    tx_tokenizer_set_text(e->tok, text, strlen(text));
    while (tx_tokenizer_next(e->tok, &s, &err) == TX_OK && s) {
        if (tx_candidates_find(e->cands, s, &occ, &n, &err) != TX_OK)
            return 0;
        for (size_t i = 0; i < n; i++) {
            const tx_token *a = &s->tokens[occ[i].first], *b = &s->tokens[occ[i].last];
            /* The key's hash, built token by token, is the key's hash. */
            check(occ[i].key_hash == tx_strhash(occ[i].key, occ[i].key_len),
                  "hash of '%s'", occ[i].key);
            check(strlen(occ[i].key) == occ[i].key_len, "length of '%s'", occ[i].key);
            /* The ids spell out the same key, and their hash is built the same
             * way as a caller rebuilding it from the ids would. */
            {
                tx_buf k = TX_BUF_INIT;
                uint64_t h = TX_IDHASH_INIT;
                check(occ[i].n_ids == occ[i].last - occ[i].first + 1, "ids of '%s'",
                      occ[i].key);
                check(tx_candidates_ids_key(e->cands, occ[i].ids, occ[i].n_ids, &k) ==
                              TX_OK &&
                          strcmp(tx_buf_str(&k), occ[i].key) == 0,
                      "ids of '%s' spell '%s'", occ[i].key, tx_buf_str(&k));
                for (size_t j = 0; j < occ[i].n_ids; j++)
                    h = tx_idhash_add(h, occ[i].ids[j]);
                check(h == occ[i].ids_hash, "ids hash of '%s'", occ[i].key);
                tx_buf_release(&k);
            }
            size_t len = b->end - a->start;
            if (len == strlen(want) && memcmp(s->text + a->start, want, len) == 0) {
                if (key)
                    snprintf(key, ksz, "%s", occ[i].key);
                if (found)
                    *found = &occ[i];
                return 1;
            }
        }
    }
    return 0;
}

/* The words tx_candidates_each_noun() reports, sorted, as "a;b;c;". */
static int add_word(const char *fold, size_t len, void *arg)
{
    char *out = arg;
    size_t n = strlen(out);

    snprintf(out + n, 512 - n, "%.*s;", (int)len, fold);
    return 0;
}

static int cmp_words(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void nouns_of(env *e, const char *text, char *out)
{
    tx_candidates *c = NULL;
    const tx_sentence *s;
    const tx_cand_occ *occ;
    size_t n;
    tx_error err;
    char buf[512] = "", *words[64], *p;
    size_t nw = 0;

    check(tx_candidates_new(e->lang, e->stem, 2, 8, &c, &err) == TX_OK, "%s", err.msg);
    if (!c)
        return;
    tx_tokenizer_set_text(e->tok, text, strlen(text));
    while (tx_tokenizer_next(e->tok, &s, &err) == TX_OK && s)
        check(tx_candidates_find(c, s, &occ, &n, &err) == TX_OK, "%s", err.msg);
    tx_candidates_each_noun(c, add_word, buf);
    for (p = strtok(buf, ";"); p && nw < 64; p = strtok(NULL, ";"))
        words[nw++] = p;
    qsort(words, nw, sizeof *words, cmp_words);
    out[0] = '\0';
    for (size_t i = 0; i < nw; i++)
        snprintf(out + strlen(out), 512 - strlen(out), "%s;", words[i]);
    tx_candidates_free(c);
}

static void table_cases(env *e)
{
    FILE *f = fopen(TX_TEST_DATA "/candidates-fr.tsv", "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int cases = 0;

    check(f != NULL, "cannot open candidates-fr.tsv");
    if (!f)
        return;
    while ((n = getline(&line, &cap, f)) > 0) {
        char *tab;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (line[n - 1] == '\n')
            line[n - 1] = '\0';
        tab = strchr(line, '\t');
        check(tab && (tab[1] == '+' || tab[1] == '-'), "bad case line: %s", line);
        if (!tab)
            continue;
        *tab = '\0';
        int got = has_candidate(e, line, tab + 2, NULL, 0, NULL);
        check(got == (tab[1] == '+'), "'%s' should%s be a candidate in: %s", tab + 2,
              tab[1] == '+' ? "" : " not", line);
        cases++;
    }
    check(cases >= 25, "only %d cases read", cases);
    free(line);
    fclose(f);
}

int main(void)
{
    env e = {0};
    tx_error err;
    char k1[256], k2[256];
    const tx_cand_occ *occ = NULL;

    check(tx_lang_load("fr", TX_DATA_DIR, &e.lang, &err) == TX_OK, "%s", err.msg);
    if (!e.lang)
        return check_done();
    check(tx_stemmer_new(tx_lang_snowball(e.lang), &e.stem, &err) == TX_OK, "%s", err.msg);
    check(tx_tokenizer_new(e.lang, &e.tok, &err) == TX_OK, "%s", err.msg);
    check(tx_candidates_new(e.lang, e.stem, 2, 8, &e.cands, &err) == TX_OK, "%s", err.msg);
    if (check_failures)
        return check_done();

    table_cases(&e);

    /* Complex prepositions are kept in key form: "au" as "à", "l'" as "le". */
    {
        size_t n = 0;
        const tx_locution *l = tx_lang_locutions(e.lang, "niveau", 6, &n);
        check(l && n == 1 && l->noun == 1, "au niveau de: %zu", n);
        if (l && n == 1) {
            check_str(l->words[0], "à");
            check_str(l->words[2], "de");
        }
        l = tx_lang_locutions(e.lang, "aide", 4, &n);
        check(l && n == 1 && l->noun == 2, "à l'aide de: %zu", n);
        if (l && n == 1)
            check_str(l->words[1], "le");
        check(!tx_lang_locutions(e.lang, "paix", 4, &n) && n == 0, "paix");
    }

    /* Variants share a key: number and article differences. */
    check(has_candidate(&e, "la zone de paix", "zone de paix", k1, sizeof k1, NULL), "zp");
    check(has_candidate(&e, "les zones de paix", "zones de paix", k2, sizeof k2, NULL), "zps");
    check_str(k1, k2);
    check(has_candidate(&e, "des mesures de confiance", "mesures de confiance", k1,
                        sizeof k1, NULL), "mc");
    check(has_candidate(&e, "une mesure de confiance", "mesure de confiance", k2,
                        sizeof k2, NULL), "m");
    check_str(k1, k2);

    /* The coordinated term carries its elliptic terms. */
    check(has_candidate(&e, "la zone de paix, de confiance et de coopération.",
                        "zone de paix, de confiance et de coopération", k1, sizeof k1, &occ),
          "coordination");
    check(occ && occ->n_elliptic == 3, "elliptic terms: %zu", occ ? occ->n_elliptic : 0);
    if (occ && occ->n_elliptic == 3) {
        check_str(occ->elliptic[0].surface, "zone de paix");
        check_str(occ->elliptic[1].surface, "zone de confiance");
        check_str(occ->elliptic[2].surface, "zone de coopération");
    }
    check(strstr(k1, " , ") != NULL, "comma kept in key: %s", k1);

    /* A window cut by the size limit counts as longer than it (never listed,
     * still nesting its parts); a full window that ends the phrase does not. */
    {
        const char *plan = "le Plan d'action conjoint pour l'application de la Stratégie "
                           "antiterroriste mondiale de l'Organisation des Nations Unies en "
                           "Asie centrale.";
        check(has_candidate(&e, plan, "action conjoint pour l'application de la Stratégie "
                                      "antiterroriste mondiale de l'Organisation des Nations",
                            NULL, 0, &occ) && occ->n_content == 9, "cut before Unies");
        check(has_candidate(&e, plan, "Plan d'action conjoint pour l'application de la "
                                      "Stratégie antiterroriste mondiale de l'Organisation",
                            NULL, 0, &occ) && occ->n_content == 9, "cut before des Nations");
        check(has_candidate(&e, plan, "Plan d'action conjoint pour l'application de la "
                                      "Stratégie antiterroriste mondiale",
                            NULL, 0, &occ) && occ->n_content == 7, "whole");
        check(has_candidate(&e, "le Centre régional des Nations Unies pour la diplomatie "
                                "préventive en Asie centrale et du Programme.",
                            "Centre régional des Nations Unies pour la diplomatie préventive en "
                            "Asie centrale", NULL, 0, &occ) && occ->n_content == 8,
              "a conjunction ends the term");
        /* With --max-words 2: a complement after a run without one is no cut,
         * a word that follows at once or a complement of a chain is. */
        tx_candidates *full = e.cands, *two = NULL;
        check(tx_candidates_new(e.lang, e.stem, 2, 2, &two, &err) == TX_OK, "%s", err.msg);
        if (two) {
            const char *ctr = "le Centre de la diplomatie préventive en Asie centrale.";
            e.cands = two;
            check(has_candidate(&e, ctr, "diplomatie préventive", NULL, 0, &occ) &&
                      occ->n_content == 2, "complement after a plain run");
            check(has_candidate(&e, "les États d'Asie centrale.", "États d'Asie", NULL, 0,
                                &occ) && occ->n_content == 3, "cut before centrale");
            check(has_candidate(&e, ctr, "Centre de la diplomatie", NULL, 0, &occ) &&
                      occ->n_content == 3, "chain cut before préventive");
            e.cands = full;
            tx_candidates_free(two);
        }
    }

    /* Size limits count content words: 8 fit, a 9th does not. */
    check(has_candidate(&e, "le Centre régional des Nations Unies pour la diplomatie "
                            "préventive en Asie centrale.",
                        "Centre régional des Nations Unies pour la diplomatie préventive en "
                        "Asie centrale", NULL, 0, &occ), "8 content words");
    check(occ && occ->n_content == 8 && occ->n_words == 12, "sizes %u/%u",
          occ ? occ->n_content : 0, occ ? occ->n_words : 0);

    /* Nouns: the content words written after a determiner (case-folded);
     * never the adjective, participle or verb that follows a noun. */
    {
        char got[512];
        check(tx_lang_nouns_first(e.lang), "French writes nouns first");
        nouns_of(&e, "Rappelant la Convention relative à la protection de "
                     "l'environnement, l'Assemblée soutient les mesures portant sur la "
                     "diplomatie préventive et sur ces questions.", got);
        check_str(got, "assemblée;convention;diplomatie;environnement;mesures;"
                       "protection;questions;");
        /* English puts adjectives first: no determiners, no such rule. */
        tx_lang *en = NULL;
        check(tx_lang_load("en", TX_DATA_DIR, &en, &err) == TX_OK, "%s", err.msg);
        check(en && !tx_lang_nouns_first(en), "English has no nouns-first rule");
        tx_lang_free(en);
    }

    /* Key of a free query, as `termex show` computes it. */
    char *key = NULL;
    check(tx_candidates_key_of(e.cands, e.tok, "zones de paix", &key, &err) == TX_OK, "key");
    check(has_candidate(&e, "la zone de paix", "zone de paix", k1, sizeof k1, NULL), "zp");
    check_str(key, k1);
    free(key);

    /* Keyed by ids alone (as extract counts): no string key, the same ids as
     * with string keys, and variants share their ids too. */
    {
        const char *text = "les zones de paix et la zone de paix.";
        const tx_sentence *s;
        const tx_cand_occ *o;
        size_t n;
        uint32_t first[8], n_first = 0;
        uint64_t hashes[2];
        size_t n_hashes = 0;
        tx_buf kb = TX_BUF_INIT;

        tx_candidates_set_string_keys(e.cands, 0);
        tx_tokenizer_set_text(e.tok, text, strlen(text));
        while (tx_tokenizer_next(e.tok, &s, &err) == TX_OK && s) {
            check(tx_candidates_find(e.cands, s, &o, &n, &err) == TX_OK, "%s", err.msg);
            for (size_t i = 0; i < n; i++) {
                check(o[i].key == NULL && o[i].key_len == 0, "string key built");
                if (tx_candidates_ids_key(e.cands, o[i].ids, o[i].n_ids, &kb) != TX_OK ||
                    strcmp(tx_buf_str(&kb), k1) != 0)
                    continue;
                if (n_hashes < 2)
                    hashes[n_hashes++] = o[i].ids_hash;
                if (!n_first && o[i].n_ids <= 8) {
                    memcpy(first, o[i].ids, o[i].n_ids * sizeof *first);
                    n_first = (uint32_t)o[i].n_ids;
                } else if (n_first) {
                    check(o[i].n_ids == n_first &&
                              memcmp(first, o[i].ids, n_first * sizeof *first) == 0,
                          "variants with the same ids");
                }
            }
        }
        check(n_hashes == 2 && hashes[0] == hashes[1], "both 'zone(s) de paix' found: %zu",
              n_hashes);
        check(tx_candidates_ids_key(e.cands, (const uint32_t[]){UINT32_MAX - 1}, 1, &kb) ==
                  TX_EINVAL,
              "an id never given is refused");
        tx_buf_release(&kb);
        tx_candidates_set_string_keys(e.cands, 1);
    }

    tx_candidates_free(e.cands);
    tx_tokenizer_free(e.tok);
    tx_stemmer_free(e.stem);
    tx_lang_free(e.lang);

    /* English complex prepositions, in a sentence of the UN Parallel Corpus. */
    env en = {0};
    check(tx_lang_load("en", TX_DATA_DIR, &en.lang, &err) == TX_OK, "%s", err.msg);
    if (!en.lang)
        return check_done();
    check(tx_stemmer_new(tx_lang_snowball(en.lang), &en.stem, &err) == TX_OK, "%s",
          err.msg);
    check(tx_tokenizer_new(en.lang, &en.tok, &err) == TX_OK, "%s", err.msg);
    check(tx_candidates_new(en.lang, en.stem, 2, 8, &en.cands, &err) == TX_OK, "%s",
          err.msg);
    if (en.cands) {
        static const char un[] = "Statement with regard to the Implementation of the "
                                 "Declaration on the Granting of Independence.";
        check(!has_candidate(&en, un, "regard to the Implementation", NULL, 0, NULL),
              "regard to the Implementation");
        check(has_candidate(&en, un, "Implementation of the Declaration", NULL, 0, NULL),
              "Implementation of the Declaration");
    }
    tx_candidates_free(en.cands);
    tx_tokenizer_free(en.tok);
    tx_stemmer_free(en.stem);
    tx_lang_free(en.lang);
    return check_done();
}
