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

int cmd_align(int argc, char **argv)
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
    const char *db = TX_DEFAULT_DB;
    cli_inputs in = {NULL, 0, NULL};
    const char **dicts = calloc((size_t)argc, sizeof *dicts);
    tx_align_opts o;
    tx_align_stats stats;
    tx_error err = {TX_OK, ""};
    tx_store *st = NULL;
    ctx c = {0};
    int opt, status = EXIT_USAGE;
    tx_status rc;

    if (!dicts || cli_inputs_init("align", &in, argc) < 0) {
        cli_error("align", "out of memory");
        status = EXIT_FAIL;
        goto done;
    }
    tx_align_opts_init(&o);
    optind = 1;
    while ((opt = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (opt) {
        case O_DB: db = optarg; break;
        case O_SRC: o.src_lang = optarg; break;
        case O_TGT: o.tgt_lang = optarg; break;
        case O_DATA: o.data_dir = optarg; break;
        case O_DICT: dicts[o.n_dicts++] = optarg; break;
        case O_TMX:
            if (cli_inputs_add("align", &in, CLI_TMX, optarg) < 0)
                goto done;
            break;
        case O_SRCF:
            if (cli_inputs_add("align", &in, CLI_SRC_FILE, optarg) < 0)
                goto done;
            break;
        case O_TGTF:
            if (cli_inputs_add("align", &in, CLI_TGT_FILE, optarg) < 0)
                goto done;
            break;
        case O_DOCS:
            if (optind >= argc || (argv[optind][0] == '-' && argv[optind][1])) {
                cli_error("align", "--docs needs two paths");
                goto done;
            }
            in.v[in.n].kind = TX_PARALLEL_DOCS;
            in.v[in.n].src = optarg;
            in.v[in.n++].tgt = argv[optind++];
            break;
        case O_BEAD:
            if (cli_parse_double("align", "--min-bead-score", optarg, 0, 1,
                                 &o.min_bead_score))
                goto done;
            break;
        case O_DOC:
            if (cli_parse_double("align", "--min-doc-score", optarg, 0, 1,
                                 &o.min_doc_score))
                goto done;
            break;
        case 'q': c.quiet = 1; break;
        case 'h':
            fputs(usage_text, stdout);
            status = EXIT_OK;
            goto done;
        default: fputs(usage_text, stderr); goto done;
        }
    }
    o.dicts = dicts;
    if (cli_inputs_done("align", &in) < 0)
        goto done;
    if (optind < argc) {
        cli_error("align", "unexpected argument '%s'", argv[optind]);
        goto done;
    }
    if (!in.n && !o.n_dicts) {
        cli_error("align", "no parallel input given (--tmx, --src-file/--tgt-file, --docs)");
        fputs(usage_text, stderr);
        goto done;
    }
    status = EXIT_FAIL;
    if (out_db_exists("align", db))
        goto done;
    o.notice = on_notice;
    o.cb_arg = &c;
    if ((rc = tx_store_open(db, &st, &err)) == TX_OK)
        rc = tx_align_run(st, in.v, in.n, &o, &stats, &err);
    tx_store_close(st);
    if (rc != TX_OK) {
        cli_error("align", "%s; '%s' is unchanged", err.msg, db);
        status = rc == TX_EINVAL ? EXIT_USAGE : EXIT_FAIL;
        goto done;
    }
    if (!c.quiet)
        fprintf(stderr,
                "termex align: %zu segment pairs read (%zu new, %zu unreliable dropped), "
                "%zu in the glossary; %zu of %zu terms occur in them, %zu translated "
                "(%.2f s)\n",
                stats.n_segments_read, stats.n_segments_new, stats.n_dropped,
                stats.n_segments, stats.n_terms_seen, stats.n_terms, stats.n_translated,
                stats.seconds);
    status = EXIT_OK;
done:
    cli_inputs_release(&in);
    free(dicts);
    return status;
}
