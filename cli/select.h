/* select.h: what the review commands share: who decides (--user, --version),
 * on which glossary, and on which terms (arguments, --from FILE, or a
 * list-style selection: --top N --status S --min-score X). */
#ifndef TX_CLI_SELECT_H
#define TX_CLI_SELECT_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>

#include "tx.h"

/* The review options every review command takes (getopt_long() values). */
enum {
    RO_DB = 1000,
    RO_DATA_DIR,
    RO_USER,
    RO_VERSION,
    RO_FROM,
    RO_TOP,
    RO_STATUS,
    RO_MIN_SCORE,
    RO_SKIP_MISSING,
    RO_QUIET = 'q'
};

/* The entries of those options, for a command's longopts table. */
#define CLI_REVIEW_LONGOPTS                                          \
    {"db", required_argument, NULL, RO_DB},                          \
    {"data-dir", required_argument, NULL, RO_DATA_DIR},              \
    {"user", required_argument, NULL, RO_USER},                      \
    {"version", required_argument, NULL, RO_VERSION},                \
    {"quiet", no_argument, NULL, RO_QUIET}
/* And those of the selection, for the commands that take many terms. */
#define CLI_SELECT_LONGOPTS                                          \
    {"from", required_argument, NULL, RO_FROM},                      \
    {"top", required_argument, NULL, RO_TOP},                        \
    {"status", required_argument, NULL, RO_STATUS},                  \
    {"min-score", required_argument, NULL, RO_MIN_SCORE},            \
    {"skip-missing", no_argument, NULL, RO_SKIP_MISSING}

typedef struct cli_review {
    const char *cmd;      /* the command, for messages */
    const char *db;
    const char *data_dir;
    tx_review r;          /* user: --user, else $TERMEX_USER, else the library's */
    int quiet;
    int skip_missing;     /* a term not found is a warning, not an error */
    const char *from;     /* --from FILE ("-": standard input) */
    int has_top;          /* --top given: a list-style selection */
    unsigned top;
    tx_list_view view;    /* --status */
    int has_min_score;
    double min_score;
} cli_review;

/* The terms a command acts on: ids (no two alike) and the entry forms. */
typedef struct cli_terms {
    int64_t *ids;
    char **names;
    size_t n;
    size_t n_missing;     /* not found (skipped with --skip-missing) */
} cli_terms;

/* Set `o` to the defaults for command `cmd`. */
void cli_review_init(cli_review *o, const char *cmd);

/* Take review option `opt` (a getopt_long() value) with `arg`: 1 when it is
 * one (taken), 0 when it is not a review option, -1 (message printed) when
 * its value is bad. */
int cli_review_option(cli_review *o, int opt, const char *arg);

/* Is a selection (--from or --top) given? */
int cli_review_selecting(const cli_review *o);

/* Open the glossary of `o` for writing (it must exist); an exit status. */
int cli_review_open(const cli_review *o, tx_store **st);

/* Collect into *out the terms named by `args` (`n_args` of them), then those
 * of --from and of the selection, inside the caller's transaction.  Each term
 * not found is named on stderr; EXIT_OK, or EXIT_FAIL when one is missing
 * (and not --skip-missing) or the glossary fails.  cli_terms_release()
 * frees *out either way. */
int cli_terms_collect(cli_review *o, tx_store *st, char *const *args, int n_args,
                      cli_terms *out);
void cli_terms_release(cli_terms *t);

/* Print the result of a failed decision on term `name` and return EXIT_FAIL. */
int cli_review_failed(const cli_review *o, const char *name, const tx_error *err);

/* "approved 3 terms" on stderr, unless quiet. */
void cli_review_summary(const cli_review *o, const char *verb, size_t n);

#endif
