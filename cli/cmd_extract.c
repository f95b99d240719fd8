/* cmd_extract.c: `termex extract`: documents -> glossary. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage_text[] =
    "usage: termex extract [options] PATH...\n"
    "\n"
    "Extract the recurring multiword terms of the documents at PATH (files,\n"
    "directories walked recursively, or - for standard input) into a glossary\n"
    "database, then rescore the whole glossary.  A document already in the\n"
    "glossary (same content) is skipped, so re-running with new documents adds\n"
    "them; so is a copy of an earlier input of the same run.\n"
    "\n"
    "Documents are recognised by their content, not their name: plain text\n"
    "(UTF-8, UTF-16 with BOM, or a legacy 8-bit encoding such as Windows-1252;\n"
    "PDF-extraction debris is cleaned up), PDF, DOCX, PPTX, XLSX, ODT/ODP/ODS,\n"
    "HTML, and the source side of XLIFF, TMX and PO files.  Images, stylesheets,\n"
    "scripts, fonts, audio, video and archives are skipped quietly and counted\n"
    "(-v names them); any other file (a program, a database, XML of another\n"
    "kind) is skipped with one line saying what it is.  A walk reads regular\n"
    "files only (FIFOs, devices and sockets are skipped), follows each directory\n"
    "once (links to a directory already walked are skipped) and skips the\n"
    "glossary's own files; a FIFO or device named as PATH is read as a stream.\n"
    "A document is at most 1 GiB; binary data is refused from its first 64 KiB.\n"
    "\n"
    "The glossary keeps its language and the three listing thresholds below:\n"
    "an option not given takes the glossary's value (the default for a new\n"
    "glossary); a threshold given that differs replaces it, for this run (the\n"
    "whole glossary is listed again) and later ones, which is said on stderr.\n"
    "\n"
    "options:\n"
    "  --db FILE        glossary database (default: glossary.db)\n"
    "  --lang TAG       document language, a BCP 47 tag: fr, EN, fr-CA (default:\n"
    "                   the glossary's, fr for a new one; another one than the\n"
    "                   glossary's is refused); its profile is DATA/<tag>/ or\n"
    "                   DATA/<language>/\n"
    "  --min-freq N     list terms seen at least N times (new glossary: 2)\n"
    "  --min-words N    at least N content words per term (new glossary: 1;\n"
    "                   2 lists multiword terms only)\n"
    "  --max-words N    at most N content words per term (new glossary: 8)\n"
    "  --jobs N         worker threads (default: 1)\n"
    "  --max-memory MB  memory for the candidates of a run, in MiB (default:\n"
    "                   1024; 0 = no limit).  Beyond it the rarest candidates\n"
    "                   seen so far are dropped, which is reported; peak memory\n"
    "                   is up to about 1.5 times this\n"
    "  --include GLOB   read only the files of a walked directory whose path\n"
    "                   (relative to it) or name matches GLOB (repeatable)\n"
    "  --exclude GLOB   skip the files and directories of a walk whose path or\n"
    "                   name matches GLOB (repeatable; wins over --include).\n"
    "                   Files named as PATH are always read\n"
    "  --segment MODE   auto (default): plain text's lines are joined into\n"
    "                   paragraphs; a document's paragraphs (PDF, DOCX, HTML...)\n"
    "                   stay, the lines an author broke inside one are joined;\n"
    "                   segments of bilingual files and spreadsheets stay one\n"
    "                   per line; paragraphs: join lines in documents too;\n"
    "                   lines: one segment per line everywhere, plain text too\n"
    "                   (lists of UI strings or terms)\n"
    "  --side SIDE      bilingual files: read the source (default) or target side\n"
    "  --keep-other-languages\n"
    "                   count paragraphs in another language than --lang too\n"
    "                   (by default a paragraph libexttextcat confidently finds\n"
    "                   in another language is skipped, when the language's\n"
    "                   profile names a fingerprint; short ones go with their\n"
    "                   neighbours)\n"
    "  --keep-boilerplate\n"
    "                   count every copy of a paragraph found in at least half\n"
    "                   of the run's documents (3 at least); by default running\n"
    "                   headers, navigation and the like count once\n"
    "  --reference FILE|default|none\n"
    "                   the reference profile of general language that terms\n"
    "                   are contrasted with (termex reference writes one):\n"
    "                   a term much more frequent here than in ordinary text\n"
    "                   ranks higher, one as common there is not listed.\n"
    "                   default: DATA/<language>/reference.txt when there is\n"
    "                   one; the glossary remembers the choice (default: the\n"
    "                   glossary's, else default)\n"
    "  --termhood-weight X\n"
    "                   tuning: the phrase's share of the contrast against its\n"
    "                   words', 0 to 1 (default: 0.5)\n"
    "  --termhood-min X tuning: the contrast, in bits, below which a term is not\n"
    "                   listed (default: 4)\n"
    "  --one-word-weight X\n"
    "                   tuning: a one-word term's ranking score is multiplied\n"
    "                   by X (default: 0.15); what is listed does not change\n"
    "  --data-dir DIR   DATA, where the language profiles (<lang>/profile.txt\n"
    "                   and its stop lists) are\n"
    "  -q, --quiet      no progress or summary on stderr\n"
    "  -v, --verbose    also print where the time went and name the files\n"
    "                   skipped quietly\n"
    "  -h, --help       show this help\n"
    "\n"
    "exit status: 0 all inputs used, 1 some input skipped (each named on stderr)\n"
    "or the run failed (the glossary is then unchanged), 2 usage error\n";

typedef cli_run ctx;

/* Say which of the glossary's thresholds the options replaced. */
static void print_replaced(const tx_extract_stats *stats)
{
    const struct {
        const char *opt;
        unsigned now, before;
    } v[] = {
        {"--min-freq", stats->listing.min_freq, stats->replaced.min_freq},
        {"--min-words", stats->listing.min_words, stats->replaced.min_words},
        {"--max-words", stats->listing.max_words, stats->replaced.max_words},
    };

    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (v[i].before)
            fprintf(stderr, "termex extract: %s %u replaces the glossary's %u, kept for "
                    "later runs\n", v[i].opt, v[i].now, v[i].before);
}

/* The run's summary on stderr, as -q and -v ask. */
static void print_summary(const ctx *c, const tx_extract_stats *stats, const char *db)
{
    char ignored[64] = "";

    if (stats->n_ignored)
        snprintf(ignored, sizeof ignored, "%zu non-document file(s) ignored",
                 stats->n_ignored);
    if (!c->quiet)
        print_replaced(stats);
    if (!c->quiet)
        fprintf(stderr,
                "termex extract: %zu document(s) added (%s%s%.1f kB, %llu words), %zu "
                "already known, %zu skipped%s%s; %zu terms listed in '%s'\n",
                stats->n_added, stats->formats, stats->formats[0] ? "; " : "",
                (double)stats->n_bytes / 1e3, (unsigned long long)stats->n_tokens,
                stats->n_known, stats->n_failed, stats->n_ignored ? ", " : "",
                ignored, stats->n_terms, db);
    if (stats->n_other_lang && !c->quiet)
        fprintf(stderr, "termex extract: %llu paragraph%s in other languages skipped "
                "(--keep-other-languages keeps them)\n",
                (unsigned long long)stats->n_other_lang, stats->n_other_lang == 1 ? "" : "s");
    if (stats->n_boilerplate && !c->quiet)
        fprintf(stderr, "termex extract: %llu boilerplate paragraph%s (found in most "
                "documents) counted once, %llu copies not counted (--keep-boilerplate "
                "counts them)\n",
                (unsigned long long)stats->n_boilerplate, stats->n_boilerplate == 1 ? "" : "s",
                (unsigned long long)stats->n_boilerplate_occ);
    if (stats->n_pruned && !c->quiet)
        fprintf(stderr,
                "termex extract: memory limit reached %u time(s): %llu rare candidates "
                "(seen at most %u time%s when dropped) were not kept; raise --max-memory "
                "to keep them\n",
                stats->n_prunes, (unsigned long long)stats->n_pruned, stats->prune_freq,
                stats->prune_freq == 1 ? "" : "s");
    if (c->verbose)
        fprintf(stderr,
                "termex extract: %zu distinct candidates; %.2f s processing, %.2f s "
                "storing, %.2f s rescoring and committing\n",
                stats->n_candidates, stats->t_process, stats->t_store, stats->t_score);
}

/* An existing glossary without --lang: can we read its language?  Before
 * anything is written.  EXIT_OK, or EXIT_USAGE with a message printed. */
static int check_glossary_lang(tx_store *st, const char *data_dir)
{
    char lang[64];
    tx_error err = {TX_OK, ""};

    if (tx_store_lang(st, lang, sizeof lang, &err) == TX_OK &&
        (!lang[0] || tx_lang_check(lang, data_dir, &err) == TX_OK))
        return EXIT_OK;
    cli_error("extract", "the glossary's language: %s", err.msg);
    return EXIT_USAGE;
}

/* Parse one option `opt` (argument optarg) of `extract` into *o and *c;
 * `include`/`exclude` have room for each argument.  EXIT_OK, else
 * EXIT_USAGE with the message printed; -1 for --help (printed). */
static int parse_option(int opt, tx_extract_opts *o, ctx *c, const char **include,
                        const char **exclude)
{
    switch (opt) {
    case 'l': o->lang = optarg; break;
    case 'D': o->data_dir = optarg; break;
    case 'q': c->quiet = 1; break;
    case 'v': c->verbose = 1; o->report_ignored = 1; break;
    case 'K': o->keep_other_languages = 1; break;
    case 'B': o->keep_boilerplate = 1; break;
    case 'I': include[o->n_include++] = optarg; break;
    case 'E': exclude[o->n_exclude++] = optarg; break;
    case 'f':
        return cli_parse_uint("extract", "--min-freq", optarg, 1, 1000000, &o->min_freq)
                   ? EXIT_USAGE : EXIT_OK;
    case 'm':
        return cli_parse_uint("extract", "--min-words", optarg, 1, TX_MAX_WORDS,
                              &o->min_words) ? EXIT_USAGE : EXIT_OK;
    case 'M':
        return cli_parse_uint("extract", "--max-words", optarg, 1, TX_MAX_WORDS,
                              &o->max_words) ? EXIT_USAGE : EXIT_OK;
    case 'j':
        return cli_parse_uint("extract", "--jobs", optarg, 1, TX_MAX_JOBS, &o->jobs)
                   ? EXIT_USAGE : EXIT_OK;
    case 'X': {
        unsigned mb;
        if (cli_parse_uint("extract", "--max-memory", optarg, 0, 1u << 22, &mb))
            return EXIT_USAGE;
        o->max_memory = (uint64_t)mb << 20;
        break;
    }
    case 'S':
        if (strcmp(optarg, "auto") == 0)
            o->segment = TX_SEGMENT_AUTO;
        else if (strcmp(optarg, "paragraphs") == 0)
            o->segment = TX_SEGMENT_PARAGRAPHS;
        else if (strcmp(optarg, "lines") == 0)
            o->segment = TX_SEGMENT_LINES;
        else {
            cli_error("extract", "--segment: '%s' is not auto, paragraphs or lines", optarg);
            return EXIT_USAGE;
        }
        break;
    case 's':
        if (strcmp(optarg, "source") != 0 && strcmp(optarg, "target") != 0) {
            cli_error("extract", "--side: '%s' is not source or target", optarg);
            return EXIT_USAGE;
        }
        o->target_side = strcmp(optarg, "target") == 0;
        break;
    case 'R': o->reference = optarg; break;
    case 'W':
        return cli_parse_double("extract", "--termhood-weight", optarg, 0, 1,
                                &o->termhood_weight) ? EXIT_USAGE : EXIT_OK;
    case 'T':
        return cli_parse_double("extract", "--termhood-min", optarg, -100, 100,
                                &o->termhood_min) ? EXIT_USAGE : EXIT_OK;
    case 'O':
        return cli_parse_double("extract", "--one-word-weight", optarg, 0.001, 1000,
                                &o->one_word_weight) ? EXIT_USAGE : EXIT_OK;
    case 'h': fputs(usage_text, stdout); return -1;
    default: fputs(usage_text, stderr); return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* The run, once the options are parsed. */
static int run(int argc, char **argv, const char *db, tx_extract_opts *o, ctx *c)
{
    tx_extract_stats stats;
    tx_error err = {TX_OK, ""};
    tx_store *st = NULL;
    tx_status rc;

    if (optind >= argc) {
        cli_error("extract", "no input given (a file, a directory, or - for stdin)");
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    if (o->max_words && o->max_words < o->min_words) {
        cli_error("extract", "--max-words %u is below --min-words %u", o->max_words,
                  o->min_words);
        return EXIT_USAGE;
    }
    o->progress = cli_progress;
    o->notice = cli_notice;
    o->cb_arg = c;
    /* Before the glossary is opened, and so created: the language given, or
     * the one a new glossary gets (an existing one keeps its own). */
    if ((o->lang || access(db, F_OK) != 0) &&
        tx_lang_check(o->lang ? o->lang : TX_DEFAULT_LANG, o->data_dir, &err) != TX_OK) {
        cli_error("extract", "--lang: %s", err.msg);
        return EXIT_USAGE;
    }
    if ((rc = tx_store_open(db, &st, &err)) != TX_OK) {
        cli_error("extract", "%s", err.msg);
        return EXIT_FAIL;
    }
    if (!o->lang && check_glossary_lang(st, o->data_dir) != EXIT_OK) {
        tx_store_close(st);
        return EXIT_USAGE;
    }
    rc = tx_extract_run(st, (const char *const *)argv + optind, (size_t)(argc - optind), o,
                        &stats, &err);
    tx_store_close(st);
    if (rc != TX_OK && rc != TX_EPARTIAL) {
        cli_error("extract", "%s; '%s' is unchanged", err.msg, db);
        return rc == TX_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    print_summary(c, &stats, db);
    if (rc == TX_EPARTIAL) {
        cli_error("extract", "%s", err.msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int cmd_extract(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"lang", required_argument, NULL, 'l'},
        {"min-freq", required_argument, NULL, 'f'},
        {"min-words", required_argument, NULL, 'm'},
        {"max-words", required_argument, NULL, 'M'},
        {"jobs", required_argument, NULL, 'j'},
        {"max-memory", required_argument, NULL, 'X'},
        {"data-dir", required_argument, NULL, 'D'},
        {"include", required_argument, NULL, 'I'},
        {"exclude", required_argument, NULL, 'E'},
        {"segment", required_argument, NULL, 'S'},
        {"side", required_argument, NULL, 's'},
        {"reference", required_argument, NULL, 'R'},
        {"termhood-weight", required_argument, NULL, 'W'},
        {"termhood-min", required_argument, NULL, 'T'},
        {"one-word-weight", required_argument, NULL, 'O'},
        {"keep-other-languages", no_argument, NULL, 'K'},
        {"keep-boilerplate", no_argument, NULL, 'B'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = TX_DEFAULT_DB;
    /* the globs of --include and --exclude: at most one per argument */
    const char **include = calloc((size_t)argc + 1, sizeof *include);
    const char **exclude = calloc((size_t)argc + 1, sizeof *exclude);
    tx_extract_opts o;
    ctx c = {"extract", isatty(2), 0, 0};
    int opt, ret = EXIT_OK;

    if (!include || !exclude) {
        free(include);
        free(exclude);
        cli_error("extract", "out of memory");
        return EXIT_FAIL;
    }
    tx_extract_opts_init(&o);
    o.include = include;
    o.exclude = exclude;
    optind = 1;
    while (ret == EXIT_OK && (opt = getopt_long(argc, argv, "qvhj:", longopts, NULL)) != -1) {
        if (opt == 'd')
            db = optarg;
        else
            ret = parse_option(opt, &o, &c, include, exclude);
    }
    if (ret == EXIT_OK)
        ret = run(argc, argv, db, &o, &c);
    free(include);
    free(exclude);
    return ret < 0 ? EXIT_OK : ret;
}
