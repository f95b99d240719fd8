/* test_store.c: unit tests for the glossary database (glossary/store.c).
 * Each test works on a fresh file in a temporary directory removed at the end;
 * a raw SQLite connection checks what tx_store wrote. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "store.h"

static char tmpdir[160];
static char dbpath[256];
static int n_db;

/* Point dbpath at a new database file name in tmpdir. */
static const char *new_db(void)
{
    snprintf(dbpath, sizeof dbpath, "%s/g%d.db", tmpdir, n_db++);
    return dbpath;
}

/* Remove a database file and its WAL companions. */
static void remove_db(const char *path)
{
    char buf[160];

    remove(path);
    snprintf(buf, sizeof buf, "%s-wal", path);
    remove(buf);
    snprintf(buf, sizeof buf, "%s-shm", path);
    remove(buf);
    snprintf(buf, sizeof buf, "%s-journal", path);
    remove(buf);
}

/* The integer result of `sql` on a raw connection to `path` (-1 on error). */
static long long raw_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    long long v = -1;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

/* Run `sql` on a raw connection to `path`; 1 on success. */
static int raw_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    int ok;

    ok = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
         sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

static tx_store *open_ok(const char *path)
{
    tx_store *st = NULL;
    tx_error err = { TX_OK, "" };
    tx_status rc = tx_store_open(path, &st, &err);

    check(rc == TX_OK && st, "open %s: %s", path, err.msg);
    return st;
}

static int64_t add_doc(tx_store *st, const char *path, const char *hash)
{
    tx_doc_row d = { path, hash, "fr", 1000, 6000 };
    tx_error err = { TX_OK, "" };
    int64_t id = 0;

    check(tx_store_add_document(st, &d, &id, &err) == TX_OK && id > 0, "%s", err.msg);
    return id;
}

/* Merge a term seen only as `surface` (count `n`, in document `doc`). */
static void merge_simple(tx_store *st, const char *key, const char *surface,
                         unsigned n_words, uint64_t n, int64_t doc)
{
    tx_variant_row v = { surface, n, surface[0] >= 'a' && surface[0] <= 'z' };
    tx_doc_count dc = { doc, n };
    tx_occ_row row = { "fr", key, n_words, 2, &v, 1, &dc, 1, NULL, 0, 0, 0, 0, 0, 0, NULL, 0 };
    tx_error err = { TX_OK, "" };

    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "merge %s: %s", key, err.msg);
}

static tx_term_info *find(tx_store *st, const char *text, const char *key)
{
    tx_term_info *info = NULL;
    tx_error err = { TX_OK, "" };
    tx_status rc = tx_store_find_term(st, text, key, &info, &err);

    check(rc == TX_OK && info, "find '%s': %s", text, err.msg);
    return info;
}

/* ---- open and migrations ---- */

static void test_open_creates_schema(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    tx_error err = { TX_OK, "" };
    uint64_t n_docs = 9, n_listed = 9;

    check(raw_int(path, "PRAGMA user_version") == TX_STORE_SCHEMA_VERSION, "version");
    check(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND"
                        " name IN ('meta', 'documents', 'terms', 'variants',"
                        " 'sentences', 'contexts', 'translations', 'relations')") == 8,
          "tables");
    check(raw_int(path, "SELECT count(*) FROM pragma_journal_mode"
                        " WHERE journal_mode = 'wal'") == 1, "WAL mode");
    check(raw_int(path, "SELECT count(*) FROM meta WHERE key = 'application'"
                        " AND value = 'termex'") == 1, "meta");
    check(tx_store_counts(st, &n_docs, &n_listed, &err) == TX_OK, "%s", err.msg);
    check(n_docs == 0 && n_listed == 0, "empty counts %llu %llu",
          (unsigned long long)n_docs, (unsigned long long)n_listed);
    tx_store_close(st);
    tx_store_close(NULL);
    remove_db(path);
}

static void test_reopen(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    long long n_meta;

    add_doc(st, "a/A_RES_73_338.txt", "aa01");
    merge_simple(st, "diplomat préventiv", "diplomatie préventive", 2, 3, 1);
    tx_store_close(st);
    n_meta = raw_int(path, "SELECT count(*) FROM meta");
    /* Reopening an up-to-date glossary must not migrate (nor touch the data). */
    st = open_ok(path);
    tx_store_close(st);
    check(raw_int(path, "PRAGMA user_version") == TX_STORE_SCHEMA_VERSION, "version");
    check(raw_int(path, "SELECT count(*) FROM meta") == n_meta, "meta rows");
    check(raw_int(path, "SELECT count(*) FROM documents") == 1, "documents kept");
    check(raw_int(path, "SELECT freq FROM terms") == 3, "term kept");
    remove_db(path);
}

static void test_not_a_db(void)
{
    const char *path = new_db();
    FILE *f = fopen(path, "w");
    tx_store *st = (tx_store *)&st;
    tx_error err = { TX_OK, "" };
    tx_status rc;
    int i;

    check(f != NULL, "cannot create %s", path);
    if (!f)
        return;
    for (i = 0; i < 40; i++)
        fputs("Ceci n'est pas une base de données : diplomatie préventive.\n", f);
    fclose(f);
    rc = tx_store_open(path, &st, &err);
    check(rc == TX_EDB, "rc %d", (int)rc);
    check(st == NULL, "no handle on failure");
    check(strstr(err.msg, path) != NULL, "message names the file: %s", err.msg);
    check(strstr(err.msg, "not a termex glossary") != NULL, "message: %s", err.msg);
    remove_db(path);

    /* A SQLite database of some other program is not ours either. */
    path = new_db();
    {
        sqlite3 *db = NULL;

        check(sqlite3_open(path, &db) == SQLITE_OK &&
              sqlite3_exec(db, "CREATE TABLE notes (x)", NULL, NULL, NULL) == SQLITE_OK,
              "create %s", path);
        sqlite3_close(db);
    }
    rc = tx_store_open(path, &st, &err);
    check(rc == TX_EDB && st == NULL, "foreign db: rc %d", (int)rc);
    check(strstr(err.msg, "not a termex glossary") != NULL, "message: %s", err.msg);
    remove_db(path);
}

static void test_too_new(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    tx_error err = { TX_OK, "" };
    char want[256];
    tx_status rc;

    tx_store_close(st);
    check(raw_exec(path, "PRAGMA user_version = 99"), "set version");
    rc = tx_store_open(path, &st, &err);
    check(rc == TX_EDB && st == NULL, "rc %d", (int)rc);
    snprintf(want, sizeof want,
             "%s: glossary schema version 99 is newer than this termex supports", path);
    check_str(err.msg, want);
    remove_db(path);
}

static void test_bad_args(void)
{
    tx_store *st = NULL;
    tx_error err = { TX_OK, "" };

    check(tx_store_open(NULL, &st, &err) == TX_EINVAL, "NULL path");
    check(tx_store_open("", &st, &err) == TX_EINVAL, "empty path");
    check(tx_store_open("/nonexistent-dir/x/g.db", &st, &err) == TX_EDB && !st,
          "unopenable");
    check(strstr(err.msg, "/nonexistent-dir/x/g.db") != NULL, "names file: %s", err.msg);
}

/* ---- documents ---- */

static void test_documents(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    tx_doc_row d = { "corpus/A_RES_73_338.txt", "ab12", "fr", 5000, 31000 };
    tx_error err = { TX_OK, "" };
    int64_t id = 0, found = -1;
    uint64_t n_docs = 0;

    check(tx_store_find_document(st, "ab12", &found, &err) == TX_OK && found == 0,
          "absent: %lld", (long long)found);
    check(tx_store_add_document(st, &d, &id, &err) == TX_OK && id > 0, "%s", err.msg);
    check(tx_store_find_document(st, "ab12", &found, &err) == TX_OK && found == id,
          "found %lld want %lld", (long long)found, (long long)id);
    check(tx_store_find_document(st, "cd34", &found, &err) == TX_OK && found == 0,
          "other hash");
    /* The same content under another name is the same document. */
    d.path = "copie.txt";
    check(tx_store_add_document(st, &d, &id, &err) == TX_EDB, "duplicate hash");
    check(strstr(err.msg, "copie.txt") && strstr(err.msg, path), "message: %s", err.msg);
    check(tx_store_counts(st, &n_docs, NULL, &err) == TX_OK && n_docs == 1, "count");
    check(raw_int(path, "SELECT n_bytes FROM documents") == 31000, "n_bytes");
    tx_store_close(st);
    remove_db(path);
}

/* ---- merging ---- */

static void test_merge_accumulates(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    const char *key = "zon de paix , de confianc et de coopér";
    tx_variant_row v1[] = {
        { "zone de paix, de confiance et de coopération", 4, 1 },
        { "Zone de paix, de confiance et de coopération", 1, 0 },
    };
    tx_variant_row v2[] = {
        { "zone de paix, de confiance et de coopération", 2, 1 },
        { "zones de paix, de confiance et de coopération", 1, 1 },
    };
    int64_t d1 = add_doc(st, "A_72_90.txt", "h1"), d2 = add_doc(st, "A_73_99.txt", "h2");
    int64_t d3 = add_doc(st, "A_74_12.txt", "h3");
    tx_doc_count c1[] = { { d1, 3 }, { d2, 2 } };
    tx_doc_count c2[] = { { d3, 3 } };
    tx_occ_row row = { "fr", key, 7, 4, v1, 2, c1, 2, NULL, 0, 0, 0, 0, 0, 0, NULL, 0 };
    tx_error err = { TX_OK, "" };
    long long id1, id2;

    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    id1 = raw_int(path, "SELECT id FROM terms");
    row.variants = v2;
    row.docs = c2;
    row.n_docs = 1;
    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    id2 = raw_int(path, "SELECT id FROM terms");
    /* A caller that wrongly claims a key is new gets an error, never a
     * second term with that key. */
    row.known_new = 1;
    check(tx_store_merge_term(st, &row, 5, &err) != TX_OK, "known_new on a stored key");
    check(strstr(err.msg, "UNIQUE") || strstr(err.msg, "unique"), "%s", err.msg);
    tx_store_close(st);
    check(raw_int(path, "SELECT count(*) FROM terms") == 1, "one term");
    check(id1 == id2 && id1 > 0, "id kept: %lld %lld", id1, id2);
    check(raw_int(path, "SELECT freq FROM terms") == 8, "freq");
    check(raw_int(path, "SELECT df FROM terms") == 3, "df");
    check(raw_int(path, "SELECT n_words FROM terms") == 7, "n_words");
    check(raw_int(path, "SELECT count(*) FROM variants") == 3, "variants");
    check(raw_int(path, "SELECT count FROM variants WHERE surface ="
                        " 'zone de paix, de confiance et de coopération'") == 6,
          "variant count");
    check(raw_int(path, "SELECT json_array_length(doc_counts) FROM terms") == 3,
          "per-document counts");
    check(raw_int(path, "SELECT sum(j.value ->> 1) FROM terms, json_each(doc_counts) j") ==
              raw_int(path, "SELECT freq FROM terms"),
          "per-document counts add up to the frequency");
    check(raw_int(path, "SELECT status = 'candidate' AND listed = 0 FROM terms") == 1,
          "new terms are unlisted candidates");
    remove_db(path);
}

/* Check that the term with key `key` has canonical form `want`. */
static int canonical_is(tx_store *st, const char *key, const char *want)
{
    tx_term_info *info = find(st, key, key);
    int ok = info && strcmp(info->term.canonical, want) == 0;

    check(ok, "canonical of '%s' is '%s', want '%s'", key,
          info ? info->term.canonical : "(none)", want);
    tx_term_info_free(info);
    return ok;
}

static void test_canonical(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    int64_t d1 = add_doc(st, "A_RES_73_338.txt", "c1");
    int64_t d2 = add_doc(st, "A_RES_74_1.txt", "c2");
    tx_variant_row zp[] = {
        { "Zone de paix", 1, 0 },
        { "zones de paix", 1, 1 },
        { "zone de paix", 3, 1 },
    };
    tx_variant_row nu[] = {
        { "Nations Unies", 7, 0 },
        { "NATIONS UNIES", 2, 0 },
    };
    tx_variant_row osc1[] = { { "Organisation de Shanghai pour la coopération", 2, 0 } };
    tx_variant_row osc2[] = { { "organisation de Shanghai pour la coopération", 1, 1 } };
    tx_variant_row tie1[] = { { "Maintien de la paix", 2, 0 } };
    tx_variant_row tie2[] = {
        { "opérations de maintien de la paix", 2, 1 },
        { "opération de maintien de la paix", 2, 1 },
    };
    tx_variant_row tie3[] = { { "opération de maintien de la paix", 0, 1 } };
    tx_doc_count dc1 = { d1, 5 }, dc2 = { d2, 1 };
    tx_occ_row row = { "fr", "zon de paix", 3, 2, zp, 3, &dc1, 1, NULL, 0, 0, 0, 0, 0, 0, NULL, 0 };
    tx_error err = { TX_OK, "" };

    /* Most frequent lower-case-initial variant wins over the capitalised one. */
    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    canonical_is(st, "zon de paix", "zone de paix");
    /* No lower-case initial at all: the most frequent variant. */
    row = (tx_occ_row){ "fr", "nation uni", 2, 2, nu, 2, &dc1, 1, NULL, 0, 0, 0, 0, 0, 0, NULL, 0 };
    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    canonical_is(st, "nation uni", "Nations Unies");
    /* Across runs: a single lower-case occurrence beats a frequent capitalised one. */
    row = (tx_occ_row){ "fr", "organis de shanghai pour la coopér", 5, 3, osc1, 1,
                        &dc1, 1, NULL, 0, 0, 0, 0, 0, 0, NULL, 0 };
    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    canonical_is(st, "organis de shanghai pour la coopér",
                 "Organisation de Shanghai pour la coopération");
    row.variants = osc2;
    row.docs = &dc2;
    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    canonical_is(st, "organis de shanghai pour la coopér",
                 "organisation de Shanghai pour la coopération");
    /* Ties go to the first variant in binary order, whatever the order they
     * arrive in ("opérations" came first here): the glossary must not depend
     * on the order of the documents. */
    row = (tx_occ_row){ "fr", "opér de maintien de la paix", 5, 3, tie1, 1, &dc1, 1,
                        NULL, 0, 0, 0, 0, 0, 0, NULL, 0 };
    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    row.variants = tie2;
    row.n_variants = 2;
    row.docs = &dc2;
    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    canonical_is(st, "opér de maintien de la paix",
                 "opération de maintien de la paix");
    row.variants = tie3;
    row.n_variants = 1;
    row.n_docs = 0;
    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    canonical_is(st, "opér de maintien de la paix",
                 "opération de maintien de la paix");
    /* The same tie in a new term, whose form is chosen before it is stored. */
    row = (tx_occ_row){ "fr", "opér de paix", 3, 2, tie2, 2, &dc1, 1,
                        NULL, 0, 0, 0, 0, 0, 0, NULL, 0 };
    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    canonical_is(st, "opér de paix", "opération de maintien de la paix");
    tx_store_close(st);
    remove_db(path);
}

/* The texts of the example sentences in `path`, sorted, '|'-separated, into
 * `out` ("" on error). */
static void context_texts(const char *path, char *out, size_t size)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;

    out[0] = '\0';
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT group_concat(text, '|') FROM (SELECT s.text FROM"
                           " contexts c JOIN sentences s ON s.id = c.sentence_id"
                           " ORDER BY s.text)", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(db);
}

/* Merge `n` example sentences of "diplomatie préventive" into a new glossary
 * at `path` in runs of `split` rows, in the order given by `order`, keeping
 * `max`; the documents x1..x5 are added first. */
static void merge_in_runs(const char *path, const tx_context_row *rows,
                          const size_t *order, size_t n, size_t split, unsigned max)
{
    tx_store *st = open_ok(path);
    tx_variant_row v = { "diplomatie préventive", 1, 1 };
    tx_error err = { TX_OK, "" };
    char name[16];

    for (int d = 1; d <= 5; d++) {
        snprintf(name, sizeof name, "x%d", d);
        add_doc(st, name, name);
    }
    for (size_t i = 0; i < n; i += split) {
        tx_context_row run[16];
        size_t k = 0;
        for (size_t j = i; j < n && j < i + split; j++)
            run[k++] = rows[order[j]];
        tx_occ_row row = { "fr", "diplomat préventiv", 2, 2, &v, 1, NULL, 0, run, k,
                           0, 0, 0, 0, 0, NULL, 0 };
        check(tx_store_merge_term(st, &row, max, &err) == TX_OK, "%s", err.msg);
        check(tx_store_drop_evicted(st, &err) == TX_OK, "%s", err.msg);
    }
    tx_store_close(st);
}

static void test_contexts(void)
{
    /* Documents x1..x5 are ids 1..5; (level, document hash) ranks a sentence. */
    const tx_context_row ctx[] = {
        { 1, "La diplomatie préventive reste la priorité du Secrétaire général.", NULL, "x1", 0, 0 },
        { 1, "Le Conseil souligne l'importance de la diplomatie préventive.", NULL, "x1", 1, 0 },
        { 1, "Les envoyés spéciaux jouent un rôle clé en diplomatie préventive.", NULL, "x1", 2, 0 },
        { 2, "La diplomatie préventive reste la priorité du Secrétaire général.", NULL, "x2", 0, 0 },
        { 2, "Il faut investir davantage dans la diplomatie préventive.", NULL, "x2", 1, 0 },
        { 2, "La diplomatie préventive et la médiation vont de pair.", NULL, "x2", 2, 0 },
        { 3, "Le Conseil souligne l'importance de la diplomatie préventive.", NULL, "x3", 0, 0 },
        { 3, "La diplomatie préventive suppose une alerte rapide.", NULL, "x3", 1, 0 },
        { 4, "Une autre phrase sur la diplomatie préventive.", NULL, "x4", 0, 0 },
        { 5, "Encore une phrase sur la diplomatie préventive.", NULL, "x5", 0, 0 },
    };
    const size_t in_order[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    const size_t reversed[] = { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 };
    const size_t mixed[] = { 6, 7, 3, 4, 5, 0, 1, 2, 9, 8 };
    char one[4096], other[4096];
    const char *path = new_db();

    /* First the level-0 sentences of every document (x2's is x1's text, and
     * x3's is x1's level-1 text: each kept once), then the level-1 ones. */
    merge_in_runs(path, ctx, in_order, 10, 10, 5);
    check(raw_int(path, "SELECT count(*) FROM contexts") == 5, "bounded by max");
    check(raw_int(path, "SELECT count(*) FROM contexts WHERE level = 0") == 4, "level 0");
    check(raw_int(path, "SELECT count(*) FROM contexts c JOIN sentences s ON"
                        " s.id = c.sentence_id WHERE s.text LIKE 'Il faut%'") == 1,
          "the best level-1 sentence");
    check(raw_int(path, "SELECT count(*) FROM sentences") == 5, "no sentence unused");
    context_texts(path, one, sizeof one);
    remove_db(path);
    /* Whatever the order and the runs, the same sentences; those a run had
     * kept and a later one outranks are gone, sentences included. */
    for (size_t split = 1; split <= 10; split += 3) {
        const size_t *orders[] = { in_order, reversed, mixed };
        for (size_t o = 0; o < 3; o++) {
            path = new_db();
            merge_in_runs(path, ctx, orders[o], 10, split, 5);
            context_texts(path, other, sizeof other);
            check(strcmp(one, other) == 0, "order %zu, runs of %zu: %s", o, split, other);
            check(raw_int(path, "SELECT count(*) FROM sentences") == 5,
                  "order %zu, runs of %zu: unused sentences left", o, split);
            remove_db(path);
        }
    }
    /* Max 3: the three level-0 texts. */
    path = new_db();
    merge_in_runs(path, ctx, reversed, 10, 4, 3);
    check(raw_int(path, "SELECT count(*) FROM contexts WHERE level = 0") == 3, "max 3");
    /* An imported sentence (level -1, the user's) stays, whatever comes. */
    check(raw_exec(path, "INSERT INTO sentences (id, doc_id, text) VALUES (99, 1,"
                         " 'Une phrase importée sur la diplomatie préventive.');"
                         "INSERT INTO contexts (term_id, sentence_id, level)"
                         " SELECT id, 99, -1 FROM terms"), "plant an imported context");
    {
        tx_store *st = open_ok(path);
        tx_variant_row v = { "diplomatie préventive", 1, 1 };
        tx_occ_row row = { "fr", "diplomat préventiv", 2, 2, &v, 1, NULL, 0, ctx, 10,
                           0, 0, 0, 0, 0, NULL, 0 };
        tx_error err = { TX_OK, "" };
        check(tx_store_merge_term(st, &row, 3, &err) == TX_OK, "%s", err.msg);
        check(tx_store_drop_evicted(st, &err) == TX_OK, "%s", err.msg);
        tx_store_close(st);
    }
    check(raw_int(path, "SELECT count(*) FROM contexts WHERE level = -1") == 1,
          "the imported sentence is kept");
    check(raw_int(path, "SELECT count(*) FROM contexts") == 3, "still max 3");
    remove_db(path);
}

/* A sentence that is the context of several terms is stored once. */
static void test_shared_sentence(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    int64_t d1 = add_doc(st, "a.txt", "z1");
    int64_t sid = 0;
    tx_variant_row v1 = { "diplomatie préventive", 1, 1 };
    tx_variant_row v2 = { "Asie centrale", 1, 0 };
    tx_doc_count dc[] = { { d1, 1 } };
    tx_context_row ctx[] = {
        { d1, "La diplomatie préventive en Asie centrale progresse.", &sid, "", 0, 0 },
    };
    tx_occ_row r1 = { "fr", "diplomat préventiv", 2, 2, &v1, 1, dc, 1, ctx, 1, 0, 0, 0, 0, 0, NULL, 0 };
    tx_occ_row r2 = { "fr", "asi central", 2, 2, &v2, 1, dc, 1, ctx, 1, 0, 0, 0, 0, 0, NULL, 0 };
    tx_error err = { TX_OK, "" };

    check(tx_store_merge_term(st, &r1, 3, &err) == TX_OK, "%s", err.msg);
    check(sid > 0, "the sentence id is handed back");
    check(tx_store_merge_term(st, &r2, 3, &err) == TX_OK, "%s", err.msg);
    check(raw_int(path, "SELECT count(*) FROM sentences") == 1, "stored once");
    check(raw_int(path, "SELECT count(*) FROM contexts") == 2, "two contexts");
    tx_term_info *info = find(st, "Asie centrale", NULL);
    check(info && info->n_contexts == 1 &&
              strcmp(info->contexts[0].sentence, ctx[0].sentence) == 0,
          "the shared sentence is read back");
    check(info && strcmp(info->contexts[0].path, "a.txt") == 0, "with its document");
    tx_term_info_free(info);
    tx_store_close(st);
    remove_db(path);
}

/* A glossary written by schema version 1 (tests/data/glossary-v1.db, made by
 * that version from tests/data/input/cp1252.txt) is upgraded on open. */
static void test_migration_from_v1(void)
{
    const char *path = new_db();
    char cmd[512];
    tx_store *st;

    snprintf(cmd, sizeof cmd, "cp '%s/glossary-v1.db' '%s'", TX_TEST_DATA, path);
    check(system(cmd) == 0, "copy the v1 fixture");
    check(raw_int(path, "PRAGMA user_version") == 1, "fixture is version 1");
    long long n_terms = raw_int(path, "SELECT count(*) FROM terms");
    st = open_ok(path);
    tx_store_close(st);
    check(raw_int(path, "PRAGMA user_version") == TX_STORE_SCHEMA_VERSION, "upgraded");
    check(raw_int(path, "SELECT count(*) FROM terms") == n_terms && n_terms > 0,
          "terms kept");
    check(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE name = 'segments'") == 1,
          "segments table added");
    check(raw_int(path, "SELECT count(*) FROM pragma_table_info('translations')"
                        " WHERE name = 'segment_id'") == 1, "translations.segment_id added");
    /* Its document left no nouns: the list says it is incomplete. */
    st = open_ok(path);
    int complete = 1;
    tx_error err = { TX_OK, "" };
    check(tx_store_nouns_complete(st, &complete, &err) == TX_OK && !complete,
          "a migrated glossary with documents has incomplete nouns");
    tx_store_close(st);
    remove_db(path);
}

/* ---- settings (meta) ---- */

/* A new glossary has none stored: defaults, no language; they round-trip;
 * one of schema 6 upgrades to the language of most terms and the default
 * thresholds; a bad stored value is an error, not a default. */
/* SQL that takes a glossary back to schema 7 (undoes migrations 7 -> 8 to
 * 11 -> 12). */
#define UNDO_V8 \
    "DROP TABLE words;" \
    "ALTER TABLE sentences DROP COLUMN page;" \
    "DROP TABLE extras;" \
    "DROP TABLE merged;" \
    "DROP TABLE history;" \
    "ALTER TABLE terms DROP COLUMN form_locked;" \
    "ALTER TABLE terms DROP COLUMN note;" \
    "ALTER TABLE terms DROP COLUMN definition;" \
    "ALTER TABLE terms DROP COLUMN domain;" \
    "ALTER TABLE terms DROP COLUMN usage;" \
    "ALTER TABLE terms DROP COLUMN gender;" \
    "ALTER TABLE terms DROP COLUMN geo;" \
    "ALTER TABLE terms DROP COLUMN term_type;" \
    "ALTER TABLE terms DROP COLUMN version;" \
    "ALTER TABLE translations DROP COLUMN note;" \
    "ALTER TABLE translations DROP COLUMN pos;" \
    "ALTER TABLE translations DROP COLUMN gender;" \
    "ALTER TABLE translations DROP COLUMN geo;" \
    "ALTER TABLE translations DROP COLUMN term_type;"

static void test_settings(void)
{
    const char *path = new_db();
    tx_error err = { TX_OK, "" };
    tx_settings s, t;
    char lang[16];
    tx_store *st = open_ok(path);

    check(tx_store_get_settings(st, &s, &err) == TX_OK, "%s", err.msg);
    check(!s.lang[0] && !s.profile[0] && !s.has_listing && s.listing.min_freq == 2 &&
          s.listing.min_words == 1 && s.listing.max_words == 8, "new glossary defaults");
    snprintf(s.lang, sizeof s.lang, "fr-CA");
    snprintf(s.profile, sizeof s.profile, "fr");
    s.listing = (tx_listing){5, 1, 6};
    check(tx_store_set_settings(st, &s, &err) == TX_OK, "%s", err.msg);
    check(tx_store_get_settings(st, &t, &err) == TX_OK, "%s", err.msg);
    check(strcmp(t.lang, "fr-CA") == 0 && strcmp(t.profile, "fr") == 0 && t.has_listing &&
          t.listing.min_freq == 5 && t.listing.min_words == 1 && t.listing.max_words == 6,
          "settings round-trip");
    check(tx_store_lang(st, lang, sizeof lang, &err) == TX_OK && !strcmp(lang, "fr-CA"),
          "tx_store_lang");
    check(tx_store_lang(st, lang, 3, &err) == TX_EINVAL, "tx_store_lang, no room");
    tx_store_close(st);

    /* A glossary of schema 6: terms in two languages, most of them "en". */
    check(raw_exec(path, UNDO_V8 "DELETE FROM meta WHERE key IN ('lang', 'profile', 'min_freq',"
                         " 'min_words', 'max_words'); PRAGMA user_version = 6"), "to v6");
    st = open_ok(path);
    merge_simple(st, "a b", "a b", 2, 2, add_doc(st, "d.txt", "h1"));
    tx_store_close(st);
    check(raw_exec(path, UNDO_V8 "UPDATE terms SET lang = 'en';"
                         " INSERT INTO terms (lang, key, canonical, n_words, n_content)"
                         " VALUES ('fr', 'x y', 'x y', 2, 2);"
                         " INSERT INTO terms (lang, key, canonical, n_words, n_content)"
                         " VALUES ('en', 'c d', 'c d', 2, 2);"
                         " DELETE FROM meta WHERE key IN ('lang', 'profile', 'min_freq',"
                         " 'min_words', 'max_words'); PRAGMA user_version = 6"), "to v6");
    check(raw_int(path, "SELECT count(*) FROM meta WHERE key = 'lang'") == 0, "no lang");
    st = open_ok(path);
    check(tx_store_get_settings(st, &s, &err) == TX_OK, "%s", err.msg);
    check(strcmp(s.lang, "en") == 0 && !s.profile[0] && s.has_listing &&
          s.listing.min_freq == 2 && s.listing.max_words == 8, "upgraded: lang %s", s.lang);
    tx_store_close(st);
    check(raw_int(path, "SELECT value FROM meta WHERE key = 'min_words'") == 2,
          "the upgrade stores the thresholds");

    check(raw_exec(path, "UPDATE meta SET value = 'many' WHERE key = 'min_freq'"), "bad");
    st = open_ok(path);
    check(tx_store_get_settings(st, &s, &err) == TX_EDB && strstr(err.msg, "min_freq"),
          "a bad stored threshold: %s", err.msg);
    tx_store_close(st);
    remove_db(path);

    /* A new glossary's upgrade stores no threshold: its first run does. */
    path = new_db();
    tx_store_close(open_ok(path));
    check(raw_int(path, "SELECT count(*) FROM meta WHERE key LIKE '%_words'") == 0,
          "no thresholds in a new glossary");
    remove_db(path);
}

/* ---- nouns ---- */

static int join_noun(const char *word, size_t len, void *arg)
{
    char *out = arg;
    size_t n = strlen(out);

    snprintf(out + n, 128 - n, "%.*s;", (int)len, word);
    return 0;
}

static void test_nouns(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    tx_error err = { TX_OK, "" };
    char got[128] = "";
    int complete = 0;

    check(tx_store_nouns_complete(st, &complete, &err) == TX_OK && complete,
          "a new glossary's nouns are complete");
    check(tx_store_add_noun(st, "fr", "diplomatie", 10, &err) == TX_OK, "%s", err.msg);
    check(tx_store_add_noun(st, "fr", "mesuresXX", 7, &err) == TX_OK, "%s", err.msg);
    check(tx_store_add_noun(st, "fr", "diplomatie", 10, &err) == TX_OK, "twice: kept");
    check(tx_store_add_noun(st, "en", "measures", 8, &err) == TX_OK, "%s", err.msg);
    check(tx_store_each_noun(st, "fr", join_noun, got, &err) == TX_OK, "%s", err.msg);
    check_str(got, "diplomatie;mesures;");
    got[0] = '\0';
    check(tx_store_each_noun(st, "de", join_noun, got, &err) == TX_OK && !got[0],
          "another language: none");
    tx_store_close(st);
    check(raw_int(path, "SELECT count(*) FROM nouns") == 3, "stored once each");
    remove_db(path);
}

static void test_rollback(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    tx_error err = { TX_OK, "" };
    int64_t d1 = add_doc(st, "A_RES_73_338.txt", "r1");
    long long terms, variants, docs;

    merge_simple(st, "diplomat préventiv", "diplomatie préventive", 2, 2, d1);
    terms = raw_int(path, "SELECT count(*) FROM terms");
    variants = raw_int(path, "SELECT sum(count) FROM variants");
    docs = raw_int(path, "SELECT count(*) FROM documents");
    check(tx_store_begin(st, &err) == TX_OK, "%s", err.msg);
    d1 = add_doc(st, "A_RES_74_2.txt", "r2");
    merge_simple(st, "diplomat préventiv", "Diplomatie préventive", 2, 4, d1);
    merge_simple(st, "nation uni", "Nations Unies", 2, 4, d1);
    tx_store_rollback(st);
    tx_store_rollback(st); /* no transaction: a no-op */
    check(raw_int(path, "SELECT count(*) FROM terms") == terms, "terms");
    check(raw_int(path, "SELECT sum(count) FROM variants") == variants, "variants");
    check(raw_int(path, "SELECT count(*) FROM documents") == docs, "documents");
    check(raw_int(path, "SELECT freq FROM terms") == 2, "freq");
    /* And a committed transaction stays. */
    check(tx_store_begin(st, &err) == TX_OK, "%s", err.msg);
    merge_simple(st, "nation uni", "Nations Unies", 2, 4, 1);
    check(tx_store_commit(st, &err) == TX_OK, "%s", err.msg);
    check(raw_int(path, "SELECT count(*) FROM terms") == terms + 1, "committed");
    /* Closing with an open transaction rolls it back. */
    check(tx_store_begin(st, &err) == TX_OK, "%s", err.msg);
    merge_simple(st, "conseil de sécur", "Conseil de sécurité", 2, 4, 1);
    tx_store_close(st);
    check(raw_int(path, "SELECT count(*) FROM terms") == terms + 1, "closed");
    remove_db(path);
}

/* ---- listing ---- */

#define MAX_LISTED 8

typedef struct listing {
    char canonical[MAX_LISTED][128];
    size_t n;
    size_t stop_after; /* 0: never stop */
    int fields_ok;
} listing;

static int collect(const tx_term *t, void *arg)
{
    listing *l = arg;

    if (l->n < MAX_LISTED)
        snprintf(l->canonical[l->n], sizeof l->canonical[0], "%s", t->canonical);
    l->n++;
    if (!t->key || strcmp(t->lang, "fr") != 0 || t->status != TX_TERM_CANDIDATE ||
        t->n_words == 0 || t->df == 0)
        l->fields_ok = 0;
    return l->stop_after && l->n >= l->stop_after;
}

static void list(tx_store *st, tx_sort sort, unsigned top, listing *l)
{
    tx_error err = { TX_OK, "" };
    size_t stop = l->stop_after;

    memset(l, 0, sizeof *l);
    l->stop_after = stop;
    l->fields_ok = 1;
    check(tx_store_list_terms(st, sort, top, collect, l, &err) == TX_OK, "%s", err.msg);
    check(l->fields_ok, "term fields filled");
}

/* Score the term whose key is `key`. */
static void set_score(tx_store *st, const char *key, double score, int listed)
{
    tx_term_info *info = find(st, key, key);
    tx_error err = { TX_OK, "" };

    if (!info)
        return;
    check(tx_store_set_score(st, info->term.id, score / 2, score, listed, &err) == TX_OK,
          "%s", err.msg);
    tx_term_info_free(info);
}

static void test_list(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    int64_t d = add_doc(st, "A_RES_73_338.txt", "l1");
    tx_error err = { TX_OK, "" };
    uint64_t n_listed = 0;
    listing l = { .stop_after = 0 };

    merge_simple(st, "zon de paix", "zone de paix", 3, 10, d);
    merge_simple(st, "étud de cas", "étude de cas", 3, 4, d);
    merge_simple(st, "état de droit", "État de droit", 3, 10, d);
    merge_simple(st, "économ vert", "économie verte", 2, 7, d);
    merge_simple(st, "diplomat préventiv", "diplomatie préventive", 2, 2, d);
    merge_simple(st, "bruit", "bruit de fond", 3, 50, d);
    set_score(st, "zon de paix", 9.0, 1);
    set_score(st, "étud de cas", 9.0, 1);
    set_score(st, "état de droit", 5.0, 1);
    set_score(st, "économ vert", 5.0, 1);
    set_score(st, "diplomat préventiv", 12.0, 1);
    set_score(st, "bruit", 20.0, 0); /* not listed: never shown */
    check(tx_store_set_score(st, 999, 1, 1, 1, &err) == TX_ENOTFOUND, "bad id");
    check(tx_store_counts(st, NULL, &n_listed, &err) == TX_OK && n_listed == 5, "listed");

    list(st, TX_SORT_SCORE, 0, &l);
    check(l.n == 5, "all listed: %zu", l.n);
    check_str(l.canonical[0], "diplomatie préventive");
    check_str(l.canonical[1], "zone de paix");   /* 9.0, freq 10 */
    check_str(l.canonical[2], "étude de cas");   /* 9.0, freq 4 */
    check_str(l.canonical[3], "État de droit");  /* 5.0, freq 10 */
    check_str(l.canonical[4], "économie verte");

    list(st, TX_SORT_FREQ, 0, &l);
    check_str(l.canonical[0], "zone de paix");   /* 10, score 9 */
    check_str(l.canonical[1], "État de droit");  /* 10, score 5 */
    check_str(l.canonical[2], "économie verte");
    check_str(l.canonical[3], "étude de cas");
    check_str(l.canonical[4], "diplomatie préventive");

    /* French order: accents and case do not push "É" after "z". */
    list(st, TX_SORT_ALPHA, 0, &l);
    check_str(l.canonical[0], "diplomatie préventive");
    check_str(l.canonical[1], "économie verte");
    check_str(l.canonical[2], "État de droit");
    check_str(l.canonical[3], "étude de cas");
    check_str(l.canonical[4], "zone de paix");

    list(st, TX_SORT_SCORE, 2, &l);
    check(l.n == 2, "top 2: %zu", l.n);
    check_str(l.canonical[1], "zone de paix");

    l.stop_after = 3;
    list(st, TX_SORT_ALPHA, 0, &l);
    check(l.n == 3, "callback stops: %zu", l.n);
    check(tx_store_list_terms(st, (tx_sort)42, 0, collect, &l, &err) == TX_EINVAL,
          "bad sort");
    tx_store_close(st);
    remove_db(path);
}

/* ---- each_term ---- */

static int sum_freq(const tx_score_row *r, void *arg)
{
    *(uint64_t *)arg += r->freq;
    return 0;
}

static void test_each_term(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    int64_t d = add_doc(st, "A_RES_73_338.txt", "e1");
    tx_error err = { TX_OK, "" };
    uint64_t total = 0;

    merge_simple(st, "zon de paix", "zone de paix", 3, 10, d);
    merge_simple(st, "nation uni", "Nations Unies", 2, 5, d);
    check(tx_store_each_term(st, "fr", sum_freq, &total, &err) == TX_OK, "%s", err.msg);
    check(total == 15, "sum %llu", (unsigned long long)total);
    total = 0;
    check(tx_store_each_term(st, "en", sum_freq, &total, &err) == TX_OK && total == 0,
          "other language");
    tx_store_close(st);
    remove_db(path);
}

/* ---- lookup ---- */

static void test_find(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    int64_t d1 = add_doc(st, "A_RES_73_338.txt", "f1");
    int64_t d2 = add_doc(st, "S_PRST_2019_2.txt", "f2");
    tx_variant_row v[] = {
        { "diplomatie préventive", 5, 1 },
        { "Diplomatie préventive", 2, 0 },
        { "diplomaties préventives", 6, 1 },
    };
    tx_doc_count dc[] = { { d1, 4 }, { d2, 9 } };
    tx_context_row ctx[] = {
        { d1, "La diplomatie préventive reste la priorité du Secrétaire général.", NULL, "", 0, 0 },
        { d2, "Le Conseil souligne l'importance de la diplomatie préventive.", NULL, "", 0, 0 },
    };
    tx_occ_row row = { "fr", "diplomat préventiv", 2, 2, v, 3, dc, 2, ctx, 2, 0, 0, 0, 0, 0, NULL, 0 };
    tx_error err = { TX_OK, "" };
    tx_term_info *info = NULL;
    long long id;

    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    id = raw_int(path, "SELECT id FROM terms");
    check(raw_exec(path, "INSERT INTO translations (term_id, lang, text, score, method,"
                         " n_segments) VALUES (1, 'en', 'preventive diplomacy', 0.9,"
                         " 'dice', 12), (1, 'en', 'prevention diplomacy', 0.2,"
                         " 'dice', 1)"), "translations");

    /* By canonical form: everything filled, in the documented orders. */
    info = find(st, "diplomaties préventives", NULL);
    if (info) {
        check(info->term.id == id, "id");
        check_str(info->term.canonical, "diplomaties préventives");
        check_str(info->term.key, "diplomat préventiv");
        check_str(info->term.lang, "fr");
        check(info->term.status == TX_TERM_CANDIDATE, "status %d", (int)info->term.status);
        check(info->term.freq == 13 && info->term.df == 2, "freq %llu df %u",
              (unsigned long long)info->term.freq, info->term.df);
        check(info->n_variants == 3, "variants %zu", info->n_variants);
        if (info->n_variants == 3) {
            check_str(info->variants[0].surface, "diplomaties préventives");
            check_str(info->variants[1].surface, "diplomatie préventive");
            check(info->variants[2].count == 2, "count");
        }
        check(info->n_docs == 2, "docs %zu", info->n_docs);
        if (info->n_docs == 2) {
            check_str(info->docs[0].path, "S_PRST_2019_2.txt");
            check(info->docs[0].count == 9, "doc count");
        }
        check(info->n_contexts == 2, "contexts %zu", info->n_contexts);
        if (info->n_contexts == 2) {
            check_str(info->contexts[0].path, "A_RES_73_338.txt");
            check(strstr(info->contexts[1].sentence, "Conseil") != NULL, "sentence");
        }
        check(info->n_translations == 2, "translations %zu", info->n_translations);
        if (info->n_translations == 2) {
            check_str(info->translations[0].text, "preventive diplomacy");
            check_str(info->translations[0].method, "dice");
            check(info->translations[0].score > 0.8, "score");
        }
    }
    tx_term_info_free(info);

    /* By a variant, case-insensitively (Latin-1 accents too), by key. */
    info = find(st, "Diplomatie préventive", NULL);
    check(info && info->term.id == id, "by variant");
    tx_term_info_free(info);
    info = find(st, "DIPLOMATIE PRÉVENTIVE", NULL);
    check(info && info->term.id == id, "case-insensitive canonical or variant");
    tx_term_info_free(info);
    info = find(st, "DIPLOMATIES PRÉVENTIVES", NULL);
    check(info && info->term.id == id, "case-insensitive canonical");
    tx_term_info_free(info);
    info = find(st, "préventive diplomatie", "diplomat préventiv");
    check(info && info->term.id == id, "by key");
    tx_term_info_free(info);

    info = (tx_term_info *)&info;
    check(tx_store_find_term(st, "diplomatie preventive", NULL, &info, &err) ==
          TX_ENOTFOUND && info == NULL, "accents are not case");
    check(strstr(err.msg, "diplomatie preventive") != NULL, "message: %s", err.msg);
    check(tx_store_find_term(st, "zone de paix", "zon de paix", &info, &err) ==
          TX_ENOTFOUND, "absent");
    tx_term_info_free(NULL);
    tx_store_close(st);
    remove_db(path);
}

/* ---- concurrency ---- */

static void test_reader_during_write(void)
{
    const char *path = new_db();
    tx_store *writer = open_ok(path), *reader = NULL;
    int64_t d = add_doc(writer, "A_RES_73_338.txt", "w1");
    tx_error err = { TX_OK, "" };
    listing l = { .stop_after = 0 };

    merge_simple(writer, "zon de paix", "zone de paix", 3, 10, d);
    set_score(writer, "zon de paix", 3.0, 1);
    check(tx_store_begin(writer, &err) == TX_OK, "%s", err.msg);
    merge_simple(writer, "diplomat préventiv", "diplomatie préventive", 2, 2, d);
    set_score(writer, "diplomat préventiv", 5.0, 1);

    /* Opening and listing while the writer holds its transaction: the reader sees
     * the last committed state, without waiting. */
    reader = open_ok(path);
    if (reader) {
        list(reader, TX_SORT_SCORE, 0, &l);
        check(l.n == 1, "reader sees committed terms only: %zu", l.n);
        check_str(l.canonical[0], "zone de paix");
    }
    check(tx_store_commit(writer, &err) == TX_OK, "%s", err.msg);
    if (reader) {
        list(reader, TX_SORT_SCORE, 0, &l);
        check(l.n == 2, "after commit: %zu", l.n);
        check_str(l.canonical[0], "diplomatie préventive");
    }
    tx_store_close(reader);
    tx_store_close(writer);
    remove_db(path);
}

/* A read transaction keeps one snapshot while another handle commits; inside
 * a transaction it neither starts nor ends one. */
static void test_read_snapshot(void)
{
    const char *path = new_db();
    tx_store *writer = open_ok(path), *reader = open_ok(path);
    int64_t d = add_doc(writer, "A_RES_73_338.txt", "s1");
    tx_error err = { TX_OK, "" };
    tx_term_info *info = NULL;
    listing l = { .stop_after = 0 };
    int began = -1;

    merge_simple(writer, "zon de paix", "zone de paix", 3, 10, d);
    set_score(writer, "zon de paix", 3.0, 1);
    check(tx_store_begin_read(reader, &began, &err) == TX_OK && began == 1, "%s",
          err.msg);
    list(reader, TX_SORT_SCORE, 0, &l);
    check(l.n == 1, "first read: %zu", l.n);
    merge_simple(writer, "diplomat préventiv", "diplomatie préventive", 2, 2, d);
    set_score(writer, "diplomat préventiv", 5.0, 1);
    list(reader, TX_SORT_SCORE, 0, &l);
    check(l.n == 1, "a commit after the first read is not seen: %zu", l.n);
    check(tx_store_find_term(reader, "diplomatie préventive", NULL, &info, &err) ==
              TX_ENOTFOUND, "nor found");
    tx_store_end_read(reader, began);
    list(reader, TX_SORT_SCORE, 0, &l);
    check(l.n == 2, "seen once the read ends: %zu", l.n);

    /* Nested in a write transaction: the writer's own rows stay, uncommitted. */
    check(tx_store_begin(writer, &err) == TX_OK, "%s", err.msg);
    merge_simple(writer, "mesur de confianc", "mesures de confiance", 3, 4, d);
    check(tx_store_begin_read(writer, &began, &err) == TX_OK && began == 0, "%s", err.msg);
    tx_store_end_read(writer, began);
    info = find(writer, "mesures de confiance", NULL);
    tx_term_info_free(info);
    check(tx_store_commit(writer, &err) == TX_OK, "the write is still open: %s", err.msg);
    info = find(reader, "mesures de confiance", NULL);
    tx_term_info_free(info);
    tx_store_close(reader);
    tx_store_close(writer);
    remove_db(path);
}

/* A callback that calls back into the store with the same query is refused. */
static int reenter(const tx_term *t, void *arg)
{
    tx_store *st = arg;
    tx_error err = { TX_OK, "" };
    listing l;

    (void)t;
    check(tx_store_list_terms(st, TX_SORT_SCORE, 0, collect, &l, &err) == TX_EINVAL,
          "nested list refused");
    return 1;
}

static void test_reentry(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    tx_error err = { TX_OK, "" };

    merge_simple(st, "zon de paix", "zone de paix", 3, 10, add_doc(st, "a.txt", "n1"));
    set_score(st, "zon de paix", 3.0, 1);
    check(tx_store_list_terms(st, TX_SORT_SCORE, 0, reenter, st, &err) == TX_OK,
          "%s", err.msg);
    tx_store_close(st);
    remove_db(path);
}

/* ---- variants ---- */

typedef struct forms {
    tx_store *st;
    char text[256];   /* "form=count;" for each form of each listed term */
    unsigned n, stop_after;
    tx_status rc;
} forms;

static int add_form(const char *surface, uint64_t count, void *arg)
{
    forms *f = arg;
    size_t len = strlen(f->text);

    snprintf(f->text + len, sizeof f->text - len, "%s=%llu;", surface,
             (unsigned long long)count);
    return ++f->n == f->stop_after;
}

/* Read each listed term's forms from inside the term listing. */
static int term_forms(const tx_term *t, void *arg)
{
    forms *f = arg;
    tx_error err = { TX_OK, "" };

    f->rc = tx_store_list_variants(f->st, t->id, add_form, f, &err);
    check(f->rc == TX_OK, "%s", err.msg);
    return 0;
}

static void test_list_variants(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    int64_t d = add_doc(st, "A_RES_73_338.txt", "v1");
    tx_variant_row v[] = {
        { "Zone de paix", 1, 0 },
        { "zones de paix", 2, 1 },
        { "zone de paix", 5, 1 },
    };
    tx_doc_count c[] = { { d, 8 } };
    tx_occ_row row = { "fr", "zon de paix", 3, 2, v, 3, c, 1, NULL, 0, 0, 0, 0, 0, 0,
                       NULL, 0 };
    tx_error err = { TX_OK, "" };
    forms f = { st, "", 0, 0, TX_OK };

    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    set_score(st, "zon de paix", 3.0, 1);
    check(tx_store_list_terms(st, TX_SORT_SCORE, 0, term_forms, &f, &err) == TX_OK,
          "%s", err.msg);
    check_str(f.text, "zone de paix=5;zones de paix=2;Zone de paix=1;");
    /* The callback stops the forms; an unknown term has none. */
    memset(f.text, 0, sizeof f.text);
    f.n = 0;
    f.stop_after = 1;
    check(tx_store_list_terms(st, TX_SORT_SCORE, 0, term_forms, &f, &err) == TX_OK,
          "%s", err.msg);
    check_str(f.text, "zone de paix=5;");
    f.n = 0;
    check(tx_store_list_variants(st, 999, add_form, &f, &err) == TX_OK && f.n == 0,
          "unknown term: %u forms", f.n);
    check(tx_store_list_variants(st, 1, NULL, &f, &err) == TX_EINVAL, "no callback");
    tx_store_close(st);
    remove_db(path);
}

/* A text dump of every row the merges write, ids included; the caller frees it. */
static char *raw_dump(const char *path)
{
    static const char *const sql =
        "SELECT group_concat(x, char(10)) FROM ("
        " SELECT 'T' || id || '|' || key || '|' || canonical || '|' || freq || '|' || df"
        "  || '|' || doc_counts || '|' || cvalue || '|' || listed AS x FROM terms"
        " UNION ALL SELECT 'V' || term_id || '|' || surface || '|' || count || '|'"
        "  || lower_initial || '|' || first_seen FROM variants"
        " UNION ALL SELECT 'S' || id || '|' || doc_id || '|' || text FROM sentences"
        " UNION ALL SELECT 'C' || term_id || '|' || sentence_id FROM contexts"
        " UNION ALL SELECT 'R' || term_id || '|' || kind || '|' || other_key || '|'"
        "  || other_surface FROM relations"
        " ORDER BY 1)";
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    char *out = NULL;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        out = strdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

/* Write the same 2,500 new terms with known_new = `bulk`: variants (one
 * given twice), a sentence shared by all and one of their own, a link on
 * every hundredth; a lookup halfway must see the terms written so far. */
static void fill_terms(const char *path, int bulk)
{
    tx_store *st = open_ok(path);
    tx_error err = { TX_OK, "" };
    int64_t d1 = add_doc(st, "A_RES_73_338.txt", "b1");
    int64_t shared_id = 0, own_id;
    char key[64], surface[64], other[64], sentence[96];
    tx_relation_row rel = { "elliptic", other, "zone de paix" };
    tx_term_info *info;

    check(tx_store_begin(st, &err) == TX_OK, "%s", err.msg); /* foreign keys on */
    for (int i = 0; i < 2500; i++) {
        snprintf(key, sizeof key, "zon %05d de paix", i);
        snprintf(surface, sizeof surface, "zone %05d de paix", i);
        snprintf(other, sizeof other, "zon %05d", i);
        snprintf(sentence, sizeof sentence, "La zone %05d de paix est établie.", i);
        tx_variant_row v[] = { { surface, 3, 1 }, { surface + 1, 1, 1 }, { surface, 2, 1 } };
        tx_doc_count dc = { d1, 6 };
        own_id = 0;
        tx_context_row ctx[] = {
            { d1, "Une phrase que tous les termes partagent.", &shared_id, "", 0, 0 },
            { d1, sentence, &own_id, "", 0, 0 },
        };
        tx_occ_row row = { "fr", key, 3, 2, v, 3, &dc, 1, ctx, 2, 1, 2.5, 3.5, 1,
                           bulk, &rel, i % 100 == 0 };
        check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "merge %d: %s", i, err.msg);
        if (i == 1500) {
            info = NULL;
            check(tx_store_get_term(st, surface, &info, &err) == TX_OK && info &&
                      info->n_variants == 2 && info->n_contexts == 2,
                  "term %d seen before the commit: %s", i, err.msg);
            tx_term_info_free(info);
        }
    }
    check(tx_store_commit(st, &err) == TX_OK, "%s", err.msg);
    tx_store_close(st);
    check(raw_int(path, "SELECT count(*) FROM terms") == 2500, "terms");
    check(raw_int(path, "SELECT count(*) FROM sentences") == 2501, "sentences");
    check(raw_int(path, "SELECT count(*) FROM contexts") == 5000, "contexts");
    check(raw_int(path, "SELECT count(*) FROM relations") == 25, "relations");
    check(raw_int(path, "SELECT count FROM variants WHERE surface = 'zone 00007 de paix'") ==
              5, "a variant given twice is added up");
    check(raw_int(path, "SELECT count(*) FROM pragma_foreign_key_check") == 0, "foreign keys");
}

/* A term's status and the name the glossary stores and prints for it. */
static void test_status_names(void)
{
    static const char *const names[] = {"candidate", "approved", "rejected"};
    tx_term_status s;

    check_str(tx_term_status_name(TX_TERM_CANDIDATE), "candidate");
    check_str(tx_term_status_name(TX_TERM_APPROVED), "approved");
    check_str(tx_term_status_name(TX_TERM_REJECTED), "rejected");
    check(tx_term_status_name((tx_term_status)3) == NULL, "a value that is no status");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        s = (tx_term_status)99;
        check(tx_term_status_from_name(names[i], &s) == 0 &&
              strcmp(tx_term_status_name(s), names[i]) == 0, "round trip of %s", names[i]);
    }
    s = TX_TERM_REJECTED;
    check(tx_term_status_from_name("Approved", &s) == -1 && s == TX_TERM_REJECTED,
          "names are exact");
    check(tx_term_status_from_name(NULL, &s) == -1, "no name");
}

static void test_bulk(void)
{
    const char *path;
    char *one, *each;
    tx_store *st;
    tx_error err = { TX_OK, "" };
    tx_variant_row v = { "diplomatie préventive", 2, 1 };
    tx_doc_count dc = { 1, 2 };
    tx_occ_row row = { "fr", "diplomat préventiv", 2, 2, &v, 1, &dc, 1, NULL, 0, 0, 0, 0,
                       0, 1, NULL, 0 };

    /* Bulk and one row at a time write the same rows, ids included. */
    path = new_db();
    fill_terms(path, 1);
    one = raw_dump(path);
    remove_db(path);
    path = new_db();
    fill_terms(path, 0);
    each = raw_dump(path);
    remove_db(path);
    check(one && each && strcmp(one, each) == 0, "bulk writes differ");
    free(one);
    free(each);

    /* Inside a transaction, a key wrongly claimed new fails at the commit,
     * which leaves the glossary as it was. */
    path = new_db();
    st = open_ok(path);
    dc.doc_id = add_doc(st, "A_RES_73_338.txt", "b1");
    merge_simple(st, "diplomat préventiv", "diplomatie préventive", 2, 2, dc.doc_id);
    check(tx_store_begin(st, &err) == TX_OK, "%s", err.msg);
    check(tx_store_merge_term(st, &row, 5, &err) == TX_OK, "%s", err.msg);
    check(tx_store_commit(st, &err) != TX_OK, "commit of a duplicate key");
    check(strstr(err.msg, "UNIQUE") != NULL, "%s", err.msg);
    tx_store_rollback(st);
    tx_store_close(st);
    check(raw_int(path, "SELECT count(*) FROM terms") == 1, "one term");
    check(raw_int(path, "SELECT freq FROM terms") == 2, "unchanged");
    remove_db(path);
}

/* Import: a row naming a term by id edits that term (its entry form set and
 * locked, a translation's status and note updated, the version bumped); an id
 * and a text naming two terms are refused, naming both. */
static void test_import_by_id(void)
{
    const char *path = new_db();
    tx_store *st = open_ok(path);
    tx_error err = { TX_OK, "" };
    tx_concept_term src = { .text = "zone de paix", .status = "approved" };
    tx_concept_term tgt = { .text = "zone of peace", .status = "candidate" };
    tx_concept c = { .id = "c1", .src_lang = "fr", .tgt_lang = "en", .src = &src,
                     .n_src = 1, .tgt = &tgt, .n_tgt = 1, .line = 3 };
    const char *k1[] = {"zone paix"}, *k2[] = {"zone confianc"}, *k3[] = {"zone paix edit"};
    int created = 0;

    check(tx_store_import_concept(st, &c, k1, 3, 2, "a.tbx", "ana", &created, &err) ==
              TX_OK && created, "%s", err.msg);
    src.text = "zone de confiance";
    check(tx_store_import_concept(st, &c, k2, 3, 2, "a.tbx", "ana", &created, &err) ==
              TX_OK && created, "%s", err.msg);
    /* by id: term 1, whose key is not that of the text */
    src.text = "Zone de paix éditée";
    tgt.status = "rejected";
    tgt.note = "a false friend";
    c.term_id = 1;
    check(tx_store_import_concept(st, &c, k3, 4, 3, "b.csv", "ana", &created, &err) ==
              TX_OK && !created, "%s", err.msg);
    check(raw_int(path, "SELECT count(*) FROM terms") == 2, "no new term");
    check(raw_int(path, "SELECT form_locked + 10 * version FROM terms WHERE id = 1"
                        " AND canonical = 'Zone de paix éditée'") == 21, "form set, locked");
    check(raw_int(path, "SELECT count(*) FROM translations WHERE term_id = 1 AND"
                        " status = 'forbidden' AND note = 'a false friend'") == 1,
          "translation updated, not added");
    check(raw_int(path, "SELECT count(*) FROM history WHERE term_id = 1 AND"
                        " action = 'import' AND who = 'ana'") == 2, "history");
    /* id 1, text of term 2: refused */
    src.text = "zone de confiance";
    check(tx_store_import_concept(st, &c, k2, 3, 2, "b.csv", NULL, &created, &err) ==
              TX_EINPUT, "conflict: %s", err.msg);
    check(strstr(err.msg, "b.csv:3") && strstr(err.msg, "Zone de paix éditée") &&
              strstr(err.msg, "zone de confiance") && strstr(err.msg, "#2"),
          "message: %s", err.msg);
    tx_store_close(st);
    remove_db(path);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/test_store.XXXXXX", check_tmp_dir());
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_open_creates_schema();
    test_reopen();
    test_not_a_db();
    test_too_new();
    test_bad_args();
    test_documents();
    test_merge_accumulates();
    test_canonical();
    test_contexts();
    test_shared_sentence();
    test_migration_from_v1();
    test_settings();
    test_nouns();
    test_rollback();
    test_list();
    test_each_term();
    test_find();
    test_reader_during_write();
    test_read_snapshot();
    test_reentry();
    test_list_variants();
    test_bulk();
    test_status_names();
    test_import_by_id();
    if (rmdir(tmpdir) != 0)
        perror(tmpdir);
    return check_done();
}
