/* cmd_export.c: `termex export`: the glossary as TBX, CSV, TSV or JSON. */
#define _GNU_SOURCE /* getopt_long */
#include <float.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

static const char usage_text[] =
    "usage: termex export [options]\n"
    "\n"
    "Write the glossary in a format that CAT tools and spreadsheets read, in\n"
    "alphabetical order of the terms, with each term's translation(s), status,\n"
    "an example sentence and its source.\n"
    "\n"
    "options:\n"
    "  --db FILE             glossary database (default: glossary.db)\n"
    "  --format FMT          tbx (TBX-Basic 2008, <martif>: what OmegaT and\n"
    "                        translate-toolkit read; tbx2008 is the same),\n"
    "                        tbx2019 (TBX-Basic, ISO 30042:2019), csv (RFC 4180),\n"
    "                        tsv (the review sheet), omegat (OmegaT's tab-separated\n"
    "                        glossary), json (default: tbx)\n"
    "  --bom                 CSV, TSV, omegat: start with a UTF-8 byte-order mark\n"
    "                        (for Excel, which reads UTF-8 without one as ANSI)\n"
    "  --status S            approved: approved terms only; all: listed and\n"
    "                        approved terms (default: all)\n"
    "  --with-rejected       rejected terms too (TBX: deprecatedTerm-admn-sts)\n"
    "  --no-source           leave out where each example sentence comes from\n"
    "  --min-score X         only terms scoring at least X (default: 0)\n"
    "  --src LANG            language of the terms (default: fr)\n"
    "  --tgt LANG            language of the translations (default: en)\n"
    "  -o, --output FILE     write FILE instead of standard output (- for standard\n"
    "                        output): complete or not at all, even if interrupted;\n"
    "                        a device or FIFO is written in place; never the\n"
    "                        glossary itself\n"
    "  -h, --help            show this help\n"
    "\n"
    "Statuses map to TBX administrativeStatus: approved = preferredTerm-admn-sts,\n"
    "candidate = admittedTerm-admn-sts, rejected = deprecatedTerm-admn-sts; a\n"
    "translation: approved = preferredTerm, candidate = admittedTerm, forbidden\n"
    "= deprecatedTerm (and every translation of a rejected term).  TBX also\n"
    "carries each term's note, definition, subject field (domain), part of\n"
    "speech, grammatical gender, geographical usage, term type, and its history\n"
    "as transactions (who and when).  The source of an example sentence is the\n"
    "document's file name, never its local path.  A --src or --tgt that matches\n"
    "nothing in the glossary is an error naming the languages it has.\n"
    "CSV/TSV (the review sheet) columns: id, term, status, translation,\n"
    "translation_status, translation_note, note, definition, domain, pos, usage,\n"
    "gender, geo, type, score, freq, context, source; a row per translation, the\n"
    "term's cells on its first row.  A text cell that a spreadsheet would run as a\n"
    "formula (it starts with =, +, -, @, or in CSV a tab or CR, after any ') gets\n"
    "a ' in front (OWASP's advice); 'termex import' takes it off.  Text no\n"
    "format can carry (invalid UTF-8, control characters other than tab and\n"
    "line breaks) is written as U+FFFD (JSON escapes the controls).\n";

int cmd_export(int argc, char **argv)
{
    enum { O_DB = 256, O_FORMAT, O_STATUS, O_MIN, O_SRC, O_TGT, O_REJ, O_NOSRC, O_BOM };
    static const struct option longopts[] = {
        {"db", required_argument, NULL, O_DB},
        {"format", required_argument, NULL, O_FORMAT},
        {"status", required_argument, NULL, O_STATUS},
        {"min-score", required_argument, NULL, O_MIN},
        {"src", required_argument, NULL, O_SRC},
        {"tgt", required_argument, NULL, O_TGT},
        {"with-rejected", no_argument, NULL, O_REJ},
        {"no-source", no_argument, NULL, O_NOSRC},
        {"bom", no_argument, NULL, O_BOM},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    static const struct {
        const char *name;
        tx_format fmt;
    } formats[] = {{"tbx", TX_FORMAT_TBX2008},
                   {"tbx2008", TX_FORMAT_TBX2008},
                   {"tbx2019", TX_FORMAT_TBX},
                   {"csv", TX_FORMAT_CSV},
                   {"tsv", TX_FORMAT_TSV},
                   {"json", TX_FORMAT_JSON},
                   {"omegat", TX_FORMAT_OMEGAT}};
    const char *db = TX_DEFAULT_DB, *out = NULL;
    tx_export_opts o;
    tx_error err = {TX_OK, ""};
    tx_store *st = NULL;
    size_t n = 0, i;
    tx_status rc;
    int opt;

    tx_export_opts_init(&o);
    optind = 1;
    while ((opt = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
        switch (opt) {
        case O_DB: db = optarg; break;
        case O_SRC: o.src_lang = optarg; break;
        case O_TGT: o.tgt_lang = optarg; break;
        case O_REJ: o.with_rejected = 1; break;
        case O_NOSRC: o.no_source = 1; break;
        case O_BOM: o.bom = 1; break;
        case 'o': out = strcmp(optarg, "-") == 0 ? NULL : optarg; break;
        case O_FORMAT:
            for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
                if (strcmp(optarg, formats[i].name) == 0)
                    break;
            if (i == sizeof formats / sizeof formats[0]) {
                cli_error("export", "--format: '%s' is not tbx, tbx2008, tbx2019, csv, "
                          "tsv, json or omegat",
                          optarg);
                return EXIT_USAGE;
            }
            o.format = formats[i].fmt;
            break;
        case O_STATUS:
            if (strcmp(optarg, "approved") == 0)
                o.approved_only = 1;
            else if (strcmp(optarg, "all") == 0)
                o.approved_only = 0;
            else {
                cli_error("export", "--status: '%s' is not approved or all", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_MIN:
            if (cli_parse_double("export", "--min-score", optarg, -DBL_MAX, DBL_MAX,
                                 &o.min_score))
                return EXIT_USAGE;
            break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        default: fputs(usage_text, stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error("export", "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (out_db_exists("export", db))
        return EXIT_FAIL;
    if ((rc = tx_store_open_read(db, &st, &err)) == TX_OK)
        rc = tx_export_run(st, out, &o, &n, &err);
    tx_store_close(st);
    if (rc != TX_OK) {
        cli_error("export", "%s", err.msg);
        return rc == TX_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    if (out)
        fprintf(stderr, "termex export: %zu concepts written to '%s'\n", n, out);
    return EXIT_OK;
}
