/* output.c: JSON, TSV and table printing for the CLI. */
#include "output.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

void out_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\t': fputs("\\t", f); break;
        case '\r': fputs("\\r", f); break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

void out_tsv_field(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
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
