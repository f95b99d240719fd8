/* stem.c: libstemmer wrapper with a per-stemmer cache of word -> stem. */
#include "stem.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strmap.h"

struct tx_stemmer {
    struct sb_stemmer *sb;
    tx_strmap cache; /* word -> malloc'd stem */
};

int tx_stem_known(const char *algorithm)
{
    struct sb_stemmer *sb = algorithm ? sb_stemmer_new(algorithm, "UTF_8") : NULL;

    if (!sb)
        return 0;
    sb_stemmer_delete(sb);
    return 1;
}

tx_status tx_stemmer_new(const char *algorithm, tx_stemmer **out, tx_error *err)
{
    tx_stemmer *s;

    *out = NULL;
    s = calloc(1, sizeof *s);
    if (!s)
        return tx_fail(err, TX_ENOMEM, "cannot allocate stemmer");
    s->sb = algorithm ? sb_stemmer_new(algorithm, "UTF_8") : NULL;
    if (!s->sb) {
        free(s);
        return tx_fail(err, TX_ENOTFOUND, "no Snowball stemmer '%s'",
                       algorithm ? algorithm : "");
    }
    tx_strmap_init(&s->cache);
    *out = s;
    return TX_OK;
}

void tx_stemmer_free(tx_stemmer *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->cache.cap; i++)
        if (s->cache.slots[i].key)
            free(s->cache.slots[i].val);
    tx_strmap_release(&s->cache);
    sb_stemmer_delete(s->sb);
    free(s);
}

const char *tx_stemmer_stem(tx_stemmer *s, const char *word, size_t len,
                            size_t *out_len)
{
    tx_strmap_slot *slot;
    const sb_symbol *stem;
    char *copy;
    int n;

    if (tx_strmap_put(&s->cache, word, len, &slot, NULL) != TX_OK)
        return NULL;
    if (!slot->val) {
        stem = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)len);
        if (!stem)
            return NULL;
        n = sb_stemmer_length(s->sb);
        /* [length][stem NUL]: the length is kept to spare a strlen per call */
        copy = malloc(sizeof(size_t) + (size_t)n + 1);
        if (!copy)
            return NULL;
        memcpy(copy, &(size_t){(size_t)n}, sizeof(size_t));
        memcpy(copy + sizeof(size_t), stem, (size_t)n);
        copy[sizeof(size_t) + (size_t)n] = '\0';
        slot->val = copy;
    }
    copy = slot->val;
    if (out_len)
        memcpy(out_len, copy, sizeof(size_t));
    return copy + sizeof(size_t);
}

const char *tx_stemmer_stem_once(tx_stemmer *s, const char *word, size_t len,
                                 size_t *out_len)
{
    const sb_symbol *stem = sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)len);

    if (stem && out_len)
        *out_len = (size_t)sb_stemmer_length(s->sb);
    return (const char *)stem;
}

size_t tx_stemmer_cache_size(const tx_stemmer *s)
{
    return s->cache.n;
}
