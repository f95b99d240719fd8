/* strmap.c: open-addressing (linear probing) string hash map. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

void tx_strmap_init(tx_strmap *m)
{
    m->slots = NULL;
    m->cap = 0;
    m->n = 0;
    m->borrowed = 0;
}

void tx_strmap_init_borrowed(tx_strmap *m)
{
    tx_strmap_init(m);
    m->borrowed = 1;
}

void tx_strmap_release(tx_strmap *m)
{
    int borrowed;

    if (!m)
        return;
    borrowed = m->borrowed;
    if (!borrowed)
        for (size_t i = 0; i < m->cap; i++)
            free(m->slots[i].key);
    free(m->slots);
    tx_strmap_init(m);
    m->borrowed = borrowed;
}

/* FNV-1a, byte by byte so that it can be computed piecewise (see strmap.h);
 * the final shift mixes the high bits into the low ones used for probing. */
uint64_t tx_strhash(const char *s, size_t len)
{
    return tx_strhash_final(tx_strhash_add(TX_STRHASH_INIT, s, len));
}

static tx_strmap_slot *probe(const tx_strmap *m, const char *key, size_t len,
                             uint64_t h)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)h & mask;

    for (;;) {
        tx_strmap_slot *s = &m->slots[i];
        if (!s->key)
            return s;
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
            return s;
        i = (i + 1) & mask;
    }
}

void *tx_strmap_get(const tx_strmap *m, const char *key, size_t len)
{
    return tx_strmap_get_hashed(m, key, len, tx_strhash(key, len));
}

void *tx_strmap_get_hashed(const tx_strmap *m, const char *key, size_t len, uint64_t hash)
{
    tx_strmap_slot *s;

    if (!m->cap)
        return NULL;
    s = probe(m, key, len, hash);
    return s->key ? s->val : NULL;
}

/* A map grows before a put would fill more than three quarters of it. */
static int too_full(size_t n, size_t cap)
{
    return n * 4 > cap * 3;
}

size_t tx_strmap_cap_for(size_t n)
{
    size_t cap = n ? 64 : 0;

    while (cap && too_full(n, cap))
        cap *= 2;
    return cap;
}

static tx_status grow(tx_strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    tx_strmap_slot *slots = calloc(cap, sizeof *slots);
    tx_strmap old = *m;

    if (!slots)
        return TX_ENOMEM;
    m->slots = slots;
    m->cap = cap;
    for (size_t i = 0; i < old.cap; i++) {
        if (old.slots[i].key)
            *probe(m, old.slots[i].key, old.slots[i].len, old.slots[i].hash) =
                old.slots[i];
    }
    free(old.slots);
    return TX_OK;
}

tx_status tx_strmap_put(tx_strmap *m, const char *key, size_t len,
                        tx_strmap_slot **slot, int *created)
{
    return tx_strmap_put_hashed(m, key, len, tx_strhash(key, len), slot, created);
}

tx_status tx_strmap_put_hashed(tx_strmap *m, const char *key, size_t len, uint64_t h,
                               tx_strmap_slot **slot, int *created)
{
    tx_strmap_slot *s;

    if (too_full(m->n + 1, m->cap) && grow(m) != TX_OK)
        return TX_ENOMEM;
    s = probe(m, key, len, h);
    if (created)
        *created = !s->key;
    if (!s->key) {
        if (m->borrowed) {
            s->key = (char *)key;
        } else {
            if (!(s->key = malloc(len + 1)))
                return TX_ENOMEM;
            memcpy(s->key, key, len);
            s->key[len] = '\0';
        }
        s->len = len;
        s->hash = h;
        s->val = NULL;
        m->n++;
    }
    *slot = s;
    return TX_OK;
}

tx_status tx_strmap_filter(tx_strmap *m, int (*keep)(const tx_strmap_slot *s, void *arg),
                           void (*drop)(tx_strmap_slot *s, void *arg), void *arg)
{
    tx_strmap old = *m;
    size_t n = 0, cap = 64;
    tx_strmap_slot *slots;
    /* keep() once per entry: it usually reads the value, far in memory */
    unsigned char *kept = malloc(old.cap ? old.cap : 1);

    if (!kept)
        return TX_ENOMEM;
    for (size_t i = 0; i < old.cap; i++)
        n += kept[i] = old.slots[i].key && keep(&old.slots[i], arg);
    while (n * 2 > cap) /* half full: room to grow before the next rehash */
        cap *= 2;
    if (!(slots = calloc(cap, sizeof *slots))) {
        free(kept);
        return TX_ENOMEM;
    }
    m->slots = slots;
    m->cap = cap;
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++) {
        tx_strmap_slot *s = &old.slots[i];
        if (!s->key)
            continue;
        if (kept[i]) {
            *probe(m, s->key, s->len, s->hash) = *s;
            m->n++;
            continue;
        }
        if (drop)
            drop(s, arg);
        if (!m->borrowed)
            free(s->key);
    }
    free(old.slots);
    free(kept);
    return TX_OK;
}
