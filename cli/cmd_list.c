/* cmd_list.c: `termex list`: the glossary's terms, best first. */
#define _GNU_SOURCE /* getopt_long, strdup */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
    "  --no-header               tsv: no header line\n"
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
    "  --lang LANG               only terms of this language\n"
    "  --domain DOMAIN           only terms of this domain (termex set TERM domain)\n"
    "  --grep TEXT               only terms whose entry form holds TEXT (ignoring\n"
    "                            the case of ASCII and Latin-1 letters)\n"
    "  --translated              only terms with a translation\n"
    "  --untranslated            only terms without one\n"
    "A threshold less strict than the glossary's shows the same terms; an\n"
    "approved term passes any threshold.\n"
    "\n"
    "tsv: a header line (--no-header: none), then the columns rank, term, freq,\n"
    "docs, cvalue, score, status (, translation) (, variants: \"form (count);\n"
    "form (count)\")\n";

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
    /* The filters list applies itself (the library's view has the others). */
    const char *lang, *domain;
    char *grep;         /* folded (fold()) */
    int translated;     /* 1: only translated terms, 0: only untranslated, -1: any */
    unsigned top;       /* with those filters, the list counts the terms shown */
    unsigned n_passed;
} ctx;

/* Lower-case `s` in place: ASCII and Latin-1 letters (U+00C0..U+00DE but
 * U+00D7), and Œ; the rest is left as it is. */
static void fold(char *s)
{
    for (unsigned char *p = (unsigned char *)s; *p; p++) {
        if (*p >= 'A' && *p <= 'Z')
            *p += 'a' - 'A';
        else if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97)
            p[1] += 0x20;
        else if (p[0] == 0xC5 && p[1] == 0x92)
            p[1] = 0x93;
    }
}

static int has_filters(const ctx *c)
{
    return c->lang || c->domain || c->grep || c->translated >= 0;
}

/* Does `t` pass the list's own filters?  -1 when the glossary fails. */
static int passes(ctx *c, const tx_term *t)
{
    if (c->lang && strcasecmp(c->lang, t->lang) != 0)
        return 0;
    if (c->translated >= 0 && (t->translation != NULL) != c->translated)
        return 0;
    if (c->grep) {
        char *form = strdup(t->canonical);
        int found;

        if (!form) {
            c->rc = c->err->code = TX_ENOMEM;
            snprintf(c->err->msg, sizeof c->err->msg, "out of memory");
            return -1;
        }
        fold(form);
        found = strstr(form, c->grep) != NULL;
        free(form);
        if (!found)
            return 0;
    }
    if (c->domain) {
        tx_term_review rv;

        if ((c->rc = tx_review_get(c->st, t->id, &rv, c->err)) != TX_OK)
            return -1;
        if (!rv.fields[TX_FIELD_DOMAIN] ||
            strcasecmp(rv.fields[TX_FIELD_DOMAIN], c->domain) != 0)
            return 0;
    }
    return 1;
}

/* Filter `t` for a listing pass: 1 to skip it, 2 to stop (the --top terms
 * shown, or an error), 0 to show it. */
static int filter(ctx *c, const tx_term *t)
{
    int p;

    if (!has_filters(c))
        return 0;
    if (c->top && c->n_passed == c->top)
        return 2;
    if ((p = passes(c, t)) < 0)
        return 2;
    if (!p)
        return 1;
    c->n_passed++;
    return 0;
}

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
    int f = filter(c, t);

    if (f)
        return f == 2;
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
        printf("  %5llu  %4u  %8.2f  %8.2f  ", (unsigned long long)t->freq, t->df,
               t->cvalue, t->score);
        if (c->with_translations)
            printf("%-9s  %s", tx_term_status_name(t->status),
                   t->translation ? t->translation : "-");
        else
            fputs(tx_term_status_name(t->status), stdout);
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
    int w = out_width(t->canonical), f = filter(c, t);

    if (f)
        return f == 2;
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

enum { O_LANG = 256, O_DOMAIN, O_GREP, O_TRANSLATED, O_UNTRANSLATED, O_NO_HEADER };

/* Parse the list's own filter `opt` into `c`; 0, or -1 with a message printed. */
static int parse_filter_option(int opt, const char *arg, ctx *c)
{
    switch (opt) {
    case O_LANG: c->lang = arg; return 0;
    case O_DOMAIN: c->domain = arg; return 0;
    case O_GREP:
        free(c->grep);
        if (!(c->grep = strdup(arg))) {
            cli_error("list", "out of memory");
            return -1;
        }
        fold(c->grep);
        return 0;
    default:
        if (c->translated >= 0 && c->translated != (opt == O_TRANSLATED)) {
            cli_error("list", "--translated and --untranslated: one at most");
            return -1;
        }
        c->translated = opt == O_TRANSLATED;
        return 0;
    }
}

/* Parse --sort (`opt` 's') or --format ('f') into *sort or *fmt; 0, or -1
 * with a message printed. */
static int parse_choice(int opt, const char *arg, tx_sort *sort, enum fmt *fmt)
{
    static const char *const sorts[] = {"score", "freq", "alpha"};
    static const char *const fmts[] = {"table", "tsv", "json"};
    const char *const *names = opt == 's' ? sorts : fmts;

    for (int i = 0; i < 3; i++) {
        if (strcmp(arg, names[i]) != 0)
            continue;
        if (opt == 's')
            *sort = (tx_sort)i; /* TX_SORT_SCORE, TX_SORT_FREQ, TX_SORT_ALPHA */
        else
            *fmt = (enum fmt)i; /* FMT_TABLE, FMT_TSV, FMT_JSON */
        return 0;
    }
    cli_error("list", "%s: '%s' is not %s, %s or %s", opt == 's' ? "--sort" : "--format",
              arg, names[0], names[1], names[2]);
    return -1;
}

/* List the terms of `db` through `view` and the filters of `c`; a status. */
static int run_list(const char *db, tx_sort sort, unsigned top, const tx_list_view *view,
                    ctx *c, int header)
{
    tx_store *st = NULL;
    tx_status rc;
    int began = 0;

    if (out_db_exists("list", db))
        return EXIT_FAIL;
    if ((rc = tx_store_open_read(db, &st, c->err)) != TX_OK) {
        cli_error("list", "%s", c->err->msg);
        return EXIT_FAIL;
    }
    /* The table's two passes (widths, then rows) read one snapshot, even
     * while an extraction commits. */
    c->st = st;
    if ((rc = tx_store_begin_read(st, &began, c->err)) == TX_OK && c->fmt == FMT_TABLE) {
        rc = tx_store_list_view(st, sort, top, view, measure, c, c->err);
        if (rc == TX_OK) {
            printf("%4s  ", "rank");
            out_padded(stdout, "term", c->width);
            printf("  %5s  %4s  %8s  %8s  %s\n", "freq", "docs", "C-value", "score",
                   c->with_translations ? "status     translation" : "status");
        }
    }
    if (c->fmt == FMT_JSON)
        printf("[");
    if (c->fmt == FMT_TSV && header)
        printf("rank\tterm\tfreq\tdocs\tcvalue\tscore\tstatus%s%s\n",
               c->with_translations ? "\ttranslation" : "",
               c->with_variants ? "\tvariants" : "");
    c->n_passed = 0;
    if (rc == TX_OK)
        rc = tx_store_list_view(st, sort, top, view, print_term, c, c->err);
    if (rc == TX_OK)
        rc = c->rc;
    if (c->fmt == FMT_JSON)
        printf("%s]\n", c->rank ? "\n" : "");
    tx_store_end_read(st, began);
    tx_store_close(st);
    if (rc != TX_OK) {
        cli_error("list", "%s", c->err->msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
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
        {"lang", required_argument, NULL, O_LANG},
        {"domain", required_argument, NULL, O_DOMAIN},
        {"grep", required_argument, NULL, O_GREP},
        {"translated", no_argument, NULL, O_TRANSLATED},
        {"untranslated", no_argument, NULL, O_UNTRANSLATED},
        {"no-header", no_argument, NULL, O_NO_HEADER},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = TX_DEFAULT_DB;
    unsigned top = 50;
    tx_sort sort = TX_SORT_SCORE;
    tx_list_view view = {{0, 0, 0}, -1};
    tx_error err = {TX_OK, ""};
    ctx c = {FMT_TABLE, 0, 4, 0, 0, NULL, &err, TX_OK, 0, NULL, NULL, NULL, -1, 0, 0};
    int opt, header = 1;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'd': db = optarg; break;
        case 'n':
            if (cli_parse_uint("list", "--top", optarg, 0, 100000000, &top))
                goto usage;
            break;
        case 's':
        case 'f':
            if (parse_choice(opt, optarg, &sort, &c.fmt))
                goto usage;
            break;
        case 'T': c.with_translations = 1; break;
        case 'V': c.with_variants = 1; break;
        case 'F':
        case 'm':
        case 'M':
        case 'S':
            if (parse_view_option(opt, optarg, &view))
                goto usage;
            break;
        case O_NO_HEADER: header = 0; break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        default:
            if (opt >= O_LANG && opt <= O_UNTRANSLATED) {
                if (parse_filter_option(opt, optarg, &c))
                    goto usage;
                break;
            }
            fputs(usage_text, stderr);
            goto usage;
        }
    }
    if (optind < argc) {
        cli_error("list", "unexpected argument '%s'", argv[optind]);
        goto usage;
    }
    /* The list's own filters count --top themselves. */
    if (has_filters(&c)) {
        c.top = top;
        top = 0;
    }
    opt = run_list(db, sort, top, &view, &c, header);
    free(c.grep);
    return opt;
usage:
    free(c.grep);
    return EXIT_USAGE;
}
