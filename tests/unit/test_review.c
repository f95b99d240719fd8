/* test_review.c: a person's decisions (tx_review_*) on a glossary extracted
 * and aligned from a few line pairs: each decision, stale versions, grouped
 * transactions, merge and delete consistency, and extraction and alignment
 * run again after decisions, which they must not undo.  A raw SQLite
 * connection checks what the store wrote. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp(), setenv() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "tx.h"

static char dir[160], db[256];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    check(f != NULL, "cannot write %s", path);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* The integer result of `sql` on a raw connection (-1 on error). */
static long long raw_int(const char *sql)
{
    sqlite3 *conn = NULL;
    sqlite3_stmt *s = NULL;
    long long v = -1;

    if (sqlite3_open_v2(db, &conn, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(conn, sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    else
        fprintf(stderr, "raw_int: %s: %s\n", sql, sqlite3_errmsg(conn));
    sqlite3_finalize(s);
    sqlite3_close(conn);
    return v;
}

/* The text result of `sql` copied into `out` ("" when NULL or on error). */
static const char *raw_text(const char *sql, char *out, size_t size)
{
    sqlite3 *conn = NULL;
    sqlite3_stmt *s = NULL;

    out[0] = '\0';
    if (sqlite3_open_v2(db, &conn, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(conn, sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(conn);
    return out;
}

/* PRAGMA foreign_key_check finds nothing. */
static int fk_clean(void)
{
    sqlite3 *conn = NULL;
    sqlite3_stmt *s = NULL;
    int clean = 0;

    if (sqlite3_open_v2(db, &conn, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(conn, "PRAGMA foreign_key_check", -1, &s, NULL) == SQLITE_OK)
        clean = sqlite3_step(s) == SQLITE_DONE;
    sqlite3_finalize(s);
    sqlite3_close(conn);
    return clean;
}

static int64_t find(tx_store *st, const char *text)
{
    tx_error err = {TX_OK, ""};
    int64_t id = 0;

    check(tx_review_find(st, text, TX_DATA_DIR, &id, &err) == TX_OK, "find '%s': %s",
          text, err.msg);
    return id;
}

static long long q_id(const char *fmt, int64_t id)
{
    char sql[512];

    snprintf(sql, sizeof sql, fmt, (long long)id);
    return raw_int(sql);
}

static void extract(tx_store *st, const char *path)
{
    tx_extract_opts eo;
    tx_extract_stats es;
    tx_error err = {TX_OK, ""};
    const char *paths[1] = {path};

    tx_extract_opts_init(&eo);
    eo.data_dir = TX_DATA_DIR;
    check(tx_extract_run(st, paths, 1, &eo, &es, &err) == TX_OK, "extract: %s", err.msg);
}

static void align(tx_store *st, const char *fr, const char *en)
{
    tx_align_opts ao;
    tx_align_stats as;
    tx_parallel_input in = {TX_PARALLEL_LINES, fr, en};
    tx_error err = {TX_OK, ""};

    tx_align_opts_init(&ao);
    ao.data_dir = TX_DATA_DIR;
    check(tx_align_run(st, &in, 1, &ao, &as, &err) == TX_OK, "align: %s", err.msg);
}

static void test_names(void)
{
    tx_tr_status s;
    tx_field f;

    check_str(tx_tr_status_name(TX_TR_FORBIDDEN), "forbidden");
    check(tx_tr_status_name((tx_tr_status)7) == NULL, "no such status");
    check(tx_tr_status_from_name("approved", &s) == 0 && s == TX_TR_APPROVED, "approved");
    check(tx_tr_status_from_name("Approved", &s) == -1, "case counts");
    for (int i = 0; i < TX_FIELD_COUNT; i++)
        check(tx_field_from_name(tx_field_name((tx_field)i), &f) == 0 && (int)f == i,
              "field %d", i);
    check_str(tx_field_name(TX_FIELD_TYPE), "type");
    check(tx_field_from_name("colour", &f) == -1 && tx_field_name(TX_FIELD_COUNT) == NULL,
          "no such field");
}

static void test_find(tx_store *st)
{
    tx_error err = {TX_OK, ""};
    int64_t id = find(st, "diplomatie préventive"), other = 0;
    char buf[32];

    check(id > 0, "a term");
    snprintf(buf, sizeof buf, "#%lld", (long long)id);
    check(find(st, buf) == id, "by #id");
    snprintf(buf, sizeof buf, "%lld", (long long)id);
    check(find(st, buf) == id, "by a plain id");
    check(find(st, "Diplomatie Préventive") == id, "case-insensitively");
    check(find(st, "diplomaties préventives") == id, "by key");
    check(tx_review_find(st, "paix durable", TX_DATA_DIR, &other, &err) == TX_ENOTFOUND &&
          strstr(err.msg, "paix durable"), "unknown: %s", err.msg);
    check(tx_review_find(st, "#99999", NULL, &other, &err) == TX_ENOTFOUND, "#99999");
    check(tx_review_find(st, "#x", NULL, &other, &err) == TX_EINVAL, "#x");
}

static void test_status(tx_store *st, int64_t id)
{
    tx_review r = {"anna", 0};
    tx_term_review tr;
    tx_error err = {TX_OK, ""};

    check(tx_review_get(st, id, &tr, &err) == TX_OK && tr.version == 1 &&
          !tr.form_locked, "fresh term: version %lld", (long long)tr.version);
    r.version = 1;
    check(tx_review_status(st, id, TX_TERM_APPROVED, &r, &err) == TX_OK, "%s", err.msg);
    check(q_id("SELECT status = 'approved' AND listed = 1 AND version = 2 FROM terms"
               " WHERE id = %lld", id) == 1, "approved, listed, version 2");
    /* A decision on version 1 again: stale, naming the last change. */
    check(tx_review_status(st, id, TX_TERM_REJECTED, &r, &err) == TX_ESTALE, "stale");
    check(strstr(err.msg, "changed since you read it (version 1, now 2: approve by anna"),
          "%s", err.msg);
    check(q_id("SELECT status FROM terms WHERE id = %lld", id) >= 0 &&
          q_id("SELECT count(*) FROM history WHERE term_id = %lld", id) == 1,
          "a refused decision leaves no trace");
    check(tx_review_status(st, 0, TX_TERM_APPROVED, NULL, &err) == TX_ENOTFOUND,
          "no term 0");
    check(tx_review_status(st, id, (tx_term_status)9, NULL, &err) == TX_EINVAL,
          "no status 9");
}

static void test_fields(tx_store *st, int64_t id, int64_t other)
{
    tx_term_review tr;
    tx_error err = {TX_OK, ""};
    char big[70000], buf[256];

    check(tx_review_set(st, id, TX_FIELD_NOTE, "à revoir", NULL, &err) == TX_OK, "%s",
          err.msg);
    check(tx_review_set(st, id, TX_FIELD_DOMAIN, "relations internationales", NULL,
                        &err) == TX_OK, "%s", err.msg);
    check(tx_review_get(st, id, &tr, &err) == TX_OK, "%s", err.msg);
    check_str(tr.fields[TX_FIELD_NOTE], "à revoir");
    check_str(tr.fields[TX_FIELD_DOMAIN], "relations internationales");
    check(tr.fields[TX_FIELD_DEFINITION] == NULL, "unset definition");
    check(tx_review_set(st, id, TX_FIELD_NOTE, "", NULL, &err) == TX_OK, "%s", err.msg);
    check(tx_review_get(st, id, &tr, &err) == TX_OK && !tr.fields[TX_FIELD_NOTE],
          "note cleared");
    /* The form: not empty, not another term's, one line of XML characters. */
    check(tx_review_set(st, id, TX_FIELD_FORM, "", NULL, &err) == TX_EINVAL, "empty form");
    check(tx_review_set(st, id, TX_FIELD_FORM, NULL, NULL, &err) == TX_EINVAL, "NULL form");
    snprintf(buf, sizeof buf, "SELECT canonical FROM terms WHERE id = %lld",
             (long long)other);
    {
        char form[256];
        raw_text(buf, form, sizeof form);
        check(tx_review_set(st, id, TX_FIELD_FORM, form, NULL, &err) == TX_EINVAL &&
              strstr(err.msg, form) && strstr(err.msg, "merge"), "taken: %s", err.msg);
        /* the same written with another case is that term's form too */
        for (char *p = form; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
        check(tx_review_set(st, id, TX_FIELD_FORM, form, NULL, &err) == TX_EINVAL &&
              strstr(err.msg, "merge"), "taken, another case: %s", err.msg);
    }
    check(tx_review_set(st, id, TX_FIELD_NOTE, "a\x01z", NULL, &err) == TX_EINVAL,
          "control character");
    check(tx_review_set(st, id, TX_FIELD_NOTE, "caf\xe9", NULL, &err) == TX_EINVAL,
          "Latin-1");
    check(tx_review_set(st, id, TX_FIELD_FORM, "a\nb", NULL, &err) == TX_EINVAL,
          "a form is one line");
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    check(tx_review_set(st, id, TX_FIELD_DEFINITION, big, NULL, &err) == TX_EINVAL,
          "too long");
    check(tx_review_set(st, id, TX_FIELD_FORM, "diplomatie préventive (DP)", NULL, &err) ==
              TX_OK, "%s", err.msg);
    check(tx_review_get(st, id, &tr, &err) == TX_OK && tr.form_locked &&
              check_streq(tr.fields[TX_FIELD_FORM], "diplomatie préventive (DP)"),
          "form set and locked");
    check(find(st, "diplomatie préventive (DP)") == id, "found by its new form");
    check(tx_review_unlock_form(st, id, NULL, &err) == TX_OK, "%s", err.msg);
    check(tx_review_get(st, id, &tr, &err) == TX_OK && !tr.form_locked,
          "form unlocked");
    check(q_id("SELECT count(*) FROM history WHERE term_id = %lld AND action IN"
               " ('set-note', 'set-domain', 'clear-note', 'form', 'unlock-form')", id) == 5,
          "each change in the history");
}

/* Grouped decisions: rolled back together; committed with one version step. */
static void test_transaction(tx_store *st, int64_t a, int64_t b)
{
    tx_error err = {TX_OK, ""};
    long long va = q_id("SELECT version FROM terms WHERE id = %lld", a);
    long long ha = q_id("SELECT count(*) FROM history WHERE term_id = %lld", a);
    tx_review r = {"bob", va};

    check(tx_review_end(st, 1, &err) == TX_EINVAL, "end without begin");
    check(tx_review_begin(st, &err) == TX_OK, "%s", err.msg);
    check(tx_review_begin(st, &err) == TX_EINVAL, "nested begin");
    check(tx_review_status(st, a, TX_TERM_REJECTED, &r, &err) == TX_OK, "%s", err.msg);
    check(tx_review_set(st, b, TX_FIELD_DEFINITION, "x", NULL, &err) == TX_OK, "%s",
          err.msg);
    check(tx_review_end(st, 0, &err) == TX_OK, "%s", err.msg);
    check(q_id("SELECT version FROM terms WHERE id = %lld", a) == va &&
              q_id("SELECT count(*) FROM history WHERE term_id = %lld", a) == ha &&
              q_id("SELECT definition IS NULL FROM terms WHERE id = %lld", b) == 1,
          "rolled back");
    check(tx_review_begin(st, &err) == TX_OK, "%s", err.msg);
    check(tx_review_set(st, a, TX_FIELD_USAGE, "formel", &r, &err) == TX_OK, "%s",
          err.msg);
    /* The same version the person saw: one change, not stale. */
    check(tx_review_set(st, a, TX_FIELD_GEO, "Canada", &r, &err) == TX_OK, "%s", err.msg);
    check(tx_review_end(st, 1, &err) == TX_OK, "%s", err.msg);
    check(q_id("SELECT version FROM terms WHERE id = %lld", a) == va + 1, "one step");
    check(q_id("SELECT count(*) FROM history WHERE term_id = %lld", a) == ha + 2,
          "two lines");
}

/* Extraction keeps a form a person set, and a decision. */
static void test_extract_again(tx_store *st, int64_t id, const char *more)
{
    tx_error err = {TX_OK, ""};
    char buf[256];

    check(tx_review_set(st, id, TX_FIELD_FORM, "Développement Durable", NULL, &err) ==
              TX_OK, "%s", err.msg);
    extract(st, more);
    snprintf(buf, sizeof buf, "SELECT canonical FROM terms WHERE id = %lld", (long long)id);
    {
        char form[256];
        check_str(raw_text(buf, form, sizeof form), "Développement Durable");
    }
    check(q_id("SELECT freq > 3 FROM terms WHERE id = %lld", id) == 1, "counts added");
}

/* Translations: an aligned candidate approved keeps its evidence; alignment
 * run again keeps approved and forbidden ones, without duplicates. */
static void test_translations(tx_store *st, int64_t id, const char *fr, const char *en)
{
    tx_error err = {TX_OK, ""};
    char sql[512];

    snprintf(sql, sizeof sql, "SELECT count(*) FROM translations WHERE term_id = %lld"
             " AND text = 'preventive diplomacy' AND segment_id IS NOT NULL"
             " AND status = 'candidate'", (long long)id);
    check(raw_int(sql) == 1, "an aligned candidate");
    check(tx_review_translation(st, id, "en", "preventive diplomacy", TX_TR_APPROVED,
                                "the UN's", NULL, &err) == TX_OK, "%s", err.msg);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM translations WHERE term_id = %lld"
             " AND text = 'preventive diplomacy' AND segment_id IS NOT NULL"
             " AND n_segments > 0 AND status = 'approved' AND note = 'the UN''s'",
             (long long)id);
    check(raw_int(sql) == 1, "approved, evidence kept");
    check(tx_review_translation(st, id, "en", "preventative diplomacy", TX_TR_FORBIDDEN,
                                NULL, NULL, &err) == TX_OK, "%s", err.msg);
    check(tx_review_translation(st, id, "en", "", TX_TR_APPROVED, NULL, NULL, &err) ==
              TX_EINVAL, "empty translation");
    check(tx_review_translation(st, id, "", "x", TX_TR_APPROVED, NULL, NULL, &err) ==
              TX_EINVAL, "no language");
    align(st, fr, en);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM translations WHERE term_id = %lld"
             " AND ((text = 'preventive diplomacy' AND status = 'approved')"
             " OR (text = 'preventative diplomacy' AND status = 'forbidden'"
             " AND method = 'review'))", (long long)id);
    check(raw_int(sql) == 2, "alignment keeps the decisions");
    check(raw_int("SELECT count(*) FROM (SELECT 1 FROM translations"
                  " GROUP BY term_id, lang, text HAVING count(*) > 1)") == 0,
          "no translation twice");
    check(raw_int("SELECT count(*) FROM translations WHERE status IS NULL") == 0,
          "aligned ones are candidates");
    check(tx_review_remove_translation(st, id, "en", "preventative diplomacy", NULL,
                                       &err) == TX_OK, "%s", err.msg);
    check(tx_review_remove_translation(st, id, "en", "preventative diplomacy", NULL,
                                       &err) == TX_ENOTFOUND, "removed already");
}

/* Merge `from` into `into`: counts summed, rows moved, one history. */
static void test_merge(tx_store *st, int64_t into, int64_t from, const char *more)
{
    tx_error err = {TX_OK, ""};
    long long freq = q_id("SELECT freq FROM terms WHERE id = %lld", into) +
                     q_id("SELECT freq FROM terms WHERE id = %lld", from);
    long long hist = q_id("SELECT count(*) FROM history WHERE term_id = %lld", into) +
                     q_id("SELECT count(*) FROM history WHERE term_id = %lld", from);
    long long vars = q_id("SELECT count(*) FROM variants WHERE term_id = %lld", from);
    char key[256], sql[512];

    snprintf(sql, sizeof sql, "SELECT key FROM terms WHERE id = %lld", (long long)from);
    raw_text(sql, key, sizeof key);
    /* `from` has a translation `into` has as a candidate: approved wins. */
    check(tx_review_translation(st, from, "en", "sustainable development", TX_TR_APPROVED,
                                NULL, NULL, &err) == TX_OK, "%s", err.msg);
    check(tx_review_set(st, from, TX_FIELD_DEFINITION, "def", NULL, &err) == TX_OK, "%s",
          err.msg);
    check(tx_review_merge(st, into, into, NULL, &err) == TX_EINVAL, "into itself");
    check(tx_review_merge(st, into, from, NULL, &err) == TX_OK, "%s", err.msg);
    check(q_id("SELECT count(*) FROM terms WHERE id = %lld", from) == 0, "from deleted");
    check(q_id("SELECT freq FROM terms WHERE id = %lld", into) == freq, "freq summed");
    check(q_id("SELECT df = json_array_length(doc_counts) FROM terms WHERE id = %lld",
               into) == 1, "df counts the documents");
    check(raw_int("SELECT count(*) FROM (SELECT 1 FROM terms, json_each(doc_counts) j"
                  " GROUP BY terms.id, j.value ->> 0 HAVING count(*) > 1)") == 0,
          "one pair per document");
    check(q_id("SELECT count(*) FROM variants WHERE term_id = %lld", into) >= vars,
          "variants moved");
    check(q_id("SELECT definition = 'def' FROM terms WHERE id = %lld", into) == 1,
          "a field into lacked");
    check(q_id("SELECT count(*) FROM translations WHERE term_id = %lld"
               " AND text = 'sustainable development' AND status = 'approved'", into) == 1,
          "translations merged");
    /* Both histories, the two decisions above on `from`, and the merge. */
    check(q_id("SELECT count(*) FROM history WHERE term_id = %lld", into) == hist + 3,
          "histories joined, plus the merge");
    check(q_id("SELECT count(*) FROM history WHERE term_id = %lld AND action = 'merge'",
               into) == 1, "a merge line");
    check(fk_clean(), "foreign keys");
    /* Extraction that finds `from`'s key adds to `into`. */
    freq = q_id("SELECT freq FROM terms WHERE id = %lld", into);
    extract(st, more);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM terms WHERE key = '%s'", key);
    check(raw_int(sql) == 0, "the merged key is not a term again");
    check(q_id("SELECT freq FROM terms WHERE id = %lld", into) > freq,
          "its counts go to the term merged into");
    check(raw_int("SELECT count(*) FROM (SELECT 1 FROM terms, json_each(doc_counts) j"
                  " GROUP BY terms.id, j.value ->> 0 HAVING count(*) > 1)") == 0 &&
              q_id("SELECT df = json_array_length(doc_counts) FROM terms WHERE id = %lld",
                   into) == 1, "still one pair per document");
    check(fk_clean(), "foreign keys after extraction");
}

static void test_delete(tx_store *st, int64_t id)
{
    tx_error err = {TX_OK, ""};
    const char *orphans = "SELECT count(*) FROM sentences WHERE id NOT IN"
                          " (SELECT sentence_id FROM contexts)";

    check(raw_int(orphans) == 0, "no unused sentence before");
    check(q_id("SELECT count(*) FROM contexts WHERE term_id = %lld", id) > 0, "contexts");
    check(tx_review_delete(st, id, NULL, &err) == TX_OK, "%s", err.msg);
    check(q_id("SELECT (SELECT count(*) FROM terms WHERE id = %1$lld)"
               " + (SELECT count(*) FROM variants WHERE term_id = %1$lld)"
               " + (SELECT count(*) FROM contexts WHERE term_id = %1$lld)"
               " + (SELECT count(*) FROM translations WHERE term_id = %1$lld)"
               " + (SELECT count(*) FROM relations WHERE term_id = %1$lld)", id) == 0,
          "everything on it deleted");
    check(raw_int(orphans) == 0, "no unused sentence after");
    check(q_id("SELECT count(*) FROM history WHERE term_id = %lld AND action = 'delete'",
               id) == 1, "the history stays");
    check(tx_review_delete(st, id, NULL, &err) == TX_ENOTFOUND, "deleted already");
    check(fk_clean(), "foreign keys");
}

static int count_history(const tx_history *h, void *arg)
{
    (void)h;
    (*(int *)arg)++;
    return 0;
}

/* SOURCE_DATE_EPOCH makes the history's times reproducible. */
static void test_epoch(tx_store *st, int64_t id)
{
    tx_error err = {TX_OK, ""};
    tx_review r = {"carla", 0};
    char buf[64];
    int n = 0;

    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    check(tx_review_status(st, id, TX_TERM_CANDIDATE, &r, &err) == TX_OK, "%s", err.msg);
    unsetenv("SOURCE_DATE_EPOCH");
    check_str(raw_text("SELECT at || ' ' || who || ' ' || action FROM history"
                       " ORDER BY id DESC LIMIT 1", buf, sizeof buf),
              "2023-11-14T22:13:20Z carla reset");
    check(tx_review_history(st, id, count_history, &n, &err) == TX_OK && n ==
              q_id("SELECT count(*) FROM history WHERE term_id = %lld", id),
          "history: %d lines", n);
}

int main(void)
{
    char fr[256], en[256], more[256], more2[256], cmd[300];
    tx_store *st = NULL;
    tx_error err = {TX_OK, ""};
    int64_t dp, dd, cr;

    test_names();
    snprintf(dir, sizeof dir, "%s/test_review.XXXXXX", check_tmp_dir());
    if (!mkdtemp(dir))
        return 1;
    snprintf(db, sizeof db, "%s/g.db", dir);
    snprintf(fr, sizeof fr, "%s/fr.txt", dir);
    snprintf(en, sizeof en, "%s/en.txt", dir);
    snprintf(more, sizeof more, "%s/more.txt", dir);
    snprintf(more2, sizeof more2, "%s/more2.txt", dir);
    write_file(fr,
               "La diplomatie préventive est une priorité du Centre régional.\n"
               "Le développement durable exige une coopération régionale.\n"
               "La diplomatie préventive contribue au développement durable.\n"
               "Les États soutiennent la diplomatie préventive.\n"
               "Le développement durable reste un objectif commun.\n"
               "La coopération régionale renforce la diplomatie préventive.\n");
    write_file(en,
               "Preventive diplomacy is a priority of the Regional Centre.\n"
               "Sustainable development requires regional cooperation.\n"
               "Preventive diplomacy contributes to sustainable development.\n"
               "States support preventive diplomacy.\n"
               "Sustainable development remains a common goal.\n"
               "Regional cooperation strengthens preventive diplomacy.\n");
    write_file(more, "Le développement durable avance. Le développement durable.\n"
                     "La coopération régionale progresse.\n");
    write_file(more2, "Une coopération régionale nouvelle. La coopération régionale.\n"
                      "Le développement durable encore.\n");
    check(tx_store_open(db, &st, &err) == TX_OK, "%s", err.msg);
    extract(st, fr);
    align(st, fr, en);
    dp = find(st, "diplomatie préventive");
    dd = find(st, "développement durable");
    cr = find(st, "coopération régionale");
    check(dp && dd && cr && dp != dd && dd != cr, "three terms");
    test_find(st);
    test_status(st, dp);
    test_fields(st, dp, dd);
    test_transaction(st, dp, cr);
    test_extract_again(st, dd, more);
    test_translations(st, dp, fr, en);
    test_merge(st, dd, cr, more2);
    test_delete(st, dp);
    test_epoch(st, dd);
    tx_store_close(st);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    check(system(cmd) == 0, "cleanup");
    return check_done();
}
