/* tablesheet.c: reading the review sheet (CSV, TSV) and OmegaT's glossary:
 * rows, as table.c reads them, into concepts (table.h says what each column
 * gives).  A concept may span rows (one per translation): its first row is
 * kept aside, swapped out of the reader's buffer, until a row that is not
 * more of it, or the end, comes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h> /* strcasecmp */

#include "buf.h"
#include "error.h"
#include "tableInt.h"
#include "xmlsafe.h" /* tx_lang_pair_check() */

/* Alternative target labels read from one "<tgt>_alt" cell, at most. */
#define TX_TABLE_MAX_ALT 16

static const char *or_null(const char *s)
{
    return *s ? s : NULL;
}

/* ---- the review sheet: rows into concepts ---- */

/* Translations of one concept, at most (rows with one id). */
#define MAX_TR 4096

typedef struct sheet_tr {
    size_t text, note;          /* offsets in sheet.tr_text; note (size_t)-1: none */
    const char *status;         /* NULL when its cell is empty */
} sheet_tr;

typedef struct sheet {
    tx_table_reader *r;
    const tx_table_in *in;
    int col[N_COLS];
    int col_alt;                /* "<tgt>_alt" */
    size_t n_header;
    /* the concept being read: its first row, kept aside from r->data */
    int pending;
    tx_buf row;
    size_t start[TX_TABLE_MAX_FIELDS];
    unsigned long line;
    int64_t id;
    char origin[17];            /* the glossary mark after its id's '@', or "" */
    char next_origin[17];       /* that of the row being checked */
    const char *status;         /* the term's, parsed */
    double score;
    uint64_t freq;
    tx_buf tr_text;             /* its translations' texts and notes */
    sheet_tr *tr;
    size_t n_tr, cap_tr;
    tx_concept_term *tgt;       /* built for the callback */
    size_t cap_tgt;
    int64_t *ids;               /* the ids read, a hash set (0 = free slot) */
    size_t n_ids, cap_ids;
    unsigned long n_concepts;
    tx_concept_fn fn;
    void *arg;
    int stop;
} sheet;

/* Columns of the term (written on a concept's first row only). */
static const int term_cols[] = {COL_STATUS, COL_NOTE, COL_DEFINITION, COL_DOMAIN,
                                COL_POS, COL_USAGE, COL_GENDER, COL_GEO, COL_TYPE,
                                COL_SCORE, COL_FREQ, COL_CONTEXT, COL_SOURCE};

/* The cell of column `k` in the current row, or "" when the file has no such column. */
static char *cell(sheet *sh, int k)
{
    static char empty[1]; /* writable, for tx_table_trim(); stays "" */

    return sh->col[k] == COL_NONE ? empty : tx_table_field(sh->r, (size_t)sh->col[k]);
}

/* The same in the pending concept's first row. */
static char *first_cell(sheet *sh, int k)
{
    static char empty[1];

    return sh->col[k] == COL_NONE ? empty : sh->row.data + sh->start[sh->col[k]];
}

/* Undo the writer's formula escape in the text columns of the current row: one '
 * off a cell that matches ^'+[=+\-@\t\r] (see tx_table_runs_as_formula()). */
static void unescape_formulas(sheet *sh)
{
    int k;

    for (k = 0; k < N_COLS; k++) {
        const char *s, *p;

        if (sh->col[k] == COL_NONE || !tx_table_text_col(k))
            continue;
        s = tx_table_field(sh->r, (size_t)sh->col[k]);
        for (p = s; *p == '\''; p++)
            ;
        if (p > s && *p && strchr("=+-@\t\r", *p))
            sh->r->start[sh->col[k]]++;
    }
}

/* Status names as read, and the one each stands for. */
static const char *read_status(const char *s, int translation)
{
    static const char *const names[][2] = {
        {"approved", "approved"}, {"candidate", "candidate"}, {"rejected", "rejected"},
        {"forbidden", "forbidden"}, {"preferred", "approved"}, {"admitted", "candidate"},
        {"deprecated", "rejected"},
    };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(s, names[i][0]) == 0) {
            const char *v = names[i][1];
            if (translation && strcmp(v, "rejected") == 0)
                return "forbidden";
            if (!translation && strcmp(v, "forbidden") == 0)
                return "rejected";
            return v;
        }
    return NULL;
}

/* Parse the id cell ("12@3f9a0c1e" as termex writes it, "12", "#12"): 1 with
 * *id (0 when empty) and the glossary mark after '@' in `origin` (17 bytes;
 * "" when none), or 0. */
static int parse_id(const char *s, int64_t *id, char origin[17])
{
    const char *at = strchr(s, '@');
    char num[32];
    uint64_t v;
    size_t n = at ? (size_t)(at - s) : strlen(s);

    *id = 0;
    origin[0] = '\0';
    if (!*s)
        return 1;
    if (at) {
        size_t h = strspn(at + 1, "0123456789abcdefABCDEF");
        if (h == 0 || h > 16 || at[1 + h])
            return 0;
        memcpy(origin, at + 1, h + 1);
    }
    if (*s == '#')
        s++, n--;
    if (n == 0 || n >= sizeof num)
        return 0;
    memcpy(num, s, n);
    num[n] = '\0';
    if (*num == '+' || !tx_table_parse_freq(num, &v) || v == 0 || v > INT64_MAX)
        return 0;
    *id = (int64_t)v;
    return 1;
}

/* Add `id` to the set of ids read; 1 if it was there already, -1 out of memory. */
static int ids_add(sheet *sh, int64_t id)
{
    size_t i;

    if (2 * (sh->n_ids + 1) > sh->cap_ids) {
        size_t cap = sh->cap_ids ? 2 * sh->cap_ids : 1024;
        int64_t *old = sh->ids, *n = calloc(cap, sizeof *n);
        if (!n)
            return -1;
        for (i = 0; i < sh->cap_ids; i++)
            if (old[i]) {
                size_t j = (size_t)((uint64_t)old[i] * 0x9E3779B97F4A7C15ull) & (cap - 1);
                while (n[j])
                    j = (j + 1) & (cap - 1);
                n[j] = old[i];
            }
        free(old);
        sh->ids = n;
        sh->cap_ids = cap;
    }
    i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull) & (sh->cap_ids - 1);
    for (; sh->ids[i]; i = (i + 1) & (sh->cap_ids - 1))
        if (sh->ids[i] == id)
            return 1;
    sh->ids[i] = id;
    sh->n_ids++;
    return 0;
}

/* Add the translation of the current row (its text, status, note) to the
 * pending concept; a row without one adds nothing. */
static tx_status add_translation(sheet *sh, const char *text, const char *status,
                                 const char *note, tx_error *err)
{
    sheet_tr *t;

    if (!*text)
        return TX_OK;
    if (sh->n_tr == MAX_TR)
        return tx_fail(err, TX_EINPUT, "%s:%lu: more than %d translations of one term",
                       sh->in->path, sh->r->row_line, MAX_TR);
    if (sh->n_tr == sh->cap_tr &&
        tx_grow((void **)&sh->tr, &sh->cap_tr, sh->n_tr + 1, sizeof *sh->tr, 8) != 0)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", sh->in->path);
    t = &sh->tr[sh->n_tr++];
    t->status = status;
    t->text = sh->tr_text.len;
    t->note = (size_t)-1;
    if (tx_buf_add(&sh->tr_text, text, strlen(text) + 1) != TX_OK)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", sh->in->path);
    if (note) {
        t->note = sh->tr_text.len;
        if (tx_buf_add(&sh->tr_text, note, strlen(note) + 1) != TX_OK)
            return tx_fail(err, TX_ENOMEM, "%s: out of memory", sh->in->path);
    }
    return TX_OK;
}

/* A review field of the pending concept: NULL when the file has no such
 * column, else its cell ("" when empty: the reviewer left it empty). */
static const char *review_tx_table_field(sheet *sh, int k)
{
    return sh->col[k] == COL_NONE ? NULL : first_cell(sh, k);
}

/* Build the pending concept and pass it to the callback. */
static tx_status emit(sheet *sh, tx_error *err)
{
    tx_concept_term src;
    tx_concept c;
    char id[32];
    size_t i, n = 0;
    const char *derived = !sh->status || strcmp(sh->status, "approved") == 0
                              ? NULL : "candidate";

    if (!sh->pending)
        return TX_OK;
    sh->pending = 0;
    if (sh->cap_tgt < sh->n_tr + TX_TABLE_MAX_ALT &&
        tx_grow((void **)&sh->tgt, &sh->cap_tgt, sh->n_tr + TX_TABLE_MAX_ALT,
                sizeof *sh->tgt, 8) != 0)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", sh->in->path);
    for (i = 0; i < sh->n_tr; i++, n++) {
        memset(&sh->tgt[n], 0, sizeof sh->tgt[n]);
        sh->tgt[n].text = sh->tr_text.data + sh->tr[i].text;
        sh->tgt[n].status = sh->tr[i].status ? sh->tr[i].status : derived;
        if (sh->tr[i].note != (size_t)-1)
            sh->tgt[n].note = sh->tr_text.data + sh->tr[i].note;
    }
    if (sh->col_alt != COL_NONE) {
        /* alternative labels, " | "-separated, after the preferred one */
        char *p = sh->row.data + sh->start[sh->col_alt];
        for (i = 0; *p && i < TX_TABLE_MAX_ALT; ) {
            char *bar = strstr(p, " | ");
            if (bar)
                *bar = '\0';
            if (*tx_table_trim(p)) {
                memset(&sh->tgt[n], 0, sizeof sh->tgt[n]);
                sh->tgt[n].text = tx_table_trim(p);
                sh->tgt[n++].status = derived;
                i++;
            }
            if (!bar)
                break;
            p = bar + 3;
        }
    }
    memset(&src, 0, sizeof src);
    src.text = first_cell(sh, COL_SRC);
    src.status = sh->status;
    src.pos = or_null(first_cell(sh, COL_POS));
    src.context = or_null(first_cell(sh, COL_CONTEXT));
    src.source = or_null(first_cell(sh, COL_SOURCE));
    src.note = review_tx_table_field(sh, COL_NOTE);
    src.usage = review_tx_table_field(sh, COL_USAGE);
    src.gender = review_tx_table_field(sh, COL_GENDER);
    src.geo = review_tx_table_field(sh, COL_GEO);
    src.type = or_null(first_cell(sh, COL_TYPE));
    memset(&c, 0, sizeof c);
    snprintf(id, sizeof id, "c%lu", ++sh->n_concepts);
    c.id = id;
    c.src_lang = sh->in->src_lang;
    c.tgt_lang = sh->in->tgt_lang;
    c.src = &src;
    c.n_src = 1;
    c.tgt = sh->tgt;
    c.n_tgt = n;
    c.score = sh->score;
    c.freq = sh->freq;
    c.line = sh->line;
    c.term_id = sh->id;
    c.term_origin = sh->origin[0] ? sh->origin : NULL;
    c.definition = review_tx_table_field(sh, COL_DEFINITION);
    c.domain = review_tx_table_field(sh, COL_DOMAIN);
    if (sh->fn && sh->fn(&c, sh->arg) != 0)
        sh->stop = 1;
    return TX_OK;
}

/* Is the current row more of the pending concept: the same id and term,
 * and its term cells empty or the first row's?  Without an id, every cell
 * but the term and the translation's must be empty, as the writer leaves
 * them: two rows of a list that happen to share a term are two entries. */
static int continues(sheet *sh, int64_t id)
{
    tx_table_reader *r = sh->r;
    size_t i;

    if (!sh->pending || id != sh->id || strcmp(cell(sh, COL_SRC), first_cell(sh, COL_SRC)))
        return 0;
    if (!id) {
        for (i = 0; i < r->n_fields; i++)
            if ((int)i != sh->col[COL_SRC] && (int)i != sh->col[COL_TGT] &&
                (int)i != sh->col[COL_TR_STATUS] && (int)i != sh->col[COL_TR_NOTE] &&
                (int)i != sh->col[COL_ID] && *tx_table_field(r, i))
                return 0;
        return 1;
    }
    for (i = 0; i < sizeof term_cols / sizeof term_cols[0]; i++) {
        const char *s = cell(sh, term_cols[i]);
        if (*s && strcmp(s, first_cell(sh, term_cols[i])) != 0)
            return 0;
    }
    return 1;
}

/* Check the current row's cells; the parsed values in *id, *status, *tr_status
 * (and sh's score and freq when it starts a concept). */
static tx_status check_row(sheet *sh, int64_t *id, const char **status,
                           const char **tr_status, double *score, uint64_t *freq,
                           tx_error *err)
{
    tx_table_reader *r = sh->r;
    const char *path = sh->in->path;
    char *s;

    s = tx_table_trim(cell(sh, COL_ID));
    if (!parse_id(s, id, sh->next_origin))
        return tx_fail(err, TX_EINPUT, "%s:%lu: id '%.*s' is not a term id", path,
                       r->field_line[sh->col[COL_ID]], tx_text_shown(s), s);
    if (!*cell(sh, COL_SRC))
        return tx_fail(err, TX_EINPUT, "%s:%lu: empty term", path,
                       r->field_line[sh->col[COL_SRC]]);
    s = tx_table_trim(cell(sh, COL_STATUS));
    if (*s && !(*status = read_status(s, 0)))
        return tx_fail(err, TX_EINPUT, "%s:%lu: unknown status '%.*s' (approved, "
                       "candidate or rejected)", path, r->field_line[sh->col[COL_STATUS]],
                       tx_text_shown(s), s);
    s = tx_table_trim(cell(sh, COL_TR_STATUS));
    if (*s && !(*tr_status = read_status(s, 1)))
        return tx_fail(err, TX_EINPUT, "%s:%lu: unknown translation status '%.*s' "
                       "(approved, candidate or forbidden)", path,
                       r->field_line[sh->col[COL_TR_STATUS]], tx_text_shown(s), s);
    s = tx_table_trim(cell(sh, COL_SCORE));
    if (*s && !tx_table_parse_score(s, score))
        return tx_fail(err, TX_EINPUT, "%s:%lu: score '%.*s' is not a number", path,
                       r->field_line[sh->col[COL_SCORE]], tx_text_shown(s), s);
    s = tx_table_trim(cell(sh, COL_FREQ));
    if (*s && !tx_table_parse_freq(s, freq))
        return tx_fail(err, TX_EINPUT, "%s:%lu: frequency '%.*s' is not a whole number",
                       path, r->field_line[sh->col[COL_FREQ]], tx_text_shown(s), s);
    return TX_OK;
}

/* Take the current row of a review sheet: more of the pending concept, or
 * the first row of the next (the pending one then passed to the callback). */
static tx_status sheet_row(sheet *sh, tx_error *err)
{
    tx_table_reader *r = sh->r;
    const char *status = NULL, *tr_status = NULL, *note;
    double score = 0;
    uint64_t freq = 0;
    int64_t id;
    tx_buf tmp;
    tx_status rc;
    size_t i;

    for (i = 0; i < r->n_fields && !*tx_table_field(r, i); i++)
        ;
    if (i == r->n_fields)
        return TX_OK; /* a blank line, or a spreadsheet's row of empty cells */
    if (r->n_fields != sh->n_header)
        return tx_fail(err, TX_EINPUT, "%s:%lu: %zu fields, the header has %zu",
                       sh->in->path, r->row_line, r->n_fields, sh->n_header);
    unescape_formulas(sh);
    if ((rc = check_row(sh, &id, &status, &tr_status, &score, &freq, err)) != TX_OK)
        return rc;
    note = sh->col[COL_TR_NOTE] == COL_NONE ? NULL : cell(sh, COL_TR_NOTE);
    if (continues(sh, id))
        return add_translation(sh, cell(sh, COL_TGT), tr_status, note, err);
    if ((rc = emit(sh, err)) != TX_OK || sh->stop)
        return rc;
    if (id) {
        int seen = ids_add(sh, id);
        if (seen < 0)
            return tx_fail(err, TX_ENOMEM, "%s: out of memory", sh->in->path);
        if (seen)
            return tx_fail(err, TX_EINPUT, "%s:%lu: id %lld is on an earlier row too, "
                           "apart from this one (keep a term's rows together)",
                           sh->in->path, r->row_line, (long long)id);
    }
    /* this row becomes the pending concept's first row: keep it aside */
    tmp = sh->row;
    sh->row = r->data;
    r->data = tmp;
    memcpy(sh->start, r->start, r->n_fields * sizeof r->start[0]);
    sh->pending = 1;
    sh->line = r->row_line;
    sh->id = id;
    memcpy(sh->origin, sh->next_origin, sizeof sh->origin);
    sh->status = status;
    sh->score = score;
    sh->freq = freq;
    sh->n_tr = 0;
    tx_buf_reset(&sh->tr_text);
    return add_translation(sh, first_cell(sh, COL_TGT), tr_status, note ?
                           first_cell(sh, COL_TR_NOTE) : NULL, err);
}

/* An OmegaT line: term, translation, comment (the term's note); '#' a comment. */
static tx_status omegat_row(sheet *sh, tx_error *err)
{
    tx_table_reader *r = sh->r;
    char *cells[3] = {"", "", ""};
    size_t i;

    if (r->n_fields == 0 || *tx_table_field(r, 0) == '#')
        return TX_OK;
    for (i = 0; i < r->n_fields && i < 3; i++)
        cells[i] = tx_table_field(r, i);
    for (i = 0; i < r->n_fields && !*tx_table_field(r, i); i++)
        ;
    if (i == r->n_fields)
        return TX_OK;
    if (!*cells[0])
        return tx_fail(err, TX_EINPUT, "%s:%lu: empty term", sh->in->path, r->row_line);
    /* the sheet's first row, by hand: term, translation, note */
    sh->col[COL_SRC] = 0;
    sh->col[COL_TGT] = r->n_fields > 1 ? 1 : COL_NONE;
    sh->col[COL_NOTE] = r->n_fields > 2 && *cells[2] ? 2 : COL_NONE;
    {
        tx_buf tmp = sh->row;
        sh->row = r->data;
        r->data = tmp;
    }
    memcpy(sh->start, r->start, r->n_fields * sizeof r->start[0]);
    sh->pending = 1;
    sh->line = r->row_line;
    sh->id = 0;
    sh->status = NULL;
    sh->score = 0;
    sh->freq = 0;
    sh->n_tr = 0;
    tx_buf_reset(&sh->tr_text);
    if (r->n_fields > 1) {
        tx_status rc = add_translation(sh, first_cell(sh, COL_TGT), NULL, NULL, err);
        if (rc != TX_OK)
            return rc;
    }
    return emit(sh, err);
}

/* Map the header (the current row) and tell of the columns not kept.  A .txt
 * whose first line is no header is OmegaT's: sh->in's format is then taken as
 * TX_TABLE_OMEGAT (*omegat set) and the row is its first entry. */
static tx_status sheet_header(sheet *sh, int text, int *omegat, tx_error *err)
{
    tx_table_reader *r = sh->r;
    char *cells[TX_TABLE_MAX_FIELDS];
    unsigned char kept[TX_TABLE_MAX_FIELDS];
    char expected[600], msg[400];
    size_t i;

    *omegat = 0;
    for (i = 0; i < r->n_fields; i++) {
        char *c = tx_table_field(r, i);
        cells[i] = tx_table_trim(c);
        for (size_t m = 0; m < sh->in->n_lang_map; m++) {
            const char *map = sh->in->lang_map[m], *eq = strchr(map, '=');
            if (eq && (size_t)(eq - map) == strlen(cells[i]) &&
                strncasecmp(map, cells[i], (size_t)(eq - map)) == 0) {
                cells[i] = (char *)(eq + 1); /* read, never written */
                break;
            }
        }
    }
    if (tx_table_map_header(cells, r->n_fields, sh->in->src_lang, sh->in->tgt_lang,
                            sh->col, &sh->col_alt, kept) != 0) {
        if (text && r->sep == '\t') {
            *omegat = 1;
            return TX_OK;
        }
        tx_table_expected(sh->in->src_lang, sh->in->tgt_lang, expected, sizeof expected);
        return tx_fail(err, TX_EINPUT, "%s:%lu: cannot tell the columns of the header "
                       "apart (unknown language codes: --lang-map): expected %s",
                       sh->in->path, r->row_line, expected);
    }
    sh->n_header = r->n_fields;
    for (i = 0; i < r->n_fields && sh->in->notice; i++) {
        if (kept[i] || !*cells[i])
            continue;
        snprintf(msg, sizeof msg, "%s: column '%.*s' not kept", sh->in->path,
                 tx_text_shown(cells[i]), cells[i]);
        if (sh->in->notice(TX_OK, msg, sh->in->notice_arg) != 0)
            return tx_fail_stopped(err);
    }
    return TX_OK;
}

/* A spreadsheet's "Unicode text" is tab-separated whatever its name: a CSV
 * whose first line holds a tab and no comma (a .txt: a tab) is read with tabs
 * for commas.
 * Returns 1 when the first line starts with '#' (OmegaT's comment). */
static int sniff_first_line(tx_table_reader *r, int text)
{
    size_t i;
    int tab = 0;

    if (r->pos < r->len && r->bytes[r->pos] == '#' && text)
        return 1;
    for (i = r->pos; i < r->len && r->bytes[i] != '\n' && r->bytes[i] != '\r'; i++) {
        if (r->bytes[i] == ',' && !text) /* a .txt with tabs is tab-separated */
            return 0;
        tab |= r->bytes[i] == '\t';
    }
    if (tab)
        r->sep = '\t';
    return 0;
}

static tx_status sheet_read(sheet *sh, tx_table_format fmt, tx_error *err)
{
    tx_table_reader *r = sh->r;
    tx_status rc;
    int omegat = fmt == TX_TABLE_OMEGAT;

    if ((fmt == TX_TABLE_CSV || fmt == TX_TABLE_TEXT) &&
        sniff_first_line(r, fmt == TX_TABLE_TEXT)) {
        omegat = 1;
        r->sep = '\t';
        r->quoting = 0;
    }
    if ((rc = tx_table_next_row(r, err)) != TX_OK)
        return rc;
    if (r->n_fields == 0)
        return omegat ? TX_OK
                      : tx_fail(err, TX_EINPUT, "%s: empty file (no header row)",
                                sh->in->path);
    if (!omegat && (rc = sheet_header(sh, fmt == TX_TABLE_TEXT, &omegat, err)) != TX_OK)
        return rc;
    if (omegat && (rc = omegat_row(sh, err)) != TX_OK)
        return rc;
    while (!sh->stop) {
        if ((rc = tx_table_next_row(r, err)) == TX_OK && r->n_fields == 0)
            break;
        if (rc == TX_OK)
            rc = omegat ? omegat_row(sh, err) : sheet_row(sh, err);
        if (rc != TX_OK) {
            /* the concept read before the error is passed on, as rows were
             * before concepts spanned rows */
            if (!sh->stop)
                emit(sh, NULL);
            return rc;
        }
    }
    return sh->stop ? TX_OK : emit(sh, err);
}

tx_status tx_table_read_from(const tx_table_in *in, tx_concept_fn fn, void *arg,
                             tx_error *err)
{
    const char *path = in ? in->path : NULL;
    sheet sh;
    tx_table_reader *r;
    tx_status rc = TX_OK;

    if (!path || !*path)
        return tx_fail(err, TX_EINVAL, "tx_table_read: no path");
    if (in->fmt != TX_TABLE_CSV && in->fmt != TX_TABLE_TSV && in->fmt != TX_TABLE_OMEGAT &&
        in->fmt != TX_TABLE_TEXT)
        return tx_fail(err, TX_EINVAL, "%s: only CSV, TSV and OmegaT can be read", path);
    if (!tx_table_valid_lang(in->src_lang) || !tx_table_valid_lang(in->tgt_lang))
        return tx_fail(err, TX_EINVAL, "%s: bad language pair '%s', '%s'", path,
                       in->src_lang ? in->src_lang : "", in->tgt_lang ? in->tgt_lang : "");
    if ((rc = tx_lang_pair_check(in->src_lang, in->tgt_lang, err)) != TX_OK)
        return rc;
    r = calloc(1, sizeof *r);
    if (!r)
        return tx_fail(err, TX_ENOMEM, "%s: out of memory", path);
    memset(&sh, 0, sizeof sh);
    sh.r = r;
    sh.in = in;
    sh.fn = fn;
    sh.arg = arg;
    tx_buf_init(&sh.row);
    tx_buf_init(&sh.tr_text);
    for (int k = 0; k < N_COLS; k++)
        sh.col[k] = COL_NONE;
    sh.col_alt = COL_NONE;
    r->path = path;
    r->f = in->f;
    r->borrowed = in->f != NULL;
    r->sep = in->fmt == TX_TABLE_CSV || in->fmt == TX_TABLE_TEXT ? ',' : '\t';
    r->quoting = in->fmt == TX_TABLE_CSV || in->fmt == TX_TABLE_TEXT;
    r->line = 1;
    if ((rc = tx_table_reader_open(r, TX_TABLE_MAX_FILE, err)) == TX_OK)
        rc = sheet_read(&sh, in->fmt, err);
    tx_table_reader_close(r);
    free(r);
    tx_buf_release(&sh.row);
    tx_buf_release(&sh.tr_text);
    free(sh.tr);
    free(sh.tgt);
    free(sh.ids);
    return rc;
}

tx_status tx_table_read(const char *path, tx_table_format fmt, const char *src_lang,
                        const char *tgt_lang, tx_concept_fn fn, void *arg,
                        tx_error *err)
{
    tx_table_in in;

    memset(&in, 0, sizeof in);
    in.path = path;
    in.fmt = fmt;
    in.src_lang = src_lang;
    in.tgt_lang = tgt_lang;
    return tx_table_read_from(&in, fn, arg, err);
}
