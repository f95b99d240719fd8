/* cmd_show.c: `termex show TERM`: everything the glossary knows of a term. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "show.h"

static const char usage_text[] =
    "usage: termex show [options] TERM...\n"
    "\n"
    "Show a term: its variants with counts, the documents it occurs in, its\n"
    "scores, example contexts and translations.  TERM may be any variant\n"
    "(\"zones de paix\" finds \"zone de paix\"), or #ID; several words are joined.\n"
    "\n"
    "The text is also looked up by the key it would have as a term, computed\n"
    "with the profile of the glossary's language.\n"
    "\n"
    "Then what review holds (termex set, translate, approve...): the entry\n"
    "form and whether a person set it, note, definition, domain, pos, usage,\n"
    "gender, geo, type, the version, each translation's status and note, and\n"
    "the history of decisions: time, who, what.\n"
    "\n"
    "options:\n"
    "  --db FILE       glossary database (default: glossary.db)\n"
    "  --data-dir DIR  where the language profiles (<lang>/profile.txt) are\n"
    "  --format FMT    text or json (default: text)\n"
    "  -h, --help      show this help\n"
    "\n"
    "exit status: 0 found, 1 not found or error, 2 usage error\n";

/* Join the words of argv[first..argc) with spaces: the term asked for. */
static char *join_args(int argc, char **argv, int first)
{
    size_t len = 1;
    char *query;

    for (int i = first; i < argc; i++)
        len += strlen(argv[i]) + 1;
    if (!(query = calloc(1, len)))
        return NULL;
    for (int i = first; i < argc; i++) {
        if (i > first)
            strcat(query, " ");
        strcat(query, argv[i]);
    }
    return query;
}

/* Find the term `query` names: "#ID" is a term's id (tx_review_find()). */
static tx_status lookup(tx_store *st, const char *query, const char *data_dir,
                        tx_term_info **info, tx_error *err)
{
    tx_term_review rv;
    int64_t id;
    tx_status rc;

    if (query[0] != '#')
        return tx_store_lookup_term(st, query, data_dir, info, err);
    if ((rc = tx_review_find(st, query, data_dir, &id, err)) != TX_OK ||
        (rc = tx_review_get(st, id, &rv, err)) != TX_OK)
        return rc;
    return tx_store_lookup_term(st, rv.fields[TX_FIELD_FORM], data_dir, info, err);
}

/* Look `query` up in `db` and print it; an exit status. */
static int show(const char *db, const char *query, const char *data_dir, int json)
{
    tx_error err = {TX_OK, ""};
    tx_store *st = NULL;
    tx_term_info *info = NULL;
    int began = 0;
    tx_status rc;

    if (out_db_exists("show", db))
        return EXIT_FAIL;
    if ((rc = tx_store_open_read(db, &st, &err)) == TX_OK &&
        (rc = tx_store_begin_read(st, &began, &err)) == TX_OK)
        rc = lookup(st, query, data_dir, &info, &err);
    if (rc == TX_OK)
        rc = json ? show_json(st, info, &err) : show_text(st, info, &err);
    tx_term_info_free(info);
    tx_store_end_read(st, began);
    tx_store_close(st);
    if (rc == TX_ENOTFOUND && !info)
        cli_error("show", "'%s' is not in '%s'", query, db);
    else if (rc != TX_OK)
        cli_error("show", "%s", err.msg);
    return rc == TX_OK ? EXIT_OK : EXIT_FAIL;
}

int cmd_show(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"data-dir", required_argument, NULL, 'D'},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *db = TX_DEFAULT_DB, *data_dir = NULL;
    char *query;
    int opt, json = 0, status;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'd': db = optarg; break;
        case 'D': data_dir = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0) {
                cli_error("show", "--format: '%s' is not text or json", optarg);
                return EXIT_USAGE;
            }
            json = strcmp(optarg, "json") == 0;
            break;
        case 'h': fputs(usage_text, stdout); return EXIT_OK;
        default: fputs(usage_text, stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("show", "no term given");
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    if (!(query = join_args(argc, argv, optind))) {
        cli_error("show", "out of memory");
        return EXIT_FAIL;
    }
    status = show(db, query, data_dir, json);
    free(query);
    return status;
}
