/* cmd_show.c: `termex show TERM`: everything the glossary knows of a term. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

static const char usage_text[] =
    "usage: termex show [options] TERM...\n"
    "\n"
    "Show a term: its variants with counts, the documents it occurs in, its\n"
    "scores, example contexts and translations.  TERM may be any variant\n"
    "(\"zones de paix\" finds \"zone de paix\"); several words are joined.\n"
    "\n"
    "The text is also looked up by the key it would have as a term, computed\n"
    "with the profile of the glossary's language.\n"
    "\n"
    "options:\n"
    "  --db FILE       glossary database (default: glossary.db)\n"
    "  --data-dir DIR  where the language profiles (<lang>/profile.txt) are\n"
    "  -h, --help      show this help\n"
    "\n"
    "exit status: 0 found, 1 not found or error, 2 usage error\n";

int cmd_show(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"data-dir", required_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = TX_DEFAULT_DB, *data_dir = NULL;
    tx_error err = {TX_OK, ""};
    tx_store *st = NULL;
    tx_term_info *info = NULL;
    char *query;
    size_t len = 1;
    tx_status rc;
    int opt;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'd': db = optarg; break;
        case 'D': data_dir = optarg; break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        default: fputs(usage_text, stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("show", "no term given");
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    for (int i = optind; i < argc; i++)
        len += strlen(argv[i]) + 1;
    if (!(query = calloc(1, len))) {
        cli_error("show", "out of memory");
        return EXIT_FAIL;
    }
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(query, " ");
        strcat(query, argv[i]);
    }
    if (out_db_exists("show", db)) {
        free(query);
        return EXIT_FAIL;
    }
    if ((rc = tx_store_open_read(db, &st, &err)) == TX_OK)
        rc = tx_store_lookup_term(st, query, data_dir, &info, &err);
    tx_store_close(st);
    if (rc != TX_OK) {
        if (rc == TX_ENOTFOUND)
            cli_error("show", "'%s' is not in '%s'", query, db);
        else
            cli_error("show", "%s", err.msg);
        free(query);
        return EXIT_FAIL;
    }
    free(query);

    const tx_term *t = &info->term;
    printf("%s\n", t->canonical);
    printf("  language   %s\n  status     %s\n  key        %s\n", t->lang,
           tx_term_status_name(t->status), t->key);
    printf("  frequency  %llu in %u document(s)\n", (unsigned long long)t->freq, t->df);
    printf("  words      %u (%u content)\n", t->n_words, t->n_content);
    printf("  C-value    %.3f\n  score      %.3f\n", t->cvalue, t->score);
    printf("  listed     %s\n", t->listed ? "yes"
                                 : "no (too rare, a fragment of longer terms, or not "
                                   "opening on a noun)");
    printf("\nvariants:\n");
    for (size_t i = 0; i < info->n_variants; i++)
        printf("  %6llu  %s\n", (unsigned long long)info->variants[i].count,
               info->variants[i].surface);
    printf("\ndocuments:\n");
    for (size_t i = 0; i < info->n_docs; i++)
        printf("  %6llu  %s\n", (unsigned long long)info->docs[i].count, info->docs[i].path);
    printf("\ncontexts:\n");
    for (size_t i = 0; i < info->n_contexts; i++)
        printf("  - %s\n    (%s)\n", info->contexts[i].sentence, info->contexts[i].path);
    if (info->n_relations)
        printf("\nrelated terms:\n");
    for (size_t i = 0; i < info->n_relations; i++)
        printf("  %s: %s%s\n", info->relations[i].kind, info->relations[i].text,
               info->relations[i].in_glossary ? "" : " (not in the glossary)");
    printf("\ntranslations:\n");
    if (!info->n_translations)
        printf("  (none yet)\n");
    for (size_t i = 0; i < info->n_translations; i++) {
        const tx_translation *tr = &info->translations[i];
        printf("  %s%s  %s  (score %.3f, %s, %u segment pair%s)\n", i ? "  " : "* ",
               tr->lang, tr->text, tr->score, tr->method ? tr->method : "",
               tr->n_segments, tr->n_segments == 1 ? "" : "s");
        /* The best one's evidence: one supporting segment pair. */
        if (i == 0 && tr->example_src && tr->example_tgt)
            printf("      %s\n      %s\n", tr->example_src, tr->example_tgt);
    }
    tx_term_info_free(info);
    return EXIT_OK;
}
