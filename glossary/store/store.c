/* store.c: the glossary database (SQLite): schema, migrations, prepared statements.
 *
 * The schema version lives in PRAGMA user_version and the file is marked as ours
 * with PRAGMA application_id; tx_store_open() runs the missing steps of
 * `migrations[]` in one transaction.  Every statement the library runs is in
 * `stmt_sql[]`, prepared on first use and kept for the life of the handle, since
 * tx_store_merge_term() runs a handful of them per candidate, hundreds of
 * thousands of times per extraction; terms the caller knows are new go to
 * multi-row INSERTs instead (batch.h, "bulk writes" below).  The database is
 * in WAL mode with a busy timeout, so `termex list` reads a snapshot while
 * `termex extract` writes, and a second writer waits for the first instead of
 * failing.
 *
 * SQLite's result codes stop here: db_fail() turns them into TX_EDB (TX_ENOMEM
 * for SQLITE_NOMEM) with a message naming the file, the operation and
 * sqlite3_errmsg().  Sorting and case-insensitive lookup use two collations
 * registered on each connection (never named in the schema, so the file stays
 * readable by the sqlite3 shell): tx_nocase folds ASCII and Latin-1 case, tx_alpha
 * orders French words (accents and case only break ties: "économie" < "État" <
 * "étude" < "zone"). */
#define _POSIX_C_SOURCE 200809L /* stat() */
#include "store.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "batch.h"
#include "buf.h"
#include "error.h"
#include "sha256.h"

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
     * may start a lower-case term (extract.c).  The documents extracted
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
     * (merge_contexts()); the ones stored before get their order among the
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
};

#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

_Static_assert(N_MIGRATIONS == TX_STORE_SCHEMA_VERSION,
               "one migration step per schema version");

/* ---- prepared statements ---- */

enum stmt_id {
    S_BEGIN,
    S_COMMIT,
    S_DOC_FIND,
    S_DOC_ADD,
    S_TERM_FIND,
    S_TERM_INSERT,
    S_HAS_TERMS,
    S_TERM_ADD,
    S_TERM_CANONICAL,
    S_VARIANT_ADD,
    S_VARIANT_NEW,
    S_CTX_LOAD,
    S_CTX_HAS,
    S_CTX_ADD,
    S_CTX_DEL,
    S_EVICT_ADD,
    S_EVICT_DROP,
    S_EVICT_CLEAR,
    S_SENT_ADD,
    S_EACH_TERM,
    S_SET_SCORE,
    S_COUNTS,
    S_NOUN_ADD,
    S_NOUN_EACH,
    S_NOUNS_INCOMPLETE,
    S_MAIN_LANG,
    S_LIST_SCORE,
    S_LIST_FREQ,
    S_LIST_ALPHA,
    S_FIND_CANONICAL,
    S_FIND_VARIANT,
    S_FIND_NOCASE,
    S_FIND_KEY,
    S_INFO_TERM,
    S_INFO_VARIANTS,
    S_INFO_DOCS,
    S_INFO_CONTEXTS,
    S_INFO_TRANSLATIONS,
    S_SEG_ADD,
    S_SEG_ID,
    S_SEG_EACH,
    S_LISTED_EACH,
    S_TR_CLEAR,
    S_TR_ADD,
    S_TR_EACH,
    S_ABBR_EACH,
    S_EXP_ABBR,
    S_DOC_PATH,
    S_EXP_TERMS,
    S_EXP_TERMS_APPROVED,
    S_EXP_TR_IMP,
    S_EXP_TR_BEST,
    S_EXP_CTX,
    S_IMP_FIND,
    S_IMP_INSERT,
    S_IMP_UPDATE,
    S_IMP_DOC,
    S_IMP_TR_HAS,
    S_INFO_RELATIONS,
    S_REL_GET,
    S_REL_ADD_ID,
    S_REL_SET,
    S_REL_TRIM,
    S_BULK_IDS,
    S_COUNT
};

/* The columns of a tx_term, in the order row_to_term() reads them. */
#define TERM_COLUMNS \
    "id, canonical, key, lang, status, n_words, n_content, freq, df, cvalue, score," \
    " (SELECT text FROM translations WHERE term_id = terms.id" \
    " ORDER BY score DESC, id LIMIT 1), listed"

/* Several matches for a lookup: prefer the listed term, then the frequent one. */
#define FIND_ORDER " ORDER BY listed DESC, freq DESC, key, id LIMIT 1"

static const char *const stmt_sql[S_COUNT] = {
    [S_BEGIN] = "BEGIN IMMEDIATE",
    [S_COMMIT] = "COMMIT",
    [S_DOC_FIND] = "SELECT id FROM documents WHERE hash = ?1",
    [S_DOC_ADD] =
        "INSERT INTO documents (path, hash, lang, n_tokens, n_bytes, added_at, raw_path)"
        " VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?6)",
    [S_TERM_FIND] = "SELECT id, doc_counts FROM terms WHERE lang = ?1 AND key = ?2",
    [S_TERM_INSERT] =
        "INSERT INTO terms (lang, key, canonical, n_words, n_content, freq, df,"
        " doc_counts, cvalue, score, listed)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [S_HAS_TERMS] = "SELECT EXISTS (SELECT 1 FROM terms WHERE lang = ?1)",
    [S_TERM_ADD] =
        "UPDATE terms SET freq = freq + ?2, df = df + ?3, doc_counts = ?4 WHERE id = ?1",
    /* The canonical-form rule of store.h (tx_store_best_variant() applies it
     * to a new term's variants before they are stored). */
    [S_TERM_CANONICAL] =
        "UPDATE terms SET canonical = coalesce("
        "(SELECT surface FROM variants WHERE term_id = ?1"
        " ORDER BY lower_initial DESC, count DESC, surface LIMIT 1), canonical)"
        " WHERE id = ?1 AND status != 'approved'", /* an approved form is the user's */
    [S_VARIANT_ADD] =
        "INSERT INTO variants (term_id, surface, count, lower_initial, first_seen)"
        " VALUES (?1, ?2, ?3, ?4,"
        " coalesce(?5, (SELECT count(*) FROM variants WHERE term_id = ?1)))"
        " ON CONFLICT (term_id, surface) DO UPDATE SET count = count + excluded.count",
    /* A new term's variants: no subquery on the table written, which would make
     * SQLite build a temporary table for each row. */
    [S_VARIANT_NEW] =
        "INSERT INTO variants (term_id, surface, count, lower_initial, first_seen)"
        " VALUES (?1, ?2, ?3, ?4, ?5)"
        " ON CONFLICT (term_id, surface) DO UPDATE SET count = count + excluded.count",

    [S_CTX_LOAD] =
        "SELECT c.sentence_id, s.text, c.level, d.hash FROM contexts c"
        " JOIN sentences s ON s.id = c.sentence_id JOIN documents d ON d.id = s.doc_id"
        " WHERE c.term_id = ?1",
    [S_CTX_HAS] =
        "SELECT 1 FROM contexts c JOIN sentences s ON s.id = c.sentence_id"
        " WHERE c.term_id = ?1 AND s.text = ?2",
    [S_CTX_ADD] =
        "INSERT OR IGNORE INTO contexts (term_id, sentence_id, level) VALUES (?1, ?2, ?3)",
    [S_CTX_DEL] = "DELETE FROM contexts WHERE term_id = ?1 AND sentence_id = ?2",
    /* Sentences no term keeps any more (see merge_contexts()). */
    [S_EVICT_ADD] = "INSERT OR IGNORE INTO temp.tx_evicted (id) VALUES (?1)",
    [S_EVICT_DROP] =
        "DELETE FROM sentences WHERE id IN (SELECT id FROM temp.tx_evicted)"
        " AND id NOT IN (SELECT sentence_id FROM contexts)",
    [S_EVICT_CLEAR] = "DELETE FROM temp.tx_evicted",
    [S_SENT_ADD] = "INSERT INTO sentences (doc_id, text) VALUES (?1, ?2)",
    [S_EACH_TERM] =
        "SELECT id, key, n_words, n_content, freq, df, cvalue, score, listed,"
        " status = 'approved', canonical FROM terms WHERE lang = ?1 ORDER BY id",
    [S_SET_SCORE] =
        "UPDATE terms SET cvalue = ?2, score = ?3, listed = ?4 WHERE id = ?1",
    [S_MAIN_LANG] =
        "SELECT lang FROM terms GROUP BY lang ORDER BY count(*) DESC, lang LIMIT 1",
    [S_NOUN_ADD] = "INSERT OR IGNORE INTO nouns (lang, word) VALUES (?1, ?2)",
    [S_NOUN_EACH] = "SELECT word FROM nouns WHERE lang = ?1",
    [S_NOUNS_INCOMPLETE] = "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'nouns')",
    [S_COUNTS] =
        "SELECT (SELECT count(*) FROM documents),"
        " (SELECT count(*) FROM terms WHERE listed = 1)",
    [S_LIST_SCORE] =
        "SELECT " TERM_COLUMNS " FROM terms WHERE listed = 1"
        " ORDER BY score DESC, freq DESC, canonical COLLATE tx_alpha, canonical, key, id"
        " LIMIT ?1",
    [S_LIST_FREQ] =
        "SELECT " TERM_COLUMNS " FROM terms WHERE listed = 1"
        " ORDER BY freq DESC, score DESC, canonical COLLATE tx_alpha, canonical, key, id"
        " LIMIT ?1",
    [S_LIST_ALPHA] =
        "SELECT " TERM_COLUMNS " FROM terms WHERE listed = 1"
        " ORDER BY canonical COLLATE tx_alpha, canonical, key, id LIMIT ?1",
    [S_FIND_CANONICAL] = "SELECT id FROM terms WHERE canonical = ?1" FIND_ORDER,
    [S_FIND_VARIANT] =
        "SELECT id FROM terms WHERE id IN"
        " (SELECT term_id FROM variants WHERE surface = ?1)" FIND_ORDER,
    /* A full scan, acceptable for a one-off lookup (`termex show`). */
    [S_FIND_NOCASE] =
        "SELECT id FROM terms WHERE canonical = ?1 COLLATE tx_nocase"
        " OR EXISTS (SELECT 1 FROM variants WHERE term_id = terms.id"
        " AND surface = ?1 COLLATE tx_nocase)" FIND_ORDER,
    [S_FIND_KEY] = "SELECT id FROM terms WHERE key = ?1" FIND_ORDER,
    [S_INFO_TERM] = "SELECT " TERM_COLUMNS " FROM terms WHERE id = ?1",
    [S_INFO_VARIANTS] =
        "SELECT surface, count FROM variants WHERE term_id = ?1"
        " ORDER BY count DESC, surface",
    [S_INFO_DOCS] =
        "SELECT d.path, j.value ->> 1 FROM terms t, json_each(t.doc_counts) j"
        " JOIN documents d ON d.id = j.value ->> 0"
        " WHERE t.id = ?1 ORDER BY j.value ->> 1 DESC, d.path, d.hash",
    [S_INFO_CONTEXTS] =
        "SELECT d.path, s.text FROM contexts c"
        " JOIN sentences s ON s.id = c.sentence_id"
        " JOIN documents d ON d.id = s.doc_id"
        " WHERE c.term_id = ?1 ORDER BY c.level, d.hash, s.text",
    [S_INFO_TRANSLATIONS] =
        "SELECT t.lang, t.text, t.score, t.method, t.n_segments, s.src, s.tgt"
        " FROM translations t LEFT JOIN segments s ON s.id = t.segment_id"
        " WHERE t.term_id = ?1 ORDER BY t.score DESC, t.id",
    [S_SEG_ADD] =
        "INSERT INTO segments (src_lang, tgt_lang, src, tgt, source, ref, score, hash)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (hash) DO NOTHING",
    [S_SEG_ID] = "SELECT id FROM segments WHERE hash = ?1",
    [S_SEG_EACH] =
        "SELECT id, src, tgt, score FROM segments"
        " WHERE src_lang = ?1 AND tgt_lang = ?2 ORDER BY id",
    [S_LISTED_EACH] =
        "SELECT id, key, canonical, n_content, freq, doc_counts FROM terms"
        " WHERE lang = ?1 AND listed = 1 ORDER BY id",
    /* Imported translations (method 'import...') are the user's: kept. */
    [S_TR_CLEAR] =
        "DELETE FROM translations WHERE lang = ?1 AND method NOT LIKE 'import%'"
        " AND term_id IN (SELECT id FROM terms WHERE lang = ?2)",
    /* Each term with an acronym, the per-document counts of both. */
    [S_ABBR_EACH] =
        "SELECT t.canonical, t.doc_counts, r.other_surface, coalesce(a.doc_counts, '[]')"
        " FROM relations r JOIN terms t ON t.id = r.term_id"
        " LEFT JOIN terms a ON a.lang = t.lang AND a.key = r.other_key"
        " WHERE r.kind = 'abbreviation' AND t.lang = ?1"
        " ORDER BY t.canonical COLLATE tx_alpha, t.key, r.other_key",
    [S_DOC_PATH] = "SELECT path FROM documents WHERE id = ?1",
    [S_EXP_ABBR] =
        "SELECT other_surface FROM relations WHERE term_id = ?1 AND kind = 'abbreviation'"
        " ORDER BY other_key LIMIT 1",
    [S_TR_EACH] =
        "SELECT t.term_id, t.text, t.method, t.score, t.status FROM translations t"
        " JOIN terms x ON x.id = t.term_id"
        " WHERE x.lang = ?1 AND t.lang = ?2 AND (x.listed = 1 OR x.status = 'approved')"
        " ORDER BY t.term_id, t.method NOT LIKE 'import%', t.score DESC, t.id",
    /* Export: alphabetical, so that an export of an imported export is the
     * same file; listed, approved and rejected terms. */
    [S_EXP_TERMS] =
        "SELECT id, canonical, status, pos, score, freq FROM terms"
        " WHERE lang = ?1 AND (listed = 1 OR status != 'candidate') AND score >= ?2"
        " ORDER BY canonical COLLATE tx_alpha, canonical, key, id",
    [S_EXP_TERMS_APPROVED] =
        "SELECT id, canonical, status, pos, score, freq FROM terms"
        " WHERE lang = ?1 AND status = 'approved' AND score >= ?2"
        " ORDER BY canonical COLLATE tx_alpha, canonical, key, id",
    /* Imported translations all, in their order; else the best computed one. */
    [S_EXP_TR_IMP] =
        "SELECT text, coalesce(status, 'approved') FROM translations"
        " WHERE term_id = ?1 AND lang = ?2 AND method LIKE 'import%'"
        " ORDER BY score DESC, id",
    [S_EXP_TR_BEST] =
        "SELECT text, coalesce(status, 'candidate') FROM translations"
        " WHERE term_id = ?1 AND lang = ?2 ORDER BY score DESC, id LIMIT 1",
    [S_EXP_CTX] =
        "SELECT s.text, d.path FROM contexts c JOIN sentences s ON s.id = c.sentence_id"
        " JOIN documents d ON d.id = s.doc_id WHERE c.term_id = ?1"
        " ORDER BY c.level, d.hash, s.text LIMIT 1",
    [S_IMP_FIND] = "SELECT id FROM terms WHERE lang = ?1 AND key = ?2",
    [S_IMP_INSERT] =
        "INSERT INTO terms (lang, key, canonical, n_words, n_content, freq, score,"
        " listed, status, pos) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9)",
    [S_IMP_UPDATE] =
        "UPDATE terms SET status = ?2, pos = coalesce(?3, pos), listed = 1 WHERE id = ?1",
    /* Imported contexts hang on a document standing for their source. */
    [S_IMP_DOC] =
        "INSERT INTO documents (path, hash, lang, n_tokens, n_bytes, added_at, raw_path)"
        " VALUES (?1, ?2, ?3, 0, 0, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?4)"
        " ON CONFLICT (hash) DO UPDATE SET path = path RETURNING id",
    [S_IMP_TR_HAS] =
        "SELECT 1 FROM translations WHERE term_id = ?1 AND lang = ?2 AND text = ?3"
        " AND method LIKE 'import%'",
    [S_TR_ADD] =
        "INSERT INTO translations (term_id, lang, text, score, method, n_segments,"
        " segment_id, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [S_INFO_RELATIONS] =
        "SELECT r.kind, coalesce(o.canonical, r.other_surface), o.id IS NOT NULL"
        " FROM relations r JOIN terms t ON t.id = r.term_id"
        " LEFT JOIN terms o ON o.lang = t.lang AND o.key = r.other_key"
        " WHERE r.term_id = ?1 ORDER BY r.kind, r.other_key",
    [S_REL_GET] =
        "SELECT other_surface FROM relations"
        " WHERE term_id = ?1 AND kind = ?2 AND other_key = ?3",
    [S_REL_ADD_ID] =
        "INSERT OR IGNORE INTO relations (term_id, kind, other_key, other_surface)"
        " VALUES (?1, ?2, ?3, ?4)",
    [S_REL_SET] =
        "UPDATE relations SET other_surface = ?4"
        " WHERE term_id = ?1 AND kind = ?2 AND other_key = ?3",
    /* The TX_MAX_RELATIONS smallest keys of a kind stay (see relation_put()). */
    [S_REL_TRIM] =
        "DELETE FROM relations WHERE term_id = ?1 AND kind = ?2 AND other_key NOT IN"
        " (SELECT other_key FROM relations WHERE term_id = ?1 AND kind = ?2"
        " ORDER BY other_key LIMIT ?3)",
    /* The ids SQLite would give the next term and sentence, less one. */
    [S_BULK_IDS] =
        "SELECT (SELECT coalesce(max(id), 0) FROM terms),"
        " (SELECT coalesce(max(id), 0) FROM sentences)",
};

/* The bulk writes of new terms (tx_occ_row.known_new): rows go to multi-row
 * INSERTs (batch.h) in this order, which is also the order of their foreign
 * keys, with ids counted here instead of read back from SQLite. */
enum bulk_id { B_TERMS, B_SENTENCES, B_VARIANTS, B_CONTEXTS, B_RELATIONS, B_COUNT };

static const struct {
    const char *head, *tail;
    unsigned n_cols;
    const char *what;      /* for messages: "cannot add ..." */
} bulk_sql[B_COUNT] = {
    [B_TERMS] = {"INSERT INTO terms (id, lang, key, canonical, n_words, n_content, freq,"
                 " df, doc_counts, cvalue, score, listed)", "", 12, "terms"},
    [B_SENTENCES] = {"INSERT INTO sentences (id, doc_id, text)", "", 3, "sentences"},
    [B_VARIANTS] = {"INSERT INTO variants (term_id, surface, count, lower_initial,"
                    " first_seen)",
                    "ON CONFLICT (term_id, surface) DO UPDATE SET count = count +"
                    " excluded.count", 5, "variants"},
    [B_CONTEXTS] = {"INSERT OR IGNORE INTO contexts (term_id, sentence_id, level)", "", 3,
                    "contexts"},
    [B_RELATIONS] = {"INSERT OR IGNORE INTO relations (term_id, kind, other_key,"
                     " other_surface)", "", 4, "relations"},
};

/* An example sentence a term has or may get (scratch of merge_contexts()). */
typedef struct ctx_cand {
    const char *text;     /* a stored one's lives in tx_store.ctx_text */
    const char *doc_hash; /* its document's SHA-256 (hex) */
    size_t text_off, hash_off; /* a stored one's, in tx_store.ctx_text */
    int level;            /* the rank of its occurrence in the document; -1 for
                           * an imported one (the user's: always kept) */
    int64_t sentence_id;  /* stored: its sentence */
    size_t row;           /* new: its index in the tx_occ_row, else (size_t)-1 */
    int keep;
} ctx_cand;

struct tx_store {
    sqlite3 *db;
    char *path;                     /* as given to tx_store_open(), for messages */
    sqlite3_stmt *stmts[S_COUNT];   /* prepared on first use; NULL until then */
    ctx_cand *cands;                /* merge scratch, kept to avoid a malloc per term */
    size_t cap_cands;
    tx_buf ctx_text;                /* merge scratch: stored sentences and hashes */
    int evict_table;                /* temp.tx_evicted exists */
    int evicted;                    /* it holds rows (tx_store_drop_evicted()) */
    tx_buf doc_json;                /* merge scratch: a term's per-document counts */
    int fk_off;                     /* foreign keys off until the transaction ends */
    tx_batch *bulk[B_COUNT];        /* created on first use */
    int bulk_pending;               /* some batch holds rows */
    int bulk_ids;                   /* next_term and next_sentence are valid */
    int64_t next_term, next_sentence;
    int n_ids;                      /* -1 until file_ids() has run */
    struct file_id {
        dev_t dev;
        ino_t ino;
    } ids[4];                       /* the glossary, its -wal, -shm, -journal */
};

/* ---- errors ---- */

/* Fill `err` from the connection's last error: "PATH: WHAT: sqlite message". */
static tx_status db_fail(tx_store *st, tx_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static tx_status db_fail(tx_store *st, tx_error *err, const char *fmt, ...)
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

/* ---- collations ---- */

/* Decode one code point from [*p, end) and advance *p.  Invalid bytes decode to
 * themselves, offset into the surrogate range so they never equal a letter. */
static uint32_t utf8_next(const unsigned char **p, const unsigned char *end)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    size_t n, i;

    if (c < 0x80)
        n = 0;
    else if (c >= 0xc2 && c <= 0xdf)
        n = 1, c &= 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        n = 2, c &= 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        n = 3, c &= 0x07;
    else
        goto invalid;
    if ((size_t)(end - s) <= n)
        goto invalid;
    for (i = 1; i <= n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            goto invalid;
        c = (c << 6) | (s[i] & 0x3f);
    }
    *p = s + n + 1;
    return c;
invalid:
    *p = s + 1;
    return 0xdc00 + s[0];
}

/* Lower-case ASCII and Latin-1 letters, plus Œ and Ÿ, which French needs. */
static uint32_t fold_case(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xc0 && c <= 0xde && c != 0xd7)
        return c + 32;
    if (c == 0x152)
        return 0x153;
    if (c == 0x178)
        return 0xff;
    return c;
}

/* The base letters of `c` with case and accents removed ("É" -> "e", "œ" -> "oe");
 * returns how many (1 or 2) were stored in out[]. */
static int fold_base(uint32_t c, uint32_t out[2])
{
    /* U+00E0..U+00FF without accents; 0 marks the ligatures handled below. */
    static const char base[] = "aaaaaa\0ceeeeiiiidnooooo\xf7ouuuuy\xfey";

    c = fold_case(c);
    if (c == 0xe6 || c == 0x153) {
        out[0] = c == 0xe6 ? 'a' : 'o';
        out[1] = 'e';
        return 2;
    }
    if (c == 0xdf) {
        out[0] = 's';
        out[1] = 's';
        return 2;
    }
    if (c >= 0xe0 && c <= 0xff)
        c = (unsigned char)base[c - 0xe0];
    out[0] = c;
    return 1;
}

/* Walks a string as a sequence of folded code points. */
typedef struct fold_iter {
    const unsigned char *p, *end;
    uint32_t pending[2];
    int n_pending;
    int base;       /* 1: fold_base(), 0: fold_case() */
} fold_iter;

static void fold_start(fold_iter *it, const void *s, int len, int base)
{
    it->p = s;
    it->end = it->p + len;
    it->n_pending = 0;
    it->base = base;
}

/* The next folded code point, or -1 at the end. */
static long fold_next(fold_iter *it)
{
    uint32_t c;

    if (it->n_pending) {
        it->n_pending = 0;
        return it->pending[1];
    }
    if (it->p >= it->end)
        return -1;
    c = utf8_next(&it->p, it->end);
    if (!it->base)
        return fold_case(c);
    if (fold_base(c, it->pending) == 2)
        it->n_pending = 1;
    return it->pending[0];
}

static int fold_compare(int n1, const void *s1, int n2, const void *s2, int base)
{
    fold_iter a, b;
    long c1, c2;

    fold_start(&a, s1, n1, base);
    fold_start(&b, s2, n2, base);
    do {
        c1 = fold_next(&a);
        c2 = fold_next(&b);
        if (c1 != c2)
            return c1 < c2 ? -1 : 1;
    } while (c1 >= 0);
    return 0;
}

/* tx_nocase: equal when equal but for the case of ASCII and Latin-1 letters. */
static int collate_nocase(void *arg, int n1, const void *s1, int n2, const void *s2)
{
    (void)arg;
    return fold_compare(n1, s1, n2, s2, 0);
}

/* tx_alpha: dictionary order, base letters first, then accents, then case, then
 * bytes, so only identical strings compare equal. */
static int collate_alpha(void *arg, int n1, const void *s1, int n2, const void *s2)
{
    int r;

    (void)arg;
    if ((r = fold_compare(n1, s1, n2, s2, 1)) != 0)
        return r;
    if ((r = fold_compare(n1, s1, n2, s2, 0)) != 0)
        return r;
    r = memcmp(s1, s2, (size_t)(n1 < n2 ? n1 : n2));
    if (r != 0)
        return r;
    return n1 < n2 ? -1 : n1 > n2;
}

/* ---- statements ---- */

static tx_status bulk_flush(tx_store *st, tx_error *err);

/* Set *out to the cached statement `id`, preparing it on first use.  The
 * statement belongs to `st`: callers reset it (stmt_done()) when finished. */
static tx_status stmt_get(tx_store *st, enum stmt_id id, sqlite3_stmt **out,
                          tx_error *err)
{
    sqlite3_stmt *s = st->stmts[id];
    tx_status rc;

    *out = NULL;
    /* Every other statement sees the bulk rows, and may add rows itself: the
     * bulk ids are read again before the next bulk row. */
    if (st->bulk_pending && (rc = bulk_flush(st, err)) != TX_OK)
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
    if (sqlite3_prepare_v3(st->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s,
                           NULL) != SQLITE_OK)
        return db_fail(st, err, "cannot prepare statement %d", (int)id);
    st->stmts[id] = s;
    *out = s;
    return TX_OK;
}

static void stmt_done(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

/* Step `s` to completion (a statement returning no rows), then reset it. */
static tx_status stmt_run(tx_store *st, sqlite3_stmt *s, tx_error *err,
                          const char *what, const char *subject)
{
    tx_status rc = TX_OK;

    if (sqlite3_step(s) != SQLITE_DONE)
        rc = db_fail(st, err, "cannot %s '%s'", what, subject);
    stmt_done(s);
    return rc;
}

static int bind_text(sqlite3_stmt *s, int i, const char *text)
{
    return sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

/* Bind a document's name to parameter `i` as valid UTF-8 without control
 * characters (tx_escape_text()): a name is shown and exported, and one such
 * byte must not make every export of the glossary fail.  When escaping
 * changed it, its bytes go to parameter `i_raw` (raw_path).  0, or -1 when
 * out of memory. */
static int bind_path(sqlite3_stmt *s, int i, int i_raw, const char *path)
{
    size_t len = tx_escape_text(NULL, 0, path);
    char *safe = malloc(len + 1);

    if (!safe)
        return -1;
    tx_escape_text(safe, len + 1, path);
    if (strcmp(safe, path) == 0) {
        free(safe);
        return bind_text(s, i, path) == SQLITE_OK ? 0 : -1;
    }
    if (sqlite3_bind_blob(s, i_raw, path, (int)strlen(path), SQLITE_TRANSIENT) !=
        SQLITE_OK) {
        free(safe);
        return -1;
    }
    return sqlite3_bind_text(s, i, safe, -1, free) == SQLITE_OK ? 0 : -1;
}

/* ---- bulk writes of new terms ---- */

/* A bulk write goes out once this many terms are waiting (with their
 * variants, sentences, contexts and relations). */
#define TX_BULK_TERMS 8192

/* Drop the rows not written yet (the transaction is being rolled back). */
static void bulk_clear(tx_store *st)
{
    for (int b = 0; b < B_COUNT; b++)
        if (st->bulk[b])
            tx_batch_clear(st->bulk[b]);
    st->bulk_pending = 0;
    st->bulk_ids = 0;
}

/* Batch `b` failed with `src`: drop every waiting row and say why. */
static tx_status bulk_fail(tx_store *st, enum bulk_id b, int src, tx_error *err)
{
    bulk_clear(st);
    if (src == SQLITE_NOMEM)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory adding %s", st->path,
                       bulk_sql[b].what);
    if (src == SQLITE_MISUSE || src == SQLITE_TOOBIG) /* batch.c's own checks */
        return tx_fail(err, TX_EINVAL, "%s: cannot add %s: %s", st->path,
                       bulk_sql[b].what, sqlite3_errstr(src));
    return db_fail(st, err, "cannot add %s", bulk_sql[b].what);
}

/* Write every waiting row, parents before children. */
static tx_status bulk_flush(tx_store *st, tx_error *err)
{
    st->bulk_pending = 0;
    for (int b = 0; b < B_COUNT; b++) {
        int src;
        if (st->bulk[b] && (src = tx_batch_flush(st->bulk[b])) != SQLITE_OK)
            return bulk_fail(st, (enum bulk_id)b, src, err);
    }
    return TX_OK;
}

/* Make the batches and the id counters ready for a new term. */
static tx_status bulk_ready(tx_store *st, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    for (int b = 0; b < B_COUNT; b++) {
        int src;
        if (st->bulk[b])
            continue;
        src = tx_batch_new(st->db, bulk_sql[b].head, bulk_sql[b].tail, bulk_sql[b].n_cols,
                           &st->bulk[b]);
        if (src == SQLITE_NOMEM)
            return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
        if (src != SQLITE_OK) /* no statement ran: the connection's message is not it */
            return tx_fail(err, TX_EDB, "%s: cannot prepare to add %s: %s", st->path,
                           bulk_sql[b].what, sqlite3_errstr(src));
    }
    if (st->bulk_ids)
        return TX_OK;
    if ((rc = stmt_get(st, S_BULK_IDS, &s, err)) != TX_OK)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW) {
        st->next_term = sqlite3_column_int64(s, 0) + 1;
        st->next_sentence = sqlite3_column_int64(s, 1) + 1;
        st->bulk_ids = 1;
    } else {
        rc = db_fail(st, err, "cannot read the last ids");
    }
    stmt_done(s);
    return rc;
}

/* End a row of batch `b`; a failure (out of memory) drops every waiting row. */
static tx_status bulk_end_row(tx_store *st, enum bulk_id b, tx_error *err)
{
    int src = tx_batch_end_row(st->bulk[b]);

    st->bulk_pending = 1;
    return src == SQLITE_OK ? TX_OK : bulk_fail(st, b, src, err);
}

/* ---- opening and migrating ---- */

static tx_status exec_sql(tx_store *st, const char *sql, const char *what,
                          tx_error *err)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(st, err, "%s", what);
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
            return db_fail(st, err, "cannot switch to WAL journal mode");
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
        return db_fail(st, err, "cannot read the glossary's schema version");
    if (sqlite3_step(s) == SQLITE_ROW) {
        ds->version = sqlite3_column_int64(s, 0);
        ds->app_id = sqlite3_column_int64(s, 1);
        ds->n_tables = sqlite3_column_int64(s, 2);
    } else {
        rc = db_fail(st, err, "cannot read the glossary's schema version");
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

    if ((rc = exec_sql(st, "BEGIN IMMEDIATE", "cannot start the schema upgrade",
                       err)) != TX_OK)
        return rc;
    /* Again, under the write lock: another process may have migrated meanwhile. */
    if ((rc = read_state(st, &ds, err)) != TX_OK)
        goto fail;
    if ((rc = check_state(st, &ds, err)) != TX_OK)
        goto fail;
    for (v = ds.version; v < TX_STORE_SCHEMA_VERSION; v++) {
        if (sqlite3_exec(st->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK) {
            rc = db_fail(st, err, "cannot upgrade the glossary schema from version "
                         "%lld to %lld", (long long)v, (long long)v + 1);
            goto fail;
        }
    }
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
             TX_STORE_SCHEMA_VERSION, TX_STORE_APP_ID);
    if ((rc = exec_sql(st, sql, "cannot record the schema version", err)) != TX_OK)
        goto fail;
    if ((rc = exec_sql(st, "COMMIT", "cannot commit the schema upgrade", err)) != TX_OK)
        goto fail;
    return TX_OK;
fail:
    tx_store_rollback(st);
    return rc;
}

static char *dup_str(const char *s)
{
    size_t len = strlen(s) + 1;
    char *d = malloc(len);

    if (d)
        memcpy(d, s, len);
    return d;
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
        return db_fail(st, err, "cannot open the glossary");
    }
    sqlite3_busy_timeout(st->db, TX_STORE_BUSY_MS);
    if (sqlite3_create_collation_v2(st->db, "tx_nocase", SQLITE_UTF8, NULL,
                                    collate_nocase, NULL) != SQLITE_OK ||
        sqlite3_create_collation_v2(st->db, "tx_alpha", SQLITE_UTF8, NULL,
                                    collate_alpha, NULL) != SQLITE_OK ||
        sqlite3_create_function_v2(st->db, "tx_escape", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_escape,
                                   NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(st, err, "cannot register collations and functions");
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
    /* The first read: a file that is not a database fails here (see db_fail()). */
    if ((rc = read_state(st, &ds, err)) != TX_OK)
        goto fail;
    if ((rc = check_state(st, &ds, err)) != TX_OK)
        goto fail;
    /* WAL lets readers run during a write; NORMAL is safe with WAL (a power cut
     * may lose the last commit, never corrupt the file). */
    if ((rc = set_wal(st, err)) != TX_OK ||
        (rc = exec_sql(st, "PRAGMA synchronous = NORMAL",
                       "cannot set synchronous mode", err)) != TX_OK ||
        (rc = exec_sql(st, "PRAGMA foreign_keys = ON",
                       "cannot enable foreign keys", err)) != TX_OK ||
        /* An extraction run is one transaction that touches most pages of
         * the term tables: a page cache of up to 256 MiB keeps them from
         * being written to the WAL and read back again before the commit. */
        (rc = exec_sql(st, "PRAGMA cache_size = -262144",
                       "cannot set the cache size", err)) != TX_OK)
        goto fail;
    if (ds.version < TX_STORE_SCHEMA_VERSION && (rc = migrate(st, err)) != TX_OK)
        goto fail;
    *out = st;
    return TX_OK;
fail:
    tx_store_close(st);
    return rc;
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
    char *dir = strdup(st->path), *slash;
    int writable;
    tx_status rc;

    if (!dir)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    slash = strrchr(dir, '/');
    if (slash)
        slash[slash == dir] = '\0';
    /* Where we may write anyway, a read-write connection (query_only all the
     * same) lets SQLite remove its -wal and -shm at the close; a read-only
     * one would leave them beside the glossary after every read. */
    writable = access(st->path, W_OK) == 0 && access(slash ? dir : ".", W_OK) == 0;
    free(dir);
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
    if (ds.version < TX_STORE_SCHEMA_VERSION) {
        /* An older glossary is upgraded in place, as any command did before
         * readers opened read-only; one we may not write cannot be read. */
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
    if ((rc = exec_sql(st, "PRAGMA query_only = 1", "cannot open read-only", err)) !=
        TX_OK)
        goto fail;
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

    if ((rc = stmt_get(st, S_BEGIN, &s, err)) != TX_OK)
        return rc;
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = db_fail(st, err, "cannot start a write transaction");
    stmt_done(s);
    return rc;
}

tx_status tx_store_begin_trusted(tx_store *st, tx_error *err)
{
    tx_status rc;

    /* The pragma is ignored inside a transaction: set it before BEGIN. */
    if ((rc = exec_sql(st, "PRAGMA foreign_keys = OFF", "cannot turn foreign keys off",
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

    if ((rc = stmt_get(st, S_COMMIT, &s, err)) != TX_OK)
        return rc;
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = db_fail(st, err, "cannot commit");
    stmt_done(s);
    fk_restore(st);
    return rc;
}

void tx_store_rollback(tx_store *st)
{
    if (st)
        bulk_clear(st);
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
        return db_fail(st, err, "cannot start a read transaction");
    *began = 1;
    return TX_OK;
}

void tx_store_end_read(tx_store *st, int began)
{
    /* Nothing was written: ending it either way changes nothing. */
    if (began)
        tx_store_rollback(st);
}

/* ---- documents ---- */

tx_status tx_store_find_document(tx_store *st, const char *hash, int64_t *doc_id,
                                 tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    if (!st || !hash || !doc_id)
        return tx_fail(err, TX_EINVAL, "tx_store_find_document: missing argument");
    *doc_id = 0;
    if ((rc = stmt_get(st, S_DOC_FIND, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, hash);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *doc_id = sqlite3_column_int64(s, 0);
    else if (src != SQLITE_DONE)
        rc = db_fail(st, err, "cannot look up document %s", hash);
    stmt_done(s);
    return rc;
}

tx_status tx_store_add_document(tx_store *st, const tx_doc_row *doc, int64_t *doc_id,
                                tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if (!st || !doc || !doc->path || !doc->hash || !doc->lang || !doc_id)
        return tx_fail(err, TX_EINVAL, "tx_store_add_document: missing argument");
    *doc_id = 0;
    if ((rc = stmt_get(st, S_DOC_ADD, &s, err)) != TX_OK)
        return rc;
    if (bind_path(s, 1, 6, doc->path) != 0) {
        stmt_done(s);
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    }
    bind_text(s, 2, doc->hash);
    bind_text(s, 3, doc->lang);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)doc->n_tokens);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)doc->n_bytes);
    if ((rc = stmt_run(st, s, err, "add document", doc->path)) != TX_OK)
        return rc;
    *doc_id = sqlite3_last_insert_rowid(st->db);
    return TX_OK;
}

/* ---- merging ---- */

int tx_surface_before(const char *a, const char *b)
{
    const unsigned char *pa = (const unsigned char *)a, *pb = (const unsigned char *)b;
    uint32_t ca = *a ? utf8_next(&pa, pa + strlen(a)) : 0;
    uint32_t cb = *b ? utf8_next(&pb, pb + strlen(b)) : 0;
    int la = fold_case(ca) == ca, lb = fold_case(cb) == cb;

    if (la != lb)
        return la;
    return strcmp(a, b) < 0;
}

/* Link term `id` to the term of key `other_key` (`kind` "abbreviation" or
 * "elliptic"), as the worker of a run does (extract.c): one link a key, with
 * the written form tx_surface_before() prefers, and of each kind the
 * TX_MAX_RELATIONS smallest keys, whatever order they came in. */
static tx_status relation_put(tx_store *st, int64_t id, const char *kind,
                              const char *other_key, const char *other_surface,
                              tx_error *err)
{
    sqlite3_stmt *s;
    int src, better = 0, found = 0;
    tx_status rc;

    if ((rc = stmt_get(st, S_REL_GET, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    bind_text(s, 2, kind);
    bind_text(s, 3, other_key);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        const char *old = (const char *)sqlite3_column_text(s, 0);
        found = 1;
        better = old && tx_surface_before(other_surface, old);
    } else if (src != SQLITE_DONE) {
        rc = db_fail(st, err, "cannot read the links of term %lld", (long long)id);
    }
    stmt_done(s);
    if (rc != TX_OK || (found && !better))
        return rc;
    if ((rc = stmt_get(st, found ? S_REL_SET : S_REL_ADD_ID, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    bind_text(s, 2, kind);
    bind_text(s, 3, other_key);
    bind_text(s, 4, other_surface);
    if ((rc = stmt_run(st, s, err, "link term", other_key)) != TX_OK || found)
        return rc;
    if ((rc = stmt_get(st, S_REL_TRIM, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    bind_text(s, 2, kind);
    sqlite3_bind_int(s, 3, TX_MAX_RELATIONS);
    return stmt_run(st, s, err, "link term", other_key);
}

/* Set *id to the term (lang, key), or to 0. */
/* Find the term of `row`; *id = 0 when it is new.  An existing term's
 * per-document counts are copied into st->doc_json. */
static tx_status term_find(tx_store *st, const tx_occ_row *row, int64_t *id,
                           tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    *id = 0;
    tx_buf_reset(&st->doc_json);
    if ((rc = stmt_get(st, S_TERM_FIND, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, row->lang);
    bind_text(s, 2, row->key);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        if (tx_buf_add(&st->doc_json, sqlite3_column_text(s, 1),
                       (size_t)sqlite3_column_bytes(s, 1)) != TX_OK)
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    } else if (src != SQLITE_DONE)
        rc = db_fail(st, err, "cannot look up term '%s'", row->key);
    stmt_done(s);
    return rc;
}

/* Is example sentence `a` before `b`: a lower rank in its document, then the
 * document with the smaller hash, then the text?  Content alone decides, so
 * that a term keeps the same sentences whatever order documents come in. */
static int ctx_before(const ctx_cand *a, const ctx_cand *b)
{
    int c;

    if (a->level != b->level)
        return a->level < b->level;
    if ((c = strcmp(a->doc_hash, b->doc_hash)) != 0)
        return c < 0;
    return strcmp(a->text, b->text) < 0;
}

/* Make room for `n` entries in st->cands. */
static tx_status cands_reserve(tx_store *st, size_t n, tx_error *err)
{
    ctx_cand *v;

    if (n <= st->cap_cands)
        return TX_OK;
    if (!(v = realloc(st->cands, n * sizeof *v)))
        return tx_fail(err, TX_ENOMEM, "%s: out of memory merging contexts", st->path);
    st->cands = v;
    st->cap_cands = n;
    return TX_OK;
}

/* Load the example sentences of term `id` into st->cands; *n gets how many. */
static tx_status load_contexts(tx_store *st, int64_t id, size_t *n, tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    *n = 0;
    tx_buf_reset(&st->ctx_text);
    if ((rc = stmt_get(st, S_CTX_LOAD, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        ctx_cand *c;
        if ((rc = cands_reserve(st, *n + 1 > 8 ? 2 * *n : 8, err)) != TX_OK)
            break;
        c = &st->cands[(*n)++];
        memset(c, 0, sizeof *c);
        c->sentence_id = sqlite3_column_int64(s, 0);
        c->level = sqlite3_column_int(s, 2);
        c->row = (size_t)-1;
        /* texts are copied: their pointers are set once the buffer stops moving */
        c->text_off = st->ctx_text.len;
        if (tx_buf_add(&st->ctx_text, sqlite3_column_text(s, 1),
                       (size_t)sqlite3_column_bytes(s, 1)) != TX_OK ||
            tx_buf_addch(&st->ctx_text, '\0') != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory merging contexts", st->path);
            break;
        }
        c->hash_off = st->ctx_text.len;
        if (tx_buf_add(&st->ctx_text, sqlite3_column_text(s, 3),
                       (size_t)sqlite3_column_bytes(s, 3)) != TX_OK ||
            tx_buf_addch(&st->ctx_text, '\0') != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory merging contexts", st->path);
            break;
        }
    }
    if (rc == TX_OK && src != SQLITE_DONE)
        rc = db_fail(st, err, "cannot read the contexts of term %lld", (long long)id);
    stmt_done(s);
    for (size_t i = 0; rc == TX_OK && i < *n; i++) {
        st->cands[i].text = st->ctx_text.data + st->cands[i].text_off;
        st->cands[i].doc_hash = st->ctx_text.data + st->cands[i].hash_off;
    }
    return rc;
}

/* Note that sentence `sentence_id` lost a term: tx_store_drop_evicted()
 * removes it if no term keeps it. */
static tx_status evict(tx_store *st, int64_t sentence_id, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if (!st->evict_table &&
        (rc = exec_sql(st, "CREATE TEMP TABLE IF NOT EXISTS tx_evicted"
                           " (id INTEGER PRIMARY KEY)",
                       "cannot create a scratch table", err)) != TX_OK)
        return rc;
    st->evict_table = 1;
    if ((rc = stmt_get(st, S_EVICT_ADD, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, sentence_id);
    if ((rc = stmt_run(st, s, err, "note an unused sentence", "")) == TX_OK)
        st->evicted = 1;
    return rc;
}

tx_status tx_store_drop_evicted(tx_store *st, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if (!st->evicted)
        return TX_OK;
    if ((rc = bulk_flush(st, err)) != TX_OK ||
        (rc = stmt_get(st, S_EVICT_DROP, &s, err)) != TX_OK ||
        (rc = stmt_run(st, s, err, "remove unused sentences", "")) != TX_OK ||
        (rc = stmt_get(st, S_EVICT_CLEAR, &s, err)) != TX_OK ||
        (rc = stmt_run(st, s, err, "remove unused sentences", "")) != TX_OK)
        return rc;
    st->evicted = 0;
    return TX_OK;
}

/* Store the example sentence c (new, from `row`) as a context of term `id`. */
static tx_status add_context(tx_store *st, int64_t id, int bulk, const tx_occ_row *row,
                             const ctx_cand *c, tx_error *err)
{
    const tx_context_row *cr = &row->contexts[c->row];
    int64_t sentence_id = cr->sentence_id ? *cr->sentence_id : 0;
    sqlite3_stmt *s;
    tx_status rc;

    if (!sentence_id && bulk) {
        sentence_id = st->next_sentence++;
        tx_batch_int(st->bulk[B_SENTENCES], sentence_id);
        tx_batch_int(st->bulk[B_SENTENCES], cr->doc_id);
        tx_batch_str(st->bulk[B_SENTENCES], cr->sentence);
        if ((rc = bulk_end_row(st, B_SENTENCES, err)) != TX_OK)
            return rc;
    } else if (!sentence_id) {
        if ((rc = stmt_get(st, S_SENT_ADD, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, cr->doc_id);
        bind_text(s, 2, cr->sentence);
        if ((rc = stmt_run(st, s, err, "add a sentence of term", row->key)) != TX_OK)
            return rc;
        sentence_id = sqlite3_last_insert_rowid(st->db);
    }
    if (cr->sentence_id)
        *cr->sentence_id = sentence_id;
    if (bulk) {
        tx_batch_int(st->bulk[B_CONTEXTS], id);
        tx_batch_int(st->bulk[B_CONTEXTS], sentence_id);
        tx_batch_int(st->bulk[B_CONTEXTS], cr->level);
        return bulk_end_row(st, B_CONTEXTS, err);
    }
    if ((rc = stmt_get(st, S_CTX_ADD, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, sentence_id);
    sqlite3_bind_int(s, 3, (int)cr->level);
    return stmt_run(st, s, err, "add a context to term", row->key);
}

/* Give term `id` the `max` best example sentences among those it has (none
 * when `is_new`) and those `row` offers, one per text, best as ctx_before()
 * says: the imported ones (level -1, the user's, always kept), then the
 * first occurrences of the term in each document before the second ones, so
 * the sentences are spread over documents, and of the documents, the ones
 * with the smallest hashes.  Since the order depends on
 * nothing but content, the sentences are the same whatever order or runs the
 * documents came in, and a sentence a run leaves out could never be chosen
 * later: dropping it loses nothing.  Sentences it stops using are removed by
 * tx_store_drop_evicted() if no other term uses them. */
static tx_status merge_contexts(tx_store *st, int64_t id, int is_new, int bulk,
                                const tx_occ_row *row, unsigned max, tx_error *err)
{
    size_t n = 0, kept = 0;
    tx_status rc;

    if (!is_new && (rc = load_contexts(st, id, &n, err)) != TX_OK)
        return rc;
    if ((rc = cands_reserve(st, n + row->n_contexts, err)) != TX_OK)
        return rc;
    for (size_t i = 0; i < row->n_contexts; i++) {
        const tx_context_row *cr = &row->contexts[i];
        ctx_cand *c = &st->cands[n];
        if (!cr->sentence || !*cr->sentence)
            continue;
        memset(c, 0, sizeof *c);
        c->text = cr->sentence;
        c->doc_hash = cr->doc_hash ? cr->doc_hash : "";
        c->level = (int)cr->level;
        c->row = i;
        n++;
    }
    /* few: an insertion sort */
    for (size_t i = 1; i < n; i++) {
        ctx_cand c = st->cands[i];
        size_t j = i;
        for (; j > 0 && ctx_before(&c, &st->cands[j - 1]); j--)
            st->cands[j] = st->cands[j - 1];
        st->cands[j] = c;
    }
    for (size_t i = 0; i < n; i++) {
        ctx_cand *c = &st->cands[i];
        c->keep = c->level < 0 || kept < max;
        for (size_t j = 0; j < i && c->keep; j++)
            if (st->cands[j].keep && strcmp(st->cands[j].text, c->text) == 0)
                c->keep = 0;
        kept += (size_t)c->keep;
        if (c->keep && c->row != (size_t)-1)
            rc = add_context(st, id, bulk, row, c, err);
        else if (!c->keep && c->row == (size_t)-1) {
            sqlite3_stmt *s;
            if ((rc = stmt_get(st, S_CTX_DEL, &s, err)) == TX_OK) {
                sqlite3_bind_int64(s, 1, id);
                sqlite3_bind_int64(s, 2, c->sentence_id);
                if ((rc = stmt_run(st, s, err, "drop a context of term", row->key)) ==
                    TX_OK)
                    rc = evict(st, c->sentence_id, err);
            }
        }
        if (rc != TX_OK)
            return rc;
    }
    return TX_OK;
}

/* Write `v` in decimal at `p`; return the end. */
static char *put_uint(char *p, uint64_t v)
{
    char tmp[20];
    int n = 0;

    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

/* Append the run's [document, count] pairs to st->doc_json (the term's stored
 * array, "" for a new term). */
static tx_status append_doc_counts(tx_store *st, const tx_occ_row *row, tx_error *err)
{
    tx_buf *b = &st->doc_json;
    int empty;

    if (b->len < 2 || b->data[b->len - 1] != ']') {
        tx_buf_reset(b);
        if (tx_buf_addch(b, '[') != TX_OK)
            goto oom;
    } else {
        b->len--; /* reopen the array */
    }
    empty = b->len == 1;
    /* Two numbers of at most 20 digits each and 4 punctuation bytes a pair;
     * formatted by hand, as snprintf() per pair showed in profiles. */
    if (tx_buf_grow(b, row->n_docs * 44 + 1) != TX_OK)
        goto oom;
    for (size_t i = 0; i < row->n_docs; i++) {
        char *p = b->data + b->len;
        if (!empty || i > 0)
            *p++ = ',';
        *p++ = '[';
        p = put_uint(p, (uint64_t)row->docs[i].doc_id);
        *p++ = ',';
        p = put_uint(p, row->docs[i].count);
        *p++ = ']';
        b->len = (size_t)(p - b->data);
    }
    if (tx_buf_addch(b, ']') != TX_OK)
        goto oom;
    return TX_OK;
oom:
    return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
}

/* The variant S_TERM_CANONICAL would choose for a new term: a lower-case
 * initial first, then the most frequent, then the first in byte order. */
const tx_variant_row *tx_store_best_variant(const tx_occ_row *row)
{
    const tx_variant_row *best = &row->variants[0];

    for (size_t i = 1; i < row->n_variants; i++) {
        const tx_variant_row *v = &row->variants[i];
        int lower = v->lower_initial != 0, best_lower = best->lower_initial != 0;
        if (lower != best_lower ? lower > best_lower
            : v->count != best->count ? v->count > best->count
                                      : strcmp(v->surface, best->surface) < 0)
            best = v;
    }
    return best;
}

/* A term the caller knows is new (tx_occ_row.known_new), written in bulk:
 * its id is counted here, its rows wait in the batches.  Its per-document
 * counts are in st->doc_json. */
static tx_status bulk_term(tx_store *st, const tx_occ_row *row, uint64_t freq,
                           unsigned max_contexts, tx_error *err)
{
    const char *canonical =
        row->n_variants ? tx_store_best_variant(row)->surface : row->key;
    tx_batch *b;
    int64_t id;
    tx_status rc;

    if ((rc = bulk_ready(st, err)) != TX_OK)
        return rc;
    id = st->next_term++;
    b = st->bulk[B_TERMS];
    tx_batch_int(b, id);
    tx_batch_str(b, row->lang);
    tx_batch_str(b, row->key);
    tx_batch_str(b, canonical);
    tx_batch_int(b, row->n_words);
    tx_batch_int(b, row->n_content);
    tx_batch_int(b, (int64_t)freq);
    tx_batch_int(b, (int64_t)row->n_docs);
    tx_batch_text(b, st->doc_json.data, st->doc_json.len);
    tx_batch_double(b, row->scored ? row->cvalue : 0);
    tx_batch_double(b, row->scored ? row->score : 0);
    tx_batch_int(b, row->scored && row->listed);
    if ((rc = bulk_end_row(st, B_TERMS, err)) != TX_OK)
        return rc;
    b = st->bulk[B_VARIANTS];
    for (size_t i = 0; i < row->n_variants; i++) {
        const tx_variant_row *v = &row->variants[i];
        tx_batch_int(b, id);
        tx_batch_str(b, v->surface);
        tx_batch_int(b, (int64_t)v->count);
        tx_batch_int(b, v->lower_initial != 0);
        tx_batch_int(b, (int64_t)i);
        if ((rc = bulk_end_row(st, B_VARIANTS, err)) != TX_OK)
            return rc;
    }
    if (max_contexts > 0 && row->n_contexts > 0 &&
        (rc = merge_contexts(st, id, 1, 1, row, max_contexts, err)) != TX_OK)
        return rc;
    b = st->bulk[B_RELATIONS];
    for (size_t i = 0; i < row->n_relations; i++) {
        const tx_relation_row *r = &row->relations[i];
        tx_batch_int(b, id);
        tx_batch_str(b, r->kind);
        tx_batch_str(b, r->other_key);
        tx_batch_str(b, r->other_surface);
        if ((rc = bulk_end_row(st, B_RELATIONS, err)) != TX_OK)
            return rc;
    }
    /* Outside a transaction, nothing may wait: a later close would drop it. */
    if (tx_batch_pending(st->bulk[B_TERMS]) >= TX_BULK_TERMS ||
        sqlite3_get_autocommit(st->db))
        return bulk_flush(st, err);
    return TX_OK;
}

tx_status tx_store_merge_term(tx_store *st, const tx_occ_row *row,
                              unsigned max_contexts, tx_error *err)
{
    sqlite3_stmt *s;
    uint64_t freq = 0;
    int64_t id;
    size_t i;
    int is_new;
    tx_status rc;

    if (!st || !row || !row->lang || !row->key)
        return tx_fail(err, TX_EINVAL, "tx_store_merge_term: missing argument");
    for (i = 0; i < row->n_docs; i++)
        freq += row->docs[i].count;
    for (i = 0; i < row->n_relations; i++)
        if (!row->relations[i].kind || !row->relations[i].other_key ||
            !row->relations[i].other_surface)
            return tx_fail(err, TX_EINVAL, "tx_store_merge_term: incomplete relation");
    if (row->known_new) {
        tx_buf_reset(&st->doc_json);
        if ((rc = append_doc_counts(st, row, err)) != TX_OK)
            return rc;
        return bulk_term(st, row, freq, max_contexts, err);
    }
    if ((rc = term_find(st, row, &id, err)) != TX_OK)
        return rc;
    is_new = id == 0;
    if ((rc = append_doc_counts(st, row, err)) != TX_OK)
        return rc;
    if (is_new) {
        if ((rc = stmt_get(st, S_TERM_INSERT, &s, err)) != TX_OK)
            return rc;
        bind_text(s, 1, row->lang);
        bind_text(s, 2, row->key);
        bind_text(s, 3, row->n_variants ? tx_store_best_variant(row)->surface : row->key);
        sqlite3_bind_int(s, 4, (int)row->n_words);
        sqlite3_bind_int(s, 5, (int)row->n_content);
        sqlite3_bind_int64(s, 6, (sqlite3_int64)freq);
        sqlite3_bind_int64(s, 7, (sqlite3_int64)row->n_docs);
        sqlite3_bind_text(s, 8, st->doc_json.data, (int)st->doc_json.len, SQLITE_STATIC);
        sqlite3_bind_double(s, 9, row->scored ? row->cvalue : 0);
        sqlite3_bind_double(s, 10, row->scored ? row->score : 0);
        sqlite3_bind_int(s, 11, row->scored && row->listed);
        if ((rc = stmt_run(st, s, err, "add term", row->key)) != TX_OK)
            return rc;
        id = sqlite3_last_insert_rowid(st->db);
    } else {
        if ((rc = stmt_get(st, S_TERM_ADD, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)freq);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)row->n_docs);
        sqlite3_bind_text(s, 4, st->doc_json.data, (int)st->doc_json.len, SQLITE_STATIC);
        if ((rc = stmt_run(st, s, err, "update term", row->key)) != TX_OK)
            return rc;
    }
    for (i = 0; i < row->n_variants; i++) {
        const tx_variant_row *v = &row->variants[i];

        if ((rc = stmt_get(st, is_new ? S_VARIANT_NEW : S_VARIANT_ADD, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        bind_text(s, 2, v->surface);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)v->count);
        sqlite3_bind_int(s, 4, v->lower_initial != 0);
        /* A new term's variants arrive in order: skip counting the stored ones. */
        if (is_new)
            sqlite3_bind_int64(s, 5, (sqlite3_int64)i);
        if ((rc = stmt_run(st, s, err, "add a variant to term", row->key)) != TX_OK)
            return rc;
    }
    if (!is_new) {
        if ((rc = stmt_get(st, S_TERM_CANONICAL, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        if ((rc = stmt_run(st, s, err, "choose the canonical form of term",
                           row->key)) != TX_OK)
            return rc;
    }
    if (max_contexts > 0 && row->n_contexts > 0 &&
        (rc = merge_contexts(st, id, is_new, 0, row, max_contexts, err)) != TX_OK)
        return rc;
    for (i = 0; i < row->n_relations; i++) {
        const tx_relation_row *r = &row->relations[i];
        if ((rc = relation_put(st, id, r->kind, r->other_key, r->other_surface, err)) !=
            TX_OK)
            return rc;
    }
    return TX_OK;
}

/* ---- rescoring ---- */

tx_status tx_store_each_term(tx_store *st, const char *lang,
                             int (*fn)(const tx_score_row *row, void *arg),
                             void *arg, tx_error *err)
{
    sqlite3_stmt *s;
    tx_score_row r;
    int src;
    tx_status rc;

    if (!st || !lang || !fn)
        return tx_fail(err, TX_EINVAL, "tx_store_each_term: missing argument");
    if ((rc = stmt_get(st, S_EACH_TERM, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, lang);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        r.id = sqlite3_column_int64(s, 0);
        r.key = (const char *)sqlite3_column_text(s, 1);
        r.n_words = (unsigned)sqlite3_column_int(s, 2);
        r.n_content = (unsigned)sqlite3_column_int(s, 3);
        r.freq = (uint64_t)sqlite3_column_int64(s, 4);
        r.df = (unsigned)sqlite3_column_int64(s, 5);
        r.cvalue = sqlite3_column_double(s, 6);
        r.score = sqlite3_column_double(s, 7);
        r.listed = sqlite3_column_int(s, 8);
        r.approved = sqlite3_column_int(s, 9);
        r.canonical = (const char *)sqlite3_column_text(s, 10);
        if (!r.key || !r.canonical) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(&r, arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading terms", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = db_fail(st, err, "cannot read the terms");
    stmt_done(s);
    return rc;
}

tx_status tx_store_set_score(tx_store *st, int64_t id, double cvalue, double score,
                             int listed, tx_error *err)
{
    sqlite3_stmt *s;
    char what[32];
    tx_status rc;

    if (!st)
        return tx_fail(err, TX_EINVAL, "tx_store_set_score: no store");
    if ((rc = stmt_get(st, S_SET_SCORE, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_double(s, 2, cvalue);
    sqlite3_bind_double(s, 3, score);
    sqlite3_bind_int(s, 4, listed != 0);
    snprintf(what, sizeof what, "%lld", (long long)id);
    if ((rc = stmt_run(st, s, err, "store the score of term", what)) != TX_OK)
        return rc;
    if (sqlite3_changes(st->db) == 0)
        return tx_fail(err, TX_ENOTFOUND, "%s: no term with id %lld", st->path,
                       (long long)id);
    return TX_OK;
}

tx_status tx_store_counts(tx_store *st, uint64_t *n_docs, uint64_t *n_listed,
                          tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if (!st)
        return tx_fail(err, TX_EINVAL, "tx_store_counts: no store");
    if ((rc = stmt_get(st, S_COUNTS, &s, err)) != TX_OK)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW) {
        if (n_docs)
            *n_docs = (uint64_t)sqlite3_column_int64(s, 0);
        if (n_listed)
            *n_listed = (uint64_t)sqlite3_column_int64(s, 1);
    } else {
        rc = db_fail(st, err, "cannot count documents and terms");
    }
    stmt_done(s);
    return rc;
}

tx_status tx_store_main_lang(tx_store *st, char *lang, size_t size, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;
    int src;

    if (!st || !lang || size < 2)
        return tx_fail(err, TX_EINVAL, "tx_store_main_lang: bad argument");
    lang[0] = '\0';
    if ((rc = stmt_get(st, S_MAIN_LANG, &s, err)) != TX_OK)
        return rc;
    src = sqlite3_step(s);
    if (src == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(lang, size, "%s", (const char *)sqlite3_column_text(s, 0));
    else if (src != SQLITE_DONE)
        rc = db_fail(st, err, "cannot read the glossary's language");
    else
        rc = TX_ENOTFOUND;
    stmt_done(s);
    return rc;
}

/* ---- listing ---- */

/* Fill `t` from a row of TERM_COLUMNS; its strings belong to the statement.
 * Returns 0 if SQLite ran out of memory converting a column. */
static int row_to_term(sqlite3_stmt *s, tx_term *t)
{
    t->id = sqlite3_column_int64(s, 0);
    t->canonical = (const char *)sqlite3_column_text(s, 1);
    t->key = (const char *)sqlite3_column_text(s, 2);
    t->lang = (const char *)sqlite3_column_text(s, 3);
    t->status = (const char *)sqlite3_column_text(s, 4);
    t->n_words = (unsigned)sqlite3_column_int(s, 5);
    t->n_content = (unsigned)sqlite3_column_int(s, 6);
    t->freq = (uint64_t)sqlite3_column_int64(s, 7);
    t->df = (unsigned)sqlite3_column_int64(s, 8);
    t->cvalue = sqlite3_column_double(s, 9);
    t->score = sqlite3_column_double(s, 10);
    t->translation = (const char *)sqlite3_column_text(s, 11);
    t->listed = sqlite3_column_int(s, 12);
    return t->canonical && t->key && t->lang && t->status;
}

tx_status tx_store_list_terms(tx_store *st, tx_sort sort, unsigned top,
                              tx_term_fn fn, void *arg, tx_error *err)
{
    enum stmt_id id;
    sqlite3_stmt *s;
    tx_term t;
    int src;
    tx_status rc;

    if (!st || !fn)
        return tx_fail(err, TX_EINVAL, "tx_store_list_terms: missing argument");
    switch (sort) {
    case TX_SORT_SCORE: id = S_LIST_SCORE; break;
    case TX_SORT_FREQ: id = S_LIST_FREQ; break;
    case TX_SORT_ALPHA: id = S_LIST_ALPHA; break;
    default:
        return tx_fail(err, TX_EINVAL, "unknown sort order %d", (int)sort);
    }
    if ((rc = stmt_get(st, id, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, top ? (sqlite3_int64)top : -1);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        if (!row_to_term(s, &t)) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(&t, arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory listing terms", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = db_fail(st, err, "cannot list terms");
    stmt_done(s);
    return rc;
}

tx_status tx_store_list_variants(tx_store *st, int64_t term_id, tx_variant_fn fn,
                                 void *arg, tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    if (!st || !fn)
        return tx_fail(err, TX_EINVAL, "tx_store_list_variants: missing argument");
    if ((rc = stmt_get(st, S_INFO_VARIANTS, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, term_id);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        const char *surface = (const char *)sqlite3_column_text(s, 0);

        if (!surface) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(surface, (uint64_t)sqlite3_column_int64(s, 1), arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory listing variants", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = db_fail(st, err, "cannot list the variants of term %lld", (long long)term_id);
    stmt_done(s);
    return rc;
}

/* ---- lookup ---- */

void tx_term_info_free(tx_term_info *info)
{
    size_t i;

    if (!info)
        return;
    for (i = 0; i < info->n_variants; i++)
        free(info->variants[i].surface);
    for (i = 0; i < info->n_docs; i++)
        free(info->docs[i].path);
    for (i = 0; i < info->n_contexts; i++) {
        free(info->contexts[i].path);
        free(info->contexts[i].sentence);
    }
    for (i = 0; i < info->n_translations; i++) {
        free(info->translations[i].lang);
        free(info->translations[i].text);
        free(info->translations[i].method);
        free(info->translations[i].example_src);
        free(info->translations[i].example_tgt);
    }
    free(info->variants);
    free(info->docs);
    free(info->contexts);
    for (i = 0; i < info->n_relations; i++) {
        free(info->relations[i].kind);
        free(info->relations[i].text);
    }
    free(info->translations);
    free(info->relations);
    free(info->strings);
    free(info);
}

/* Run lookup `id` with `text` and set *term_id to the match, or to 0. */
static tx_status find_id(tx_store *st, enum stmt_id id, const char *text,
                         int64_t *term_id, tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    *term_id = 0;
    if ((rc = stmt_get(st, id, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, text);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *term_id = sqlite3_column_int64(s, 0);
    else if (src != SQLITE_DONE)
        rc = db_fail(st, err, "cannot look up term '%s'", text);
    stmt_done(s);
    return rc;
}

/* A malloc'd copy of text column `col` of `s`; NULL when out of memory (callers
 * only read NOT NULL columns, so NULL text can only mean that). */
static char *column_dup(sqlite3_stmt *s, int col)
{
    const char *text = (const char *)sqlite3_column_text(s, col);

    return text ? dup_str(text) : NULL;
}

/* Return `items` (of `size` bytes each) grown so that index `n` is valid, or NULL
 * (with `items` untouched) when out of memory. */
static void *grow(void *items, size_t n, size_t *cap, size_t size)
{
    void *p;
    size_t want;

    if (n < *cap)
        return items;
    want = *cap ? 2 * *cap : 8;
    if (!(p = realloc(items, want * size)))
        return NULL;
    *cap = want;
    return p;
}

/* Read the fixed part of term `id` into `info`. */
static tx_status info_term(tx_store *st, int64_t id, tx_term_info *info, tx_error *err)
{
    const char *f[4];
    size_t len[4], total = 0, i;
    sqlite3_stmt *s;
    tx_term t;
    char *p;
    int src;
    tx_status rc;

    if ((rc = stmt_get(st, S_INFO_TERM, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    src = sqlite3_step(s);
    if (src != SQLITE_ROW) {
        rc = src == SQLITE_DONE
            ? tx_fail(err, TX_ENOTFOUND, "%s: no term with id %lld", st->path,
                      (long long)id)
            : db_fail(st, err, "cannot read term %lld", (long long)id);
        goto done;
    }
    if (!row_to_term(s, &t))
        goto nomem;
    f[0] = t.canonical;
    f[1] = t.key;
    f[2] = t.lang;
    f[3] = t.status;
    for (i = 0; i < 4; i++)
        total += (len[i] = strlen(f[i]) + 1);
    if (!(info->strings = p = malloc(total)))
        goto nomem;
    info->term = t;
    for (i = 0; i < 4; i++) {
        memcpy(p, f[i], len[i]);
        f[i] = p;
        p += len[i];
    }
    info->term.canonical = f[0];
    info->term.key = f[1];
    info->term.lang = f[2];
    info->term.status = f[3];
    info->term.translation = NULL; /* see info->translations */
    goto done;
nomem:
    rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading term %lld", st->path,
                 (long long)id);
done:
    stmt_done(s);
    return rc;
}

/* Read the lists of term `id` (variants, documents, contexts, translations). */
static tx_status info_lists(tx_store *st, int64_t id, tx_term_info *info,
                            tx_error *err)
{
    static const enum stmt_id ids[] = {
        S_INFO_VARIANTS, S_INFO_DOCS, S_INFO_CONTEXTS, S_INFO_TRANSLATIONS,
        S_INFO_RELATIONS
    };
    size_t cap[5] = { 0, 0, 0, 0, 0 }, q;
    sqlite3_stmt *s;
    void *p;
    int src, ok;
    tx_status rc = TX_OK;

    for (q = 0; q < 5 && rc == TX_OK; q++) {
        if ((rc = stmt_get(st, ids[q], &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        while ((src = sqlite3_step(s)) == SQLITE_ROW) {
            ok = 0;
            switch (ids[q]) {
            case S_INFO_VARIANTS:
                if ((p = grow(info->variants, info->n_variants, &cap[q],
                          sizeof *info->variants)) != NULL) {
                    info->variants = p;
                    tx_variant *v = &info->variants[info->n_variants];

                    v->count = (uint64_t)sqlite3_column_int64(s, 1);
                    ok = (v->surface = column_dup(s, 0)) != NULL;
                    if (ok)
                        info->n_variants++;
                }
                break;
            case S_INFO_DOCS:
                if ((p = grow(info->docs, info->n_docs, &cap[q],
                          sizeof *info->docs)) != NULL) {
                    info->docs = p;
                    tx_term_doc *d = &info->docs[info->n_docs];

                    d->count = (uint64_t)sqlite3_column_int64(s, 1);
                    ok = (d->path = column_dup(s, 0)) != NULL;
                    if (ok)
                        info->n_docs++;
                }
                break;
            case S_INFO_CONTEXTS:
                if ((p = grow(info->contexts, info->n_contexts, &cap[q],
                          sizeof *info->contexts)) != NULL) {
                    info->contexts = p;
                    tx_context *c = &info->contexts[info->n_contexts];

                    c->path = column_dup(s, 0);
                    c->sentence = column_dup(s, 1);
                    ok = c->path && c->sentence;
                    if (ok) {
                        info->n_contexts++;
                    } else {
                        free(c->path);
                        free(c->sentence);
                    }
                }
                break;
            case S_INFO_RELATIONS:
                if ((p = grow(info->relations, info->n_relations, &cap[q],
                          sizeof *info->relations)) != NULL) {
                    info->relations = p;
                    tx_relation *r = &info->relations[info->n_relations];

                    r->kind = column_dup(s, 0);
                    r->text = column_dup(s, 1);
                    r->in_glossary = sqlite3_column_int(s, 2);
                    ok = r->kind && r->text;
                    if (ok) {
                        info->n_relations++;
                    } else {
                        free(r->kind);
                        free(r->text);
                    }
                }
                break;
            default:
                if ((p = grow(info->translations, info->n_translations, &cap[q],
                          sizeof *info->translations)) != NULL) {
                    info->translations = p;
                    tx_translation *tr = &info->translations[info->n_translations];

                    tr->lang = column_dup(s, 0);
                    tr->text = column_dup(s, 1);
                    tr->score = sqlite3_column_double(s, 2);
                    tr->method = column_dup(s, 3);
                    tr->n_segments = (unsigned)sqlite3_column_int(s, 4);
                    tr->example_src = sqlite3_column_type(s, 5) == SQLITE_NULL
                                          ? NULL : column_dup(s, 5);
                    tr->example_tgt = sqlite3_column_type(s, 6) == SQLITE_NULL
                                          ? NULL : column_dup(s, 6);
                    ok = tr->lang && tr->text && tr->method &&
                         (sqlite3_column_type(s, 5) == SQLITE_NULL || tr->example_src) &&
                         (sqlite3_column_type(s, 6) == SQLITE_NULL || tr->example_tgt);
                    if (ok) {
                        info->n_translations++;
                    } else {
                        free(tr->lang);
                        free(tr->text);
                        free(tr->method);
                        free(tr->example_src);
                        free(tr->example_tgt);
                    }
                }
                break;
            }
            if (!ok) {
                rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading term %lld",
                             st->path, (long long)id);
                break;
            }
        }
        if (rc == TX_OK && src != SQLITE_DONE)
            rc = db_fail(st, err, "cannot read the details of term %lld",
                         (long long)id);
        stmt_done(s);
    }
    return rc;
}

tx_status tx_store_find_term(tx_store *st, const char *text, const char *key,
                             tx_term_info **out, tx_error *err)
{
    static const enum stmt_id lookups[] = {
        S_FIND_CANONICAL, S_FIND_VARIANT, S_FIND_NOCASE, S_FIND_KEY
    };
    tx_term_info *info;
    int64_t id = 0;
    size_t i;
    int began;
    tx_status rc;

    if (!out)
        return tx_fail(err, TX_EINVAL, "tx_store_find_term: no result pointer");
    *out = NULL;
    if (!st || !text)
        return tx_fail(err, TX_EINVAL, "tx_store_find_term: missing argument");
    /* The term, its variants and its contexts from one snapshot, even while
     * an extraction commits. */
    if ((rc = tx_store_begin_read(st, &began, err)) != TX_OK)
        return rc;
    for (i = 0; i < sizeof lookups / sizeof lookups[0] && id == 0; i++) {
        const char *q = lookups[i] == S_FIND_KEY ? key : text;

        if (q && (rc = find_id(st, lookups[i], q, &id, err)) != TX_OK)
            goto done;
    }
    if (id == 0) {
        rc = tx_fail(err, TX_ENOTFOUND, "no term '%s' in %s", text, st->path);
        goto done;
    }
    if (!(info = calloc(1, sizeof *info))) {
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading term '%s'", st->path,
                     text);
        goto done;
    }
    if ((rc = info_term(st, id, info, err)) != TX_OK ||
        (rc = info_lists(st, id, info, err)) != TX_OK)
        tx_term_info_free(info);
    else
        *out = info;
done:
    tx_store_end_read(st, began);
    return rc;
}

tx_status tx_store_add_relation(tx_store *st, const char *lang, const char *key,
                                const char *kind, const char *other_key,
                                const char *other_surface, tx_error *err)
{
    sqlite3_stmt *s;
    int64_t id = 0;
    int src;
    tx_status rc;

    if ((rc = stmt_get(st, S_IMP_FIND, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, lang);
    bind_text(s, 2, key);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    else if (src != SQLITE_DONE)
        rc = db_fail(st, err, "cannot look up term '%s'", key);
    stmt_done(s);
    if (rc != TX_OK || !id)
        return rc;
    return relation_put(st, id, kind, other_key, other_surface, err);
}

/* ---- segments and translations ---- */

tx_status tx_store_add_segment(tx_store *st, const tx_segment_row *row, int64_t *id,
                               tx_error *err)
{
    sqlite3_stmt *s;
    tx_buf b = TX_BUF_INIT;
    char hash[65];
    tx_status rc;
    int src;

    *id = 0;
    /* Languages and texts, NUL-separated, identify a segment pair. */
    if (tx_buf_addstr(&b, row->src_lang) != TX_OK || tx_buf_addch(&b, '\0') != TX_OK ||
        tx_buf_addstr(&b, row->tgt_lang) != TX_OK || tx_buf_addch(&b, '\0') != TX_OK ||
        tx_buf_addstr(&b, row->src) != TX_OK || tx_buf_addch(&b, '\0') != TX_OK ||
        tx_buf_addstr(&b, row->tgt) != TX_OK) {
        tx_buf_release(&b);
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
    }
    tx_sha256_hex(b.data, b.len, hash);
    tx_buf_release(&b);
    if ((rc = stmt_get(st, S_SEG_ADD, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, row->src_lang);
    bind_text(s, 2, row->tgt_lang);
    bind_text(s, 3, row->src);
    bind_text(s, 4, row->tgt);
    bind_text(s, 5, row->source);
    if (row->ref)
        bind_text(s, 6, row->ref);
    sqlite3_bind_double(s, 7, row->score);
    bind_text(s, 8, hash);
    if ((rc = stmt_run(st, s, err, "add a segment from", row->source)) != TX_OK)
        return rc;
    if (sqlite3_changes(st->db) == 1) {
        *id = sqlite3_last_insert_rowid(st->db);
        return TX_OK;
    }
    if ((rc = stmt_get(st, S_SEG_ID, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, hash);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    else
        rc = db_fail(st, err, "cannot find a segment from '%s'", row->source);
    stmt_done(s);
    return rc;
}

tx_status tx_store_each_segment(tx_store *st, const char *src_lang, const char *tgt_lang,
                                int (*fn)(const tx_segment *seg, void *arg), void *arg,
                                tx_error *err)
{
    sqlite3_stmt *s;
    tx_segment seg;
    tx_status rc;
    int src;

    if ((rc = stmt_get(st, S_SEG_EACH, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, src_lang);
    bind_text(s, 2, tgt_lang);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        seg.id = sqlite3_column_int64(s, 0);
        seg.src = (const char *)sqlite3_column_text(s, 1);
        seg.tgt = (const char *)sqlite3_column_text(s, 2);
        seg.score = sqlite3_column_double(s, 3);
        if (!seg.src || !seg.tgt) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(&seg, arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading segments", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = db_fail(st, err, "cannot read the segments");
    stmt_done(s);
    return rc;
}

tx_status tx_store_each_listed(tx_store *st, const char *lang,
                               int (*fn)(const tx_listed_term *t, void *arg), void *arg,
                               tx_error *err)
{
    sqlite3_stmt *s;
    tx_listed_term t;
    tx_status rc;
    int src;

    if ((rc = stmt_get(st, S_LISTED_EACH, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, lang);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        t.id = sqlite3_column_int64(s, 0);
        t.key = (const char *)sqlite3_column_text(s, 1);
        t.canonical = (const char *)sqlite3_column_text(s, 2);
        t.n_content = (unsigned)sqlite3_column_int(s, 3);
        t.freq = (uint64_t)sqlite3_column_int64(s, 4);
        t.doc_counts = (const char *)sqlite3_column_text(s, 5);
        if (!t.key || !t.canonical || !t.doc_counts) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(&t, arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading terms", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = db_fail(st, err, "cannot read the listed terms");
    stmt_done(s);
    return rc;
}

tx_status tx_store_clear_translations(tx_store *st, const char *src_lang,
                                      const char *tgt_lang, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = stmt_get(st, S_TR_CLEAR, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, tgt_lang);
    bind_text(s, 2, src_lang);
    return stmt_run(st, s, err, "clear the translations into", tgt_lang);
}

tx_status tx_store_add_translation(tx_store *st, int64_t term_id, const char *lang,
                                   const tx_translation_row *row, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = stmt_get(st, S_TR_ADD, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, term_id);
    bind_text(s, 2, lang);
    bind_text(s, 3, row->text);
    sqlite3_bind_double(s, 4, row->score);
    bind_text(s, 5, row->method);
    sqlite3_bind_int(s, 6, (int)row->n_segments);
    if (row->segment_id)
        sqlite3_bind_int64(s, 7, row->segment_id);
    if (row->status)
        bind_text(s, 8, row->status);
    return stmt_run(st, s, err, "add a translation of term", row->text);
}

/* ---- export and import ---- */

typedef struct exp_tr {
    char *text, *status;
} exp_tr;

/* Read the export translations of term `id` into *v (strings copied). */
static tx_status export_translations(tx_store *st, int64_t id, const char *lang,
                                     exp_tr **v, size_t *n, size_t *cap, tx_error *err)
{
    static const enum stmt_id ids[] = {S_EXP_TR_IMP, S_EXP_TR_BEST};
    sqlite3_stmt *s;
    tx_status rc = TX_OK;
    int src;

    for (size_t i = 0; i < *n; i++) {
        free((*v)[i].text);
        free((*v)[i].status);
    }
    *n = 0;
    for (size_t q = 0; q < 2 && !*n && rc == TX_OK; q++) {
        if ((rc = stmt_get(st, ids[q], &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, id);
        bind_text(s, 2, lang);
        while ((src = sqlite3_step(s)) == SQLITE_ROW) {
            if (*n == *cap) {
                size_t c = *cap ? *cap * 2 : 4;
                exp_tr *p = realloc(*v, c * sizeof *p);
                if (!p) {
                    src = SQLITE_NOMEM;
                    break;
                }
                *v = p;
                *cap = c;
            }
            (*v)[*n].text = column_dup(s, 0);
            (*v)[*n].status = column_dup(s, 1);
            if (!(*v)[*n].text || !(*v)[*n].status) {
                free((*v)[*n].text);
                free((*v)[*n].status);
                src = SQLITE_NOMEM;
                break;
            }
            (*n)++;
        }
        if (src == SQLITE_NOMEM)
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
        else if (src != SQLITE_DONE)
            rc = db_fail(st, err, "cannot read the translations of term %lld", (long long)id);
        stmt_done(s);
    }
    return rc;
}

tx_status tx_store_each_concept(tx_store *st, const char *src_lang, const char *tgt_lang,
                                int approved_only, double min_score, tx_concept_fn fn,
                                void *arg, tx_error *err)
{
    sqlite3_stmt *s, *c;
    tx_concept con;
    tx_concept_term src_term, *tgt = NULL;
    exp_tr *tr = NULL;
    size_t n_tr = 0, cap_tr = 0, n_out = 0;
    char id[32];
    tx_status rc;
    int src;

    if ((rc = stmt_get(st, approved_only ? S_EXP_TERMS_APPROVED : S_EXP_TERMS, &s, err)) !=
        TX_OK)
        return rc;
    bind_text(s, 1, src_lang);
    sqlite3_bind_double(s, 2, min_score);
    while (rc == TX_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t term_id = sqlite3_column_int64(s, 0);
        memset(&con, 0, sizeof con);
        memset(&src_term, 0, sizeof src_term);
        src_term.text = (const char *)sqlite3_column_text(s, 1);
        src_term.status = (const char *)sqlite3_column_text(s, 2);
        src_term.pos = (const char *)sqlite3_column_text(s, 3);
        if (!src_term.text || !src_term.status) {
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
            break;
        }
        if ((rc = export_translations(st, term_id, tgt_lang, &tr, &n_tr, &cap_tr, err)) !=
            TX_OK)
            break;
        free(tgt);
        if (!(tgt = calloc(n_tr ? n_tr : 1, sizeof *tgt))) {
            rc = tx_fail(err, TX_ENOMEM, "%s: out of memory exporting", st->path);
            break;
        }
        for (size_t i = 0; i < n_tr; i++) {
            tgt[i].text = tr[i].text;
            tgt[i].status = tr[i].status;
        }
        if ((rc = stmt_get(st, S_EXP_CTX, &c, err)) != TX_OK)
            break;
        sqlite3_bind_int64(c, 1, term_id);
        int csrc = sqlite3_step(c);
        if (csrc == SQLITE_ROW) {
            src_term.context = (const char *)sqlite3_column_text(c, 0);
            src_term.source = (const char *)sqlite3_column_text(c, 1);
        } else if (csrc != SQLITE_DONE) {
            rc = db_fail(st, err, "cannot read the contexts of term %lld", (long long)term_id);
            stmt_done(c);
            break;
        }
        /* An acronym is a term of the same concept (TBX termType acronym). */
        sqlite3_stmt *ab;
        tx_concept_term src_terms[2];
        char *acronym = NULL;
        if ((rc = stmt_get(st, S_EXP_ABBR, &ab, err)) != TX_OK) {
            stmt_done(c);
            break;
        }
        sqlite3_bind_int64(ab, 1, term_id);
        if (sqlite3_step(ab) == SQLITE_ROW)
            acronym = column_dup(ab, 0);
        stmt_done(ab);
        src_terms[0] = src_term;
        memset(&src_terms[1], 0, sizeof src_terms[1]);
        src_terms[1].text = acronym;
        src_terms[1].type = "acronym";
        snprintf(id, sizeof id, "c%zu", ++n_out);
        con.id = id;
        con.src_lang = src_lang;
        con.tgt_lang = tgt_lang;
        con.src = src_terms;
        con.n_src = acronym ? 2 : 1;
        con.tgt = tgt;
        con.n_tgt = n_tr;
        con.score = sqlite3_column_double(s, 4);
        con.freq = (uint64_t)sqlite3_column_int64(s, 5);
        int stop = fn(&con, arg);
        stmt_done(c);
        free(acronym);
        if (stop)
            break;
    }
    if (rc == TX_OK && src != SQLITE_ROW && src != SQLITE_DONE)
        rc = db_fail(st, err, "cannot read the terms to export");
    stmt_done(s);
    for (size_t i = 0; i < n_tr; i++) {
        free(tr[i].text);
        free(tr[i].status);
    }
    free(tr);
    free(tgt);
    return rc;
}

tx_status tx_store_import_concept(tx_store *st, const tx_concept *c,
                                  const char *const *src_keys, unsigned n_words,
                                  unsigned n_content, const char *file, int *created,
                                  tx_error *err)
{
    const char *key = src_keys[0];
    const tx_concept_term *t = &c->src[0];
    const char *status = t->status ? t->status : "approved";
    sqlite3_stmt *s;
    int64_t term_id = 0;
    tx_status rc;
    int src;

    if ((rc = stmt_get(st, S_IMP_FIND, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, c->src_lang);
    bind_text(s, 2, key);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        term_id = sqlite3_column_int64(s, 0);
    else if (src != SQLITE_DONE)
        rc = db_fail(st, err, "cannot look up term '%s'", t->text);
    stmt_done(s);
    if (rc != TX_OK)
        return rc;
    *created = term_id == 0;
    if (term_id) {
        if ((rc = stmt_get(st, S_IMP_UPDATE, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, term_id);
        bind_text(s, 2, status);
        if (t->pos)
            bind_text(s, 3, t->pos);
        if ((rc = stmt_run(st, s, err, "update imported term", t->text)) != TX_OK)
            return rc;
    } else {
        if ((rc = stmt_get(st, S_IMP_INSERT, &s, err)) != TX_OK)
            return rc;
        bind_text(s, 1, c->src_lang);
        bind_text(s, 2, key);
        bind_text(s, 3, t->text);
        sqlite3_bind_int(s, 4, (int)n_words);
        sqlite3_bind_int(s, 5, (int)n_content);
        sqlite3_bind_int64(s, 6, (sqlite3_int64)c->freq);
        sqlite3_bind_double(s, 7, c->score);
        bind_text(s, 8, status);
        if (t->pos)
            bind_text(s, 9, t->pos);
        if ((rc = stmt_run(st, s, err, "add imported term", t->text)) != TX_OK)
            return rc;
        term_id = sqlite3_last_insert_rowid(st->db);
    }
    /* The context, on a document standing for its source (or the file). */
    if (t->context && *t->context) {
        const char *source = t->source && *t->source ? t->source : file;
        char hash[65];
        tx_buf b = TX_BUF_INIT;
        int64_t doc_id = 0, sentence_id;
        if (tx_buf_addstr(&b, "termex import source\n") != TX_OK ||
            tx_buf_addstr(&b, source) != TX_OK) {
            tx_buf_release(&b);
            return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
        }
        tx_sha256_hex(b.data, b.len, hash);
        tx_buf_release(&b);
        if ((rc = stmt_get(st, S_IMP_DOC, &s, err)) != TX_OK)
            return rc;
        if (bind_path(s, 1, 4, source) != 0) {
            stmt_done(s);
            return tx_fail(err, TX_ENOMEM, "%s: out of memory", st->path);
        }
        bind_text(s, 2, hash);
        bind_text(s, 3, c->src_lang);
        src = sqlite3_step(s);
        if (src == SQLITE_ROW)
            doc_id = sqlite3_column_int64(s, 0);
        else
            rc = db_fail(st, err, "cannot record the source of '%s'", t->text);
        stmt_done(s);
        if (rc != TX_OK)
            return rc;
        if ((rc = stmt_get(st, S_CTX_HAS, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, term_id);
        bind_text(s, 2, t->context);
        src = sqlite3_step(s);
        stmt_done(s);
        if (src == SQLITE_DONE) {
            if ((rc = stmt_get(st, S_SENT_ADD, &s, err)) != TX_OK)
                return rc;
            sqlite3_bind_int64(s, 1, doc_id);
            bind_text(s, 2, t->context);
            if ((rc = stmt_run(st, s, err, "add the context of", t->text)) != TX_OK)
                return rc;
            sentence_id = sqlite3_last_insert_rowid(st->db);
            if ((rc = stmt_get(st, S_CTX_ADD, &s, err)) != TX_OK)
                return rc;
            sqlite3_bind_int64(s, 1, term_id);
            sqlite3_bind_int64(s, 2, sentence_id);
            sqlite3_bind_int(s, 3, -1); /* the user's: before what extraction finds */
            if ((rc = stmt_run(st, s, err, "add the context of", t->text)) != TX_OK)
                return rc;
        } else if (src != SQLITE_ROW) {
            return db_fail(st, err, "cannot read the contexts of '%s'", t->text);
        }
    }
    /* Acronyms given as terms of the concept. */
    for (size_t i = 1; i < c->n_src; i++) {
        const tx_concept_term *a = &c->src[i];
        if (!a->type || (strcmp(a->type, "acronym") != 0 && strcmp(a->type, "abbreviation")) ||
            !a->text || !*a->text || !src_keys[i] || !*src_keys[i])
            continue;
        if ((rc = tx_store_add_relation(st, c->src_lang, key, "abbreviation", src_keys[i],
                                        a->text, err)) != TX_OK)
            return rc;
    }
    /* Translations, in the file's order, once each. */
    for (size_t i = 0; i < c->n_tgt; i++) {
        tx_translation_row row;
        if ((rc = stmt_get(st, S_IMP_TR_HAS, &s, err)) != TX_OK)
            return rc;
        sqlite3_bind_int64(s, 1, term_id);
        bind_text(s, 2, c->tgt_lang);
        bind_text(s, 3, c->tgt[i].text);
        src = sqlite3_step(s);
        stmt_done(s);
        if (src == SQLITE_ROW)
            continue;
        if (src != SQLITE_DONE)
            return db_fail(st, err, "cannot read the translations of '%s'", t->text);
        memset(&row, 0, sizeof row);
        row.text = c->tgt[i].text;
        row.score = 1.0 - 0.001 * (double)i; /* keeps the file's order */
        row.method = "import";
        row.status = c->tgt[i].status ? c->tgt[i].status : "approved";
        if ((rc = tx_store_add_translation(st, term_id, c->tgt_lang, &row, err)) != TX_OK)
            return rc;
    }
    return TX_OK;
}

tx_status tx_store_each_translation(tx_store *st, const char *src_lang, const char *tgt_lang,
                                    int (*fn)(const tx_translation_ref *t, void *arg),
                                    void *arg, tx_error *err)
{
    sqlite3_stmt *s;
    tx_translation_ref t;
    tx_status rc;
    int src;

    if ((rc = stmt_get(st, S_TR_EACH, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, src_lang);
    bind_text(s, 2, tgt_lang);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        t.term_id = sqlite3_column_int64(s, 0);
        t.text = (const char *)sqlite3_column_text(s, 1);
        t.method = (const char *)sqlite3_column_text(s, 2);
        t.score = sqlite3_column_double(s, 3);
        t.status = (const char *)sqlite3_column_text(s, 4);
        if (!t.text || !t.method) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(&t, arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading translations", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = db_fail(st, err, "cannot read the translations");
    stmt_done(s);
    return rc;
}

int tx_store_parse_doc_counts(const char *s, tx_doc_count **v, size_t *n)
{
    size_t cap = 0;
    char *end;

    *v = NULL;
    *n = 0;
    while (*s && *s != '[')
        s++;
    if (*s)
        s++;
    for (;;) {
        long long id, count;
        while (*s == ' ' || *s == ',')
            s++;
        if (*s != '[')
            break;
        id = strtoll(s + 1, &end, 10);
        if (*end != ',')
            return -1;
        count = strtoll(end + 1, &end, 10);
        if (*end != ']')
            return -1;
        s = end + 1;
        if (*n == cap) {
            tx_doc_count *p = realloc(*v, (cap = cap ? cap * 2 : 8) * sizeof *p);
            if (!p)
                return -1;
            *v = p;
        }
        (*v)[*n].doc_id = id;
        (*v)[(*n)++].count = (uint64_t)count;
    }
    return 0;
}

tx_status tx_store_each_abbreviation(tx_store *st, const char *lang,
                                     int (*fn)(const tx_abbreviation *a, void *arg),
                                     void *arg, tx_error *err)
{
    sqlite3_stmt *s;
    tx_abbreviation ab;
    tx_status rc;
    int src;

    if ((rc = stmt_get(st, S_ABBR_EACH, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, lang);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        int bad;
        memset(&ab, 0, sizeof ab);
        ab.term = (const char *)sqlite3_column_text(s, 0);
        ab.acronym = (const char *)sqlite3_column_text(s, 2);
        if (!ab.term || !ab.acronym) {
            src = SQLITE_NOMEM;
            break;
        }
        bad = tx_store_parse_doc_counts((const char *)sqlite3_column_text(s, 1), &ab.full,
                                        &ab.n_full) < 0 ||
              tx_store_parse_doc_counts((const char *)sqlite3_column_text(s, 3), &ab.abbr,
                                        &ab.n_abbr) < 0;
        int stop = bad ? 0 : fn(&ab, arg);
        free(ab.full);
        free(ab.abbr);
        if (bad) {
            src = SQLITE_NOMEM;
            break;
        }
        if (stop)
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading acronyms", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = db_fail(st, err, "cannot read the acronyms");
    stmt_done(s);
    return rc;
}

tx_status tx_store_document_path(tx_store *st, int64_t doc_id, char *path, size_t size,
                                 tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;
    int src;

    if ((rc = stmt_get(st, S_DOC_PATH, &s, err)) != TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, doc_id);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        snprintf(path, size, "%s", (const char *)sqlite3_column_text(s, 0));
    else
        rc = src == SQLITE_DONE ? tx_fail(err, TX_ENOTFOUND, "no document %lld",
                                          (long long)doc_id)
                                : db_fail(st, err, "cannot read document %lld",
                                          (long long)doc_id);
    stmt_done(s);
    return rc;
}

tx_status tx_store_add_noun(tx_store *st, const char *lang, const char *word, size_t len,
                            tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = stmt_get(st, S_NOUN_ADD, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, lang);
    sqlite3_bind_text(s, 2, word, (int)len, SQLITE_STATIC);
    return stmt_run(st, s, err, "record a noun of language", lang);
}

tx_status tx_store_each_noun(tx_store *st, const char *lang,
                             int (*fn)(const char *word, size_t len, void *arg), void *arg,
                             tx_error *err)
{
    sqlite3_stmt *s;
    int src;
    tx_status rc;

    if ((rc = stmt_get(st, S_NOUN_EACH, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, lang);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        const char *w = (const char *)sqlite3_column_text(s, 0);
        if (!w) {
            src = SQLITE_NOMEM;
            break;
        }
        if (fn(w, (size_t)sqlite3_column_bytes(s, 0), arg))
            break;
    }
    if (src == SQLITE_NOMEM)
        rc = tx_fail(err, TX_ENOMEM, "%s: out of memory reading nouns", st->path);
    else if (src != SQLITE_DONE && src != SQLITE_ROW)
        rc = db_fail(st, err, "cannot read the nouns");
    stmt_done(s);
    return rc;
}

tx_status tx_store_nouns_complete(tx_store *st, int *yes, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    *yes = 0;
    if ((rc = stmt_get(st, S_NOUNS_INCOMPLETE, &s, err)) != TX_OK)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        *yes = !sqlite3_column_int(s, 0);
    else
        rc = db_fail(st, err, "cannot read the glossary's metadata");
    stmt_done(s);
    return rc;
}

tx_status tx_store_has_terms(tx_store *st, const char *lang, int *yes, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    *yes = 0;
    if ((rc = stmt_get(st, S_HAS_TERMS, &s, err)) != TX_OK)
        return rc;
    bind_text(s, 1, lang);
    if (sqlite3_step(s) == SQLITE_ROW)
        *yes = sqlite3_column_int(s, 0);
    else
        rc = db_fail(st, err, "cannot count the terms");
    stmt_done(s);
    return rc;
}
