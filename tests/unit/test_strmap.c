/* test_strmap.c: the string hash map, and filtering it (pruning's core). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "strmap.h"

static int keep_even(const tx_strmap_slot *s, void *arg)
{
    (void)arg;
    return *(int *)s->val % 2 == 0;
}

static int keep_none(const tx_strmap_slot *s, void *arg)
{
    (void)s;
    (void)arg;
    return 0;
}

static void drop_value(tx_strmap_slot *s, void *arg)
{
    (*(int *)arg)++;
    free(s->val);
    s->val = NULL;
}

/* A value that holds its own key, for a borrowing map. */
typedef struct entry {
    int n;
    char key[16];
} entry;

static void drop_entry(tx_strmap_slot *s, void *arg)
{
    (*(int *)arg)++;
    free(s->val); /* its key with it: the map must not touch the key again */
    s->val = NULL;
}

static int keep_calls;

static int keep_small(const tx_strmap_slot *s, void *arg)
{
    (void)arg;
    keep_calls++;
    return ((const entry *)s->val)->n < 100;
}

/* A borrowing map stores the key pointers it is given and never frees them
 * (under ASan, freeing a key inside an entry is an invalid free). */
static void borrowed(void)
{
    tx_strmap m;
    tx_strmap_slot *slot;
    int created = 0, dropped = 0;

    tx_strmap_init_borrowed(&m);
    for (int i = 0; i < 1000; i++) {
        entry *e = malloc(sizeof *e);
        if (!e)
            exit(1);
        e->n = i;
        snprintf(e->key, sizeof e->key, "k%d", i);
        check(tx_strmap_put(&m, e->key, strlen(e->key), &slot, &created) == TX_OK &&
                  created,
              "borrowed put %d", i);
        check(slot->key == e->key, "key %d borrowed, not copied", i);
        slot->val = e;
    }
    check(tx_strmap_filter(&m, keep_small, drop_entry, &dropped) == TX_OK && dropped == 900,
          "borrowed filter dropped %d", dropped);
    /* keep() reads the value, which a large table has far from the slot */
    check(keep_calls == 1000, "keep() called %d times for 1000 entries", keep_calls);
    for (int i = 0; i < 1000; i++) {
        char key[16];
        const entry *e;
        snprintf(key, sizeof key, "k%d", i);
        e = tx_strmap_get(&m, key, strlen(key));
        check(i < 100 ? e && e->n == i && e->key != key : e == NULL, "borrowed get %d", i);
    }
    for (size_t i = 0; i < m.cap; i++)
        if (m.slots[i].key)
            free(m.slots[i].val);
    tx_strmap_release(&m);
    check(m.borrowed && m.n == 0, "a released map still borrows");
}

int main(void)
{
    tx_strmap m;
    tx_strmap_slot *slot;
    char key[32];
    int created = 0, dropped = 0;

    tx_strmap_init(&m);
    check(tx_strmap_get(&m, "x", 1) == NULL, "empty map");
    check(tx_strmap_cap_for(0) == 0, "cap_for(0) is %zu", tx_strmap_cap_for(0));
    for (int i = 0; i < 10000; i++) {
        int *v = malloc(sizeof *v);
        if (!v)
            return 1;
        *v = i;
        snprintf(key, sizeof key, "clé %d", i);
        check(tx_strmap_put(&m, key, strlen(key), &slot, &created) == TX_OK, "put %d", i);
        check(created && slot->val == NULL, "new key %d", i);
        slot->val = v;
        /* the capacity extract plans for (rekey_cost()) is the real one */
        check(m.cap == tx_strmap_cap_for(m.n), "%zu keys: cap %zu, cap_for %zu", m.n,
              m.cap, tx_strmap_cap_for(m.n));
    }
    check(tx_strmap_put(&m, "clé 7", strlen("clé 7"), &slot, &created) == TX_OK && !created,
          "existing key found");
    check(m.n == 10000, "n = %zu", m.n);

    /* Keep the even values: the odd ones are dropped (values freed by the
     * callback, keys by the map) and the table shrinks to fit. */
    size_t cap_before = m.cap;
    check(tx_strmap_filter(&m, keep_even, drop_value, &dropped) == TX_OK, "filter");
    check(dropped == 5000, "dropped %d", dropped);
    check(m.n == 5000, "n = %zu after filter", m.n);
    check(m.cap <= cap_before && m.cap >= 2 * m.n, "cap %zu (was %zu)", m.cap, cap_before);
    for (int i = 0; i < 10000; i++) {
        int *v;
        snprintf(key, sizeof key, "clé %d", i);
        v = tx_strmap_get(&m, key, strlen(key));
        if (i % 2 == 0)
            check(v && *v == i, "kept key %d", i);
        else
            check(v == NULL, "dropped key %d", i);
    }
    /* The map still grows normally after a filter. */
    check(tx_strmap_put(&m, "nouvelle", 8, &slot, &created) == TX_OK && created, "put after");
    slot->val = NULL;

    /* Filtering everything away leaves a usable empty map. */
    slot->val = malloc(sizeof(int));
    if (!slot->val)
        return 1;
    *(int *)slot->val = 1;
    dropped = 0;
    check(tx_strmap_filter(&m, keep_none, drop_value, &dropped) == TX_OK, "filter all");
    check(m.n == 0 && dropped == 5001, "n = %zu, dropped %d", m.n, dropped);
    check(m.cap < cap_before, "the table shrank: cap %zu", m.cap);
    check(tx_strmap_get(&m, "clé 2", strlen("clé 2")) == NULL, "nothing left");
    check(tx_strmap_put(&m, "encore", 6, &slot, &created) == TX_OK && created,
          "put into the emptied map");
    tx_strmap_release(&m);
    borrowed();
    return check_done();
}
