/* cmd_reference.c: `termex reference`: documents -> a reference profile of
 * general language, for `termex extract --reference`. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage_text[] =
    "usage: termex reference [options] PATH...\n"
    "\n"
    "Count the words and short phrases of general-language documents at PATH\n"
    "(every format extract reads; directories walked) into a reference\n"
    "profile: `termex extract --reference FILE` then ranks a term by how much\n"
    "more frequent it is in the corpus than in this ordinary text, and does not\n"
    "list the phrases of everyday language (\"mise en place\", \"for example\").\n"
    "The profile is a text file: a header (lang, tokens, source) and one\n"
    "\"count<TAB>key\" line per word or phrase, keys as extract builds them.\n"
    "A language profile folder may ship one as DATA/<language>/reference.txt:\n"
    "extract uses it by default.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE  the profile to write (default: reference.txt); written\n"
    "                     to a temporary file, then renamed\n"
    "  --lang TAG         the documents' language (default: fr)\n"
    "  --min-count N      keep phrases seen at least N times (default: 3); every\n"
    "                     single word is kept\n"
    "  --max-words N      phrases of at most N content words (default: 3)\n"
    "  --source TEXT      a \"# source:\" line saying where the text comes from\n"
    "                     and its licence (repeatable; default: the number of\n"
    "                     documents)\n"
    "  --jobs N           worker threads (default: 1)\n"
    "  --data-dir DIR     where the language profiles are\n"
    "  -q, --quiet        no progress or summary on stderr\n"
    "  -h, --help         show this help\n"
    "\n"
    "exit status: 0 written, 1 failed (nothing written) or some input skipped\n"
    "(written; each named on stderr), 2 usage error\n";

typedef cli_run ctx;

/* Parse one option into *o and *c; EXIT_OK, EXIT_USAGE (printed), -1 for --help. */
static int parse_option(int opt, tx_reference_opts *o, ctx *c, const char **sources,
                        const char **out)
{
    switch (opt) {
    case 'o': *out = optarg; break;
    case 'l': o->extract.lang = optarg; break;
    case 'D': o->extract.data_dir = optarg; break;
    case 'q': c->quiet = 1; break;
    case 's': sources[o->n_sources++] = optarg; break;
    case 'c':
        return cli_parse_uint("reference", "--min-count", optarg, 1, 1000000000,
                              &o->min_count) ? EXIT_USAGE : EXIT_OK;
    case 'M':
        return cli_parse_uint("reference", "--max-words", optarg, 1, TX_MAX_WORDS,
                              &o->max_words) ? EXIT_USAGE : EXIT_OK;
    case 'j':
        return cli_parse_uint("reference", "--jobs", optarg, 1, TX_MAX_JOBS,
                              &o->extract.jobs) ? EXIT_USAGE : EXIT_OK;
    case 'h': fputs(usage_text, stdout); return -1;
    default: fputs(usage_text, stderr); return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int run(int argc, char **argv, tx_reference_opts *o, ctx *c, const char *out)
{
    tx_error err = {TX_OK, ""};
    uint64_t n_keys = 0;
    tx_status rc;

    if (optind >= argc) {
        cli_error("reference", "no input given (a file, a directory, or - for stdin)");
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    if (!o->extract.lang)
        o->extract.lang = TX_DEFAULT_LANG;
    if (tx_lang_check(o->extract.lang, o->extract.data_dir, &err) != TX_OK) {
        cli_error("reference", "--lang: %s", err.msg);
        return EXIT_USAGE;
    }
    o->extract.progress = cli_progress;
    o->extract.notice = cli_notice;
    o->extract.cb_arg = c;
    rc = tx_reference_write((const char *const *)argv + optind, (size_t)(argc - optind), o,
                            out, &n_keys, &err);
    if (rc != TX_OK && rc != TX_EPARTIAL) {
        cli_error("reference", "%s; nothing written", err.msg);
        return rc == TX_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    if (!c->quiet)
        fprintf(stderr, "termex reference: %llu words and phrases written to '%s'\n",
                (unsigned long long)n_keys, out);
    if (rc == TX_EPARTIAL) {
        cli_error("reference", "%s", err.msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

int cmd_reference(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, 'l'},
        {"min-count", required_argument, NULL, 'c'},
        {"max-words", required_argument, NULL, 'M'},
        {"source", required_argument, NULL, 's'},
        {"jobs", required_argument, NULL, 'j'},
        {"data-dir", required_argument, NULL, 'D'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char **sources = calloc((size_t)argc + 1, sizeof *sources);
    const char *out = "reference.txt";
    tx_reference_opts o;
    ctx c = {"reference", isatty(2), 0, 0};
    int opt, ret = EXIT_OK;

    if (!sources) {
        cli_error("reference", "out of memory");
        return EXIT_FAIL;
    }
    tx_reference_opts_init(&o);
    o.sources = sources;
    optind = 1;
    while (ret == EXIT_OK && (opt = getopt_long(argc, argv, "o:qhj:", longopts, NULL)) != -1)
        ret = parse_option(opt, &o, &c, sources, &out);
    if (ret == EXIT_OK)
        ret = run(argc, argv, &o, &c, out);
    free(sources);
    return ret < 0 ? EXIT_OK : ret;
}
