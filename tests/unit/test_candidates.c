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
    check(tx_stemmer_new("fr", &e.stem, &err) == TX_OK, "%s", err.msg);
    check(tx_tokenizer_new("fr", &e.tok, &err) == TX_OK, "%s", err.msg);
    check(tx_candidates_new(e.lang, e.stem, 2, 8, &e.cands, &err) == TX_OK, "%s", err.msg);
    if (check_failures)
        return check_done();

    table_cases(&e);

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

    /* Size limits count content words: 8 fit, a 9th does not. */
    check(has_candidate(&e, "le Centre régional des Nations Unies pour la diplomatie "
                            "préventive en Asie centrale.",
                        "Centre régional des Nations Unies pour la diplomatie préventive en "
                        "Asie centrale", NULL, 0, &occ), "8 content words");
    check(occ && occ->n_content == 8 && occ->n_words == 12, "sizes %u/%u",
          occ ? occ->n_content : 0, occ ? occ->n_words : 0);

    /* Key of a free query, as `termex show` computes it. */
    char *key = NULL;
    check(tx_candidates_key_of(e.cands, e.tok, "zones de paix", &key, &err) == TX_OK, "key");
    check(has_candidate(&e, "la zone de paix", "zone de paix", k1, sizeof k1, NULL), "zp");
    check_str(key, k1);
    free(key);

    tx_candidates_free(e.cands);
    tx_tokenizer_free(e.tok);
    tx_stemmer_free(e.stem);
    tx_lang_free(e.lang);
    return check_done();
}
