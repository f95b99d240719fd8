/* cmd_list.c: `termex list`: the glossary's terms, best first. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "output.h"

static const char usage_text[] =
    "usage: termex list [options]\n"
    "\n"
    "List the glossary's terms.\n"
    "\n"
    "options:\n"
    "  --db FILE                 glossary database (default: glossary.db)\n"
    "  --top N                   only the first N terms (default: 50; 0 = all)\n"
    "  --sort score|freq|alpha   order (default: score)\n"
    "  --format table|tsv|json   output format (default: table)\n"
    "  --with-translations       add each term's best translation\n"
    "  --variants                add each term's written forms in the corpus,\n"
    "                            with counts, most frequent first\n"
    "  -h, --help                show this help\n"
    "\n"
    "view filters (nothing stored changes; the glossary's own thresholds are\n"
    "changed by termex extract):\n"
    "  --min-freq N              only terms seen at least N times\n"
    "  --min-words N             only terms of at least N content words\n"
    "  --max-words N             only terms of at most N content words\n"
    "  --status STATUS           only terms of this status: candidate,\n"
    "                            approved or rejected\n"
    "A threshold less strict than the glossary's shows the same terms; an\n"
    "approved term passes any threshold.\n"
    "\n"
    "tsv columns: rank, term, freq, docs, cvalue, score, status (, translation)\n"
    "(, variants: \"form (count); form (count)\")\n";

enum fmt { FMT_TABLE, FMT_TSV, FMT_JSON };

typedef struct ctx {
    enum fmt fmt;
    unsigned rank;
    int width;
    int with_translations;
    int with_variants;
    tx_store *st;
    tx_error *err;
    tx_status rc;  /* of the variant listing, which stops the term listing */
    unsigned n_forms;
} ctx;

/* Print one written form of the current term in the list's format. */
static int print_variant(const char *surface, uint64_t count, void *arg)
{
    ctx *c = arg;

    switch (c->fmt) {
    case FMT_JSON:
        printf("%s{\"form\": ", c->n_forms ? ", " : "");
        out_json_string(stdout, surface);
        printf(", \"count\": %llu}", (unsigned long long)count);
        break;
    case FMT_TSV:
        printf("%s", c->n_forms ? "; " : "");
        out_tsv_field(stdout, surface);
        printf(" (%llu)", (unsigned long long)count);
        break;
    case FMT_TABLE:
        printf("%s%s (%llu)", c->n_forms ? "; " : "", surface, (unsigned long long)count);
        break;
    }
    c->n_forms++;
    return 0;
}

/* Print the current term's forms (`prefix` first); 1 (stop listing) on error. */
static int print_variants(ctx *c, int64_t term_id, const char *prefix)
{
    fputs(prefix, stdout);
    c->n_forms = 0;
    c->rc = tx_store_list_variants(c->st, term_id, print_variant, c, c->err);
    return c->rc != TX_OK;
}

static int print_term(const tx_term *t, void *arg)
{
    ctx *c = arg;

    c->rank++;
    switch (c->fmt) {
    case FMT_TSV:
        printf("%u\t", c->rank);
        out_tsv_field(stdout, t->canonical);
        printf("\t%llu\t%u\t%.3f\t%.3f\t%s", (unsigned long long)t->freq, t->df,
               t->cvalue, t->score, tx_term_status_name(t->status));
        if (c->with_translations) {
            putchar('\t');
            out_tsv_field(stdout, t->translation ? t->translation : "");
        }
        if (c->with_variants && print_variants(c, t->id, "\t"))
            return 1;
        putchar('\n');
        break;
    case FMT_JSON:
        printf("%s\n  {\"rank\": %u, \"term\": ", c->rank > 1 ? "," : "", c->rank);
        out_json_string(stdout, t->canonical);
        printf(", \"lang\": ");
        out_json_string(stdout, t->lang);
        printf(", \"freq\": %llu, \"docs\": %u, \"words\": %u, \"cvalue\": %.4f, "
               "\"score\": %.4f, \"status\": ",
               (unsigned long long)t->freq, t->df, t->n_words, t->cvalue, t->score);
        out_json_string(stdout, tx_term_status_name(t->status));
        if (c->with_translations) {
            printf(", \"translation\": ");
            out_json_string(stdout, t->translation);
        }
        if (c->with_variants) {
            if (print_variants(c, t->id, ", \"variants\": ["))
                return 1;
            printf("]");
        }
        printf("}");
        break;
    case FMT_TABLE:
        printf("%4u  ", c->rank);
        out_padded(stdout, t->canonical, c->width);
        printf("  %5llu  %4u  %8.2f  %8.2f", (unsigned long long)t->freq, t->df,
               t->cvalue, t->score);
        if (c->with_translations)
            printf("  %s", t->translation ? t->translation : "-");
        putchar('\n');
        if (c->with_variants) {
            if (print_variants(c, t->id, "      forms: "))
                return 1;
            putchar('\n');
        }
        break;
    }
    return 0;
}

static int measure(const tx_term *t, void *arg)
{
    ctx *c = arg;
    int w = out_width(t->canonical);

    if (w > c->width)
        c->width = w < 70 ? w : 70;
    return 0;
}

/* Parse view filter `opt` (getopt_long()'s value) into *view; 0, or -1 with a
 * message printed. */
static int parse_view_option(int opt, const char *arg, tx_list_view *view)
{
    tx_term_status status;

    switch (opt) {
    case 'F':
        return cli_parse_uint("list", "--min-freq", arg, 1, 1000000,
                              &view->listing.min_freq);
    case 'm':
        return cli_parse_uint("list", "--min-words", arg, 1, TX_MAX_WORDS,
                              &view->listing.min_words);
    case 'M':
        return cli_parse_uint("list", "--max-words", arg, 1, TX_MAX_WORDS,
                              &view->listing.max_words);
    default:
        if (tx_term_status_from_name(arg, &status) != 0) {
            cli_error("list", "--status: '%s' is not candidate, approved or rejected", arg);
            return -1;
        }
        view->status = (int)status;
        return 0;
    }
}

int cmd_list(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"top", required_argument, NULL, 'n'},
        {"sort", required_argument, NULL, 's'},
        {"format", required_argument, NULL, 'f'},
        {"with-translations", no_argument, NULL, 'T'},
        {"variants", no_argument, NULL, 'V'},
        {"min-freq", required_argument, NULL, 'F'},
        {"min-words", required_argument, NULL, 'm'},
        {"max-words", required_argument, NULL, 'M'},
        {"status", required_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = TX_DEFAULT_DB;
    unsigned top = 50;
    tx_sort sort = TX_SORT_SCORE;
    tx_list_view view = {{0, 0, 0}, -1};
    tx_error err = {TX_OK, ""};
    ctx c = {FMT_TABLE, 0, 4, 0, 0, NULL, &err, TX_OK, 0};
    tx_store *st = NULL;
    tx_status rc;
    int began = 0;
    int opt;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'd': db = optarg; break;
        case 'n':
            if (cli_parse_uint("list", "--top", optarg, 0, 100000000, &top))
                return EXIT_USAGE;
            break;
        case 's':
            if (strcmp(optarg, "score") == 0)
                sort = TX_SORT_SCORE;
            else if (strcmp(optarg, "freq") == 0)
                sort = TX_SORT_FREQ;
            else if (strcmp(optarg, "alpha") == 0)
                sort = TX_SORT_ALPHA;
            else {
                cli_error("list", "--sort: '%s' is not score, freq or alpha", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'f':
            if (strcmp(optarg, "table") == 0)
                c.fmt = FMT_TABLE;
            else if (strcmp(optarg, "tsv") == 0)
                c.fmt = FMT_TSV;
            else if (strcmp(optarg, "json") == 0)
                c.fmt = FMT_JSON;
            else {
                cli_error("list", "--format: '%s' is not table, tsv or json", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'T': c.with_translations = 1; break;
        case 'V': c.with_variants = 1; break;
        case 'F':
        case 'm':
        case 'M':
        case 'S':
            if (parse_view_option(opt, optarg, &view))
                return EXIT_USAGE;
            break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        default: fputs(usage_text, stderr); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        cli_error("list", "unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (out_db_exists("list", db))
        return EXIT_FAIL;
    if ((rc = tx_store_open_read(db, &st, &err)) != TX_OK) {
        cli_error("list", "%s", err.msg);
        return EXIT_FAIL;
    }
    /* The table's two passes (widths, then rows) read one snapshot, even
     * while an extraction commits. */
    if ((rc = tx_store_begin_read(st, &began, &err)) == TX_OK && c.fmt == FMT_TABLE) {
        rc = tx_store_list_view(st, sort, top, &view, measure, &c, &err);
        if (rc == TX_OK) {
            printf("%4s  ", "rank");
            out_padded(stdout, "term", c.width);
            printf("  %5s  %4s  %8s  %8s%s\n", "freq", "docs", "C-value", "score",
                   c.with_translations ? "  translation" : "");
        }
    }
    if (c.fmt == FMT_JSON)
        printf("[");
    c.st = st;
    if (rc == TX_OK)
        rc = tx_store_list_view(st, sort, top, &view, print_term, &c, &err);
    if (rc == TX_OK)
        rc = c.rc;
    if (c.fmt == FMT_JSON)
        printf("%s]\n", c.rank ? "\n" : "");
    tx_store_end_read(st, began);
    tx_store_close(st);
    if (rc != TX_OK) {
        cli_error("list", "%s", err.msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}
