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
int cmd_reference(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_align(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_status(int argc, char **argv); /* approve, reject, reset: argv[0] says */
int cmd_set(int argc, char **argv);
int cmd_translate(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_delete(int argc, char **argv);

/* Print "termex CMD: PREFIXMSG" on stderr, MSG with its control characters
 * and invalid UTF-8 escaped (tx_escape_text()). */
void cli_message(const char *cmd, const char *prefix, const char *msg);

/* Print "termex CMD: MSG" on stderr, escaped as cli_message() does. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parse a whole non-negative number for option `opt`; 0 on success. */
int cli_parse_uint(const char *cmd, const char *opt, const char *s, unsigned min,
                   unsigned max, unsigned *out);

/* Parse a finite number from `min` to `max` for option `opt` (NaN and
 * infinities refused); 0 on success, else -1 with a message printed. */
int cli_parse_double(const char *cmd, const char *opt, const char *s, double min,
                     double max, double *out);

/* What a run over documents (extract, reference) reports on stderr, the
 * `arg` of cli_progress() and cli_notice(). */
typedef struct cli_run {
    const char *cmd; /* "extract" */
    int tty;         /* stderr is a terminal: progress on one line */
    int quiet;       /* only errors */
    int verbose;
} cli_run;

/* tx_progress_fn of a run: "termex CMD: done/total documents, MB" rewritten
 * on one line of a terminal; nothing when quiet or not a terminal. */
int cli_progress(size_t done, size_t total, uint64_t bytes, void *arg);

/* tx_notice_fn of a run: the progress line cleared, then the message (an
 * error says so; other notices not when quiet). */
int cli_notice(tx_status rc, const char *msg, void *arg);

#define TX_DEFAULT_DB "glossary.db"

#endif
