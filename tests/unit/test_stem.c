/* test_stem.c: the Snowball wrapper and its cache. */
#include <string.h>

#include "check.h"
#include "stem.h"

static const char *stem(tx_stemmer *s, const char *w)
{
    return tx_stemmer_stem(s, w, strlen(w), NULL);
}

int main(void)
{
    tx_stemmer *fr = NULL, *en = NULL, *bad = NULL;
    tx_error err;
    size_t len = 0;

    check(tx_stemmer_new("french", &fr, &err) == TX_OK, "%s", err.msg);
    check(tx_stemmer_new("english", &en, &err) == TX_OK, "%s", err.msg);
    check(tx_stemmer_new("xx", &bad, &err) == TX_ENOTFOUND && !bad, "unknown language");
    check(strstr(err.msg, "xx") != NULL, "message names the algorithm: %s", err.msg);
    check(tx_stemmer_new(NULL, &bad, &err) == TX_ENOTFOUND && !bad, "no algorithm");
    check(tx_stem_known("french") && tx_stem_known("spanish"), "Snowball names");
    check(tx_stem_known("fr"), "libstemmer's own codes");
    check(!tx_stem_known("klingon") && !tx_stem_known(NULL), "no such algorithm");
    if (!fr || !en)
        return check_done();

    /* Inflected forms of the seeds' terms meet on one stem. */
    check_str(stem(fr, "zones"), stem(fr, "zone"));
    check_str(stem(fr, "mesures"), stem(fr, "mesure"));
    check_str(stem(fr, "préventive"), stem(fr, "préventives"));
    check_str(stem(fr, "régionale"), stem(fr, "régional"));
    check_str(stem(fr, "unies"), stem(fr, "unie"));
    check_str(stem(fr, "nations"), stem(fr, "nation"));
    check_str(stem(en, "diplomacy"), stem(en, "diplomacies"));

    /* The cache: each distinct word is stemmed once, results stay valid. */
    const char *a = stem(fr, "coopération");
    size_t before = tx_stemmer_cache_size(fr);
    const char *b = tx_stemmer_stem(fr, "coopération", strlen("coopération"), &len);
    check(a == b, "cached result is the same pointer");
    check(len == strlen(a), "length %zu", len);
    check(tx_stemmer_cache_size(fr) == before, "no new cache entry");
    for (int i = 0; i < 5000; i++) {
        char w[32];
        snprintf(w, sizeof w, "mot%d", i);
        stem(fr, w);
    }
    check(tx_stemmer_cache_size(fr) == before + 5000, "cache grew by 5000");
    check_str(a, stem(fr, "coopérations")); /* still valid after the cache grew */

    /* Uncached: the same stem, and the cache does not grow. */
    before = tx_stemmer_cache_size(fr);
    const char *once = tx_stemmer_stem_once(fr, "diplomaties", strlen("diplomaties"), &len);
    check(once != NULL && len == 8 && memcmp(once, "diplomat", 8) == 0,
          "stem_once gave '%.*s'", (int)len, once ? once : "");
    check(tx_stemmer_cache_size(fr) == before, "stem_once added a cache entry");

    tx_stemmer_free(fr);
    tx_stemmer_free(en);
    tx_stemmer_free(NULL);
    return check_done();
}
