/* cmd_align.c: `termex align`: target-language equivalents from parallel text. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inputs.h"
#include "output.h"

static const char usage_text[] =
    "usage: termex align [options] INPUT...\n"
    "\n"
    "Find the target-language equivalent of each glossary term (built by\n"
    "'termex extract') in parallel text, and store it with its evidence.  The\n"
    "segment pairs read are kept in the glossary; translations are computed\n"
    "again from all of them at every run.\n"
    "\n"
    "inputs (any number, mixed):\n"
    "  --tmx FILE              a TMX translation memory (languages by xml:lang)\n"
    "  --src-file A --tgt-file B\n"
    "                          line-aligned files: line i of A translates line i of B\n"
    "  --docs A B              two documents, or two directories whose files pair\n"
    "                          by name, not sentence-aligned: sentences are aligned\n"
    "                          here (Gale & Church with anchors)\n"
    "\n"
    "options:\n"
    "  --db FILE               glossary database (default: glossary.db)\n"
    "  --src LANG              language of the glossary's terms (default: fr)\n"
    "  --tgt LANG              language of the translations (default: en)\n"
    "  --dict FILE             a bilingual list, TSV (source<TAB>target, or the\n"
    "                          EuroVoc layout), UTF-8 or UTF-16, at most 64 MiB;\n"
    "                          may be repeated\n"
    "  --min-bead-score X      document pairs: drop sentence pairs aligned with\n"
    "                          less confidence (0..1, default 0.3)\n"
    "  --min-doc-score X       document pairs: drop a pair of documents aligned\n"
    "                          worse than this (0..1, default 0.2)\n"
    "  --data-dir DIR          where the language profiles (<lang>/profile.txt) are\n"
    "  -q, --quiet             no summary on stderr\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 done, 1 an input or the glossary could not be used (nothing\n"
    "is then written), 2 usage error\n";

typedef struct ctx {
    int quiet;
} ctx;

static int on_notice(tx_status rc, const char *msg, void *arg)
{
    ctx *c = arg;

    if (rc != TX_OK || !c->quiet)
        cli_message("align", rc == TX_OK ? "" : "warning: ", msg);
    return 0;
}

/* What the command line asks for; `in` and `dicts` are owned by cmd_align(). */
typedef struct args {
    const char *db;
    cli_inputs in;
    const char **dicts;
    tx_align_opts o;
} args;

/* Read the options into `a` (and -q into `c`).  Returns 0 to go on, 1 when
 * --help was printed, -1 after a usage error was printed. */
static int parse_options(int argc, char **argv, args *a, ctx *c)
{
    enum { O_DB = 256, O_SRC, O_TGT, O_TMX, O_SRCF, O_TGTF, O_DOCS, O_DICT, O_BEAD, O_DOC,
           O_DATA };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, O_DB},
        {"src", required_argument, NULL, O_SRC},
        {"tgt", required_argument, NULL, O_TGT},
        {"tmx", required_argument, NULL, O_TMX},
        {"src-file", required_argument, NULL, O_SRCF},
        {"tgt-file", required_argument, NULL, O_TGTF},
        {"docs", required_argument, NULL, O_DOCS},
        {"dict", required_argument, NULL, O_DICT},
        {"min-bead-score", required_argument, NULL, O_BEAD},
        {"min-doc-score", required_argument, NULL, O_DOC},
        {"data-dir", required_argument, NULL, O_DATA},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    tx_align_opts *o = &a->o;
    cli_inputs *in = &a->in;
    int opt;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (opt) {
        case O_DB: a->db = optarg; break;
        case O_SRC: o->src_lang = optarg; break;
        case O_TGT: o->tgt_lang = optarg; break;
        case O_DATA: o->data_dir = optarg; break;
        case O_DICT: a->dicts[o->n_dicts++] = optarg; break;
        case O_TMX:
            if (cli_inputs_add("align", in, CLI_TMX, optarg) < 0)
                return -1;
            break;
        case O_SRCF:
            if (cli_inputs_add("align", in, CLI_SRC_FILE, optarg) < 0)
                return -1;
            break;
        case O_TGTF:
            if (cli_inputs_add("align", in, CLI_TGT_FILE, optarg) < 0)
                return -1;
            break;
        case O_DOCS:
            if (optind >= argc || (argv[optind][0] == '-' && argv[optind][1])) {
                cli_error("align", "--docs needs two paths");
                return -1;
            }
            in->v[in->n].kind = TX_PARALLEL_DOCS;
            in->v[in->n].src = optarg;
            in->v[in->n++].tgt = argv[optind++];
            break;
        case O_BEAD:
            if (cli_parse_double("align", "--min-bead-score", optarg, 0, 1,
                                 &o->min_bead_score))
                return -1;
            break;
        case O_DOC:
            if (cli_parse_double("align", "--min-doc-score", optarg, 0, 1,
                                 &o->min_doc_score))
                return -1;
            break;
        case 'q': c->quiet = 1; break;
        case 'h': fputs(usage_text, stdout); return 1;
        default: fputs(usage_text, stderr); return -1;
        }
    }
    o->dicts = a->dicts;
    return 0;
}

/* Open the glossary, align, and print the summary: an exit status. */
static int run(args *a, ctx *c)
{
    tx_align_stats stats;
    tx_error err = {TX_OK, ""};
    tx_store *st = NULL;
    tx_status rc;

    if (out_db_exists("align", a->db))
        return EXIT_FAIL;
    a->o.notice = on_notice;
    a->o.cb_arg = c;
    if ((rc = tx_store_open(a->db, &st, &err)) == TX_OK)
        rc = tx_align_run(st, a->in.v, a->in.n, &a->o, &stats, &err);
    tx_store_close(st);
    if (rc != TX_OK) {
        cli_error("align", "%s; '%s' is unchanged", err.msg, a->db);
        return rc == TX_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    if (!c->quiet)
        fprintf(stderr,
                "termex align: %zu segment pairs read (%zu new, %zu unreliable dropped), "
                "%zu in the glossary; %zu of %zu terms occur in them, %zu translated "
                "(%.2f s)\n",
                stats.n_segments_read, stats.n_segments_new, stats.n_dropped,
                stats.n_segments, stats.n_terms_seen, stats.n_terms, stats.n_translated,
                stats.seconds);
    return EXIT_OK;
}

int cmd_align(int argc, char **argv)
{
    args a = {TX_DEFAULT_DB, {NULL, 0, NULL}, NULL, {0}};
    ctx c = {0};
    int status = EXIT_USAGE;

    a.dicts = calloc((size_t)argc, sizeof *a.dicts);
    if (!a.dicts || cli_inputs_init("align", &a.in, argc) < 0) {
        cli_error("align", "out of memory");
        status = EXIT_FAIL;
        goto done;
    }
    tx_align_opts_init(&a.o);
    switch (parse_options(argc, argv, &a, &c)) {
    case 1: status = EXIT_OK; goto done;
    case -1: goto done;
    }
    if (cli_inputs_done("align", &a.in) < 0)
        goto done;
    if (optind < argc) {
        cli_error("align", "unexpected argument '%s'", argv[optind]);
        goto done;
    }
    if (!a.in.n && !a.o.n_dicts) {
        cli_error("align", "no parallel input given (--tmx, --src-file/--tgt-file, --docs)");
        fputs(usage_text, stderr);
        goto done;
    }
    status = run(&a, &c);
done:
    cli_inputs_release(&a.in);
    free(a.dicts);
    return status;
}
