/* store_translations.c: aligned segments and translations (termex align,
 * termex check): a segment pair is stored once, by the SHA-256 of its
 * languages and texts; computed translations are replaced at every
 * alignment while they are candidates, imported ones (method "import"),
 * those a reviewer added and those a person approved or forbade are the
 * user's and stay. */
#include "storeInt.h"

#include "error.h"
#include "sha256.h"

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
    if ((rc = tx_stmt_get(st, S_SEG_ADD, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, row->src_lang);
    tx_bind_text(s, 2, row->tgt_lang);
    tx_bind_text(s, 3, row->src);
    tx_bind_text(s, 4, row->tgt);
    tx_bind_text(s, 5, row->source);
    if (row->ref)
        tx_bind_text(s, 6, row->ref);
    sqlite3_bind_double(s, 7, row->score);
    tx_bind_text(s, 8, hash);
    if ((rc = tx_stmt_run(st, s, err, "add a segment from", row->source)) != TX_OK)
        return rc;
    if (sqlite3_changes(st->db) == 1) {
        *id = sqlite3_last_insert_rowid(st->db);
        return TX_OK;
    }
    if ((rc = tx_stmt_get(st, S_SEG_ID, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, hash);
    src = sqlite3_step(s);
    if (src == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    else
        rc = tx_db_fail(st, err, "cannot find a segment from '%s'", row->source);
    tx_stmt_done(s);
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

    if ((rc = tx_stmt_get(st, S_SEG_EACH, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, src_lang);
    tx_bind_text(s, 2, tgt_lang);
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
        rc = tx_db_fail(st, err, "cannot read the segments");
    tx_stmt_done(s);
    return rc;
}

tx_status tx_store_clear_translations(tx_store *st, const char *src_lang,
                                      const char *tgt_lang, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, S_TR_CLEAR, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, tgt_lang);
    tx_bind_text(s, 2, src_lang);
    return tx_stmt_run(st, s, err, "clear the translations into", tgt_lang);
}

tx_status tx_store_add_translation(tx_store *st, int64_t term_id, const char *lang,
                                   const tx_translation_row *row, tx_error *err)
{
    sqlite3_stmt *s;
    tx_status rc;

    if ((rc = tx_stmt_get(st, row->status ? S_TR_ADD : S_TR_ADD_ALIGNED, &s, err)) !=
        TX_OK)
        return rc;
    sqlite3_bind_int64(s, 1, term_id);
    tx_bind_text(s, 2, lang);
    tx_bind_text(s, 3, row->text);
    sqlite3_bind_double(s, 4, row->score);
    tx_bind_text(s, 5, row->method);
    sqlite3_bind_int(s, 6, (int)row->n_segments);
    if (row->segment_id)
        sqlite3_bind_int64(s, 7, row->segment_id);
    if (row->status)
        tx_bind_text(s, 8, row->status);
    return tx_stmt_run(st, s, err, "add a translation of term", row->text);
}

tx_status tx_store_each_translation(tx_store *st, const char *src_lang, const char *tgt_lang,
                                    int (*fn)(const tx_translation_ref *t, void *arg),
                                    void *arg, tx_error *err)
{
    sqlite3_stmt *s;
    tx_translation_ref t;
    tx_status rc;
    int src;

    if ((rc = tx_stmt_get(st, S_TR_EACH, &s, err)) != TX_OK)
        return rc;
    tx_bind_text(s, 1, src_lang);
    tx_bind_text(s, 2, tgt_lang);
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
        rc = tx_db_fail(st, err, "cannot read the translations");
    tx_stmt_done(s);
    return rc;
}
