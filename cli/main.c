/* main.c: the termex program: a table of subcommands, git style. */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct cmd {
    const char *name;
    int (*run)(int argc, char **argv); /* returns the exit status */
    const char *summary;
};

static const struct cmd commands[] = {
    {"extract", cmd_extract, "extract terms from documents into the glossary"},
    {"list", cmd_list, "list the glossary's terms, best first"},
    {"show", cmd_show, "show one term: variants, documents, scores, contexts"},
    {"align", cmd_align, "find the terms' equivalents in parallel text"},
    {"check", cmd_check, "check translations against the glossary"},
    {"export", cmd_export, "write the glossary as TBX, CSV, TSV or JSON"},
    {"import", cmd_import, "merge a TBX, CSV or TSV glossary into the glossary"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: termex <command> [options] [args]\n\n"
               "termex builds a terminology glossary (SQLite) from documents.\n\n"
               "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'termex <command> --help' describes a command.\n"
               "exit status: 0 success, 1 failure (or some input skipped), 2 usage error\n");
}

void cli_message(const char *cmd, const char *prefix, const char *msg)
{
    char buf[4096];

    /* Messages quote file names and file contents: no control character may
     * reach the terminal (a newline in a name would forge a line). */
    tx_escape_text(buf, sizeof buf, msg);
    fprintf(stderr, "termex %s: %s%s\n", cmd, prefix, buf);
}

void cli_error(const char *cmd, const char *fmt, ...)
{
    char msg[4096];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cli_message(cmd, "", msg);
}

int cli_parse_uint(const char *cmd, const char *opt, const char *s, unsigned min,
                   unsigned max, unsigned *out)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(s, &end, 10);
    if (!*s || *end || errno || s[0] == '-' || v < min || v > max) {
        cli_error(cmd, "%s: '%s' is not a number from %u to %u", opt, s, min, max);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

int cli_parse_double(const char *cmd, const char *opt, const char *s, double min,
                     double max, double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    /* "nan" and "inf" parse, and NaN passes every comparison: refuse them. */
    if (!*s || *end || errno == ERANGE || !isfinite(v) || v < min || v > max) {
        if (max < DBL_MAX)
            cli_error(cmd, "%s: '%s' is not a number from %g to %g", opt, s, min, max);
        else
            cli_error(cmd, "%s: '%s' is not a finite number", opt, s);
        return -1;
    }
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    int status;

    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("termex 0.1.0\n");
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            status = commands[i].run(argc - 1, argv + 1);
            /* A full disk or closed pipe must not pass for success (as git). */
            if (fflush(stdout) != 0 || ferror(stdout)) {
                fprintf(stderr, "termex %s: cannot write output: %s\n", argv[1],
                        strerror(errno));
                return EXIT_FAIL;
            }
            return status;
        }
    }
    fprintf(stderr, "termex: '%s' is not a termex command; see 'termex --help'\n", argv[1]);
    return EXIT_USAGE;
}
