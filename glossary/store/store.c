/* store.c: the glossary database (SQLite), its core: opening, the schema and
 * its migrations, the statement cache, transactions, errors.
 *
 * The schema version lives in PRAGMA user_version and the file is marked as ours
 * with PRAGMA application_id; tx_store_open() runs the missing steps of
 * `migrations[]` in one transaction.  Every statement the library runs is in
 * tx_stmt_sql[] (store_sql.c), prepared on first use and kept for the life of
 * the handle, since tx_store_merge_term() runs a handful of them per candidate,
 * hundreds of thousands of times per extraction; terms the caller knows are
 * new go to multi-row INSERTs instead (store_bulk.c).  The database is in WAL
 * mode with a busy timeout, so `termex list` reads a snapshot while `termex
 * extract` writes, and a second writer waits for the first instead of failing.
 *
 * SQLite's result codes stop in the store: tx_db_fail() turns them into TX_EDB
 * (TX_ENOMEM for SQLITE_NOMEM) with a message naming the file, the operation
 * and sqlite3_errmsg().  Each connection gets the collations of
 * store_collate.c.  The files serving each group of tables are listed in
 * storeInt.h. */
#define _POSIX_C_SOURCE 200809L /* stat(), strdup() */
#include "storeInt.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

/* "TXMX": marks a file as a termex glossary (PRAGMA application_id). */
#define TX_STORE_APP_ID 0x54584d58

/* A writer waits this long for another one before giving up. */
#define TX_STORE_BUSY_MS 10000

/* ---- schema and migrations ---- */

/* migrations[v] takes a database from user_version v to v + 1.  Append new steps
 * (ALTER TABLE, CREATE INDEX, data fixes) at the end and bump
 * TX_STORE_SCHEMA_VERSION; never edit a step that has shipped. */
static const char *const migrations[] = {
    /* 0 -> 1: the initial schema. */
    "CREATE TABLE meta (\n"
    "    key   TEXT PRIMARY KEY,\n"
    "    value TEXT\n"
    ");\n"
    "CREATE TABLE documents (\n"
    "    id       INTEGER PRIMARY KEY,\n"
    "    path     TEXT NOT NULL,\n"
    "    hash     TEXT NOT NULL UNIQUE,     -- SHA-256 of the raw bytes, hex\n"
    "    lang     TEXT NOT NULL,\n"
    "    n_tokens INTEGER NOT NULL DEFAULT 0,\n"
    "    n_bytes  INTEGER NOT NULL DEFAULT 0,\n"
    "    added_at TEXT NOT NULL              -- UTC, ISO 8601\n"
    ");\n"
    "CREATE TABLE terms (\n"
    "    id        INTEGER PRIMARY KEY,\n"
    "    lang      TEXT NOT NULL,\n"
    "    key       TEXT NOT NULL,\n"
    "    canonical TEXT NOT NULL,\n"
    "    n_words   INTEGER NOT NULL,\n"
    "    n_content INTEGER NOT NULL,\n"
    "    freq      INTEGER NOT NULL DEFAULT 0,\n"
    "    df        INTEGER NOT NULL DEFAULT 0,\n"
    "    cvalue    REAL NOT NULL DEFAULT 0,\n"
    "    score     REAL NOT NULL DEFAULT 0,\n"
    "    listed    INTEGER NOT NULL DEFAULT 0,\n"
    /* Per-document counts, a JSON array of [document id, count] pairs in
     * document order (read them with json_each()).  One row per (term,
     * document) would be the textbook form; on a corpus of many documents it
     * made the glossary's writes several times slower. */
    "    doc_counts TEXT NOT NULL DEFAULT '[]',\n"
    "    status    TEXT NOT NULL DEFAULT 'candidate'\n"
    "              CHECK (status IN ('candidate', 'approved', 'rejected')),\n"
    "    UNIQUE (lang, key)\n"
    ");\n"
    /* Partial: rescoring rewrites every score, and only the listed terms'
     * entries are then maintained. */
    "CREATE INDEX terms_listed_score ON terms (score) WHERE listed = 1;\n"
    "CREATE INDEX terms_canonical ON terms (canonical);\n"
    /* first_seen numbers a term's variants 0, 1, ... in order of arrival: it
     * breaks ties when choosing the canonical form. */
    "CREATE TABLE variants (\n"
    "    term_id       INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,\n"
    "    surface       TEXT NOT NULL,\n"
    "    count         INTEGER NOT NULL,\n"
    "    lower_initial INTEGER NOT NULL,\n"
    "    first_seen    INTEGER NOT NULL,\n"
    "    PRIMARY KEY (term_id, surface)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX variants_surface ON variants (surface);\n"

    /* Example sentences are stored once and shared: one sentence is the
     * context of every term in it. */
    "CREATE TABLE sentences (\n"
    "    id     INTEGER PRIMARY KEY,\n"
    "    doc_id INTEGER NOT NULL REFERENCES documents (id),\n"
    "    text   TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE contexts (\n"
    "    term_id     INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,\n"
    "    sentence_id INTEGER NOT NULL REFERENCES sentences (id),\n"
    "    PRIMARY KEY (term_id, sentence_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE translations (\n"
    "    id         INTEGER PRIMARY KEY,\n"
    "    term_id    INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,\n"
    "    lang       TEXT NOT NULL,\n"
    "    text       TEXT NOT NULL,\n"
    "    score      REAL NOT NULL DEFAULT 0,\n"
    "    method     TEXT NOT NULL,\n"
    "    n_segments INTEGER NOT NULL DEFAULT 0\n"
    ");\n"
    "CREATE INDEX translations_term ON translations (term_id);\n"
    /* Links between terms: a coordinated term and the elliptic terms it implies
     * ("zone de paix, de confiance et de coopération" -> "zone de confiance").
     * The other term is named by key, as it need not be in the glossary. */
    "CREATE TABLE relations (\n"
    "    term_id       INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,\n"
    "    kind          TEXT NOT NULL,\n"
    "    other_key     TEXT NOT NULL,\n"
    "    other_surface TEXT NOT NULL,\n"
    "    PRIMARY KEY (term_id, kind, other_key)\n"
    ");\n"
    "INSERT INTO meta (key, value) VALUES\n"
    "    ('application', 'termex'),\n"
    "    ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));\n",
    /* 1 -> 2: aligned segments, the evidence of translations. */
    "CREATE TABLE segments (\n"
    "    id       INTEGER PRIMARY KEY,\n"
    "    src_lang TEXT NOT NULL,\n"
    "    tgt_lang TEXT NOT NULL,\n"
    "    src      TEXT NOT NULL,\n"
    "    tgt      TEXT NOT NULL,\n"
    "    source   TEXT NOT NULL,   -- the file or files it came from\n"
    "    ref      TEXT,            -- line, tu id, or sentence numbers there\n"
    "    score    REAL NOT NULL DEFAULT 1, -- alignment confidence, 1 when given\n"
    "    hash     TEXT NOT NULL UNIQUE     -- SHA-256 of the languages and texts\n"
    ");\n"
    "ALTER TABLE translations ADD COLUMN segment_id INTEGER REFERENCES segments (id);\n",
    /* 2 -> 3: what glossary files carry: a part of speech, a translation's status. */
    "ALTER TABLE terms ADD COLUMN pos TEXT;\n"
    "ALTER TABLE translations ADD COLUMN status TEXT;\n",
    /* 3 -> 4: lookups by written form are one-off (termex show) and can scan;
     * these two indexes cost every extraction a write per candidate. */
    "DROP INDEX terms_canonical;\n"
    "DROP INDEX variants_surface;\n",
    /* 4 -> 5: the words the corpus writes after a determiner (its nouns), which
     * may start a lower-case term (build_terms.c).  The documents extracted
     * before have left none, so such a glossary says that its list is
     * incomplete, and terms are listed there without that rule. */
    "CREATE TABLE nouns (\n"
    "    lang TEXT NOT NULL,\n"
    "    word TEXT NOT NULL,  -- case-folded\n"
    "    PRIMARY KEY (lang, word)\n"
    ") WITHOUT ROWID;\n"
    "INSERT INTO meta (key, value) SELECT 'nouns', 'incomplete'"
    " WHERE EXISTS (SELECT 1 FROM documents);\n",
    /* 5 -> 6: the glossary does not depend on the order documents came in.
     * A document's name is valid UTF-8 without control characters (escaped
     * by tx_escape(), registered on each connection), its bytes kept in
     * raw_path when they differed.  An example sentence carries the rank of
     * its occurrence in its document (0 for the first): a term keeps the
     * sentences of lowest (level, document hash), whatever came first
     * (tx_merge_contexts()); the ones stored before get their order among the
     * term's sentences of one document, and the imported ones (on a document
     * of no bytes, standing for their source) level -1: the user's, kept
     * whatever extraction finds. */
    "ALTER TABLE documents ADD COLUMN raw_path BLOB;\n"
    "UPDATE documents SET raw_path = CAST(path AS BLOB), path = tx_escape(path)"
    " WHERE path != tx_escape(path);\n"
    "ALTER TABLE contexts ADD COLUMN level INTEGER NOT NULL DEFAULT 0;\n"
    "UPDATE contexts SET level = (SELECT count(*) FROM contexts o"
    " JOIN sentences so ON so.id = o.sentence_id"
    " WHERE o.term_id = contexts.term_id AND o.sentence_id < contexts.sentence_id"
    " AND so.doc_id = (SELECT doc_id FROM sentences WHERE id = contexts.sentence_id));\n"
    "UPDATE contexts SET level = -1 WHERE sentence_id IN (SELECT s.id FROM sentences s"
    " JOIN documents d ON d.id = s.doc_id WHERE d.n_bytes = 0);\n",
    /* 6 -> 7: the glossary keeps its settings in meta (store_meta.c): its
     * source language, the profile it was extracted with, its listing
     * thresholds.  A glossary with terms gets the language most of them are
     * in and the thresholds it was listed with unless a run said otherwise,
     * the defaults; the profile is recorded by the next run.  A glossary
     * without terms gets them from its first run. */
    "INSERT OR IGNORE INTO meta (key, value)"
    " SELECT 'lang', lang FROM terms GROUP BY lang ORDER BY count(*) DESC, lang LIMIT 1;\n"
    "INSERT OR IGNORE INTO meta (key, value)"
    " SELECT column1, column2 FROM (VALUES ('min_freq', '2'), ('min_words', '2'),"
    " ('max_words', '8')) WHERE EXISTS (SELECT 1 FROM terms);\n",
    /* 7 -> 8: a reviewed glossary (review.c, store_review.c).  Per term: an
     * entry form a person set (form_locked: extraction never changes it),
     * note, definition, subject field (domain), usage note, grammatical
     * gender, geographical usage, TBX term type, and a version that every
     * change bumps, so that an edit made on a stale view can be refused.  Per
     * translation: the same term data and a status of its own, 'approved'
     * (the user's), 'forbidden' (a form not to use) or 'candidate' (found by
     * alignment); the statuses stored before become these ('rejected' was a
     * forbidden form, an imported translation without one was approved).
     * history: who changed what and when (TBX transactions); it names its term
     * by id and by text, so that it outlives a deletion or a merge. */
    "ALTER TABLE terms ADD COLUMN form_locked INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE terms ADD COLUMN note TEXT;\n"
    "ALTER TABLE terms ADD COLUMN definition TEXT;\n"
    "ALTER TABLE terms ADD COLUMN domain TEXT;\n"
    "ALTER TABLE terms ADD COLUMN usage TEXT;\n"
    "ALTER TABLE terms ADD COLUMN gender TEXT;\n"
    "ALTER TABLE terms ADD COLUMN geo TEXT;\n"
    "ALTER TABLE terms ADD COLUMN term_type TEXT;\n"
    "ALTER TABLE terms ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
    "ALTER TABLE translations ADD COLUMN note TEXT;\n"
    "ALTER TABLE translations ADD COLUMN pos TEXT;\n"
    "ALTER TABLE translations ADD COLUMN gender TEXT;\n"
    "ALTER TABLE translations ADD COLUMN geo TEXT;\n"
    "ALTER TABLE translations ADD COLUMN term_type TEXT;\n"
    "UPDATE translations SET status = 'forbidden' WHERE status = 'rejected';\n"
    "UPDATE translations SET status = 'approved'"
    " WHERE (status IS NULL OR status NOT IN ('candidate', 'forbidden'))"
    " AND method LIKE 'import%';\n"
    "UPDATE translations SET status = 'candidate'"
    " WHERE status IS NULL OR status NOT IN ('approved', 'forbidden');\n"
    "CREATE TABLE history (\n"
    "    id      INTEGER PRIMARY KEY,\n"
    "    term_id INTEGER NOT NULL,  -- no foreign key: outlives its term\n"
    "    lang    TEXT NOT NULL,\n"
    "    term    TEXT NOT NULL,     -- the entry form when it was written\n"
    "    at      TEXT NOT NULL,     -- UTC, ISO 8601\n"
    "    who     TEXT NOT NULL,\n"
    "    action  TEXT NOT NULL,     -- approve, reject, set-note, ..., and the\n"
    "                               -- TBX transactions imported: origination, modification\n"
    "    detail  TEXT\n"
    ");\n"
    "CREATE INDEX history_term ON history (term_id);\n",
    /* 8 -> 9: the keys of the terms a person merged into others
     * (tx_review_merge()): extraction that finds such a key adds to the term
     * it was merged into (S_TERM_FIND).  A redirect goes with its term. */
    "CREATE TABLE merged (\n"
    "    lang    TEXT NOT NULL,\n"
    "    key     TEXT NOT NULL,\n"
    "    into_id INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,\n"
    "    PRIMARY KEY (lang, key)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX merged_into ON merged (into_id);\n"
    /* ... and the glossary's mark, random: a review sheet writes its term ids
     * with it, so that a sheet's ids edit the glossary it came from only
     * (tx_store_uid()). */
    "INSERT OR IGNORE INTO meta (key, value) VALUES ('uid', lower(hex(randomblob(4))));\n",
    /* 9 -> 10: the TBX data an imported entry held that has no column of its
     * own (concept.h, tx_data_cat): termLocation, customerSubset,
     * projectSubset, xref, ref, the source of a definition, of a term, the
     * context of a translation, at the level they were read.  `tgt` names the
     * translation (its text) for level 'translation', '' otherwise; a ref's
     * target is an entry id of `file`, the file it was last imported from;
     * the ids of a file's entries are rows of elem 'id' (source: the file),
     * by which export points the ref at the entry it wrote.  One row per
     * distinct value: importing a file again adds nothing. */
    "CREATE TABLE extras (\n"
    "    id      INTEGER PRIMARY KEY,\n"
    "    term_id INTEGER NOT NULL REFERENCES terms (id) ON DELETE CASCADE,\n"
    "    level   TEXT NOT NULL,  -- concept, definition, term, translation\n"
    "    tgt     TEXT NOT NULL DEFAULT '',\n"
    "    elem    TEXT NOT NULL,  -- termNote, admin, descrip, xref, ref\n"
    "    type    TEXT NOT NULL DEFAULT '',\n"
    "    target  TEXT NOT NULL DEFAULT '',\n"
    "    source  TEXT NOT NULL DEFAULT '',\n"
    "    text    TEXT NOT NULL,\n"
    "    file    TEXT NOT NULL DEFAULT '',\n"
    "    UNIQUE (term_id, level, tgt, elem, type, target, source, text)\n"
    ");\n",
    /* 10 -> 11: the page of an example sentence in its document (a PDF's,
     * counted from 1), for `show`; 0 when unknown: text files and
     * the sentences stored before (0 = unknown). */
    "ALTER TABLE sentences ADD COLUMN page INTEGER NOT NULL DEFAULT 0;\n",
    /* 11 -> 12: the corpus count of every one-word key (a content word), for
     * the word-level contrast with general language (score.h), kept even when
     * one-word terms are not (--min-words 2); added to by each run.  A
     * glossary with documents from before has none for them: meta 'words'
     * says so, and the word-level contrast is left out there.  Its terms'
     * keys were made of Snowball stems: meta 'keys' = 'stems' keeps making
     * them so (tx_store_stem_keys()), where a new glossary's are lemmas. */
    "CREATE TABLE words (\n"
    "    lang  TEXT NOT NULL,\n"
    "    key   TEXT NOT NULL,\n"
    "    count INTEGER NOT NULL,\n"
    "    PRIMARY KEY (lang, key)\n"
    ") WITHOUT ROWID;\n"
    "INSERT INTO meta (key, value) SELECT 'words', 'incomplete'"
    " WHERE EXISTS (SELECT 1 FROM documents);\n"
    "INSERT INTO meta (key, value) SELECT 'keys', 'stems'"
    " WHERE EXISTS (SELECT 1 FROM terms);\n",
};

#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

_Static_assert(N_MIGRATIONS == TX_STORE_SCHEMA_VERSION,
               "one migration step per schema version");

/* ---- errors ---- */

tx_status tx_db_fail(tx_store *st, tx_error *err, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    int src = sqlite3_errcode(st->db);

    /* Whatever we were doing, the real news is that the file is not ours. */
    if (src == SQLITE_NOTADB)
        return tx_fail(err, TX_EDB, "%s: not a termex glossary (%s)", st->path,
                       sqlite3_errmsg(st->db));
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return tx_fail(err, src == SQLITE_NOMEM ? TX_ENOMEM : TX_EDB, "%s: %s: %s",
                   st->path, what, sqlite3_errmsg(st->db));
}

/* ---- statements ---- */

tx_status tx_stmt_get(tx_store *st, enum stmt_id id, sqlite3_stmt **out, tx_error *err)
{
    sqlite3_stmt *s = st->stmts[id];
    tx_status rc;

    *out = NULL;
    /* Every other statement sees the bulk rows, and may add rows itself: the
     * bulk ids are read again before the next bulk row. */
    if (st->bulk_pending && (rc = tx_bulk_flush(st, err)) != TX_OK)
        return rc;
    st->bulk_ids = 0;
    if (s) {
        /* Still stepping: a callback re-entered the store with the same query. */
        if (sqlite3_stmt_busy(s))
            return tx_fail(err, TX_EINVAL, "%s: glossary used from inside its own "
                           "callback", st->path);
        *out = s;
        return TX_OK;
    }
    if (sqlite3_prepare_v3(st->db, tx_stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s,
                           NULL) != SQLITE_OK)
        return tx_db_fail(st, err, "cannot prepare statement %d", (int)id);
    st->stmts[id] = s;
    *out = s;
    return TX_OK;
}

void tx_stmt_done(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

tx_status tx_stmt_run(tx_store *st, sqlite3_stmt *s, tx_error *err, const char *what,
                      const char *subject)
{
    tx_status rc = TX_OK;

    if (sqlite3_step(s) != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot %s '%s'", what, subject);
    tx_stmt_done(s);
    return rc;
}

int tx_bind_text(sqlite3_stmt *s, int i, const char *text)
{
    return sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

/* Bind a document's name to parameter `i` as valid UTF-8 without control
 * characters (tx_escape_text()): a name is shown and exported, and one such
 * byte must not make every export of the glossary fail.  When escaping
 * changed it, its bytes go to parameter `i_raw` (raw_path).  0, or -1 when
 * out of memory. */
int tx_bind_path(sqlite3_stmt *s, int i, int i_raw, const char *path)
{
    size_t len = tx_escape_text(NULL, 0, path);
    char *safe = malloc(len + 1);

    if (!safe)
        return -1;
    tx_escape_text(safe, len + 1, path);
    if (strcmp(safe, path) == 0) {
        free(safe);
        return tx_bind_text(s, i, path) == SQLITE_OK ? 0 : -1;
    }
    if (sqlite3_bind_blob(s, i_raw, path, (int)strlen(path), SQLITE_TRANSIENT) !=
        SQLITE_OK) {
        free(safe);
        return -1;
    }
    return sqlite3_bind_text(s, i, safe, -1, free) == SQLITE_OK ? 0 : -1;
}

static char *dup_str(const char *s)
{
    size_t len = strlen(s) + 1;
    char *d = malloc(len);

    if (d)
        memcpy(d, s, len);
    return d;
}

char *tx_column_dup(sqlite3_stmt *s, int col)
{
    const char *text = (const char *)sqlite3_column_text(s, col);

    return text ? dup_str(text) : NULL;
}

/* ---- opening and migrating ---- */

tx_status tx_exec_sql(tx_store *st, const char *sql, const char *what, tx_error *err)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return tx_db_fail(st, err, "%s", what);
    return TX_OK;
}

/* Switch to WAL unless the file is in WAL mode already.  Two processes
 * opening a new glossary together both ask; SQLite answers one of them
 * SQLITE_BUSY at once, without its busy handler, so wait and retry here. */
static tx_status set_wal(tx_store *st, tx_error *err)
{
    for (int waited = 0;; waited += 10) {
        sqlite3_stmt *s = NULL;
        int src = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL);
        const unsigned char *mode = NULL;
        if (src == SQLITE_OK && (src = sqlite3_step(s)) == SQLITE_ROW)
            mode = sqlite3_column_text(s, 0);
        int wal = mode && sqlite3_stricmp((const char *)mode, "wal") == 0;
        sqlite3_finalize(s);
        if (wal)
            return TX_OK;
        if ((src != SQLITE_BUSY && src != SQLITE_LOCKED && src != SQLITE_ROW) ||
            waited >= TX_STORE_BUSY_MS)
            return tx_db_fail(st, err, "cannot switch to WAL journal mode");
        sqlite3_sleep(10);
    }
}

/* What the file holds: its schema version, its application id, its table count. */
typedef struct db_state {
    int64_t version, app_id, n_tables;
} db_state;

/* One statement, so one snapshot: read one by one, the three could straddle
 * another process's commit of the first schema (version 0, application id 0,
 * but tables) and make a new glossary look like some other program's file. */
static tx_status read_state(tx_store *st, db_state *ds, tx_error *err)
{
    static const char sql[] =
        "SELECT (SELECT user_version FROM pragma_user_version),"
        " (SELECT application_id FROM pragma_application_id),"
        " (SELECT count(*) FROM sqlite_master)";
    sqlite3_stmt *s = NULL;
    tx_status rc = TX_OK;

    ds->version = ds->app_id = ds->n_tables = 0;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return tx_db_fail(st, err, "cannot read the glossary's schema version");
    if (sqlite3_step(s) == SQLITE_ROW) {
        ds->version = sqlite3_column_int64(s, 0);
        ds->app_id = sqlite3_column_int64(s, 1);
        ds->n_tables = sqlite3_column_int64(s, 2);
    } else {
        rc = tx_db_fail(st, err, "cannot read the glossary's schema version");
    }
    sqlite3_finalize(s);
    return rc;
}

/* TX_OK if `ds` is a termex glossary we can use, or an empty database. */
static tx_status check_state(tx_store *st, const db_state *ds, tx_error *err)
{
    int empty = ds->app_id == 0 && ds->version == 0 && ds->n_tables == 0;

    if (!empty && ds->app_id != TX_STORE_APP_ID)
        return tx_fail(err, TX_EDB, "%s: not a termex glossary (a SQLite database "
                       "made by another program)", st->path);
    if (ds->version > TX_STORE_SCHEMA_VERSION)
        return tx_fail(err, TX_EDB, "%s: glossary schema version %lld is newer than "
                       "this termex supports", st->path, (long long)ds->version);
    return TX_OK;
}

/* Bring the schema up to TX_STORE_SCHEMA_VERSION in one transaction. */
static tx_status migrate(tx_store *st, tx_error *err)
{
    db_state ds;
    char sql[128];
    int64_t v;
    tx_status rc;

    if ((rc = tx_exec_sql(st, "BEGIN IMMEDIATE", "cannot start the schema upgrade",
                          err)) != TX_OK)
        return rc;
    /* Again, under the write lock: another process may have migrated meanwhile. */
    if ((rc = read_state(st, &ds, err)) != TX_OK)
        goto fail;
    if ((rc = check_state(st, &ds, err)) != TX_OK)
        goto fail;
    for (v = ds.version; v < TX_STORE_SCHEMA_VERSION; v++) {
        if (sqlite3_exec(st->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
            rc = tx_db_fail(st, err, "cannot upgrade the glossary schema from version "
                            "%lld to %lld", (long long)v, (long long)v + 1);
            goto fail;
        }
    }
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
             TX_STORE_SCHEMA_VERSION, TX_STORE_APP_ID);
    if ((rc = tx_exec_sql(st, sql, "cannot record the schema version", err)) != TX_OK)
        goto fail;
    if ((rc = tx_exec_sql(st, "COMMIT", "cannot commit the schema upgrade", err)) !=
        TX_OK)
        goto fail;
    return TX_OK;
fail:
    tx_store_rollback(st);
    return rc;
}

/* tx_escape(text): tx_escape_text() in SQL, for the schema upgrade to 6. */
static void sql_escape(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    size_t len;
    char *out;

    (void)argc;
    if (!text) {
        sqlite3_result_null(ctx);
        return;
    }
    len = tx_escape_text(NULL, 0, text);
    if (!(out = malloc(len + 1))) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    tx_escape_text(out, len + 1, text);
    sqlite3_result_text(ctx, out, (int)len, free);
}

/* A name SQLite would not take as a plain file: ":memory:" is its in-memory
 * database, which would vanish with the command. */
static tx_status check_path(const char *path, tx_error *err)
{
    if (!path || !*path)
        return tx_fail(err, TX_EINVAL, "no glossary file given");
    if (strcmp(path, ":memory:") == 0)
        return tx_fail(err, TX_EINVAL, "':memory:' is SQLite's in-memory database, which "
                       "would be lost when termex exits; a glossary is a file (for a "
                       "file of that name, say './:memory:')");
    return TX_OK;
}

/* "file:PATH?immutable=1", PATH percent-encoded as RFC 3986 wants it in a URI
 * path (SQLite decodes it); NULL when out of memory.  The caller frees it. */
static char *immutable_uri(const char *path)
{
    static const char tail[] = "?immutable=1";
    size_t len = strlen(path);
    char *uri = malloc(5 + 3 * len + sizeof tail), *p;

    if (!uri)
        return NULL;
    memcpy(uri, "file:", 5);
    p = uri + 5;
    for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
            (*c >= '0' && *c <= '9') || strchr("/-._~", *c)) {
            *p++ = (char)*c;
        } else {
            *p++ = '%';
            *p++ = "0123456789ABCDEF"[*c >> 4];
            *p++ = "0123456789ABCDEF"[*c & 15];
        }
    }
    memcpy(p, tail, sizeof tail);
    return uri;
}

/* How connect() opens a glossary. */
enum connect_mode {
    CONNECT_CREATE,    /* read-write, the file created if needed */
    CONNECT_EXISTING,  /* read-write, the file must exist */
    CONNECT_READ,      /* read-only */
    CONNECT_IMMUTABLE  /* read-only, as a file nobody writes (see open_read()) */
};

/* Open the connection of `st` (st->path) as `mode` says and register what
 * every connection needs. */
static tx_status connect(tx_store *st, enum connect_mode mode, tx_error *err)
{
    int flags = SQLITE_OPEN_NOMUTEX;
    char *uri = NULL;
    int src;

    /* NOMUTEX: a tx_store is used by one thread at a time anyway (its cached
     * statements and scratch buffers are not shared), so skip SQLite's locking. */
    flags |= mode >= CONNECT_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    flags |= mode == CONNECT_CREATE ? SQLITE_OPEN_CREATE : 0;
    if (mode == CONNECT_IMMUTABLE) {
        if (!(uri = immutable_uri(st->path)))
            return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
        flags |= SQLITE_OPEN_URI;
    }
    src = sqlite3_open_v2(uri ? uri : st->path, &st->db, flags, NULL);
    free(uri);
    if (src != SQLITE_OK) {
        if (!st->db)
            return tx_fail(err, TX_ENOMEM, "%s: cannot allocate a database connection",
                           st->path);
        return tx_db_fail(st, err, "cannot open the glossary");
    }
    sqlite3_busy_timeout(st->db, TX_STORE_BUSY_MS);
    if (tx_collations_register(st->db) != SQLITE_OK ||
        sqlite3_create_function_v2(st->db, "tx_escape", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_escape,
                                   NULL, NULL, NULL) != SQLITE_OK)
        return tx_db_fail(st, err, "cannot register collations and functions");
    return TX_OK;
}

/* A handle for `path` with no connection yet; NULL when out of memory. */
static tx_store *store_new(const char *path)
{
    tx_store *st = calloc(1, sizeof *st);

    if (st && !(st->path = dup_str(path))) {
        free(st);
        st = NULL;
    }
    if (st)
        st->n_ids = -1;
    return st;
}

/* The files SQLite keeps beside a glossary. */
static const char *const side_files[] = {"-wal", "-shm", "-journal"};

/* Fill st->ids with the identities of the glossary and of those of its side
 * files that exist, once: while a connection is open, SQLite keeps them. */
static void file_ids(tx_store *st)
{
    struct stat sb;
    char name[4096];

    if (st->n_ids >= 0)
        return;
    st->n_ids = 0;
    for (size_t i = 0; i <= sizeof side_files / sizeof side_files[0]; i++) {
        const char *suffix = i ? side_files[i - 1] : "";
        if ((size_t)snprintf(name, sizeof name, "%s%s", st->path, suffix) >= sizeof name)
            continue;
        if (stat(name, &sb) == 0)
            st->ids[st->n_ids++] = (struct file_id){sb.st_dev, sb.st_ino};
    }
}

static int is_own_id(tx_store *st, const struct stat *sb)
{
    file_ids(st);
    for (int i = 0; i < st->n_ids; i++)
        if (st->ids[i].dev == sb->st_dev && st->ids[i].ino == sb->st_ino)
            return 1;
    return 0;
}

int tx_store_owns_file(tx_store *st, const char *path, const struct stat *sb)
{
    struct stat own;
    size_t len = strlen(path);

    if (sb && is_own_id(st, sb))
        return 1;
    /* A side file that does not exist yet is named after the glossary. */
    for (size_t i = 0; i < sizeof side_files / sizeof side_files[0]; i++) {
        size_t n = strlen(side_files[i]);
        char base[4096];
        if (len <= n || len - n >= sizeof base || strcmp(path + len - n, side_files[i]))
            continue;
        memcpy(base, path, len - n);
        base[len - n] = '\0';
        if (stat(base, &own) == 0 && is_own_id(st, &own))
            return 1;
    }
    return 0;
}

tx_status tx_store_open(const char *path, tx_store **out, tx_error *err)
{
    tx_store *st;
    db_state ds;
    tx_status rc;

    if (!out)
        return tx_fail(err, TX_EINVAL, "tx_store_open: no result pointer");
    *out = NULL;
    if ((rc = check_path(path, err)) != TX_OK)
        return rc;
    if (!(st = store_new(path)))
        return tx_fail(err, TX_ENOMEM, "%s: cannot allocate the glossary handle", path);
    if ((rc = connect(st, CONNECT_CREATE, err)) != TX_OK)
        goto fail;
    /* The first read: a file that is not a database fails here (see tx_db_fail()). */
    if ((rc = read_state(st, &ds, err)) != TX_OK)
        goto fail;
    if ((rc = check_state(st, &ds, err)) != TX_OK)
        goto fail;
    /* WAL lets readers run during a write; NORMAL is safe with WAL (a power cut
     * may lose the last commit, never corrupt the file). */
    if ((rc = set_wal(st, err)) != TX_OK ||
        (rc = tx_exec_sql(st, "PRAGMA synchronous = NORMAL",
                          "cannot set synchronous mode", err)) != TX_OK ||
        (rc = tx_exec_sql(st, "PRAGMA foreign_keys = ON",
                          "cannot enable foreign keys", err)) != TX_OK ||
        /* An extraction run is one transaction that touches most pages of
         * the term tables: a page cache of up to 256 MiB keeps them from
         * being written to the WAL and read back again before the commit. */
        (rc = tx_exec_sql(st, "PRAGMA cache_size = -262144",
                          "cannot set the cache size", err)) != TX_OK)
        goto fail;
    if (ds.version < TX_STORE_SCHEMA_VERSION && (rc = migrate(st, err)) != TX_OK)
        goto fail;
    st->schema = TX_STORE_SCHEMA_VERSION;
    *out = st;
    return TX_OK;
fail:
    tx_store_close(st);
    return rc;
}

/* 1 when we may write the glossary at `path` and the directory it is in (to
 * add its -wal and -shm), else 0; -1 when out of memory. */
static int may_write(const char *path)
{
    char *dir = strdup(path), *slash;
    int writable;

    if (!dir)
        return -1;
    slash = strrchr(dir, '/');
    if (slash)
        slash[slash == dir] = '\0';
    writable = access(path, W_OK) == 0 && access(slash ? dir : ".", W_OK) == 0;
    free(dir);
    return writable;
}

/* Connect `st` for reading and read its state into *ds.  SQLite reads a WAL
 * glossary through its -shm file, which it must create when the last
 * connection removed it; in a directory we may not write (a read-only
 * checkout or mount) it cannot, and the first read fails with
 * SQLITE_CANTOPEN or SQLITE_READONLY (SQLITE_READONLY_CANTINIT).  Then the
 * file is opened as immutable: read as it is on disk, without locks or -shm,
 * which is what such a directory holds (a writer with more rights committing
 * at that moment is not seen). */
static tx_status open_read(tx_store *st, db_state *ds, tx_error *err)
{
    tx_status rc;
    /* Where we may write anyway, a read-write connection (query_only all the
     * same) lets SQLite remove its -wal and -shm at the close; a read-only
     * one would leave them beside the glossary after every read. */
    int writable = may_write(st->path);

    if (writable < 0)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    if ((rc = connect(st, writable ? CONNECT_EXISTING : CONNECT_READ, err)) == TX_OK &&
        (rc = read_state(st, ds, err)) == TX_OK)
        return TX_OK;
    if (!st->db || ((sqlite3_errcode(st->db) & 0xff) != SQLITE_CANTOPEN &&
                    (sqlite3_errcode(st->db) & 0xff) != SQLITE_READONLY))
        return rc;
    sqlite3_close_v2(st->db);
    st->db = NULL;
    if ((rc = connect(st, CONNECT_IMMUTABLE, err)) != TX_OK)
        return rc;
    return read_state(st, ds, err);
}

tx_status tx_store_open_read(const char *path, tx_store **out, tx_error *err)
{
    tx_store *st;
    struct stat sb;
    db_state ds;
    tx_status rc;

    if (!out)
        return tx_fail(err, TX_EINVAL, "tx_store_open_read: no result pointer");
    *out = NULL;
    if ((rc = check_path(path, err)) != TX_OK)
        return rc;
    if (stat(path, &sb) != 0)
        return tx_fail(err, errno == ENOENT ? TX_ENOTFOUND : TX_EIO,
                       "cannot open '%s': %s", path, strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return tx_fail(err, TX_EINPUT, "%s: not a glossary (not a regular file)", path);
    /* SQLite takes an empty file for an empty database, which a writer would
     * then fill with a schema: a reader says what it is instead. */
    if (sb.st_size == 0)
        return tx_fail(err, TX_EINPUT, "%s: an empty file, not a termex glossary", path);
    if (!(st = store_new(path)))
        return tx_fail(err, TX_ENOMEM, "%s: cannot allocate the glossary handle", path);
    if ((rc = open_read(st, &ds, err)) != TX_OK ||
        (rc = check_state(st, &ds, err)) != TX_OK)
        goto fail;
    if (ds.n_tables == 0) {
        rc = tx_fail(err, TX_EINPUT, "%s: an empty database, not a termex glossary", path);
        goto fail;
    }
    if (ds.version < TX_STORE_SCHEMA_VERSION &&
        (ds.version < TX_STORE_READ_VERSION || may_write(path))) {
        /* An older glossary is upgraded in place, as any command did before
         * readers opened read-only; one we may not write is read as it is
         * from TX_STORE_READ_VERSION on (its settings are then the defaults,
         * in memory: store_meta.c), and cannot be read before. */
        tx_store *w = NULL;
        tx_error e;
        tx_store_close(st);
        if ((rc = tx_store_open(path, &w, &e)) != TX_OK)
            return tx_fail(err, rc, "%s: its schema (version %lld) is older than this "
                           "termex's (%d) and could not be upgraded: %s", path,
                           (long long)ds.version, TX_STORE_SCHEMA_VERSION, e.msg);
        tx_store_close(w);
        return tx_store_open_read(path, out, err);
    }
    /* Nothing this handle runs may write, whatever a bug asks. */
    if ((rc = tx_exec_sql(st, "PRAGMA query_only = 1", "cannot open read-only", err)) !=
        TX_OK)
        goto fail;
    st->schema = ds.version;
    *out = st;
    return TX_OK;
fail:
    tx_store_close(st);
    return rc;
}

void tx_store_close(tx_store *st)
{
    size_t i;

    if (!st)
        return;
    if (st->db) {
        tx_store_rollback(st);
        for (i = 0; i < S_COUNT; i++)
            sqlite3_finalize(st->stmts[i]);
        for (i = 0; i < B_COUNT; i++)
            tx_batch_free(st->bulk[i]);
        sqlite3_close_v2(st->db);
    }
    free(st->cands);
    tx_buf_release(&st->ctx_text);
    tx_buf_release(&st->doc_json);
    tx_buf_release(&st->rv_text);
    free(st->rv_touched);
    free(st->path);
    free(st);
}

/* ---- transactions ---- */

/* After tx_store_begin_trusted(), once no transaction is open: checks on. */
static void fk_restore(tx_store *st)
{
    if (st->fk_off && st->db && sqlite3_get_autocommit(st->db) &&
        sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) == SQLITE_OK)
        st->fk_off = 0;
}

tx_status tx_store_begin(tx_store *st, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_BEGIN, &s, err)) != TX_OK)
        return rc;
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot start a write transaction");
    tx_stmt_done(s);
    return rc;
}

tx_status tx_store_begin_trusted(tx_store *st, tx_error *err)
{
    tx_status rc;

    /* The pragma is ignored inside a transaction: set it before BEGIN. */
    if ((rc = tx_exec_sql(st, "PRAGMA foreign_keys = OFF", "cannot turn foreign keys off",
                          err)) != TX_OK)
        return rc;
    st->fk_off = 1;
    if ((rc = tx_store_begin(st, err)) != TX_OK)
        fk_restore(st);
    return rc;
}

tx_status tx_store_commit(tx_store *st, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_COMMIT, &s, err)) != TX_OK)
        return rc;
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = tx_db_fail(st, err, "cannot commit");
    tx_stmt_done(s);
    fk_restore(st);
    return rc;
}

void tx_store_rollback(tx_store *st)
{
    if (st)
        tx_bulk_clear(st);
    if (st && st->db && !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    if (st)
        fk_restore(st);
}

tx_status tx_store_begin_read(tx_store *st, int *began, tx_error *err)
{
    *began = 0;
    if (!sqlite3_get_autocommit(st->db))
        return TX_OK;
    /* A deferred BEGIN takes its snapshot at the first read. */
    if (sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return tx_db_fail(st, err, "cannot start a read transaction");
    *began = 1;
    return TX_OK;
}

void tx_store_end_read(tx_store *st, int began)
{
    /* Nothing was written: ending it either way changes nothing. */
    if (began)
        tx_store_rollback(st);
}
