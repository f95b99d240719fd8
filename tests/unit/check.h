/* check.h: the whole unit-test framework (after utf8proc's tests). */
#ifndef TX_CHECK_H
#define TX_CHECK_H

#include <stdio.h>
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

#endif
