/* output.c: JSON, TSV and table printing for the CLI. */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* Write what `escape` (tx_escape_json() or tx_escape_tsv()) makes of `s`. */
static void put_escaped(FILE *f, size_t (*escape)(char *, size_t, const char *),
                        const char *s)
{
    char small[1024];
    size_t n = escape(small, sizeof small, s);
    char *big;

    if (n < sizeof small) {
        fwrite(small, 1, n, f);
        return;
    }
    big = malloc(n + 1);
    if (!big) {
        cli_error("output", "out of memory");
        exit(EXIT_FAIL);
    }
    escape(big, n + 1, s);
    fwrite(big, 1, n, f);
    free(big);
}

void out_json_string(FILE *f, const char *s)
{
    put_escaped(f, tx_escape_json, s);
}

void out_tsv_field(FILE *f, const char *s)
{
    put_escaped(f, tx_escape_tsv, s);
}

int out_width(const char *s)
{
    int w = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        /* U+0300..U+036F combining marks (CC 80..CD AF) take no column. */
        if (p[0] == 0xCC || (p[0] == 0xCD && p[1] < 0xB0))
            continue;
        w++;
    }
    return w;
}

void out_padded(FILE *f, const char *s, int width)
{
    fputs(s, f);
    for (int w = out_width(s); w < width; w++)
        fputc(' ', f);
}

int out_db_exists(const char *cmd, const char *path)
{
    struct stat sb;

    /* SQLite's name for its in-memory database: the library says what it is. */
    if (stat(path, &sb) == 0 || strcmp(path, ":memory:") == 0)
        return 0;
    cli_error(cmd, "cannot open '%s': %s (run 'termex extract' first)", path,
              strerror(errno));
    return -1;
}
