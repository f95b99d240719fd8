/* store_sql.c: the text of every statement the store prepares, indexed by
 * enum stmt_id (storeInt.h).  tx_stmt_get() prepares each on first use and
 * keeps it for the life of the handle.  A term's status is named by the
 * macros of storeInt.h, which spell its stored names in one place. */
#include "storeInt.h"

/* Several matches for a lookup: prefer the listed term, then the frequent one. */
#define FIND_ORDER " ORDER BY listed DESC, freq DESC, key, id LIMIT 1"

const char *const tx_stmt_sql[S_COUNT] = {
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
     * to a new term's variants before they are stored); an approved form is
     * the user's. */
    [S_TERM_CANONICAL] =
        "UPDATE terms SET canonical = coalesce("
        "(SELECT surface FROM variants WHERE term_id = ?1"
        " ORDER BY lower_initial DESC, count DESC, surface LIMIT 1), canonical)"
        " WHERE id = ?1 AND status != " SQL_APPROVED,
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
    /* Sentences no term keeps any more (see tx_merge_contexts()). */
    [S_EVICT_ADD] = "INSERT OR IGNORE INTO temp.tx_evicted (id) VALUES (?1)",
    [S_EVICT_DROP] =
        "DELETE FROM sentences WHERE id IN (SELECT id FROM temp.tx_evicted)"
        " AND id NOT IN (SELECT sentence_id FROM contexts)",
    [S_EVICT_CLEAR] = "DELETE FROM temp.tx_evicted",
    [S_SENT_ADD] = "INSERT INTO sentences (doc_id, text) VALUES (?1, ?2)",
    [S_EACH_TERM] =
        "SELECT id, key, n_words, n_content, freq, df, cvalue, score, listed,"
        " status = " SQL_APPROVED ", canonical FROM terms WHERE lang = ?1 ORDER BY id",
    [S_SET_SCORE] =
        "UPDATE terms SET cvalue = ?2, score = ?3, listed = ?4 WHERE id = ?1",
    [S_MAIN_LANG] =
        "SELECT lang FROM terms GROUP BY lang ORDER BY count(*) DESC, lang LIMIT 1",
    [S_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [S_META_SET] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
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
        " WHERE x.lang = ?1 AND t.lang = ?2"
        " AND (x.listed = 1 OR x.status = " SQL_APPROVED ")"
        " ORDER BY t.term_id, t.method NOT LIKE 'import%', t.score DESC, t.id",
    /* Export: alphabetical, so that an export of an imported export is the
     * same file.  Approved terms always; listed candidates unless ?4 (approved
     * only); rejected ones only when ?3 (with_rejected). */
    [S_EXP_TERMS] =
        "SELECT id, canonical, status, pos, score, freq, note, definition, domain,"
        " usage, gender, geo, term_type FROM terms"
        " WHERE lang = ?1 AND score >= ?2 AND CASE status"
        " WHEN " SQL_APPROVED " THEN 1 WHEN 'rejected' THEN ?3"
        " ELSE listed = 1 AND NOT ?4 END"
        " ORDER BY canonical COLLATE tx_alpha, canonical, key, id",
    /* The translations a person gave or reviewed, approved first, forbidden
     * last, each group in the order given; else the best computed one. */
    [S_EXP_TR_IMP] =
        "SELECT text, coalesce(status, " SQL_CANDIDATE "), note, pos, gender, geo,"
        " term_type FROM translations"
        " WHERE term_id = ?1 AND lang = ?2 AND (status IN ('approved', 'forbidden')"
        " OR method LIKE 'import%' OR method = 'review')"
        " ORDER BY CASE status WHEN 'approved' THEN 0 WHEN 'forbidden' THEN 2 ELSE 1 END,"
        " score DESC, id",
    [S_EXP_TR_BEST] =
        "SELECT text, coalesce(status, " SQL_CANDIDATE "), note, pos, gender, geo,"
        " term_type FROM translations"
        " WHERE term_id = ?1 AND lang = ?2 ORDER BY score DESC, id LIMIT 1",
    [S_EXP_CTX] =
        "SELECT s.text, d.path, d.n_bytes FROM contexts c"
        " JOIN sentences s ON s.id = c.sentence_id"
        " JOIN documents d ON d.id = s.doc_id WHERE c.term_id = ?1"
        " ORDER BY c.level, d.hash, s.text LIMIT 1",
    /* A term's history as TBX transactions: what a person did, not imports. */
    [S_EXP_HIST] =
        "SELECT at, who FROM history WHERE term_id = ?1 AND action != 'import'"
        " ORDER BY id",
    /* The languages of the glossary, for messages: terms, then translations. */
    [S_EXP_LANGS] =
        "SELECT 0, lang, count(*) FROM terms GROUP BY lang"
        " UNION ALL SELECT 1, t.lang, count(*) FROM translations t"
        " JOIN terms x ON x.id = t.term_id WHERE x.lang = ?1 GROUP BY t.lang"
        " ORDER BY 1, 3 DESC, 2",
    [S_IMP_FIND] = "SELECT id FROM terms WHERE lang = ?1 AND key = ?2",
    [S_IMP_BY_ID] = "SELECT canonical FROM terms WHERE id = ?1 AND lang = ?2",
    [S_IMP_INSERT] =
        "INSERT INTO terms (lang, key, canonical, n_words, n_content, freq, score,"
        " listed, status, pos, note, definition, domain, usage, gender, geo, term_type)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
        " ?16)",
    /* The file's values over the stored ones, an absent one leaving it; an
     * entry form that differs is set and locked.  Changes nothing (and
     * sqlite3_changes() says 0) when the term has all that already. */
    [S_IMP_UPDATE] =
        "UPDATE terms SET status = ?2, listed = 1, canonical = coalesce(?3, canonical),"
        " form_locked = CASE WHEN ?3 IS NOT NULL AND ?3 IS NOT canonical THEN 1"
        " ELSE form_locked END,"
        " pos = coalesce(?4, pos), note = coalesce(?5, note),"
        " definition = coalesce(?6, definition), domain = coalesce(?7, domain),"
        " usage = coalesce(?8, usage), gender = coalesce(?9, gender),"
        " geo = coalesce(?10, geo), term_type = coalesce(?11, term_type)"
        " WHERE id = ?1 AND (listed = 0 OR status IS NOT ?2"
        " OR (?3 IS NOT NULL AND ?3 IS NOT canonical)"
        " OR (?4 IS NOT NULL AND ?4 IS NOT pos) OR (?5 IS NOT NULL AND ?5 IS NOT note)"
        " OR (?6 IS NOT NULL AND ?6 IS NOT definition)"
        " OR (?7 IS NOT NULL AND ?7 IS NOT domain)"
        " OR (?8 IS NOT NULL AND ?8 IS NOT usage)"
        " OR (?9 IS NOT NULL AND ?9 IS NOT gender) OR (?10 IS NOT NULL AND ?10 IS NOT geo)"
        " OR (?11 IS NOT NULL AND ?11 IS NOT term_type))",
    [S_IMP_BUMP] = "UPDATE terms SET version = version + 1 WHERE id = ?1",
    /* Imported contexts hang on a document standing for their source. */
    [S_IMP_DOC] =
        "INSERT INTO documents (path, hash, lang, n_tokens, n_bytes, added_at, raw_path)"
        " VALUES (?1, ?2, ?3, 0, 0, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?4)"
        " ON CONFLICT (hash) DO UPDATE SET path = path RETURNING id",
    /* The translation of that text, the user's first. */
    [S_IMP_TR_HAS] =
        "SELECT id FROM translations WHERE term_id = ?1 AND lang = ?2 AND text = ?3"
        " ORDER BY method NOT LIKE 'import%', id LIMIT 1",
    [S_IMP_TR_ADD] =
        "INSERT INTO translations (term_id, lang, text, score, method, status, note,"
        " pos, gender, geo, term_type) VALUES (?1, ?2, ?3, ?4, 'import', ?5, ?6, ?7,"
        " ?8, ?9, ?10)",
    /* A reviewed translation is the user's: re-alignment keeps it, and it
     * ranks as the file's order says. */
    [S_IMP_TR_SET] =
        "UPDATE translations SET status = ?2, note = coalesce(?3, note),"
        " pos = coalesce(?4, pos), gender = coalesce(?5, gender), geo = coalesce(?6, geo),"
        " term_type = coalesce(?7, term_type), score = max(score, ?8),"
        " method = CASE WHEN method LIKE 'import%' OR method = 'review' THEN method"
        " ELSE 'import' END"
        " WHERE id = ?1 AND (status IS NOT ?2 OR (?3 IS NOT NULL AND ?3 IS NOT note)"
        " OR (?4 IS NOT NULL AND ?4 IS NOT pos) OR (?5 IS NOT NULL AND ?5 IS NOT gender)"
        " OR (?6 IS NOT NULL AND ?6 IS NOT geo)"
        " OR (?7 IS NOT NULL AND ?7 IS NOT term_type) OR score < ?8"
        " OR NOT (method LIKE 'import%' OR method = 'review'))",
    [S_IMP_HIST_HAS] =
        "SELECT 1 FROM history WHERE term_id = ?1 AND action = ?2 AND at = ?3"
        " AND who = ?4",
    [S_IMP_HIST_ADD] =
        "INSERT INTO history (term_id, lang, term, at, who, action, detail)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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
    /* The TX_MAX_RELATIONS smallest keys of a kind stay (see tx_relation_put()). */
    [S_REL_TRIM] =
        "DELETE FROM relations WHERE term_id = ?1 AND kind = ?2 AND other_key NOT IN"
        " (SELECT other_key FROM relations WHERE term_id = ?1 AND kind = ?2"
        " ORDER BY other_key LIMIT ?3)",
    /* The ids SQLite would give the next term and sentence, less one. */
    [S_BULK_IDS] =
        "SELECT (SELECT coalesce(max(id), 0) FROM terms),"
        " (SELECT coalesce(max(id), 0) FROM sentences)",
};
