/* cmd_import.c: `termex import`: a TBX, CSV or TSV glossary into termex's. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage_text[] =
    "usage: termex import [options] FILE...   (- for standard input)\n"
    "\n"
    "Merge glossary files into the glossary (- reads standard input): TBX-Basic\n"
    "(ISO 30042:2019 <tbx> or 2008 <martif>), CSV or TSV (the review sheet 'termex\n"
    "export' writes, or any with a header row naming a term and a translation\n"
    "column: term,translation; fr,en; French,English; source term,target term;\n"
    "po2csv's location,source,target), OmegaT's glossary (.utf8, or a .txt\n"
    "without header: source, target, comment, tab-separated).  Columns not kept\n"
    "are named on stderr.  A sheet's status column is the term's; a\n"
    "translation's is its translation_status.  Imported entries become approved\n"
    "terms with their translations, unless the file gives another status;\n"
    "terms already in the glossary are merged, not duplicated (they are compared\n"
    "as extraction compares them: 'zones de paix' is 'zone de paix').  Each file\n"
    "is one transaction: a malformed or hostile file changes nothing, and so does\n"
    "a control character (U+0001..., U+FFFE, U+FFFF: named with file, line and\n"
    "code point).  Tabs and line breaks stay in contexts; in terms they become\n"
    "one space.  A row (TBX: entry) whose source term has no word ('!!!', blanks)\n"
    "is skipped and named on stderr; the other rows are imported.  Files are\n"
    "UTF-8, or UTF-16 with a BOM (a spreadsheet's 'Unicode text', tab-separated,\n"
    "may be named .csv or .txt).  A ' before =, +, -, @ (what 'termex export'\n"
    "adds so that spreadsheets do not run a cell) is taken off.  A TBX keeps\n"
    "each term's note, definition, subject field, part of speech, grammatical\n"
    "gender, geographical usage, term type, statuses (a deprecated translation\n"
    "is a forbidden one) and transactions (in the history); what it holds that\n"
    "the glossary does not keep is named on stderr in one line ('not kept:\n"
    "termLocation (2 entries), language de (1 entry)').  The entry form of the\n"
    "file replaces the glossary's (and is kept by later extractions).  '-' reads\n"
    "standard input, TBX or CSV/TSV told by the content.\n"
    "\n"
    "options:\n"
    "  --db FILE       glossary database (default: glossary.db; created if needed)\n"
    "  --src LANG      language of the terms (default: fr)\n"
    "  --tgt LANG      language of the translations (default: en)\n"
    "  --data-dir DIR  where the language profiles (<lang>/profile.txt) are\n"
    "  --lang-map CODE=LANG  the file's language code CODE is LANG (xx=en); a\n"
    "                  code that is no language is an error without one;\n"
    "                  repeatable\n"
    "  --user NAME     who imports, in the terms' history (default: $TERMEX_USER,\n"
    "                  else the login name)\n"
    "  -q, --quiet     no summary on stderr\n"
    "  -h, --help      show this help\n"
    "\n"
    "exit status: 0 all files imported, 1 a file could not be imported or some\n"
    "rows were skipped (each named on stderr), 2 usage error\n";

static int on_notice(tx_status rc, const char *msg, void *arg)
{
    (void)rc;
    (void)arg;
    cli_message("import", "", msg);
    return 0;
}

int cmd_import(int argc, char **argv)
{
    enum { O_DB = 256, O_SRC, O_TGT, O_DATA, O_MAP, O_USER };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, O_DB},
        {"src", required_argument, NULL, O_SRC},
        {"tgt", required_argument, NULL, O_TGT},
        {"data-dir", required_argument, NULL, O_DATA},
        {"lang-map", required_argument, NULL, O_MAP},
        {"user", required_argument, NULL, O_USER},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = TX_DEFAULT_DB;
    tx_import_opts o;
    tx_import_stats stats;
    tx_error err = {TX_OK, ""};
    tx_store *st = NULL;
    int opt, quiet = 0, status = EXIT_OK;
    const char *map[32];
    tx_status rc;

    tx_import_opts_init(&o);
    o.notice = on_notice;
    o.user = getenv("TERMEX_USER");
    optind = 1;
    while ((opt = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (opt) {
        case O_DB: db = optarg; break;
        case O_SRC: o.src_lang = optarg; break;
        case O_TGT: o.tgt_lang = optarg; break;
        case O_DATA: o.data_dir = optarg; break;
        case O_USER: o.user = optarg; break;
        case O_MAP:
            if (o.n_lang_map == sizeof map / sizeof map[0]) {
                cli_error("import", "--lang-map: at most %zu", sizeof map / sizeof map[0]);
                return EXIT_USAGE;
            }
            if (!strchr(optarg, '=') || *optarg == '=') {
                cli_error("import", "--lang-map: '%s' is not CODE=LANG (xx=en)", optarg);
                return EXIT_USAGE;
            }
            map[o.n_lang_map++] = optarg;
            o.lang_map = map;
            break;
        case 'q': quiet = 1; break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        default: fputs(usage_text, stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("import", "no file given");
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    /* Before the glossary is opened, and so created. */
    if (tx_lang_check(o.src_lang, o.data_dir, &err) != TX_OK) {
        cli_error("import", "--src: %s", err.msg);
        return EXIT_USAGE;
    }
    if ((rc = tx_store_open(db, &st, &err)) != TX_OK) {
        cli_error("import", "%s", err.msg);
        return EXIT_FAIL;
    }
    for (int i = optind; i < argc; i++) {
        rc = tx_import_run(st, argv[i], &o, &stats, &err);
        if (rc != TX_OK && rc != TX_EPARTIAL) {
            cli_error("import", "%s; nothing imported from '%s'", err.msg, argv[i]);
            status = EXIT_FAIL;
            continue;
        }
        if (rc == TX_EPARTIAL) /* imported, but some rows were skipped */
            status = EXIT_FAIL;
        if (!quiet)
            fprintf(stderr,
                    "termex import: '%s': %zu concepts, %zu new terms, %zu merged, "
                    "%zu skipped\n",
                    argv[i], stats.n_concepts, stats.n_new, stats.n_merged, stats.n_skipped);
    }
    tx_store_close(st);
    return status;
}
