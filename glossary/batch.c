/* batch.c: multi-row INSERT statements (see batch.h). */
#define _POSIX_C_SOURCE 200809L /* strdup() */
#include "batch.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* Rows per statement: past a few dozen, the per-statement cost is gone. */
#define TX_BATCH_ROWS 64

typedef struct value {
    int type; /* SQLITE_INTEGER, SQLITE_FLOAT or SQLITE_TEXT */
    union {
        int64_t i;
        double d;
        struct {
            size_t off, len; /* in text: it moves as it grows */
        } t;
    } u;
} value;

struct tx_batch {
    sqlite3 *db;
    char *head, *tail;
    unsigned n_cols;
    unsigned max_rows;   /* rows per full statement */
    sqlite3_stmt *full;  /* for max_rows rows, prepared on first use */
    value *vals;         /* complete rows, then the current one */
    size_t n_vals, cap_vals;
    tx_buf text;         /* copies of the text values */
    int err;             /* first error since the last flush or clear */
};

/* "HEAD VALUES (?,?),(?,?) TAIL" for `rows` rows; the caller frees it. */
static char *insert_sql(const tx_batch *b, unsigned rows)
{
    size_t row_len = 2 * (size_t)b->n_cols + 2; /* ",(?,?)" */
    size_t n = strlen(b->head) + 8 + rows * row_len + 1 + strlen(b->tail) + 1;
    char *sql = malloc(n), *p;

    if (!sql)
        return NULL;
    p = sql + strlen(strcpy(sql, b->head));
    p = strcpy(p, " VALUES ") + 8;
    for (unsigned r = 0; r < rows; r++) {
        if (r)
            *p++ = ',';
        *p++ = '(';
        for (unsigned c = 0; c < b->n_cols; c++) {
            if (c)
                *p++ = ',';
            *p++ = '?';
        }
        *p++ = ')';
    }
    *p++ = ' ';
    strcpy(p, b->tail);
    return sql;
}

static int prepare(tx_batch *b, unsigned rows, unsigned flags, sqlite3_stmt **out)
{
    char *sql = insert_sql(b, rows);
    int src;

    *out = NULL;
    if (!sql)
        return SQLITE_NOMEM;
    src = sqlite3_prepare_v3(b->db, sql, -1, flags, out, NULL);
    free(sql);
    return src;
}

int tx_batch_new(sqlite3 *db, const char *head, const char *tail, unsigned n_cols,
                 tx_batch **out)
{
    tx_batch *b;
    int limit;

    *out = NULL;
    if (!db || !head || !tail || n_cols == 0)
        return SQLITE_MISUSE;
    limit = sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, -1);
    if (limit < (int)n_cols)
        return SQLITE_RANGE;
    if (!(b = calloc(1, sizeof *b)))
        return SQLITE_NOMEM;
    b->db = db;
    b->n_cols = n_cols;
    b->max_rows = (unsigned)limit / n_cols < TX_BATCH_ROWS ? (unsigned)limit / n_cols
                                                          : TX_BATCH_ROWS;
    tx_buf_init(&b->text);
    b->head = strdup(head);
    b->tail = strdup(tail);
    if (!b->head || !b->tail) {
        tx_batch_free(b);
        return SQLITE_NOMEM;
    }
    *out = b;
    return SQLITE_OK;
}

void tx_batch_free(tx_batch *b)
{
    if (!b)
        return;
    sqlite3_finalize(b->full);
    free(b->head);
    free(b->tail);
    free(b->vals);
    tx_buf_release(&b->text);
    free(b);
}

/* Room for the next value, or NULL (b->err set). */
static value *next_value(tx_batch *b)
{
    if (b->err)
        return NULL;
    if (b->n_vals == b->cap_vals &&
        tx_grow((void **)&b->vals, &b->cap_vals, b->n_vals + 1, sizeof *b->vals,
                (size_t)b->max_rows * b->n_cols) != 0) {
        b->err = SQLITE_NOMEM;
        return NULL;
    }
    return &b->vals[b->n_vals++];
}

void tx_batch_int(tx_batch *b, int64_t v)
{
    value *x = next_value(b);

    if (x) {
        x->type = SQLITE_INTEGER;
        x->u.i = v;
    }
}

void tx_batch_double(tx_batch *b, double v)
{
    value *x = next_value(b);

    if (x) {
        x->type = SQLITE_FLOAT;
        x->u.d = v;
    }
}

void tx_batch_text(tx_batch *b, const char *s, size_t len)
{
    value *x = next_value(b);

    if (!x)
        return;
    x->type = SQLITE_TEXT;
    x->u.t.off = b->text.len;
    x->u.t.len = len;
    if (len > (size_t)INT32_MAX || tx_buf_add(&b->text, s, len) != TX_OK)
        b->err = len > (size_t)INT32_MAX ? SQLITE_TOOBIG : SQLITE_NOMEM;
}

void tx_batch_str(tx_batch *b, const char *s)
{
    tx_batch_text(b, s, strlen(s));
}

int tx_batch_end_row(tx_batch *b)
{
    if (!b->err && b->n_vals % b->n_cols != 0)
        b->err = SQLITE_MISUSE;
    return b->err;
}

/* Insert `rows` rows starting at value `first` with statement `s`. */
static int run(tx_batch *b, sqlite3_stmt *s, size_t first, unsigned rows)
{
    int src;

    for (size_t i = 0; i < (size_t)rows * b->n_cols; i++) {
        const value *x = &b->vals[first + i];
        int p = (int)i + 1;
        if (x->type == SQLITE_INTEGER)
            sqlite3_bind_int64(s, p, x->u.i);
        else if (x->type == SQLITE_FLOAT)
            sqlite3_bind_double(s, p, x->u.d);
        else
            sqlite3_bind_text(s, p, b->text.data + x->u.t.off, (int)x->u.t.len,
                              SQLITE_STATIC);
    }
    src = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return src == SQLITE_DONE ? SQLITE_OK : src;
}

int tx_batch_flush(tx_batch *b)
{
    size_t rows, done = 0;
    int src = b->err;

    if (!src && b->n_vals % b->n_cols != 0) /* a row left unfinished */
        src = SQLITE_MISUSE;
    rows = b->n_vals / b->n_cols;
    if (!src && rows >= b->max_rows && !b->full)
        src = prepare(b, b->max_rows, SQLITE_PREPARE_PERSISTENT, &b->full);
    for (; !src && rows - done >= b->max_rows; done += b->max_rows)
        src = run(b, b->full, done * b->n_cols, b->max_rows);
    if (!src && done < rows) {
        sqlite3_stmt *s;
        if ((src = prepare(b, (unsigned)(rows - done), 0, &s)) == SQLITE_OK)
            src = run(b, s, done * b->n_cols, (unsigned)(rows - done));
        sqlite3_finalize(s);
    }
    tx_batch_clear(b);
    return src;
}

void tx_batch_clear(tx_batch *b)
{
    b->n_vals = 0;
    b->err = SQLITE_OK;
    tx_buf_reset(&b->text);
}

size_t tx_batch_pending(const tx_batch *b)
{
    return b->n_vals / b->n_cols;
}
