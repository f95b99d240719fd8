/* storeInt.h: what the files of the glossary store share, and no file outside
 * glossary/store/ includes (as SQLite's btreeInt.h is to btree.c).
 *
 * The store is one module in several files.  Its core:
 *   store.c              opening, the schema and its migrations, the statement
 *                        cache, transactions, errors
 *   store_sql.c          the text of every statement
 *   store_collate.c      how written forms are ordered and compared
 *   store_bulk.c         bulk writes of new terms
 * and one file per group of tables it serves:
 *   store_documents.c    documents
 *   store_merge.c        a run's candidates merged into terms and variants
 *   store_contexts.c     example sentences (sentences, contexts)
 *   store_relations.c    links between terms (relations), acronyms
 *   store_meta.c         the glossary's settings (meta)
 *   store_terms.c        terms: status names, rescoring, counts
 *   store_list.c         listing (termex list)
 *   store_lookup.c       one term in detail (termex show)
 *   store_nouns.c        the corpus's nouns
 *   store_words.c        the corpus's word counts, its reference profile
 *   store_translations.c aligned segments and translations
 *   store_exchange.c     export of concepts
 *   store_import.c       import of concepts
 *   store_review.c       a person's decisions on a term (history, versions)
 *   store_review_merge.c merging two terms into one, deleting one
 * SQLite's codes never leave these files: store.h, the interface the rest of
 * termex uses, has no SQLite type. */
#ifndef TX_STORE_INT_H
#define TX_STORE_INT_H

#include <stdint.h>
#include <sys/types.h> /* dev_t, ino_t */

#include <sqlite3.h>

#include "batch.h"
#include "buf.h"
#include "store.h"

/* ---- prepared statements (their text: store_sql.c) ---- */

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
    S_WORD_ADD,
    S_WORD_EACH,
    S_WORDS_INCOMPLETE,
    S_TOKEN_TOTAL,
    S_MAIN_LANG,
    S_META_GET,
    S_META_SET,
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
    S_INFO_CONTEXTS_V10, /* the same on a glossary read without upgrading (no page) */
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
    S_EXP_TR_IMP,
    S_EXP_TR_BEST,
    S_EXP_CTX,
    S_EXP_HIST,
    S_EXP_LANGS,
    S_IMP_FIND,
    S_IMP_BY_ID,
    S_IMP_INSERT,
    S_IMP_UPDATE,
    S_IMP_DOC,
    S_IMP_TR_HAS,
    S_IMP_TR_ADD,
    S_IMP_TR_SET,
    S_IMP_HIST_HAS,
    S_IMP_EXTRA,
    S_EXP_EXTRA,
    S_EXP_REF,
    S_INFO_RELATIONS,
    S_REL_GET,
    S_REL_ADD_ID,
    S_REL_SET,
    S_REL_TRIM,
    S_BULK_IDS,
    S_TR_ADD_ALIGNED,
    /* review (store_review.c, store_review_merge.c) */
    S_RV_TERM,
    S_RV_LAST,
    S_RV_BUMP,
    S_RV_LOG,
    S_RV_STATUS,
    S_RV_FORM_OWNER,
    S_RV_SET_FORM,
    S_RV_UNLOCK,
    S_RV_SET_FIELD,
    S_RV_GET,
    S_RV_HISTORY,
    S_RV_TR_SET,
    S_RV_TR_ADD,
    S_RV_TR_DEL,
    S_RV_DOCS,
    S_RV_N_VARIANTS,
    S_RV_MERGE_VARIANTS,
    S_RV_MERGE_FORM,
    S_RV_MERGE_CONTEXTS,
    S_RV_MERGE_RELATIONS,
    S_RV_REL_DROP,
    S_RV_MERGE_TR_STATUS,
    S_RV_MERGE_TR_DUPS,
    S_RV_MERGE_TR_MOVE,
    S_RV_MERGE_TERM,
    S_RV_MERGE_HISTORY,
    S_RV_MERGE_EXTRAS,
    S_RV_REDIRECT_MOVE,
    S_RV_REDIRECT_ADD,
    S_RV_EVICT_TERM,
    S_RV_DELETE,
    S_COUNT
};

/* The statements' SQL, by id. */
extern const char *const tx_stmt_sql[S_COUNT];

/* The stored names of a term's status (tx_term_status), for the statements'
 * SQL and for tx_term_status_name() (store_terms.c): they are spelt here and,
 * as shipped, in the schema's CHECK constraint (store.c), nowhere else. */
#define STATUS_CANDIDATE "candidate"
#define STATUS_APPROVED "approved"
#define STATUS_REJECTED "rejected"
/* The same as SQL string literals. */
#define SQL_CANDIDATE "'" STATUS_CANDIDATE "'"
#define SQL_APPROVED "'" STATUS_APPROVED "'"
#define SQL_REJECTED "'" STATUS_REJECTED "'"
/* A translation's status (tx_tr_status), as SQL string literals. */
#define SQL_TR_APPROVED "'approved'"
#define SQL_TR_FORBIDDEN "'forbidden'"

/* Translations in the order a reader is shown them: approved, candidates,
 * forbidden (of a translations table named t). */
#define TR_STATUS_ORDER \
    "CASE t.status WHEN 'approved' THEN 0 WHEN 'forbidden' THEN 2 ELSE 1 END"

/* The columns of a tx_term, in the order tx_row_to_term() reads them; its
 * translation is the best one not forbidden, an approved one first. */
#define TERM_COLUMNS \
    "id, canonical, key, lang, status, n_words, n_content, freq, df, cvalue, score," \
    " (SELECT text FROM translations t WHERE t.term_id = terms.id" \
    " AND coalesce(t.status, '') != 'forbidden'" \
    " ORDER BY " TR_STATUS_ORDER ", t.score DESC, t.id LIMIT 1), listed"

/* The batches of the bulk writes (store_bulk.c), in the order they are
 * written, which is also the order of their foreign keys. */
enum bulk_id { B_TERMS, B_SENTENCES, B_VARIANTS, B_CONTEXTS, B_RELATIONS, B_COUNT };

/* An example sentence a term has or may get (scratch of tx_merge_contexts()). */
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
    int64_t schema;                 /* the schema version of the file (a reader may
                                       read an older one: TX_STORE_READ_VERSION) */
    int bulk_ids;                   /* next_term and next_sentence are valid */
    int64_t next_term, next_sentence;
    int n_ids;                      /* -1 until file_ids() has run */
    struct file_id {
        dev_t dev;
        ino_t ino;
    } ids[4];                       /* the glossary, its -wal, -shm, -journal */
    /* Review (store_review.c): a transaction tx_review_begin() opened, and
     * the terms its decisions changed so far with their versions before it
     * (a grouped transaction bumps a term's version once). */
    int rv_open;
    struct rv_touched {
        int64_t id, version;
    } *rv_touched;
    size_t n_rv_touched, cap_rv_touched;
    tx_buf rv_text;                 /* tx_review_get()'s strings */
};

/* ---- store.c: errors and statements ---- */

/* Fill `err` from the connection's last error: "PATH: WHAT: sqlite message";
 * returns TX_EDB, or TX_ENOMEM when SQLite ran out of memory. */
tx_status tx_db_fail(tx_store *st, tx_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Run `sql` (no rows, no parameters) on the connection of `st`; `what` names
 * it in the message of a failure. */
tx_status tx_exec_sql(tx_store *st, const char *sql, const char *what, tx_error *err);

/* Set *out to the cached statement `id`, preparing it on first use.  The
 * statement belongs to `st`: callers reset it (tx_stmt_done()) when finished. */
tx_status tx_stmt_get(tx_store *st, enum stmt_id id, sqlite3_stmt **out, tx_error *err);

/* Reset `s` and clear its bindings, ready for the next tx_stmt_get(). */
void tx_stmt_done(sqlite3_stmt *s);

/* Step `s` to completion (a statement returning no rows), then reset it; a
 * failure says "cannot WHAT 'SUBJECT'". */
tx_status tx_stmt_run(tx_store *st, sqlite3_stmt *s, tx_error *err, const char *what,
                      const char *subject);

/* Bind `text` (NUL-terminated, not copied: it must outlive the step) to
 * parameter `i`; SQLite's code. */
int tx_bind_text(sqlite3_stmt *s, int i, const char *text);

/* Bind a document's name to parameter `i` as valid UTF-8 without control
 * characters, its bytes to parameter `i_raw` when escaping changed them (see
 * store.c); 0, or -1 when out of memory. */
int tx_bind_path(sqlite3_stmt *s, int i, int i_raw, const char *path);

/* A malloc'd copy of text column `col` of `s`; NULL when out of memory (callers
 * only read NOT NULL columns, so NULL text can only mean that). */
char *tx_column_dup(sqlite3_stmt *s, int col);

/* ---- store_collate.c ---- */

/* Register the collations tx_nocase and tx_alpha on `db`; SQLite's code. */
int tx_collations_register(sqlite3 *db);

/* ---- store_bulk.c ---- */

/* Drop the rows not written yet (the transaction is being rolled back). */
void tx_bulk_clear(tx_store *st);

/* Write every waiting row, parents before children. */
tx_status tx_bulk_flush(tx_store *st, tx_error *err);

/* Make the batches and the id counters (st->next_term, st->next_sentence)
 * ready for a new term. */
tx_status tx_bulk_ready(tx_store *st, tx_error *err);

/* End a row of batch `b`; a failure (out of memory) drops every waiting row. */
tx_status tx_bulk_end_row(tx_store *st, enum bulk_id b, tx_error *err);

/* A term's rows are all in the batches: write them out when enough terms
 * wait, or at once outside a transaction (a later close would drop them). */
tx_status tx_bulk_end_term(tx_store *st, tx_error *err);

/* ---- store_contexts.c ---- */

/* Give term `id` the `max` best example sentences among those it has (none
 * when `is_new`) and those `row` offers (see store_contexts.c); `bulk`: the
 * term is being written in bulk, and so are its new sentences and contexts. */
tx_status tx_merge_contexts(tx_store *st, int64_t id, int is_new, int bulk,
                            const tx_occ_row *row, unsigned max, tx_error *err);

/* Make the scratch table of sentences that lost a term (temp.tx_evicted)
 * ready; tx_store_drop_evicted() removes those no term uses.  Statements
 * that name the table are prepared after this call. */
tx_status tx_evict_ready(tx_store *st, tx_error *err);

/* ---- store_merge.c ---- */

/* Merge the per-document counts `a` and `b` (JSON arrays of [document id,
 * count], either may be NULL) into `out`, reset first: one pair a document,
 * the counts summed, in document (id) order; *n_docs gets the number of
 * documents.  -1 on bad syntax or no memory. */
int tx_doc_counts_merge(const char *a, const char *b, tx_buf *out, size_t *n_docs);

/* ---- store_relations.c ---- */

/* Link term `id` to the term of key `other_key`, as tx_store_add_relation()
 * says. */
tx_status tx_relation_put(tx_store *st, int64_t id, const char *kind,
                          const char *other_key, const char *other_surface,
                          tx_error *err);

/* ---- store_review.c: what every decision does ---- */

/* A term as a decision finds it (tx_rv_touch()); the strings are the
 * caller's, freed by tx_rv_term_release(). */
typedef struct tx_rv_term {
    int64_t id;
    int64_t version;  /* before this decision */
    char *lang, *canonical, *key;
} tx_rv_term;

void tx_rv_term_release(tx_rv_term *t);

/* Start a decision: in a write transaction of its own, or inside the open
 * one (tx_review_begin()'s or the caller's), as a savepoint, so that a
 * failed decision leaves nothing.  *own receives how; pass it to
 * tx_rv_leave() with the decision's status, which it returns (or the
 * commit's failure). */
tx_status tx_rv_enter(tx_store *st, int *own, tx_error *err);
tx_status tx_rv_leave(tx_store *st, int own, tx_status rc, tx_error *err);

/* Read term `id` into *t (TX_ENOTFOUND: none), refuse the decision with
 * TX_ESTALE when `r` names a version that is not the term's, and bump the
 * term's version (once in a tx_review_begin() transaction). */
tx_status tx_rv_touch(tx_store *st, int64_t id, const tx_review *r, tx_rv_term *t,
                      tx_error *err);

/* Now as "YYYY-MM-DDTHH:MM:SSZ" (UTC), or SOURCE_DATE_EPOCH when it holds a
 * number of seconds (reproducible-builds.org), so that a scripted session
 * writes the same glossary each time. */
void tx_rv_now(char out[32]);
/* The user a history line names: `user` when given, else the login name
 * (looked up with `buf`, `size` bytes), else "unknown". */
const char *tx_rv_user(const char *user, char *buf, size_t size);
/* Add a line to the history of term `id`, naming the term as it is written
 * now: at `at`, by `who`, `action`, `detail` (may be NULL).  The one writer
 * of history lines (decisions, and import's transactions). */
tx_status tx_rv_log_at(tx_store *st, int64_t id, const char *at, const char *who,
                       const char *action, const char *detail, tx_error *err);
/* tx_rv_log_at() now (tx_rv_now()), by tx_rv_user(r->user). */
tx_status tx_rv_log(tx_store *st, int64_t id, const tx_review *r, const char *action,
                    const char *detail, tx_error *err);

/* ---- store_terms.c ---- */

/* Set *out to the status stored in column `col` of `s`; -1 when the column
 * holds no status name (SQLite ran out of memory, or the file is damaged). */
int tx_column_status(sqlite3_stmt *s, int col, tx_term_status *out);

/* Fill `t` from a row of TERM_COLUMNS; its strings belong to the statement.
 * Returns SQLITE_OK, SQLITE_NOMEM if SQLite ran out of memory converting a
 * column, or SQLITE_CORRUPT if the status column holds no status name (the
 * schema's CHECK constraint forbids it). */
int tx_row_to_term(sqlite3_stmt *s, tx_term *t);

#endif
