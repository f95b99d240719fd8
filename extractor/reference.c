/* reference.c: loading a reference profile (reference.h). */
#include "reference.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Parse a decimal count from s[0..len); -1 when it is not one. */
static int parse_count(const char *s, size_t len, uint64_t *out)
{
    uint64_t v = 0;

    if (!len || len > 19)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

/* One header or comment line `line` (without its newline) into `ref`;
 * *has_magic says whether the first line was the profile's. */
static tx_status header_line(tx_reference *ref, const char *line, size_t len,
                             size_t lineno, int *has_magic, const char *path,
                             tx_error *err)
{
    static const char magic[] = "# termex reference profile";

    if (lineno == 1) {
        if (len != sizeof magic - 1 || memcmp(line, magic, len) != 0)
            return tx_fail(err, TX_EINPUT, "%s:1: not a termex reference profile", path);
        *has_magic = 1;
    } else if (len > 8 && memcmp(line, "# lang: ", 8) == 0) {
        snprintf(ref->lang, sizeof ref->lang, "%.*s", (int)(len - 8), line + 8);
    } else if (len > 10 && memcmp(line, "# tokens: ", 10) == 0) {
        if (parse_count(line + 10, len - 10, &ref->tokens) < 0)
            return tx_fail(err, TX_EINPUT, "%s:%zu: bad token total", path, lineno);
    }
    return TX_OK;
}

/* One "count\tkey" line into `ref`. */
static tx_status count_line(tx_reference *ref, const char *line, size_t len,
                            size_t lineno, const char *path, tx_error *err)
{
    const char *tab = memchr(line, '\t', len);
    tx_strmap_slot *slot;
    uint64_t n;
    size_t klen;

    if (!tab || parse_count(line, (size_t)(tab - line), &n) < 0)
        return tx_fail(err, TX_EINPUT, "%s:%zu: expected <count><TAB><key>", path, lineno);
    klen = len - (size_t)(tab + 1 - line);
    if (!klen || tab[1] == ' ' || tab[klen] == ' ' || memchr(tab + 1, '\t', klen))
        return tx_fail(err, TX_EINPUT, "%s:%zu: bad key", path, lineno);
    if (tx_strmap_put(&ref->counts, tab + 1, klen, &slot, NULL) != TX_OK)
        return tx_fail(err, TX_ENOMEM, "out of memory reading '%s'", path);
    if (slot->val)
        return tx_fail(err, TX_EINPUT, "%s:%zu: key given twice", path, lineno);
    slot->val = (void *)(uintptr_t)(n ? n : 1); /* a count of 0 says nothing */
    return TX_OK;
}

/* At the end of `f`, were its `bytes` all the bytes it had?  Not when the last
 * line held a NUL byte.  Yes when `f` cannot tell (a pipe). */
static int read_all(FILE *f, size_t bytes)
{
    long pos = ftell(f);

    return pos < 0 || (size_t)pos == bytes;
}

static tx_status read_lines(tx_reference *ref, FILE *f, const char *path, tx_error *err)
{
    char line[TX_REFERENCE_MAX_LINE + 2];
    size_t lineno = 0, bytes = 0;
    int has_magic = 0;
    tx_status rc = TX_OK;

    while (rc == TX_OK && fgets(line, sizeof line, f)) {
        size_t len = strlen(line);
        lineno++;
        bytes += len;
        if (bytes > TX_REFERENCE_MAX_BYTES)
            return tx_fail(err, TX_EINPUT, "%s: larger than %u bytes", path,
                           TX_REFERENCE_MAX_BYTES);
        if (len && line[len - 1] == '\n') {
            line[--len] = '\0';
        } else if (ferror(f)) {
            break;
        } else if (!feof(f) && len + 1 == sizeof line) {
            return tx_fail(err, TX_EINPUT, "%s:%zu: line longer than %d bytes", path,
                           lineno, TX_REFERENCE_MAX_LINE);
        } else if (!feof(f) || !read_all(f, bytes)) {
            /* fgets() read more than strlen() sees (a UTF-16 file, say) */
            return tx_fail(err, TX_EINPUT, "%s:%zu: NUL byte", path, lineno);
        }
        if (len && line[len - 1] == '\r')
            line[--len] = '\0';
        if (lineno == 1 || line[0] == '#')
            rc = header_line(ref, line, len, lineno, &has_magic, path, err);
        else if (len)
            rc = count_line(ref, line, len, lineno, path, err);
    }
    if (rc != TX_OK)
        return rc;
    if (ferror(f))
        return tx_fail(err, TX_EIO, "cannot read '%s': %s", path, strerror(errno));
    if (!has_magic)
        return tx_fail(err, TX_EINPUT, "%s: empty, not a termex reference profile", path);
    if (!ref->tokens)
        return tx_fail(err, TX_EINPUT, "%s: no '# tokens:' total", path);
    return TX_OK;
}

tx_status tx_reference_load(const char *path, tx_reference **out, tx_error *err)
{
    tx_reference *ref;
    FILE *f;
    tx_status rc;

    *out = NULL;
    if (!(f = fopen(path, "r")))
        return tx_fail(err, TX_EIO, "cannot open reference profile '%s': %s", path,
                       strerror(errno));
    if (!(ref = calloc(1, sizeof *ref))) {
        fclose(f);
        return tx_fail(err, TX_ENOMEM, "out of memory reading '%s'", path);
    }
    tx_strmap_init(&ref->counts);
    rc = read_lines(ref, f, path, err);
    fclose(f);
    if (rc != TX_OK) {
        tx_reference_free(ref);
        return rc;
    }
    *out = ref;
    return TX_OK;
}

uint64_t tx_reference_count(const tx_reference *ref, const char *key, size_t len)
{
    return (uint64_t)(uintptr_t)tx_strmap_get(&ref->counts, key, len);
}

void tx_reference_free(tx_reference *ref)
{
    if (!ref)
        return;
    tx_strmap_release(&ref->counts);
    free(ref);
}
