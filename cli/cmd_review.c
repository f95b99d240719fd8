/* cmd_review.c: the review commands, one decision on one or many terms:
 * `termex approve|reject|reset|delete TERM...`, `termex set TERM FIELD VALUE`,
 * `termex translate TERM TEXT`, `termex merge INTO FROM...`. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "select.h"

#define REVIEW_OPTIONS_TEXT                                                        \
    "  --db FILE             glossary database (default: glossary.db)\n"           \
    "  --user NAME           who decides, for the history (default: $TERMEX_USER,\n" \
    "                        else the login name)\n"                               \
    "  --version N           the term's version the decision was made on (shown\n" \
    "                        by termex show): refused if the term changed since\n" \
    "  --data-dir DIR        where the language profiles are (to find a term by\n" \
    "                        any of its written forms)\n"                          \
    "  -q, --quiet           no summary on stderr\n"                               \
    "  -h, --help            show this help\n"

#define SELECT_OPTIONS_TEXT                                                        \
    "terms (any mix; all are changed in one transaction, or none):\n"              \
    "  TERM                  an entry form, any written form, or #ID\n"            \
    "  --from FILE           one term per line (- = standard input); blank lines\n" \
    "                        and lines starting with # are skipped\n"              \
    "  --top N               the N best listed terms (0 = all) of the selection:\n" \
    "  --status STATUS         only those of this status (candidate, approved,\n"  \
    "                          rejected)\n"                                        \
    "  --min-score X           only those scoring at least X\n"                    \
    "  --skip-missing        a term not found is a warning (default: an error,\n"  \
    "                        and nothing is changed)\n"

static const char approve_usage[] =
    "usage: termex approve [options] TERM...\n"
    "\n"
    "Approve terms: an approved term is listed and exported whatever its score.\n"
    "\n" SELECT_OPTIONS_TEXT "\noptions:\n" REVIEW_OPTIONS_TEXT
    "\nexit status: 0 done, 1 a term not found or the change refused (nothing\n"
    "changed), 2 usage error\n";

static const char reject_usage[] =
    "usage: termex reject [options] TERM...\n"
    "\n"
    "Reject terms: a rejected term stays in the glossary (extraction does not\n"
    "bring it back as a candidate), listed as rejected, and is exported only\n"
    "when asked (as deprecatedTerm).\n"
    "\n" SELECT_OPTIONS_TEXT "\noptions:\n" REVIEW_OPTIONS_TEXT
    "\nexit status: 0 done, 1 a term not found or the change refused (nothing\n"
    "changed), 2 usage error\n";

static const char reset_usage[] =
    "usage: termex reset [options] TERM...\n"
    "\n"
    "Reset terms to candidates, undoing an approval or a rejection (the other\n"
    "fields, the entry form and the translations stay).\n"
    "\n" SELECT_OPTIONS_TEXT "\noptions:\n" REVIEW_OPTIONS_TEXT
    "\nexit status: 0 done, 1 a term not found or the change refused (nothing\n"
    "changed), 2 usage error\n";

static const char delete_usage[] =
    "usage: termex delete [options] TERM...\n"
    "\n"
    "Delete terms and all that hangs on them (written forms, contexts,\n"
    "translations); their history stays.  A later extraction that finds a\n"
    "deleted term adds it back as a candidate: reject a term to keep it out.\n"
    "More than one term needs --yes.\n"
    "\n" SELECT_OPTIONS_TEXT "  -y, --yes             delete more than one term\n"
    "\noptions:\n" REVIEW_OPTIONS_TEXT
    "\nexit status: 0 done, 1 a term not found or the change refused (nothing\n"
    "changed), 2 usage error (more than one term without --yes)\n";

/* One decision on one term (the command's argument in `arg`). */
typedef tx_status (*apply_fn)(tx_store *st, int64_t id, void *arg, const tx_review *r,
                              tx_error *err);

typedef struct batch {
    apply_fn apply;
    void *arg;
    const char *verb;  /* for the summary: "approved" */
    int need_yes;      /* more than one term needs --yes */
    int yes;
} batch;

/* Apply `b` to the terms of `args` and of the selection of `o`, all in one
 * transaction; an exit status. */
static int run_batch(cli_review *o, char *const *args, int n_args, const batch *b)
{
    tx_error err = {TX_OK, ""};
    tx_store *st;
    cli_terms t;
    int status;

    if (!n_args && !cli_review_selecting(o)) {
        cli_error(o->cmd, "no term given (TERM..., --from FILE or --top N)");
        return EXIT_USAGE;
    }
    if ((status = cli_review_open(o, &st)) != EXIT_OK)
        return status;
    if (tx_review_begin(st, &err) != TX_OK) {
        cli_error(o->cmd, "%s", err.msg);
        tx_store_close(st);
        return EXIT_FAIL;
    }
    status = cli_terms_collect(o, st, args, n_args, &t);
    if (status == EXIT_OK && b->need_yes && t.n > 1 && !b->yes) {
        cli_error(o->cmd, "%zu terms selected: deleting more than one needs --yes", t.n);
        status = EXIT_USAGE;
    }
    for (size_t i = 0; status == EXIT_OK && i < t.n; i++)
        if (b->apply(st, t.ids[i], b->arg, &o->r, &err) != TX_OK)
            status = cli_review_failed(o, t.names[i], &err);
    if (tx_review_end(st, status == EXIT_OK, &err) != TX_OK && status == EXIT_OK) {
        cli_error(o->cmd, "%s", err.msg);
        status = EXIT_FAIL;
    }
    if (status == EXIT_OK)
        cli_review_summary(o, b->verb, t.n);
    else if (t.n + t.n_missing > 1)
        cli_error(o->cmd, "nothing changed");
    cli_terms_release(&t);
    tx_store_close(st);
    return status;
}

static tx_status apply_status(tx_store *st, int64_t id, void *arg, const tx_review *r,
                              tx_error *err)
{
    return tx_review_status(st, id, *(const tx_term_status *)arg, r, err);
}

static tx_status apply_delete(tx_store *st, int64_t id, void *arg, const tx_review *r,
                              tx_error *err)
{
    (void)arg;
    return tx_review_delete(st, id, r, err);
}

/* Parse the review and selection options of a batch command into `o`;
 * -1 when the command is done (help shown: *status set), else optind. */
static int parse_batch(int argc, char **argv, cli_review *o, const char *usage, int *yes,
                       int *status)
{
    static const struct option longopts[] = {
        CLI_REVIEW_LONGOPTS, CLI_SELECT_LONGOPTS,
        {"yes", no_argument, NULL, 'y'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int opt, r;

    optind = 1;
    while ((opt = getopt_long(argc, argv, yes ? "qyh" : "qh", longopts, NULL)) != -1) {
        if ((r = cli_review_option(o, opt, optarg)) != 0) {
            if (r < 0) {
                *status = EXIT_USAGE;
                return -1;
            }
            continue;
        }
        if (opt == 'y' && yes) {
            *yes = 1;
            continue;
        }
        *status = opt == 'h' ? EXIT_OK : EXIT_USAGE;
        fputs(usage, opt == 'h' ? stdout : stderr);
        return -1;
    }
    return optind;
}

/* approve, reject, reset: `argv[0]` says which. */
int cmd_status(int argc, char **argv)
{
    cli_review o;
    tx_term_status s;
    batch b = {apply_status, &s, NULL, 0, 0};
    const char *usage;
    int status, first;

    if (strcmp(argv[0], "approve") == 0) {
        s = TX_TERM_APPROVED, b.verb = "approved", usage = approve_usage;
    } else if (strcmp(argv[0], "reject") == 0) {
        s = TX_TERM_REJECTED, b.verb = "rejected", usage = reject_usage;
    } else {
        s = TX_TERM_CANDIDATE, b.verb = "reset", usage = reset_usage;
    }
    cli_review_init(&o, argv[0]);
    if ((first = parse_batch(argc, argv, &o, usage, NULL, &status)) < 0)
        return status;
    return run_batch(&o, argv + first, argc - first, &b);
}

int cmd_delete(int argc, char **argv)
{
    cli_review o;
    batch b = {apply_delete, NULL, "deleted", 1, 0};
    int status, first;

    cli_review_init(&o, "delete");
    if ((first = parse_batch(argc, argv, &o, delete_usage, &b.yes, &status)) < 0)
        return status;
    return run_batch(&o, argv + first, argc - first, &b);
}

/* ---- set ---- */

static const char set_usage[] =
    "usage: termex set [options] TERM FIELD VALUE\n"
    "       termex set [options] TERM FIELD --clear\n"
    "       termex set [options] (--from FILE | --top N ...) FIELD VALUE\n"
    "\n"
    "Set a field of a term.  FIELD is one of:\n"
    "  form        the entry form (the term as written); extraction no longer\n"
    "              changes it; 'form --clear' lets extraction choose it again\n"
    "  note, definition, domain (TBX subjectField), pos (part of speech: noun,\n"
    "  verb, ...), usage (a usage note), gender (masculine, feminine, ...), geo\n"
    "  (geographical usage), type (TBX termType: fullForm, acronym, ...)\n"
    "An empty VALUE clears the field, as --clear does.\n"
    "\n" SELECT_OPTIONS_TEXT "\noptions:\n"
    "  --clear               clear the field (no VALUE)\n" REVIEW_OPTIONS_TEXT
    "\nexit status: 0 done, 1 a term not found or the change refused (nothing\n"
    "changed), 2 usage error\n";

typedef struct set_arg {
    tx_field field;
    const char *value; /* NULL: clear */
} set_arg;

static tx_status apply_set(tx_store *st, int64_t id, void *arg, const tx_review *r,
                           tx_error *err)
{
    const set_arg *a = arg;

    if (a->field == TX_FIELD_FORM && !a->value)
        return tx_review_unlock_form(st, id, r, err);
    return tx_review_set(st, id, a->field, a->value, r, err);
}

int cmd_set(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_REVIEW_LONGOPTS, CLI_SELECT_LONGOPTS,
        {"clear", no_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_review o;
    set_arg a = {TX_FIELD_NOTE, NULL};
    batch b = {apply_set, &a, "changed", 0, 0};
    int opt, r, clear = 0, n_terms, want;

    cli_review_init(&o, "set");
    optind = 1;
    while ((opt = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        if ((r = cli_review_option(&o, opt, optarg)) < 0)
            return EXIT_USAGE;
        else if (r)
            continue;
        if (opt == 'c') {
            clear = 1;
            continue;
        }
        fputs(set_usage, opt == 'h' ? stdout : stderr);
        return opt == 'h' ? EXIT_OK : EXIT_USAGE;
    }
    n_terms = cli_review_selecting(&o) ? 0 : 1;
    want = n_terms + (clear ? 1 : 2);
    if (argc - optind != want) {
        cli_error("set", "%s", clear ? "want TERM FIELD --clear (FIELD with a selection)"
                                     : "want TERM FIELD VALUE (FIELD VALUE with a "
                                       "selection)");
        fputs(set_usage, stderr);
        return EXIT_USAGE;
    }
    if (tx_field_from_name(argv[optind + n_terms], &a.field) != 0) {
        cli_error("set", "'%s' is not a field: form, note, definition, domain, pos, "
                  "usage, gender, geo or type", argv[optind + n_terms]);
        return EXIT_USAGE;
    }
    a.value = clear || !*argv[optind + n_terms + 1] ? NULL : argv[optind + n_terms + 1];
    if (!a.value)
        b.verb = a.field == TX_FIELD_FORM ? "unlocked the form of" : "cleared a field of";
    return run_batch(&o, argv + optind, n_terms, &b);
}

/* ---- translate ---- */

static const char translate_usage[] =
    "usage: termex translate [options] TERM TEXT\n"
    "\n"
    "Give TERM the translation TEXT (added when the term has none such), or\n"
    "change that translation's status:\n"
    "  --approve             the translation to use (the default)\n"
    "  --forbid              a translation not to use: check names it when a\n"
    "                        target uses it; exported as deprecatedTerm\n"
    "  --candidate           not reviewed (as alignment finds them)\n"
    "  --remove              remove the translation\n"
    "\n"
    "options:\n"
    "  --tgt LANG            the translation's language (default: en)\n"
    "  --note TEXT           the translation's note\n" REVIEW_OPTIONS_TEXT
    "\nexit status: 0 done, 1 the term or (--remove) the translation not found,\n"
    "or the change refused, 2 usage error\n";

typedef struct translate_arg {
    const char *lang, *text, *note;
    int remove;
    tx_tr_status status;
} translate_arg;

static tx_status apply_translate(tx_store *st, int64_t id, void *arg, const tx_review *r,
                                 tx_error *err)
{
    const translate_arg *a = arg;

    if (a->remove)
        return tx_review_remove_translation(st, id, a->lang, a->text, r, err);
    return tx_review_translation(st, id, a->lang, a->text, a->status, a->note, r, err);
}

int cmd_translate(int argc, char **argv)
{
    enum { O_APPROVE = 1, O_FORBID, O_CANDIDATE, O_REMOVE, O_NOTE, O_TGT };
    static const struct option longopts[] = {
        CLI_REVIEW_LONGOPTS,
        {"approve", no_argument, NULL, O_APPROVE},
        {"forbid", no_argument, NULL, O_FORBID},
        {"candidate", no_argument, NULL, O_CANDIDATE},
        {"remove", no_argument, NULL, O_REMOVE},
        {"note", required_argument, NULL, O_NOTE},
        {"tgt", required_argument, NULL, O_TGT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_review o;
    translate_arg a = {"en", NULL, NULL, 0, TX_TR_APPROVED};
    batch b = {apply_translate, &a, "translated", 0, 0};
    int opt, r, n_modes = 0;

    cli_review_init(&o, "translate");
    optind = 1;
    while ((opt = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        if ((r = cli_review_option(&o, opt, optarg)) < 0)
            return EXIT_USAGE;
        else if (r)
            continue;
        switch (opt) {
        case O_APPROVE: a.status = TX_TR_APPROVED, n_modes++; break;
        case O_FORBID: a.status = TX_TR_FORBIDDEN, n_modes++; break;
        case O_CANDIDATE: a.status = TX_TR_CANDIDATE, n_modes++; break;
        case O_REMOVE: a.remove = 1, n_modes++; break;
        case O_NOTE: a.note = optarg; break;
        case O_TGT: a.lang = optarg; break;
        case 'h': fputs(translate_usage, stdout); return EXIT_OK;
        default: fputs(translate_usage, stderr); return EXIT_USAGE;
        }
    }
    if (n_modes > 1) {
        cli_error("translate", "--approve, --forbid, --candidate, --remove: one at most");
        return EXIT_USAGE;
    }
    if (argc - optind != 2 || !*argv[optind + 1]) {
        cli_error("translate", "want TERM TEXT");
        fputs(translate_usage, stderr);
        return EXIT_USAGE;
    }
    if (a.remove && a.note) {
        cli_error("translate", "--note with --remove");
        return EXIT_USAGE;
    }
    a.text = argv[optind + 1];
    b.verb = a.remove                       ? "removed a translation of"
             : a.status == TX_TR_FORBIDDEN  ? "forbade a translation of"
             : a.status == TX_TR_CANDIDATE ? "gave a candidate translation to"
                                            : "approved a translation of";
    return run_batch(&o, argv + optind, 1, &b);
}

/* ---- merge ---- */

static const char merge_usage[] =
    "usage: termex merge [options] INTO FROM...\n"
    "\n"
    "Merge the terms FROM into the term INTO, one concept: INTO keeps its entry\n"
    "form, status and fields (a field it lacks is taken from FROM) and gains\n"
    "FROM's written forms, counts, documents, contexts and translations; FROM\n"
    "is deleted, and a later extraction that finds it adds to INTO.\n"
    "\n"
    "options:\n" REVIEW_OPTIONS_TEXT
    "\nexit status: 0 done, 1 a term not found or the change refused (nothing\n"
    "changed), 2 usage error\n";

static tx_status apply_merge(tx_store *st, int64_t id, void *arg, const tx_review *r,
                             tx_error *err)
{
    int64_t into = *(const int64_t *)arg;

    if (id == into)
        return TX_OK; /* INTO named again among FROM (cli_terms has each once) */
    return tx_review_merge(st, into, id, r, err);
}

int cmd_merge(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_REVIEW_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_review o;
    tx_error err = {TX_OK, ""};
    tx_store *st;
    cli_terms t;
    int opt, r, status;

    cli_review_init(&o, "merge");
    optind = 1;
    while ((opt = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        if ((r = cli_review_option(&o, opt, optarg)) < 0)
            return EXIT_USAGE;
        else if (r)
            continue;
        fputs(merge_usage, opt == 'h' ? stdout : stderr);
        return opt == 'h' ? EXIT_OK : EXIT_USAGE;
    }
    if (argc - optind < 2) {
        cli_error("merge", "want INTO FROM...");
        fputs(merge_usage, stderr);
        return EXIT_USAGE;
    }
    if ((status = cli_review_open(&o, &st)) != EXIT_OK)
        return status;
    if (tx_review_begin(st, &err) != TX_OK) {
        cli_error("merge", "%s", err.msg);
        tx_store_close(st);
        return EXIT_FAIL;
    }
    status = cli_terms_collect(&o, st, argv + optind, argc - optind, &t);
    if (status == EXIT_OK && t.n < 2) {
        cli_error("merge", "'%s' and '%s' are one term already", argv[optind],
                  argv[optind + 1]);
        status = EXIT_FAIL;
    }
    for (size_t i = 1; status == EXIT_OK && i < t.n; i++)
        if (apply_merge(st, t.ids[i], &t.ids[0], &o.r, &err) != TX_OK)
            status = cli_review_failed(&o, t.names[i], &err);
    if (tx_review_end(st, status == EXIT_OK, &err) != TX_OK && status == EXIT_OK) {
        cli_error("merge", "%s", err.msg);
        status = EXIT_FAIL;
    }
    if (status == EXIT_OK && !o.quiet)
        fprintf(stderr, "termex merge: merged %zu term%s into '%s'\n", t.n - 1,
                t.n == 2 ? "" : "s", t.names[0]);
    else if (status != EXIT_OK && t.n + t.n_missing > 2)
        cli_error("merge", "nothing changed");
    cli_terms_release(&t);
    tx_store_close(st);
    return status;
}
