/* cli.h: what the subcommands of the termex program share. */
#ifndef TX_CLI_H
#define TX_CLI_H

#include "tx.h"

/* Exit codes, documented in `termex --help` and the README. */
enum {
    EXIT_OK = 0,
    EXIT_FAIL = 1,  /* some input could not be used, or the command failed */
    EXIT_USAGE = 2, /* bad command line */
};

int cmd_extract(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_align(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_import(int argc, char **argv);

/* Print "termex CMD: MSG" on stderr. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse a whole non-negative number for option `opt`; 0 on success. */
int cli_parse_uint(const char *cmd, const char *opt, const char *s, unsigned min,
                   unsigned max, unsigned *out);

#define TX_DEFAULT_DB "glossary.db"

#endif
