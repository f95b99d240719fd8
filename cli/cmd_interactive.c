/* cmd_interactive.c: `termex review`: work through a list of terms, one key
 * per decision, as `git add -p` works through hunks. */
#define _GNU_SOURCE /* getopt_long, getline */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "select.h"

static const char usage_text[] =
    "usage: termex review [options]\n"
    "\n"
    "Review terms one by one, best first: for each, its entry form, status,\n"
    "score, frequency, fields, three contexts and best translations, then a\n"
    "prompt read from standard input (a terminal, or a pipe):\n"
    "  a  approve the term          r  reject it\n"
    "  e  edit its entry form (the next line is the new form)\n"
    "  t  give it an approved translation (the next line is the translation)\n"
    "  s  skip it                   q  quit\n"
    "  ?  this list of keys\n"
    "Each decision is kept at once: quitting (or the end of the input) keeps\n"
    "those made.  After e or t the prompt comes back for the same term.\n"
    "\n"
    "which terms:\n"
    "  --status STATUS       only terms of this status (default: candidate;\n"
    "                        approved, rejected)\n"
    "  --top N               the N best of them (default: 0, all)\n"
    "  --min-score X         only those scoring at least X\n"
    "  --from FILE           these terms instead, one per line (- = standard\n"
    "                        input cannot be both the list and the keys)\n"
    "\n"
    "options:\n"
    "  --tgt LANG            the language of the translations shown and given\n"
    "                        (default: en)\n"
    "  --db FILE             glossary database (default: glossary.db)\n"
    "  --user NAME           who decides, for the history (default: $TERMEX_USER,\n"
    "                        else the login name)\n"
    "  --data-dir DIR        where the language profiles are\n"
    "  -q, --quiet           no summary on stderr\n"
    "  -h, --help            show this help\n"
    "\n"
    "exit status: 0 done (or quit), 1 the glossary could not be read or\n"
    "written, 2 usage error\n";

static const char keys_text[] =
    "a - approve this term\n"
    "r - reject this term\n"
    "e - edit its entry form\n"
    "t - give it an approved translation\n"
    "s - skip it, leave it as it is\n"
    "q - quit; the decisions made are kept\n"
    "? - print this help\n";

enum { N_APPROVED, N_REJECTED, N_EDITED, N_TRANSLATED, N_SKIPPED, N_COUNTS };

typedef struct session {
    cli_review o;
    const char *tgt;
    tx_store *st;
    char *line;
    size_t size;
    size_t counts[N_COUNTS];
    int echo;   /* standard input is no terminal: show the answers read */
} session;

/* Read a line of standard input into s->line, its line end taken off; -1 at
 * the end of the input. */
static int read_answer(session *s)
{
    ssize_t n = getline(&s->line, &s->size, stdin);

    if (n < 0)
        return -1;
    while (n > 0 && (s->line[n - 1] == '\n' || s->line[n - 1] == '\r'))
        s->line[--n] = '\0';
    if (s->echo)
        printf("%s\n", s->line);
    return 0;
}

/* Print term `id` (`name` when it cannot be read); *version gets its
 * version.  -1 when it is gone (merged or deleted meanwhile). */
static int print_term(session *s, int64_t id, const char *name, size_t i, size_t n,
                      int64_t *version)
{
    tx_error err = {TX_OK, ""};
    tx_term_info *info = NULL;
    tx_term_review rv;
    size_t shown = 0;

    if (tx_review_get(s->st, id, &rv, &err) != TX_OK) {
        cli_error("review", "'%s': %s", name, err.msg);
        return -1;
    }
    *version = rv.version;
    printf("\n(%zu/%zu) %s\n", i + 1, n, rv.fields[TX_FIELD_FORM]);
    for (int f = TX_FIELD_FORM + 1; f < TX_FIELD_COUNT; f++)
        if (rv.fields[f])
            printf("  %-10s %s\n", tx_field_name((tx_field)f), rv.fields[f]);
    if (tx_store_lookup_term(s->st, rv.fields[TX_FIELD_FORM], s->o.data_dir, &info,
                             &err) != TX_OK) {
        cli_error("review", "'%s': %s", name, err.msg);
        return -1;
    }
    printf("  status %s, score %.3f, frequency %llu in %u document(s)%s\n",
           tx_term_status_name(info->term.status), info->term.score,
           (unsigned long long)info->term.freq, info->term.df,
           rv.form_locked ? ", entry form set by a person" : "");
    for (size_t c = 0; c < info->n_contexts && c < 3; c++)
        printf("  - %s\n", info->contexts[c].sentence);
    for (size_t t = 0; t < info->n_translations && shown < 3; t++) {
        const tx_translation *tr = &info->translations[t];

        if (strcasecmp(tr->lang, s->tgt) != 0)
            continue;
        printf("  %s %s (%s, score %.3f)\n", shown++ ? "  " : "->", tr->text,
               tx_tr_status_name((tx_tr_status)tr->status), tr->score);
    }
    if (!shown)
        printf("  (no translation into %s yet)\n", s->tgt);
    tx_term_info_free(info);
    return 0;
}

/* Act on key `key` for term `id`; 1 to go to the next term, 0 to ask again,
 * -1 to quit. */
static int act(session *s, int64_t id, const char *name, int64_t *version)
{
    tx_review r = s->o.r;
    tx_error err = {TX_OK, ""};
    tx_status rc = TX_OK;
    int key = s->line[0], next = 1, count = -1;

    r.version = *version;
    switch (key) {
    case 'a': rc = tx_review_status(s->st, id, TX_TERM_APPROVED, &r, &err);
        count = N_APPROVED; break;
    case 'r': rc = tx_review_status(s->st, id, TX_TERM_REJECTED, &r, &err);
        count = N_REJECTED; break;
    case 's': count = N_SKIPPED; break;
    case 'q': return -1;
    case 'e':
    case 't':
        printf(key == 'e' ? "entry form (empty: keep it)? "
                          : "translation into %s (empty: none)? ", s->tgt);
        fflush(stdout);
        if (read_answer(s) < 0)
            return -1;
        next = 0;
        if (!*s->line)
            return 0;
        rc = key == 'e' ? tx_review_set(s->st, id, TX_FIELD_FORM, s->line, &r, &err)
                        : tx_review_translation(s->st, id, s->tgt, s->line, TX_TR_APPROVED,
                                                NULL, &r, &err);
        count = key == 'e' ? N_EDITED : N_TRANSLATED;
        break;
    default:
        fputs(keys_text, stdout);
        return 0;
    }
    if (rc != TX_OK) {
        cli_error("review", "'%s': %s", name, err.msg);
        return 0;
    }
    s->counts[count]++;
    if (!next) {
        tx_term_review rv;

        if (tx_review_get(s->st, id, &rv, &err) == TX_OK)
            *version = rv.version;
        printf("%s\n", key == 'e' ? "entry form set" : "translation approved");
    }
    return next;
}

/* Review term `i` of `t` until a key moves on; -1 to quit. */
static int review_one(session *s, const cli_terms *t, size_t i)
{
    int64_t version;
    int r;

    if (print_term(s, t->ids[i], t->names[i], i, t->n, &version) < 0)
        return 0;
    do {
        printf("(%zu/%zu) [a]pprove [r]eject [e]dit form [t]ranslate [s]kip [q]uit [?]? ",
               i + 1, t->n);
        fflush(stdout);
        if (read_answer(s) < 0) {
            putchar('\n');
            return -1;
        }
        r = act(s, t->ids[i], t->names[i], &version);
    } while (r == 0);
    return r < 0 ? -1 : 0;
}

/* Parse the options into `s`; -1 when done (*status set), else 0. */
static int parse_options(int argc, char **argv, session *s, int *status)
{
    enum { O_TGT = 1 };
    static const struct option longopts[] = {
        CLI_REVIEW_LONGOPTS, CLI_SELECT_LONGOPTS,
        {"tgt", required_argument, NULL, O_TGT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int opt, r;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        if ((r = cli_review_option(&s->o, opt, optarg)) < 0) {
            *status = EXIT_USAGE;
            return -1;
        } else if (r) {
            continue;
        }
        if (opt == O_TGT) {
            s->tgt = optarg;
            continue;
        }
        *status = opt == 'h' ? EXIT_OK : EXIT_USAGE;
        fputs(usage_text, opt == 'h' ? stdout : stderr);
        return -1;
    }
    if (optind < argc) {
        cli_error("review", "unexpected argument '%s'", argv[optind]);
        *status = EXIT_USAGE;
        return -1;
    }
    if (s->o.from && strcmp(s->o.from, "-") == 0) {
        cli_error("review", "--from -: standard input gives the keys");
        *status = EXIT_USAGE;
        return -1;
    }
    /* Without a selection of its own: the candidates, best first. */
    if (!s->o.from && s->o.view.status < 0)
        s->o.view.status = TX_TERM_CANDIDATE;
    if (!s->o.from)
        s->o.has_top = 1;
    return 0;
}

int cmd_review(int argc, char **argv)
{
    session s;
    cli_terms t = {NULL, NULL, 0, 0};
    int status;

    memset(&s, 0, sizeof s);
    s.tgt = "en";
    s.echo = !isatty(STDIN_FILENO);
    cli_review_init(&s.o, "review");
    if (parse_options(argc, argv, &s, &status) < 0)
        return status;
    if ((status = cli_review_open(&s.o, &s.st)) != EXIT_OK)
        return status;
    /* The list is read once, at the start; the decisions are kept one by one. */
    status = cli_terms_collect(&s.o, s.st, NULL, 0, &t);
    if (status == EXIT_OK && !t.n)
        printf("no term to review\n");
    for (size_t i = 0; status == EXIT_OK && i < t.n; i++)
        if (review_one(&s, &t, i) < 0)
            break;
    if (!s.o.quiet && status == EXIT_OK)
        fprintf(stderr,
                "termex review: %zu approved, %zu rejected, %zu entry form(s) set, %zu "
                "translation(s) given, %zu skipped\n",
                s.counts[N_APPROVED], s.counts[N_REJECTED], s.counts[N_EDITED],
                s.counts[N_TRANSLATED], s.counts[N_SKIPPED]);
    cli_terms_release(&t);
    free(s.line);
    tx_store_close(s.st);
    return status;
}
