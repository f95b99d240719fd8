/* quiet.h: for the tests of the readers: the library must never print.
 * quiet_begin() sends stderr to a temporary file; quiet_end() restores it,
 * copies what was written there to it, and says how many bytes that was. */
#ifndef TX_TEST_QUIET_H
#define TX_TEST_QUIET_H

#include <stdio.h>
#include <unistd.h>

static int saved_stderr = -1;
static FILE *stderr_file;

static void quiet_begin(void)
{
    fflush(stderr);
    stderr_file = tmpfile();
    saved_stderr = dup(2);
    if (stderr_file && saved_stderr >= 0)
        dup2(fileno(stderr_file), 2);
}

/* Bytes written to stderr since quiet_begin(). */
static long quiet_end(void)
{
    long n = -1;

    fflush(stderr);
    if (saved_stderr >= 0) {
        dup2(saved_stderr, 2);
        close(saved_stderr);
        saved_stderr = -1;
    }
    if (stderr_file) {
        char line[512];

        fseek(stderr_file, 0, SEEK_END);
        n = ftell(stderr_file);
        /* Show it: failed checks in between print there too. */
        rewind(stderr_file);
        while (fgets(line, sizeof line, stderr_file))
            fputs(line, stderr);
        fclose(stderr_file);
        stderr_file = NULL;
    }
    return n;
}

#endif
