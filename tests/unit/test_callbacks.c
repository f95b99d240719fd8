/* test_callbacks.c: the one callback rule of tx.h: a non-zero return stops.
 * A progress or notice callback cancels its run (TX_ESTOPPED, nothing
 * written); an issue callback ends the check (TX_OK). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "tx.h"

#define DATA TX_TEST_DATA

typedef struct counter {
    int calls;
    int stop_at; /* return 1 on this call (counting from 1), 0 = never */
} counter;

static int count_call(counter *c)
{
    return ++c->calls == c->stop_at;
}

static int on_progress(size_t done, size_t total, uint64_t bytes, void *arg)
{
    (void)done, (void)total, (void)bytes;
    return count_call(arg);
}

static int on_notice(tx_status rc, const char *msg, void *arg)
{
    (void)rc, (void)msg;
    return count_call(arg);
}

static int on_issue(const tx_check_issue *is, void *arg)
{
    (void)is;
    return count_call(arg);
}

static int on_term(const tx_term *t, void *arg)
{
    (void)t;
    return count_call(arg);
}

static int n_terms(tx_store *st)
{
    counter c = {0, 0};

    check(tx_store_list_terms(st, TX_SORT_SCORE, 0, on_term, &c, NULL) == TX_OK, "list");
    return c.calls;
}

static void test_extract(tx_store *st)
{
    const char *docs[] = {DATA "/check/ok.fr", DATA "/check/planted.fr"};
    const char *missing[] = {DATA "/check/no-such-file", DATA "/check/ok.fr"};
    tx_extract_opts o;
    tx_extract_stats stats;
    tx_error err;
    counter c = {0, 1};

    tx_extract_opts_init(&o);
    o.data_dir = TX_DATA_DIR;
    o.progress = on_progress;
    o.cb_arg = &c;
    check(tx_extract_run(st, docs, 2, &o, &stats, &err) == TX_ESTOPPED, "%s", err.msg);
    check(c.calls == 1, "progress called %d times", c.calls);
    check(n_terms(st) == 0, "a cancelled run wrote terms");

    o.progress = NULL;
    o.notice = on_notice;
    c.calls = 0;
    check(tx_extract_run(st, missing, 2, &o, &stats, &err) == TX_ESTOPPED, "%s", err.msg);
    check(c.calls == 1, "notice called %d times", c.calls);
    check(n_terms(st) == 0, "a cancelled run wrote terms");

    c.stop_at = 0;
    o.progress = on_progress;
    check(tx_extract_run(st, docs, 2, &o, &stats, &err) == TX_OK, "%s", err.msg);
    check(n_terms(st) > 0, "no term");
}

static void test_import_align(tx_store *st)
{
    tx_import_opts io;
    tx_import_stats is;
    tx_align_opts ao;
    tx_align_stats as;
    tx_parallel_input docs = {TX_PARALLEL_DOCS, DATA "/parallel/docs/fr",
                              DATA "/parallel/docs/en"};
    tx_error err;
    counter c = {0, 1};

    tx_import_opts_init(&io);
    io.data_dir = TX_DATA_DIR;
    check(tx_import_run(st, DATA "/check/glossary.tbx", &io, &is, &err) == TX_OK, "%s",
          err.msg);

    /* document pairs: the alignment score of each is a notice */
    tx_align_opts_init(&ao);
    ao.data_dir = TX_DATA_DIR;
    ao.notice = on_notice;
    ao.cb_arg = &c;
    check(tx_align_run(st, &docs, 1, &ao, &as, &err) == TX_ESTOPPED, "%s", err.msg);
    check(c.calls == 1, "notice called %d times", c.calls);
}

static void test_check(tx_store *st)
{
    tx_parallel_input in = {TX_PARALLEL_LINES, DATA "/check/planted.fr",
                            DATA "/check/planted.en"};
    tx_check_opts o;
    tx_check_stats stats;
    tx_error err;
    counter all = {0, 0};
    counter first = {0, 1};

    tx_check_opts_init(&o);
    o.data_dir = TX_DATA_DIR;
    check(tx_check_run(st, &in, 1, &o, on_issue, &all, &stats, &err) == TX_OK, "%s",
          err.msg);
    check(all.calls > 1, "%d issues", all.calls);
    check(tx_check_run(st, &in, 1, &o, on_issue, &first, &stats, &err) == TX_OK, "%s",
          err.msg);
    check(first.calls == 1, "called %d times after a stop", first.calls);
    check(stats.n_issues == 1, "%zu issues counted", stats.n_issues);
}

/* The glossary is a file in the working directory (ctest's: the build tree). */
#define DB "test_callbacks.db"

static void remove_db(void)
{
    remove(DB);
    remove(DB "-wal");
    remove(DB "-shm");
    remove(DB "-journal");
}

int main(void)
{
    tx_store *st = NULL;
    tx_error err;

    check(tx_strerror(TX_ESTOPPED)[0] != '\0', "no text for TX_ESTOPPED");
    remove_db();
    if (tx_store_open(DB, &st, &err) != TX_OK) {
        fprintf(stderr, "cannot open a store: %s\n", err.msg);
        return 1;
    }
    test_extract(st);
    test_import_align(st);
    test_check(st);
    tx_store_close(st);
    remove_db();
    return check_done();
}
