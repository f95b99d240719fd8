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

static int cmd_help(int argc, char **argv);

static const struct cmd commands[] = {
    {"extract", cmd_extract, "extract terms from documents into the glossary"},
    {"reference", cmd_reference, "count general-language text into a reference profile"},
    {"list", cmd_list, "list the glossary's terms, best first"},
    {"show", cmd_show, "show one term: variants, documents, scores, contexts"},
    {"align", cmd_align, "find the terms' equivalents in parallel text"},
    {"check", cmd_check, "check translations against the glossary"},
    {"export", cmd_export, "write the glossary as TBX, CSV, TSV, OmegaT or JSON"},
    {"import", cmd_import, "merge a TBX, CSV, TSV or OmegaT glossary into the glossary"},
    {"review", cmd_review, "review terms one by one: approve, reject, edit, translate"},
    {"approve", cmd_status, "approve terms (many at once: --from FILE, --top N)"},
    {"reject", cmd_status, "reject terms"},
    {"reset", cmd_status, "make terms candidates again"},
    {"set", cmd_set, "set a term's entry form, note, definition, domain, ..."},
    {"translate", cmd_translate, "add, approve, forbid or remove a translation"},
    {"merge", cmd_merge, "merge terms that are one concept"},
    {"delete", cmd_delete, "delete terms"},
    {"help", cmd_help, "list the commands, or describe one: termex help COMMAND"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: termex [--version] [--help] <command> [options] [args]\n\n"
               "termex builds a terminology glossary (SQLite) from documents.\n\n"
               "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'termex help <command>' (the same as 'termex <command> --help')\n"
               "describes a command; the manual: 'man termex', 'man termex-<command>'.\n"
               "exit status: 0 success, 1 failure (or some input skipped), 2 usage error\n");
}

static const struct cmd *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

/* termex help [COMMAND]: the command list, or COMMAND --help (git shows the
 * man page here; --help is always there, the manual only when installed). */
static int cmd_help(int argc, char **argv)
{
    const struct cmd *c;
    char *args[3];

    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (argc > 2) {
        cli_error("help", "one command at most; see 'termex help'");
        return EXIT_USAGE;
    }
    if (!(c = find_command(argv[1]))) {
        cli_error("help", "'%s' is not a termex command; see 'termex help'", argv[1]);
        return EXIT_USAGE;
    }
    args[0] = argv[1];
    args[1] = "--help";
    args[2] = NULL;
    return c->run(2, args);
}

void cli_message(const char *cmd, const char *prefix, const char *msg)
{
    char buf[4096];

    /* Messages quote file names and file contents: no control character may
     * reach the terminal (a newline in a name would forge a line). */
    tx_escape_text(buf, sizeof buf, msg);
    fprintf(stderr, "termex %s: %s%s\n", cmd, prefix, buf);
}

int cli_progress(size_t done, size_t total, uint64_t bytes, void *arg)
{
    const cli_run *c = arg;

    if (c->quiet || !c->tty)
        return 0;
    fprintf(stderr, "\rtermex %s: %zu/%zu documents, %.1f MB", c->cmd, done, total,
            (double)bytes / 1e6);
    if (done == total)
        fputc('\n', stderr);
    return 0;
}

int cli_notice(tx_status rc, const char *msg, void *arg)
{
    const cli_run *c = arg;

    if (c->tty && !c->quiet)
        fputs("\r\033[K", stderr);
    if (rc != TX_OK || !c->quiet)
        cli_message(c->cmd, rc == TX_OK ? "" : "error: ", msg);
    return 0;
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
    const struct cmd *c;
    int status;

    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        status = EXIT_OK;
    } else if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("termex %s\n", tx_version());
        status = EXIT_OK;
    } else if ((c = find_command(argv[1]))) {
        status = c->run(argc - 1, argv + 1);
    } else {
        fprintf(stderr, "termex: '%s' is not a termex command; see 'termex help'\n",
                argv[1]);
        return EXIT_USAGE;
    }
    /* A full disk or closed pipe must not pass for success (as git). */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "termex %s: cannot write output: %s\n", argv[1], strerror(errno));
        return EXIT_FAIL;
    }
    return status;
}
