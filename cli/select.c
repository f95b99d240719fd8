/* select.c: the review commands' shared options and term selection. */
#define _GNU_SOURCE /* strdup */
#include "select.h"

#include <ctype.h>
#include <float.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

/* A --from list is a short text: larger is a mistake (as check's --ignore). */
#define FROM_MAX_FILE ((unsigned long long)16 << 20) /* 16 MiB */

void cli_review_init(cli_review *o, const char *cmd)
{
    const char *user = getenv("TERMEX_USER");

    memset(o, 0, sizeof *o);
    o->cmd = cmd;
    o->db = TX_DEFAULT_DB;
    o->r.user = user && *user ? user : NULL;
    o->view.status = -1;
}

int cli_review_option(cli_review *o, int opt, const char *arg)
{
    tx_term_status status;
    unsigned v;

    switch (opt) {
    case RO_DB: o->db = arg; return 1;
    case RO_DATA_DIR: o->data_dir = arg; return 1;
    case RO_USER:
        if (!*arg) {
            cli_error(o->cmd, "--user: empty name");
            return -1;
        }
        o->r.user = arg;
        return 1;
    case RO_VERSION:
        if (cli_parse_uint(o->cmd, "--version", arg, 1, UINT_MAX, &v))
            return -1;
        o->r.version = v;
        return 1;
    case RO_QUIET: o->quiet = 1; return 1;
    case RO_FROM: o->from = arg; return 1;
    case RO_SKIP_MISSING: o->skip_missing = 1; return 1;
    case RO_TOP:
        o->has_top = 1;
        return cli_parse_uint(o->cmd, "--top", arg, 0, 100000000, &o->top) ? -1 : 1;
    case RO_MIN_SCORE:
        o->has_min_score = 1;
        return cli_parse_double(o->cmd, "--min-score", arg, -DBL_MAX, DBL_MAX,
                                &o->min_score) ? -1 : 1;
    case RO_STATUS:
        if (tx_term_status_from_name(arg, &status) != 0) {
            cli_error(o->cmd, "--status: '%s' is not candidate, approved or rejected",
                      arg);
            return -1;
        }
        o->view.status = (int)status;
        return 1;
    default: return 0;
    }
}

int cli_review_selecting(const cli_review *o)
{
    return o->from || o->has_top || o->view.status >= 0 || o->has_min_score;
}

int cli_review_open(const cli_review *o, tx_store **st)
{
    tx_error err = {TX_OK, ""};

    *st = NULL;
    if (out_db_exists(o->cmd, o->db))
        return EXIT_FAIL;
    if (tx_store_open(o->db, st, &err) != TX_OK) {
        cli_error(o->cmd, "%s", err.msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

void cli_terms_release(cli_terms *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->names[i]);
    free(t->ids);
    free(t->names);
    memset(t, 0, sizeof *t);
}

/* Add term `id` named `name` to `t` unless it is there; -1 when out of memory. */
static int terms_add(cli_terms *t, int64_t id, const char *name)
{
    int64_t *ids;
    char **names;

    for (size_t i = 0; i < t->n; i++)
        if (t->ids[i] == id)
            return 0;
    if (!(ids = realloc(t->ids, (t->n + 1) * sizeof *ids)))
        return -1;
    t->ids = ids;
    if (!(names = realloc(t->names, (t->n + 1) * sizeof *names)))
        return -1;
    t->names = names;
    if (!(names[t->n] = strdup(name)))
        return -1;
    ids[t->n++] = id;
    return 0;
}

typedef struct collect {
    cli_review *o;
    tx_store *st;
    cli_terms *t;
    tx_error err;
    int status; /* EXIT_OK until a term is missing or something fails */
    unsigned n_selected;
} collect;

/* Find the term the user wrote as `text` and add it. */
static void find_one(collect *c, const char *text)
{
    tx_error err = {TX_OK, ""};
    int64_t id;
    tx_status rc = tx_review_find(c->st, text, c->o->data_dir, &id, &err);

    if (rc == TX_ENOTFOUND) {
        c->t->n_missing++;
        cli_message(c->o->cmd, c->o->skip_missing ? "warning: " : "",
                    *err.msg ? err.msg : "term not found");
        if (!c->o->skip_missing && c->status == EXIT_OK)
            c->status = EXIT_FAIL;
        return;
    }
    if (rc != TX_OK) {
        cli_error(c->o->cmd, "%s", err.msg);
        c->status = EXIT_FAIL;
        return;
    }
    if (terms_add(c->t, id, text)) {
        cli_error(c->o->cmd, "out of memory");
        c->status = EXIT_FAIL;
    }
}

/* tx_line_fn: one term per line; blank lines and # lines are skipped, and
 * the spaces around a term. */
static int from_line(char *line, size_t len, unsigned long lineno, void *arg)
{
    char *end = line + len;

    (void)lineno;
    while (line < end && isspace((unsigned char)*line))
        line++;
    while (end > line && isspace((unsigned char)end[-1]))
        *--end = '\0';
    if (line < end && *line != '#')
        find_one(arg, line);
    return 0;
}

/* tx_term_fn of the selection: take terms until the scores drop below
 * --min-score (the list is in score order). */
static int select_term(const tx_term *t, void *arg)
{
    collect *c = arg;

    if (c->o->has_min_score && t->score < c->o->min_score)
        return 1;
    if (c->o->top && c->n_selected++ == c->o->top)
        return 1;
    if (terms_add(c->t, t->id, t->canonical)) {
        cli_error(c->o->cmd, "out of memory");
        c->status = EXIT_FAIL;
        return 1;
    }
    return 0;
}

int cli_terms_collect(cli_review *o, tx_store *st, char *const *args, int n_args,
                      cli_terms *out)
{
    collect c = {o, st, out, {TX_OK, ""}, EXIT_OK, 0};
    tx_status rc;

    memset(out, 0, sizeof *out);
    for (int i = 0; i < n_args; i++)
        find_one(&c, args[i]);
    if (o->from) {
        const char *path = strcmp(o->from, "-") == 0 ? "/dev/stdin" : o->from;

        rc = tx_read_lines(path, FROM_MAX_FILE, from_line, &c, &c.err);
        if (rc != TX_OK) {
            cli_error(o->cmd, "--from: %s", c.err.msg);
            return EXIT_FAIL;
        }
    }
    if (o->has_top || o->view.status >= 0 || o->has_min_score) {
        /* --top counts the selection's terms; --min-score stops it. */
        rc = tx_store_list_view(st, TX_SORT_SCORE, 0, &o->view, select_term, &c, &c.err);
        if (rc != TX_OK) {
            cli_error(o->cmd, "%s", c.err.msg);
            return EXIT_FAIL;
        }
    }
    return c.status;
}

int cli_review_failed(const cli_review *o, const char *name, const tx_error *err)
{
    if (strstr(err->msg, name))
        cli_error(o->cmd, "%s", err->msg);
    else
        cli_error(o->cmd, "'%s': %s", name, err->msg);
    return EXIT_FAIL;
}

void cli_review_summary(const cli_review *o, const char *verb, size_t n)
{
    if (!o->quiet)
        fprintf(stderr, "termex %s: %s %zu term%s\n", o->cmd, verb, n, n == 1 ? "" : "s");
}
