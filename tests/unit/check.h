/* check.h: the whole unit-test framework (after utf8proc's tests): check() counts
 * and reports a failed condition and goes on, check_done() is main()'s return
 * value; and the few file helpers the tests share. */
#ifndef TX_CHECK_H
#define TX_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;

#define check(cond, ...)                                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__,  \
                    #cond);                                                    \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
            check_failures++;                                                  \
        }                                                                      \
    } while (0)

static inline int check_streq(const char *got, const char *want)
{
    return got && strcmp(got, want) == 0;
}

static inline const char *check_nonnull(const char *s)
{
    return s ? s : "(null)";
}

#define check_str(got, want)                                                   \
    check(check_streq((got), (want)), "got '%s', want '%s'",                   \
          check_nonnull(got), (want))

/* Return value for main(): 0 when every check passed. */
#define check_done()                                                           \
    (check_failures ? (fprintf(stderr, "%d check(s) failed\n", check_failures), 1) : 0)

/* The directory for temporary files: $TMPDIR (ctest sets it to BUILD/tmp), else
 * /tmp.  The string is the environment's or static. */
static inline const char *check_tmp_dir(void)
{
    const char *dir = getenv("TMPDIR");

    return dir && *dir ? dir : "/tmp";
}

/* The whole file at `path` with a NUL after it, its length in *len (when `len`
 * is not NULL), or NULL when it cannot be read.  The caller frees it. */
static inline char *check_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t cap = 0;
    size_t n = 0;
    size_t got;

    if (!f)
        return NULL;
    do {
        if (n + 1 >= cap) {
            char *p = realloc(data, cap ? cap * 2 : 4096);

            if (!p) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = p;
            cap = cap ? cap * 2 : 4096;
        }
        got = fread(data + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    if (ferror(f)) {
        free(data);
        data = NULL;
    } else {
        data[n] = '\0';
        if (len)
            *len = n;
    }
    fclose(f);
    return data;
}

/* 1 when the files at `a` and `b` can be read and hold the same bytes. */
static inline int check_same_file(const char *a, const char *b)
{
    size_t la = 0;
    size_t lb = 0;
    char *sa = check_read_file(a, &la);
    char *sb = check_read_file(b, &lb);
    int same = sa && sb && la == lb && memcmp(sa, sb, la) == 0;

    free(sa);
    free(sb);
    return same;
}

#endif
