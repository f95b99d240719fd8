/* cmd_check.c: `termex check`: translations against the glossary. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inputs.h"
#include "output.h"

static const char usage_text[] =
    "usage: termex check [options] [INPUT...]\n"
    "\n"
    "Without inputs, check the corpus itself: for each term whose acronym the\n"
    "documents define (\"Office des Nations Unies contre la drogue et le crime\n"
    "(ONUDC)\"), report the documents that mix the two forms, with counts, and\n"
    "those that use the acronym without the full form; for each name that begins\n"
    "with a shorter listed name (\"Centre régional\"), the documents using both.\n"
    "\n"
    "With inputs, check that translations use the glossary's terms: for each\n"
    "segment whose source holds a glossary term (in any inflection; rejected terms\n"
    "are not checked), report it when the target uses a forbidden translation of\n"
    "the term (kind 'forbidden', naming the form, even beside an accepted one), or\n"
    "holds none of its accepted translations (kind 'missing': the approved ones,\n"
    "else the aligned ones scoring 0.5 or more); then report each term the inputs\n"
    "translate in several ways, with counts (kind 'inconsistent').  Made to gate a\n"
    "CI job.\n"
    "\n"
    "inputs (any number):\n"
    "  --tmx FILE                  a TMX translation memory\n"
    "  --src-file A --tgt-file B   line-aligned files\n"
    "  --xliff FILE                an XLIFF 1.2 or 2.0 file\n"
    "\n"
    "options:\n"
    "  --db FILE             glossary database (default: glossary.db)\n"
    "  --src LANG            source language (default: fr)\n"
    "  --tgt LANG            target language (default: en)\n"
    "  --format FMT          text, tsv or json (default: text)\n"
    "  --ignore FILE         accepted exceptions, one per line: a term, or a term,\n"
    "                        a tab and a reference as reported ('line 12'); UTF-8\n"
    "                        or UTF-16 text of at most 16 MiB\n"
    "  --no-header           tsv: no header line\n"
    "  -q, --quiet           no summary on stderr\n"
    "  -h, --help            show this help\n"
    "\n"
    "tsv: a header line, then the columns kind, file, ref, term, expected,\n"
    "found, source, target; kinds: missing, forbidden, inconsistent (with\n"
    "inputs), mixed, undefined, shortened\n"
    "exit status: 0 no problem, 1 problems found, 2 could not run\n";

enum fmt { FMT_TEXT, FMT_TSV, FMT_JSON };

typedef struct ctx {
    enum fmt fmt;
    size_t n;
    int quiet;
} ctx;

static void json_field(const char *name, const char *v, int last)
{
    printf("\"%s\": ", name);
    out_json_string(stdout, v);
    printf(last ? "}" : ", ");
}

static int on_issue(const tx_check_issue *is, void *arg)
{
    ctx *c = arg;
    const char *cells[8] = {is->kind, is->file, is->ref, is->term,
                            is->expected, is->found, is->src, is->tgt};

    c->n++;
    switch (c->fmt) {
    case FMT_TSV:
        for (int i = 0; i < 8; i++) {
            if (i)
                putchar('\t');
            out_tsv_field(stdout, cells[i] ? cells[i] : "");
        }
        putchar('\n');
        break;
    case FMT_JSON:
        printf("%s\n  {", c->n > 1 ? "," : "");
        json_field("kind", is->kind, 0);
        json_field("file", is->file, 0);
        json_field("ref", is->ref, 0);
        json_field("term", is->term, 0);
        json_field("expected", is->expected, 0);
        json_field("found", is->found, 0);
        json_field("source", is->src, 0);
        json_field("target", is->tgt, 1);
        break;
    case FMT_TEXT:
        if (strcmp(is->kind, "missing") == 0) {
            printf("%s: %s: '%s' is not translated as '%s'", is->file,
                   is->ref ? is->ref : "?", is->term, is->expected);
            if (is->found)
                printf(" (it uses '%s')", is->found);
            printf("\n    %s\n    %s\n", is->src, is->tgt);
        } else if (strcmp(is->kind, "forbidden") == 0) {
            printf("%s: %s: '%s' is translated with the forbidden form '%s'", is->file,
                   is->ref ? is->ref : "?", is->term, is->found);
            if (is->expected && *is->expected)
                printf(" (use '%s')", is->expected);
            printf("\n    %s\n    %s\n", is->src, is->tgt);
        } else if (strcmp(is->kind, "inconsistent") == 0) {
            printf("%s: '%s' is translated in several ways: %s (accepted: %s)\n", is->file,
                   is->term, is->found, is->expected);
        } else if (strcmp(is->kind, "mixed") == 0) {
            printf("%s: mixes the forms of %s: %s\n", is->file, is->expected, is->found);
        } else if (strcmp(is->kind, "shortened") == 0) {
            printf("%s: mixes '%s' and a shortened name: %s\n", is->file, is->expected,
                   is->found);
        } else {
            printf("%s: uses the acronym of %s without its full form: %s\n", is->file,
                   is->expected, is->found);
        }
        break;
    }
    return 0;
}

static int on_notice(tx_status rc, const char *msg, void *arg)
{
    ctx *c = arg;

    if (rc != TX_OK || !c->quiet)
        cli_message("check", rc == TX_OK ? "" : "warning: ", msg);
    return 0;
}

/* An --ignore list is a short text: a larger file, binary data or text that is
 * not UTF-8 is a mistake (a wrong path, /dev/zero), refused with file and line. */
#define IGNORE_MAX_FILE ((unsigned long long)16 << 20) /* 16 MiB */

typedef struct ignore_list {
    char **v;
    size_t n;
    int oom;
} ignore_list;

/* tx_line_fn: keep a line of the list, but for empty and # lines. */
static int add_ignore(char *line, size_t len, unsigned long lineno, void *arg)
{
    ignore_list *l = arg;
    char **v;

    (void)lineno;
    if (!len || line[0] == '#')
        return 0;
    if (!(v = realloc(l->v, (l->n + 1) * sizeof *v)) || !(v[l->n] = strdup(line))) {
        if (v)
            l->v = v;
        l->oom = 1;
        return 1;
    }
    l->v = v;
    l->n++;
    return 0;
}

/* Read the exceptions of `path` into *list (appending; lines kept as they are,
 * but for their line ends); -1 with a message printed on failure. */
static int read_ignore(const char *path, char ***list, size_t *n)
{
    ignore_list l = {*list, *n, 0};
    tx_error err = {TX_OK, ""};
    tx_status rc = tx_read_lines(path, IGNORE_MAX_FILE, add_ignore, &l, &err);

    *list = l.v;
    *n = l.n;
    if (l.oom) {
        cli_error("check", "out of memory");
        return -1;
    }
    if (rc != TX_OK) {
        cli_error("check", "--ignore: %s", err.msg);
        return -1;
    }
    return 0;
}

/* Parse --format's `arg` into *fmt; 0, or -1 with a message printed. */
static int parse_format(const char *arg, enum fmt *fmt)
{
    static const char *const names[] = {"text", "tsv", "json"}; /* enum fmt order */

    for (int i = 0; i < 3; i++)
        if (strcmp(arg, names[i]) == 0) {
            *fmt = (enum fmt)i;
            return 0;
        }
    cli_error("check", "--format: '%s' is not text, tsv or json", arg);
    return -1;
}

int cmd_check(int argc, char **argv)
{
    enum {
        O_DB = 256, O_SRC, O_TGT, O_TMX, O_SRCF, O_TGTF, O_XLIFF, O_FORMAT, O_IGNORE,
        O_NO_HEADER
    };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, O_DB},
        {"src", required_argument, NULL, O_SRC},
        {"tgt", required_argument, NULL, O_TGT},
        {"tmx", required_argument, NULL, O_TMX},
        {"src-file", required_argument, NULL, O_SRCF},
        {"tgt-file", required_argument, NULL, O_TGTF},
        {"xliff", required_argument, NULL, O_XLIFF},
        {"format", required_argument, NULL, O_FORMAT},
        {"ignore", required_argument, NULL, O_IGNORE},
        {"no-header", no_argument, NULL, O_NO_HEADER},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = TX_DEFAULT_DB;
    cli_inputs in = {NULL, 0, NULL};
    char **ignore = NULL;
    size_t n_ignore = 0;
    tx_check_opts o;
    tx_check_stats stats;
    tx_error err = {TX_OK, ""};
    tx_store *st = NULL;
    ctx c = {FMT_TEXT, 0, 0};
    int opt, status = EXIT_USAGE, header = 1;
    tx_status rc;

    if (cli_inputs_init("check", &in, argc) < 0)
        return EXIT_USAGE;
    tx_check_opts_init(&o);
    optind = 1;
    while ((opt = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (opt) {
        case O_DB: db = optarg; break;
        case O_SRC: o.src_lang = optarg; break;
        case O_TGT: o.tgt_lang = optarg; break;
        case O_TMX:
        case O_XLIFF:
        case O_SRCF:
        case O_TGTF:
            if (cli_inputs_add("check", &in,
                               opt == O_TMX     ? CLI_TMX
                               : opt == O_XLIFF ? CLI_XLIFF
                               : opt == O_SRCF  ? CLI_SRC_FILE
                                                : CLI_TGT_FILE,
                               optarg) < 0)
                goto done;
            break;
        case O_FORMAT:
            if (parse_format(optarg, &c.fmt))
                goto done;
            break;
        case O_IGNORE:
            if (read_ignore(optarg, &ignore, &n_ignore) < 0)
                goto done;
            break;
        case O_NO_HEADER: header = 0; break;
        case 'q': c.quiet = 1; break;
        case 'h':
            fputs(usage_text, stdout);
            status = EXIT_OK;
            goto done;
        default: fputs(usage_text, stderr); goto done;
        }
    }
    if (cli_inputs_done("check", &in) < 0)
        goto done;
    if (optind < argc) {
        cli_error("check", "unexpected argument '%s'", argv[optind]);
        goto done;
    }

    /* From here on, failing to run is status 2 too: 1 means "problems found". */
    if (out_db_exists("check", db))
        goto done;
    o.ignore = (const char *const *)ignore;
    o.n_ignore = n_ignore;
    o.notice = on_notice;
    o.cb_arg = &c;
    if (c.fmt == FMT_JSON)
        printf("[");
    if (c.fmt == FMT_TSV && header)
        printf("kind\tfile\tref\tterm\texpected\tfound\tsource\ttarget\n");
    if ((rc = tx_store_open_read(db, &st, &err)) == TX_OK)
        rc = in.n ? tx_check_run(st, in.v, in.n, &o, on_issue, &c, &stats, &err)
                  : tx_check_corpus(st, &o, on_issue, &c, &stats, &err);
    tx_store_close(st);
    if (c.fmt == FMT_JSON)
        printf("%s]\n", c.n ? "\n" : "");
    if (rc != TX_OK) {
        cli_error("check", "%s", err.msg);
        goto done;
    }
    if (!c.quiet && in.n)
        fprintf(stderr,
                "termex check: %zu segment pairs, %zu glossary term occurrences, %zu "
                "problem(s), %zu ignored\n",
                stats.n_segments, stats.n_occurrences, stats.n_issues, stats.n_ignored);
    else if (!c.quiet)
        fprintf(stderr,
                "termex check: %zu terms with an acronym, %zu acronym uses, %zu "
                "problem(s), %zu ignored\n",
                stats.n_terms, stats.n_occurrences, stats.n_issues, stats.n_ignored);
    status = stats.n_issues ? EXIT_FAIL : EXIT_OK;
done:
    for (size_t i = 0; i < n_ignore; i++)
        free(ignore[i]);
    free(ignore);
    cli_inputs_release(&in);
    return status;
}
