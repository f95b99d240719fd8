/* fuzz_reference.c: tx_reference_load() on any bytes, as a reference profile
 * (`termex extract --reference FILE`: a file from anywhere), then the lookups
 * of a loaded profile: a few keys, and the input's own first lines. */
#include "fuzz.h"

#include "reference.h"

/* The key of the first count line of data[0..size) after the header, as the
 * loader reads it (CR stripped), in key[0..*len); 0 when there is none or its
 * line holds a NUL byte (the loader's fgets() would cut it there). */
static int first_key(const uint8_t *data, size_t size, const char **key, size_t *len)
{
    const char *s = (const char *)data, *end = s + size;
    const char *nl = memchr(s, '\n', size);

    for (s = nl ? nl + 1 : end; s < end; s = nl ? nl + 1 : end) {
        const char *e, *tab;

        nl = memchr(s, '\n', (size_t)(end - s));
        e = nl ? nl : end;
        if (e > s && e[-1] == '\r')
            e--;
        if (e == s || *s == '#')
            continue;
        if (memchr(s, '\0', (size_t)(e - s)) || !(tab = memchr(s, '\t', (size_t)(e - s))))
            return 0;
        *key = tab + 1;
        *len = (size_t)(e - tab - 1);
        return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const keys[] = {"mis", "mis en plac", "", "âge moyen", "abandon"};
    const char *path = tx_fuzz_file(data, size, "ref");
    const uint8_t *nl;
    const char *key;
    tx_reference *ref = NULL;
    tx_error err;
    size_t len;

    if (!path)
        return 0;
    if (tx_reference_load(path, &ref, &err) != TX_OK) {
        if (ref || !err.msg[0])
            abort();
        return 0;
    }
    /* What a loaded profile promises: a token total, a NUL-terminated lang. */
    if (!ref->tokens || memchr(ref->lang, '\0', sizeof ref->lang) == NULL)
        abort();
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        (void)tx_reference_count(ref, keys[i], strlen(keys[i]));
    nl = memchr(data, '\n', size);
    (void)tx_reference_count(ref, (const char *)data, nl ? (size_t)(nl - data) : size);
    /* A key the file gives is found, with a count of at least 1. */
    if (first_key(data, size, &key, &len) && tx_reference_count(ref, key, len) == 0)
        abort();
    tx_reference_free(ref);
    return 0;
}
