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
    /* The term of a key, else the one a person merged that key's term into
     * (merged, see tx_review_merge()); the third column says whether other
     * keys add to it too, whose per-document counts must then be summed. */
    [S_TERM_FIND] =
        "SELECT id, doc_counts, EXISTS (SELECT 1 FROM merged WHERE into_id = terms.id)"
        " FROM terms WHERE lang = ?1 AND key = ?2"
        " UNION ALL SELECT t.id, t.doc_counts, 1 FROM merged m"
        " JOIN terms t ON t.id = m.into_id WHERE m.lang = ?1 AND m.key = ?2 LIMIT 1",
    [S_TERM_INSERT] =
        "INSERT INTO terms (lang, key, canonical, n_words, n_content, freq, df,"
        " doc_counts, cvalue, score, listed)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [S_HAS_TERMS] = "SELECT EXISTS (SELECT 1 FROM terms WHERE lang = ?1)",
    [S_TERM_ADD] =
        "UPDATE terms SET freq = freq + ?2, df = df + ?3, doc_counts = ?4 WHERE id = ?1",
    /* The canonical-form rule of store.h (tx_store_best_variant() applies it
     * to a new term's variants before they are stored); an approved form, or
     * one a person set (form_locked), is the user's. */
    [S_TERM_CANONICAL] =
        "UPDATE terms SET canonical = coalesce("
        "(SELECT surface FROM variants WHERE term_id = ?1"
        " ORDER BY lower_initial DESC, count DESC, surface LIMIT 1), canonical)"
        " WHERE id = ?1 AND status != " SQL_APPROVED " AND form_locked = 0",
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
    [S_SENT_ADD] = "INSERT INTO sentences (doc_id, text, page) VALUES (?1, ?2, coalesce(?3, 0))",
    /* A term a person decided on (approved or rejected) stays listed. */
    [S_EACH_TERM] =
        "SELECT id, key, n_words, n_content, freq, df, cvalue, score, listed,"
        " status != " SQL_CANDIDATE ", canonical FROM terms WHERE lang = ?1 ORDER BY id",
    [S_SET_SCORE] =
        "UPDATE terms SET cvalue = ?2, score = ?3, listed = ?4 WHERE id = ?1",
    [S_MAIN_LANG] =
        "SELECT lang FROM terms GROUP BY lang ORDER BY count(*) DESC, lang LIMIT 1",
    [S_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [S_META_SET] = "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
    [S_NOUN_ADD] = "INSERT OR IGNORE INTO nouns (lang, word) VALUES (?1, ?2)",
    [S_NOUN_EACH] = "SELECT word FROM nouns WHERE lang = ?1",
    [S_NOUNS_INCOMPLETE] = "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'nouns')",
    [S_WORD_ADD] = "INSERT INTO words (lang, key, count) VALUES (?1, ?2, ?3)"
                   " ON CONFLICT (lang, key) DO UPDATE SET count = count + excluded.count",
    [S_WORD_EACH] = "SELECT key, count FROM words WHERE lang = ?1",
    [S_WORDS_INCOMPLETE] = "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'words')",
    [S_TOKEN_TOTAL] = "SELECT coalesce(sum(n_tokens), 0) FROM documents WHERE lang = ?1",
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
        "SELECT d.path, s.text, coalesce(s.page, 0) FROM contexts c"
        " JOIN sentences s ON s.id = c.sentence_id"
        " JOIN documents d ON d.id = s.doc_id"
        " WHERE c.term_id = ?1 ORDER BY c.level, d.hash, s.text",
    [S_INFO_CONTEXTS_V10] =
        "SELECT d.path, s.text, 0 FROM contexts c"
        " JOIN sentences s ON s.id = c.sentence_id"
        " JOIN documents d ON d.id = s.doc_id"
        " WHERE c.term_id = ?1 ORDER BY c.level, d.hash, s.text",
    /* Approved first, then candidates by score, forbidden last. */
    [S_INFO_TRANSLATIONS] =
        "SELECT t.lang, t.text, t.score, t.method, t.n_segments, s.src, s.tgt,"
        " coalesce(t.status, " SQL_CANDIDATE "), t.note"
        " FROM translations t LEFT JOIN segments s ON s.id = t.segment_id"
        " WHERE t.term_id = ?1 ORDER BY " TR_STATUS_ORDER ", t.score DESC, t.id",
    [S_SEG_ADD] =
        "INSERT INTO segments (src_lang, tgt_lang, src, tgt, source, ref, score, hash)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (hash) DO NOTHING",
    [S_SEG_ID] = "SELECT id FROM segments WHERE hash = ?1",
    [S_SEG_EACH] =
        "SELECT id, src, tgt, score FROM segments"
        " WHERE src_lang = ?1 AND tgt_lang = ?2 ORDER BY id",
    /* Listed terms, and approved ones a rescoring has not listed yet. */
    [S_LISTED_EACH] =
        "SELECT id, key, canonical, n_content, freq, doc_counts, status FROM terms"
        " WHERE lang = ?1 AND (listed = 1 OR status = " SQL_APPROVED ") ORDER BY id",
    /* Only alignment's candidates go: imported translations (method
     * 'import...'), those a reviewer added (method 'review') and those a
     * person approved or forbade are the user's. */
    [S_TR_CLEAR] =
        "DELETE FROM translations WHERE lang = ?1 AND method NOT LIKE 'import%'"
        " AND method != 'review' AND coalesce(status, " SQL_CANDIDATE ") = " SQL_CANDIDATE
        " AND term_id IN (SELECT id FROM terms WHERE lang = ?2)",
    /* Each term with an acronym, the per-document counts of both. */
    [S_ABBR_EACH] =
        "SELECT t.canonical, t.doc_counts, r.other_surface, coalesce(a.doc_counts, '[]')"
        " FROM relations r JOIN terms t ON t.id = r.term_id"
        " LEFT JOIN terms a ON a.lang = t.lang AND a.key = r.other_key"
        " WHERE r.kind = 'abbreviation' AND t.lang = ?1 AND t.status != " SQL_REJECTED
        " ORDER BY t.canonical COLLATE tx_alpha, t.key, r.other_key",
    [S_DOC_PATH] = "SELECT path FROM documents WHERE id = ?1",
    [S_EXP_ABBR] =
        "SELECT other_surface FROM relations WHERE term_id = ?1 AND kind = 'abbreviation'"
        " ORDER BY other_key LIMIT 1",
    /* By term: the approved translations, the forbidden ones ('rejected' as
     * an import before schema 8 wrote it), then the candidates, best first. */
    [S_TR_EACH] =
        "SELECT t.term_id, t.text, t.method, t.score, t.status FROM translations t"
        " JOIN terms x ON x.id = t.term_id"
        " WHERE x.lang = ?1 AND t.lang = ?2"
        " AND (x.listed = 1 OR x.status = " SQL_APPROVED ")"
        " ORDER BY t.term_id, CASE t.status WHEN " SQL_TR_APPROVED " THEN 0"
        " WHEN " SQL_TR_FORBIDDEN " THEN 1 WHEN " SQL_REJECTED " THEN 1 ELSE 2 END,"
        " t.score DESC, t.id",
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
    /* Extras (concept.h, tx_data_cat): one row per distinct value. */
    [S_IMP_EXTRA] =
        "INSERT INTO extras (term_id, level, tgt, elem, type, target, source, text, file)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT"
        " (term_id, level, tgt, elem, type, target, source, text)"
        " DO UPDATE SET file = excluded.file",
    /* The term of the entry of id ?1 in file ?2 (a ref's target). */
    [S_EXP_REF] =
        "SELECT term_id FROM extras WHERE elem = 'id' AND text = ?1 AND source = ?2"
        " ORDER BY id DESC LIMIT 1",
    [S_EXP_EXTRA] =
        "SELECT level, tgt, elem, nullif(type, ''), nullif(target, ''), nullif(source, ''),"
        " text, file FROM extras WHERE term_id = ?1 AND elem != 'id' ORDER BY id LIMIT 1024",
    /* A computed translation (no status) that the term has already, as a
     * row S_TR_CLEAR kept (the user's), is not added again: that row stays. */
    [S_TR_ADD] =
        "INSERT INTO translations (term_id, lang, text, score, method, n_segments,"
        " segment_id, status) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8"
        " WHERE ?8 IS NOT NULL OR NOT EXISTS (SELECT 1 FROM translations"
        " WHERE term_id = ?1 AND lang = ?2 AND text = ?3)",
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
    /* An aligned translation is a candidate, and none is added twice: one a
     * person kept (approved, forbidden) keeps its status and evidence. */
    [S_TR_ADD_ALIGNED] =
        "INSERT INTO translations (term_id, lang, text, score, method, n_segments,"
        " segment_id, status) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, " SQL_CANDIDATE
        " WHERE NOT EXISTS (SELECT 1 FROM translations"
        " WHERE term_id = ?1 AND lang = ?2 AND text = ?3)",

    /* ---- review (store_review.c, store_review_merge.c) ---- */
    [S_RV_TERM] =
        "SELECT lang, canonical, version, key FROM terms WHERE id = ?1",
    [S_RV_LAST] =
        "SELECT action, who, at FROM history WHERE term_id = ?1 ORDER BY id DESC LIMIT 1",
    /* Every change to a term, a decision or an import, bumps its version. */
    [S_RV_BUMP] = "UPDATE terms SET version = version + 1 WHERE id = ?1",
    /* The term is named as it is written now. */
    [S_RV_LOG] =
        "INSERT INTO history (term_id, lang, term, at, who, action, detail)"
        " SELECT id, lang, canonical, ?2, ?3, ?4, ?5 FROM terms WHERE id = ?1",
    /* A decided term is listed (rescoring keeps it so: S_EACH_TERM); a reset
     * leaves `listed` as the last rescoring (or import) left it. */
    [S_RV_STATUS] =
        "UPDATE terms SET status = ?2,"
        " listed = CASE WHEN ?2 = " SQL_CANDIDATE " THEN listed ELSE 1 END WHERE id = ?1",
    /* A full scan (there is no index on canonical): a one-off. */
    /* Case aside ("centre régional" is "Centre régional"'s form too): a
     * scan, as a decision is a one-off. */
    [S_RV_FORM_OWNER] =
        "SELECT id, canonical FROM terms WHERE lang = ?1 AND canonical = ?2 COLLATE tx_nocase"
        " AND id != ?3 ORDER BY canonical = ?2 DESC, id LIMIT 1",
    [S_RV_SET_FORM] = "UPDATE terms SET canonical = ?2, form_locked = 1 WHERE id = ?1",
    /* Unlocked, the form is chosen again as extraction does (S_TERM_CANONICAL). */
    [S_RV_UNLOCK] = "UPDATE terms SET form_locked = 0 WHERE id = ?1",
    /* ?2 is the tx_field, ?3 the value (NULL: cleared). */
    [S_RV_SET_FIELD] =
        "UPDATE terms SET"
        " note = CASE ?2 WHEN 1 THEN ?3 ELSE note END,"
        " definition = CASE ?2 WHEN 2 THEN ?3 ELSE definition END,"
        " domain = CASE ?2 WHEN 3 THEN ?3 ELSE domain END,"
        " pos = CASE ?2 WHEN 4 THEN ?3 ELSE pos END,"
        " usage = CASE ?2 WHEN 5 THEN ?3 ELSE usage END,"
        " gender = CASE ?2 WHEN 6 THEN ?3 ELSE gender END,"
        " geo = CASE ?2 WHEN 7 THEN ?3 ELSE geo END,"
        " term_type = CASE ?2 WHEN 8 THEN ?3 ELSE term_type END"
        " WHERE id = ?1",
    /* The columns in tx_field order after version and form_locked. */
    [S_RV_GET] =
        "SELECT version, form_locked, canonical, note, definition, domain, pos, usage,"
        " gender, geo, term_type FROM terms WHERE id = ?1",
    [S_RV_HISTORY] =
        "SELECT at, who, action, detail FROM history WHERE term_id = ?1 ORDER BY id",
    /* ?5: the note, NULL to keep it, '' to clear it. */
    [S_RV_TR_SET] =
        "UPDATE translations SET status = ?4,"
        " note = CASE WHEN ?5 IS NULL THEN note ELSE nullif(?5, '') END"
        " WHERE term_id = ?1 AND lang = ?2 AND text = ?3",
    [S_RV_TR_ADD] =
        "INSERT INTO translations (term_id, lang, text, score, method, n_segments, status,"
        " note) VALUES (?1, ?2, ?3, 1, 'review', 0, ?4, nullif(?5, ''))",
    [S_RV_TR_DEL] =
        "DELETE FROM translations WHERE term_id = ?1 AND lang = ?2 AND text = ?3",
    [S_RV_DOCS] = "SELECT doc_counts FROM terms WHERE id = ?1",
    [S_RV_N_VARIANTS] = "SELECT count(*) FROM variants WHERE term_id = ?1",
    /* Merging term ?2 into term ?1: its variants come after ?1's (?3: how
     * many ?1 has), counts summed for a form both have. */
    [S_RV_MERGE_VARIANTS] =
        "INSERT INTO variants (term_id, surface, count, lower_initial, first_seen)"
        " SELECT ?1, surface, count, lower_initial, ?3 + first_seen FROM variants"
        " WHERE term_id = ?2 ORDER BY first_seen"
        " ON CONFLICT (term_id, surface) DO UPDATE SET count = count + excluded.count",
    /* Its entry form stays findable, as a form seen 0 times. */
    [S_RV_MERGE_FORM] =
        "INSERT OR IGNORE INTO variants (term_id, surface, count, lower_initial,"
        " first_seen) SELECT ?1, canonical, 0, 0, ?3 FROM terms WHERE id = ?2",
    [S_RV_MERGE_CONTEXTS] =
        "INSERT OR IGNORE INTO contexts (term_id, sentence_id, level)"
        " SELECT ?1, sentence_id, level FROM contexts WHERE term_id = ?2",
    /* Its links, but not one to ?1 itself (key ?3). */
    [S_RV_MERGE_RELATIONS] =
        "INSERT OR IGNORE INTO relations (term_id, kind, other_key, other_surface)"
        " SELECT ?1, kind, other_key, other_surface FROM relations"
        " WHERE term_id = ?2 AND other_key != ?3",
    [S_RV_REL_DROP] = "DELETE FROM relations WHERE term_id = ?1 AND other_key = ?2",
    /* A translation both have: a status set on ?2's wins over ?1's candidate;
     * a note ?1's lacks is taken. */
    [S_RV_MERGE_TR_STATUS] =
        "UPDATE translations AS i SET"
        " status = CASE WHEN coalesce(i.status, " SQL_CANDIDATE ") = " SQL_CANDIDATE
        " THEN coalesce(f.status, i.status) ELSE i.status END,"
        " note = coalesce(i.note, f.note)"
        " FROM translations AS f WHERE i.term_id = ?1 AND f.term_id = ?2"
        " AND f.lang = i.lang AND f.text = i.text",
    [S_RV_MERGE_TR_DUPS] =
        "DELETE FROM translations WHERE term_id = ?2 AND EXISTS (SELECT 1 FROM"
        " translations i WHERE i.term_id = ?1 AND i.lang = translations.lang"
        " AND i.text = translations.text)",
    [S_RV_MERGE_TR_MOVE] = "UPDATE translations SET term_id = ?1 WHERE term_id = ?2",
    /* Counts summed (?3, ?4: the merged per-document counts and their number);
     * the fields ?1 lacks taken from ?2. */
    [S_RV_MERGE_TERM] =
        "UPDATE terms SET freq = terms.freq + f.freq, doc_counts = ?3, df = ?4,"
        " listed = max(terms.listed, f.listed),"
        " note = coalesce(terms.note, f.note),"
        " definition = coalesce(terms.definition, f.definition),"
        " domain = coalesce(terms.domain, f.domain),"
        " pos = coalesce(terms.pos, f.pos),"
        " usage = coalesce(terms.usage, f.usage),"
        " gender = coalesce(terms.gender, f.gender),"
        " geo = coalesce(terms.geo, f.geo),"
        " term_type = coalesce(terms.term_type, f.term_type)"
        " FROM (SELECT * FROM terms WHERE id = ?2) AS f WHERE terms.id = ?1",
    [S_RV_MERGE_HISTORY] = "UPDATE history SET term_id = ?1 WHERE term_id = ?2",
    /* The TBX data passed through goes along; what `into` has already stays
     * once (the rest of `from`'s goes with it). */
    [S_RV_MERGE_EXTRAS] = "UPDATE OR IGNORE extras SET term_id = ?1 WHERE term_id = ?2",
    [S_RV_REDIRECT_MOVE] = "UPDATE merged SET into_id = ?1 WHERE into_id = ?2",
    [S_RV_REDIRECT_ADD] =
        "INSERT OR REPLACE INTO merged (lang, key, into_id)"
        " SELECT lang, key, ?1 FROM terms WHERE id = ?2",
    [S_RV_EVICT_TERM] =
        "INSERT OR IGNORE INTO temp.tx_evicted (id)"
        " SELECT sentence_id FROM contexts WHERE term_id = ?1",
    [S_RV_DELETE] = "DELETE FROM terms WHERE id = ?1",
};
