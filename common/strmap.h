/* strmap.h: an open-addressing hash map from byte strings to pointers.
 *
 * Used wherever the pipeline counts distinct strings: the stem cache, the
 * candidate table of a run, the key index of the rescoring pass.  Keys are
 * copied into the map, unless it borrows them (tx_strmap_init_borrowed());
 * values are the caller's (the map never frees them). */
#ifndef TX_STRMAP_H
#define TX_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "tx.h"

typedef struct tx_strmap_slot {
    char *key;     /* NUL-terminated copy (a borrowing map: the caller's bytes),
                      NULL for an empty slot */
    size_t len;
    uint64_t hash;
    void *val;
} tx_strmap_slot;

typedef struct tx_strmap {
    tx_strmap_slot *slots;
    size_t cap;   /* power of two, or 0 */
    size_t n;     /* keys stored */
    int borrowed; /* keys are the caller's */
} tx_strmap;

/* Set up an empty map the caller owns; tx_strmap_release() frees the keys and
 * the table (not the values). */
void tx_strmap_init(tx_strmap *m);
void tx_strmap_release(tx_strmap *m);

/* Set up an empty map that borrows its keys: a put stores the key pointer it
 * is given, and the map never copies nor frees a key.  The caller keeps each
 * key's bytes alive and unchanged while its entry is in the map (typically
 * inside the value, which saves an allocation per entry). */
void tx_strmap_init_borrowed(tx_strmap *m);

/* Hash of `len` bytes.  A hash can also be built piecewise, for keys that
 * grow (a candidate's key, token by token):
 *     h = TX_STRHASH_INIT; h = tx_strhash_add(h, a, n); ...; tx_strhash_final(h)
 * equals tx_strhash() of the concatenation. */
#define TX_STRHASH_INIT 1469598103934665603ULL
uint64_t tx_strhash(const char *s, size_t len);

static inline uint64_t tx_strhash_add(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static inline uint64_t tx_strhash_final(uint64_t h)
{
    return h ^ (h >> 29);
}

/* Hints for a caller about to look up many keys whose hashes it knows: ask
 * for the slot where the search for hash `h` starts, then (once that has
 * arrived) for the key and value it holds, so that the memory reads of
 * several lookups overlap.  They change nothing. */
static inline void tx_strmap_prefetch_slot(const tx_strmap *m, uint64_t h)
{
    if (m->cap)
        __builtin_prefetch(&m->slots[h & (m->cap - 1)]);
}

/* The slot where the search for hash `h` starts, if it holds a key of that
 * hash, else NULL: a guess, good for prefetching, not for an answer. */
static inline const tx_strmap_slot *tx_strmap_first(const tx_strmap *m, uint64_t h)
{
    const tx_strmap_slot *s;

    if (!m->cap)
        return NULL;
    s = &m->slots[h & (m->cap - 1)];
    return s->key && s->hash == h ? s : NULL;
}

static inline void tx_strmap_prefetch_entry(const tx_strmap *m, uint64_t h)
{
    const tx_strmap_slot *s = tx_strmap_first(m, h);

    if (s) {
        __builtin_prefetch(s->key);
        __builtin_prefetch(s->val);
    }
}

/* The capacity (slots) a map reaches when `n` keys are put into it. */
size_t tx_strmap_cap_for(size_t n);

/* The value stored for `key`, or NULL when absent. */
void *tx_strmap_get(const tx_strmap *m, const char *key, size_t len);

/* The same, with `hash` = tx_strhash(key, len) already computed. */
void *tx_strmap_get_hashed(const tx_strmap *m, const char *key, size_t len, uint64_t hash);

/* Find or insert `key`; *slot receives its slot (valid until the next insert),
 * whose `val` is NULL for a new key.  *created (may be NULL) says which.
 * Returns TX_OK or TX_ENOMEM (map unchanged). */
tx_status tx_strmap_put(tx_strmap *m, const char *key, size_t len,
                        tx_strmap_slot **slot, int *created);

/* The same, with `hash` = tx_strhash(key, len) already computed. */
tx_status tx_strmap_put_hashed(tx_strmap *m, const char *key, size_t len, uint64_t hash,
                               tx_strmap_slot **slot, int *created);

/* Keep only the entries for which keep(slot, arg), called once for each, is
 * true; drop(slot, arg) (may be NULL) is then called on each other entry, to
 * free its value, before the map frees its key (unless it borrows keys).  The
 * table shrinks to fit what is left.  Returns TX_OK, or TX_ENOMEM with the map
 * unchanged and no drop() called. */
tx_status tx_strmap_filter(tx_strmap *m, int (*keep)(const tx_strmap_slot *s, void *arg),
                           void (*drop)(tx_strmap_slot *s, void *arg), void *arg);

#endif
