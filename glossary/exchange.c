/* exchange.c: termex export and termex import, over the formats of tbx.c and
 * table.c.  Export streams concepts from the store to an output that is
 * complete or absent (outfile.h); import reads a file in one transaction, computing
 * each term's key with the extractor's own pipeline so that imported and
 * extracted terms meet. */
#define _POSIX_C_SOURCE 200809L
#include "tx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "concept.h"
#include "error.h"
#include "langtag.h"
#include "outfile.h"
#include "pipeline.h"
#include "store.h"
#include "table.h"
#include "tbx.h"

void tx_export_opts_init(tx_export_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = TX_FORMAT_TBX2008;
    o->src_lang = "fr";
    o->tgt_lang = "en";
    o->title = "termex glossary";
}

void tx_import_opts_init(tx_import_opts *o)
{
    memset(o, 0, sizeof *o);
    o->src_lang = "fr";
    o->tgt_lang = "en";
}

/* ---- export ---- */

typedef struct export_ctx {
    tx_tbx_writer *tbx;
    tx_table_writer *table;
    tx_status rc;
    tx_error *err;
    size_t n;
} export_ctx;

static int write_concept(const tx_concept *c, void *arg)
{
    export_ctx *x = arg;

    x->rc = x->tbx ? tx_tbx_write(x->tbx, c, x->err) : tx_table_write(x->table, c, x->err);
    x->n++;
    return x->rc != TX_OK;
}

tx_status tx_export_run(tx_store *st, const char *path, const tx_export_opts *o,
                        size_t *n_written, tx_error *err)
{
    tx_export_opts defaults, canon;
    char src_tag[TX_LANGTAG_MAX], tgt_tag[TX_LANGTAG_MAX];
    export_ctx x = {NULL, NULL, TX_OK, err, 0};
    tx_outfile out;
    tx_status rc;

    if (!o) {
        tx_export_opts_init(&defaults);
        o = &defaults;
    }
    /* The glossary keeps language tags in canonical form ("EN" is "en"). */
    canon = *o;
    canon.src_lang = tx_langtag_norm(o->src_lang, src_tag);
    canon.tgt_lang = tx_langtag_norm(o->tgt_lang, tgt_tag);
    o = &canon;
    if (n_written)
        *n_written = 0;
    /* A direction that matches nothing is a mistake, not an empty glossary. */
    if ((rc = tx_store_check_langs(st, o->src_lang, o->tgt_lang, err)) != TX_OK)
        return rc;
    if ((rc = tx_outfile_open(&out, path, st, err)) != TX_OK)
        return rc;
    switch (o->format) {
    case TX_FORMAT_TBX:
    case TX_FORMAT_TBX2008:
        rc = tx_tbx_writer_new(out.f, o->format == TX_FORMAT_TBX ? TX_TBX_2019 : TX_TBX_2008,
                               o->src_lang, o->tgt_lang, o->title, &x.tbx, err);
        break;
    default:
        rc = tx_table_writer_new(out.f,
                                 o->format == TX_FORMAT_CSV   ? TX_TABLE_CSV
                                 : o->format == TX_FORMAT_TSV ? TX_TABLE_TSV
                                                              : TX_TABLE_JSON,
                                 o->src_lang, o->tgt_lang, &x.table, err);
    }
    if (rc == TX_OK)
        rc = tx_store_each_concept(st, o, write_concept, &x, err);
    if (rc == TX_OK)
        rc = x.rc;
    if (rc == TX_OK)
        rc = x.tbx ? tx_tbx_writer_finish(x.tbx, err) : tx_table_writer_finish(x.table, err);
    tx_tbx_writer_free(x.tbx);
    tx_table_writer_free(x.table);
    if (rc == TX_OK)
        rc = tx_outfile_commit(&out, err);
    else
        tx_outfile_abort(&out);
    if (rc == TX_OK && n_written)
        *n_written = x.n;
    return rc;
}

/* ---- import ---- */

typedef struct import_ctx {
    tx_store *st;
    const char *path;
    const tx_import_opts *o;
    const char *unit;          /* "row" (CSV, TSV) or "entry" (TBX), for messages */
    tx_pipeline p;
    tx_import_stats *stats;
    size_t n_skipped;
    tx_buf folded;             /* the term texts of the concept, white space folded */
    tx_concept_term *terms;    /* the concept's terms, pointing into `folded` */
    size_t cap_terms;
    struct unkept_count {
        char *what;            /* "termLocation", "language de" */
        size_t n;              /* entries that held it */
    } *unkept;                 /* what the file held that the glossary does not keep */
    size_t n_unkept, cap_unkept;
    tx_status rc;
    tx_error *err;
} import_ctx;

/* Words and content words of a key ("zone de paix" -> 3, 2). */
static void key_sizes(const tx_lang *l, const char *key, unsigned *n_words,
                      unsigned *n_content)
{
    const char *p = key;

    *n_words = *n_content = 0;
    while (*p) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!(len == 1 && *p == ',')) {
            (*n_words)++;
            *n_content += !tx_lang_inner(l, p, len);
        }
        p += len;
        if (*p == ' ')
            p++;
    }
}

/* The first string of term `t` holding a character a glossary may not hold
 * (the readers refuse them already: this keeps the promise for any reader). */
static const char *bad_field(const tx_concept_term *t, uint32_t *cp)
{
    const char *const fields[] = {t->text, t->status, t->pos,  t->context, t->source,
                                  t->type, t->note,   t->usage, t->gender, t->geo};
    static const char *const names[] = {"a term",      "a status", "a part of speech",
                                        "a context",   "a source", "a term type",
                                        "a note",      "a usage note", "a gender",
                                        "a geographical usage"};
    size_t off;

    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i] && tx_text_find_bad(fields[i], strlen(fields[i]), &off, cp))
            return names[i];
    return NULL;
}

/* Append `s` to `out` (room for strlen(s) + 1 bytes) with runs of white space
 * (space, tab, CR, LF) made one space and the ends trimmed, as the TBX reader
 * reads every field: a line break typed in a spreadsheet cell is layout, not
 * part of a term.  Returns the end of the copy (its NUL). */
static char *fold_space(char *out, const char *s)
{
    int space = 0;

    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
            space = 1;
            continue;
        }
        if (space && out[-1] != '\0')
            *out++ = ' ';
        space = 0;
        *out++ = *s;
    }
    *out = '\0';
    return out;
}

/* Copy c's first `n_src` source terms and its target terms into x->terms with
 * their texts folded (fold_space()); blank target terms are left out.  *out
 * is c with those terms.  TX_OK or TX_ENOMEM. */
static tx_status fold_terms(import_ctx *x, const tx_concept *c, size_t n_src,
                            tx_concept *out)
{
    size_t n = n_src + c->n_tgt, need = 1, k = 0;
    char *p;

    for (size_t i = 0; i < n; i++) {
        const tx_concept_term *t = i < n_src ? &c->src[i] : &c->tgt[i - n_src];
        need += (t->text ? strlen(t->text) : 0) + 1;
    }
    if (n > x->cap_terms &&
        tx_grow((void **)&x->terms, &x->cap_terms, n, sizeof *x->terms, 8) != 0)
        return TX_ENOMEM;
    tx_buf_reset(&x->folded);
    if (tx_buf_grow(&x->folded, need) != TX_OK)
        return TX_ENOMEM;
    /* One block, grown first, so the pointers into it stay valid; each text
     * follows a NUL, which fold_space() looks back at. */
    x->folded.data[0] = '\0';
    p = x->folded.data + 1;
    for (size_t i = 0; i < n; i++) {
        const tx_concept_term *t = i < n_src ? &c->src[i] : &c->tgt[i - n_src];
        char *text = p;

        p = fold_space(p, t->text ? t->text : "") + 1;
        if (i >= n_src && !*text)
            continue;
        x->terms[k] = *t;
        x->terms[k++].text = text;
    }
    *out = *c;
    out->src = x->terms;
    out->n_src = n_src;
    out->tgt = x->terms + n_src;
    out->n_tgt = k - n_src;
    return TX_OK;
}

/* Report a concept that is not imported, through opts->notice; `term` is
 * folded (one line), "" when there is none to show.  Returns 0, or 1 with
 * x->rc = TX_ESTOPPED when the notice says stop (the reading stops then). */
static int skipped(import_ctx *x, const tx_concept *c, const char *term,
                   const char *why)
{
    char msg[512];

    x->n_skipped++;
    if (!x->o->notice)
        return 0;
    if (*term)
        snprintf(msg, sizeof msg, "%s:%lu: source term '%.*s' %s, %s skipped", x->path,
                 c->line, tx_text_shown(term), term, why, x->unit);
    else
        snprintf(msg, sizeof msg, "%s:%lu: source term %s, %s skipped", x->path, c->line,
                 why, x->unit);
    if (x->o->notice(TX_EINPUT, msg, x->o->cb_arg) == 0)
        return 0;
    x->rc = tx_fail_stopped(x->err);
    return 1;
}

/* Count `what` once more among the data not kept. */
static int count_unkept(import_ctx *x, const char *what)
{
    size_t i;

    for (i = 0; i < x->n_unkept; i++)
        if (strcmp(x->unkept[i].what, what) == 0)
            break;
    if (i == x->n_unkept) {
        if (x->n_unkept == x->cap_unkept &&
            tx_grow((void **)&x->unkept, &x->cap_unkept, x->n_unkept + 1,
                    sizeof *x->unkept, 8) != 0)
            return -1;
        if (!(x->unkept[i].what = strdup(what)))
            return -1;
        x->unkept[i].n = 0;
        x->n_unkept++;
    }
    x->unkept[i].n++;
    return 0;
}

/* Count what concept `c` holds that the glossary does not keep: what the
 * reader said (c->unkept), other source terms than acronyms, the contexts
 * and usage notes of translations.  0, or -1 when out of memory. */
static int note_unkept(import_ctx *x, const tx_concept *c)
{
    int synonym = 0, tgt_context = 0, tgt_usage = 0;

    for (size_t i = 0; i < c->n_unkept; i++)
        if (count_unkept(x, c->unkept[i]) != 0)
            return -1;
    for (size_t i = 1; i < c->n_src; i++)
        synonym |= !c->src[i].type || (strcmp(c->src[i].type, "acronym") != 0 &&
                                       strcmp(c->src[i].type, "abbreviation") != 0);
    for (size_t i = 0; i < c->n_tgt; i++) {
        tgt_context |= c->tgt[i].context && *c->tgt[i].context;
        tgt_usage |= c->tgt[i].usage && *c->tgt[i].usage;
    }
    if ((synonym && count_unkept(x, "other source terms") != 0) ||
        (tgt_context && count_unkept(x, "context (target language)") != 0) ||
        (tgt_usage && count_unkept(x, "usage note (target language)") != 0))
        return -1;
    return 0;
}

/* The line saying what the file held that the glossary does not keep
 * ("FILE: not kept: termLocation (2 entries), language de (1 entry)"),
 * through o->notice; `back` is what the file held outside its entries.
 * TX_OK, or TX_ESTOPPED when the notice says stop. */
static tx_status report_unkept(import_ctx *x, const char *back)
{
    tx_buf b = TX_BUF_INIT;
    char num[64];
    int stop = 0;

    if (!x->o->notice || (!x->n_unkept && !*back))
        return TX_OK;
    tx_buf_addstr(&b, x->path);
    tx_buf_addstr(&b, ": not kept: ");
    for (size_t i = 0; i < x->n_unkept; i++) {
        snprintf(num, sizeof num, " (%zu %s)%s", x->unkept[i].n,
                 x->unkept[i].n == 1 ? x->unit : *x->unit == 'r' ? "rows" : "entries",
                 i + 1 < x->n_unkept || *back ? ", " : "");
        tx_buf_addstr(&b, x->unkept[i].what);
        tx_buf_addstr(&b, num);
    }
    if (*back) {
        tx_buf_addstr(&b, back);
        tx_buf_addstr(&b, " (back matter)");
    }
    if (tx_buf_str(&b)[0])
        stop = x->o->notice(TX_OK, tx_buf_str(&b), x->o->cb_arg) != 0;
    tx_buf_release(&b);
    return stop ? tx_fail_stopped(x->err) : TX_OK;
}

static int import_concept(const tx_concept *c, void *arg)
{
    import_ctx *x = arg;
    char *key = NULL;
    unsigned n_words, n_content;
    int created = 0;
    tx_concept con;
    uint32_t cp;

    x->stats->n_concepts++;
    if (note_unkept(x, c) != 0) {
        x->rc = tx_fail(x->err, TX_ENOMEM, "%s:%lu: out of memory", x->path, c->line);
        return 1;
    }
    for (size_t i = 0; i < c->n_src + c->n_tgt; i++) {
        const tx_concept_term *t = i < c->n_src ? &c->src[i] : &c->tgt[i - c->n_src];
        const char *what = bad_field(t, &cp);
        if (what) {
            x->rc = tx_fail(x->err, TX_EINPUT,
                            "%s:%lu: %s U+%04X in %s is not allowed in a glossary",
                            x->path, c->line,
                            cp < 0x20 ? "control character" : "non-character",
                            (unsigned)cp, what);
            return 1;
        }
    }
    const char *concept_fields[] = {c->definition, c->domain};
    for (size_t i = 0; i < 2; i++) {
        size_t off;
        if (concept_fields[i] &&
            tx_text_find_bad(concept_fields[i], strlen(concept_fields[i]), &off, &cp)) {
            x->rc = tx_fail(x->err, TX_EINPUT,
                            "%s:%lu: character U+%04X in %s is not allowed in a glossary",
                            x->path, c->line, (unsigned)cp,
                            i ? "a subject field" : "a definition");
            return 1;
        }
    }
    if (!c->n_src || !c->src[0].text)
        return skipped(x, c, "", "is missing");
    /* the entry's term and, for their keys, a few other source terms (acronyms) */
    if (fold_terms(x, c, c->n_src < 8 ? c->n_src : 8, &con) != TX_OK) {
        x->rc = tx_fail(x->err, TX_ENOMEM, "%s:%lu: out of memory", x->path, c->line);
        return 1;
    }
    if ((x->rc = tx_candidates_key_of(x->p.cands, x->p.tok, con.src[0].text, &key,
                                      x->err)) != TX_OK)
        return 1;
    if (!*key) {
        free(key);
        return skipped(x, c, con.src[0].text,
                       *con.src[0].text ? "has no word" : "is blank");
    }
    key_sizes(x->p.lang, key, &n_words, &n_content);
    char *keys[8] = {key};
    for (size_t i = 1; i < con.n_src; i++)
        if (tx_candidates_key_of(x->p.cands, x->p.tok, con.src[i].text, &keys[i],
                                 NULL) != TX_OK)
            keys[i] = NULL;
    x->rc = tx_store_import_concept(x->st, &con, (const char *const *)keys, n_words,
                                    n_content, x->path, x->o->user, &created, x->err);
    for (size_t i = 0; i < con.n_src; i++)
        free(keys[i]);
    if (x->rc != TX_OK)
        return 1;
    if (created)
        x->stats->n_new++;
    else
        x->stats->n_merged++;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++)
        if ((s[n - m + i] | 32) != suffix[i])
            return 0;
    return 1;
}

/* Check o->lang_map: each "CODE=TAG", TAG a well-formed language tag. */
static tx_status check_lang_map(const tx_import_opts *o, tx_error *err)
{
    char tag[TX_LANGTAG_MAX];

    for (size_t i = 0; i < o->n_lang_map; i++) {
        const char *m = o->lang_map[i];
        const char *eq = m ? strchr(m, '=') : NULL;
        if (!eq || eq == m || tx_langtag_canon(eq + 1, tag, sizeof tag) != 0)
            return tx_fail(err, TX_EINVAL, "language map '%s' is not CODE=LANG (xx=en)",
                           m ? m : "");
    }
    return TX_OK;
}

/* Copy standard input to a new temporary file, whose name goes to `path`
 * (PATH_MAX bytes): the readers take a file, and the format is told by the
 * content.  *kind: 't' TBX (XML), 'c' CSV, 's' TSV (a tab before any comma
 * on the first line). */
static tx_status spool_stdin(char *path, size_t size, int *kind, tx_error *err)
{
    const char *tmp = getenv("TMPDIR");
    char buf[65536];
    size_t n, total = 0;
    int fd, first = 1;
    FILE *f;

    snprintf(path, size, "%s/termex-import-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if ((fd = mkstemp(path)) < 0 || !(f = fdopen(fd, "wb"))) {
        if (fd >= 0)
            close(fd);
        return tx_fail(err, TX_EIO, "-: cannot make a temporary file in '%s'",
                       tmp && *tmp ? tmp : "/tmp");
    }
    *kind = 'c';
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
        if (first) {
            size_t i = 0, comma, tab;
            if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
                i = 3;
            while (i < n && strchr(" \t\r\n", buf[i]))
                i++;
            comma = strcspn(buf + i, ",\n");
            tab = strcspn(buf + i, "\t\n");
            *kind = i < n && buf[i] == '<' ? 't' : tab < comma && i + tab < n ? 's' : 'c';
            first = 0;
        }
        total += n;
        if (fwrite(buf, 1, n, f) != n)
            break;
    }
    if (ferror(stdin) || fclose(f) != 0) {
        unlink(path);
        return tx_fail(err, TX_EIO, "-: cannot read standard input");
    }
    (void)total;
    return TX_OK;
}

/* Read the file of x->path (`real`, a spooled copy for "-") as `kind`. */
static tx_status import_read(import_ctx *x, const char *real, int kind, tx_error *err)
{
    const tx_import_opts *o = x->o;
    tx_tbx_info info;
    tx_status rc;

    if (kind != 't') {
        x->unit = "row";
        return tx_table_read(real, kind == 'c' ? TX_TABLE_CSV : TX_TABLE_TSV, o->src_lang,
                             o->tgt_lang, import_concept, x, err);
    }
    x->unit = "entry";
    rc = tx_tbx_read_mapped(real, o->src_lang, o->tgt_lang, o->lang_map, o->n_lang_map,
                            import_concept, x, &info, err);
    /* Entries of other languages only: a selection, not an error, but said. */
    if (rc == TX_OK && info.n_no_src && o->notice) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s:%lu: %zu %s no '%s' term, skipped (the first "
                 "here)", x->path, info.no_src_line, info.n_no_src,
                 info.n_no_src == 1 ? "entry has" : "entries have", o->src_lang);
        if (o->notice(TX_OK, msg, o->cb_arg) != 0)
            rc = tx_fail_stopped(err);
    }
    if (rc == TX_OK && x->rc == TX_OK)
        rc = report_unkept(x, info.unkept);
    return rc;
}

/* A message about the spooled copy `real` names standard input instead. */
static void name_stdin(tx_error *err, const char *real)
{
    char *at = strstr(err->msg, real);
    size_t n = strlen(real);

    if (at) {
        at[0] = '-';
        memmove(at + 1, at + n, strlen(at + n) + 1);
    }
}

/* Rows of a CSV or TSV, or TBX entries, whose source term has no word (or is
 * blank once white space is folded) are skipped, each reported through
 * o->notice ("terms.csv:12: source term '!!!' has no word, row skipped"); the
 * others are imported and committed, and the result is then TX_EPARTIAL.  A
 * .txt file is read as CSV: a spreadsheet's "Unicode text" export is one
 * (UTF-16, tab-separated; see tx_table_read()).  "-" is standard input, its
 * format told by its content.  What the file held that the glossary does not
 * keep is said in one line through o->notice. */
tx_status tx_import_run(tx_store *st, const char *path, const tx_import_opts *o,
                        tx_import_stats *stats, tx_error *err)
{
    tx_import_opts defaults, canon;
    char src_tag[TX_LANGTAG_MAX], tgt_tag[TX_LANGTAG_MAX], spooled[4096] = "";
    import_ctx x;
    tx_status rc;
    int began = 0, kind;

    if (!o) {
        tx_import_opts_init(&defaults);
        o = &defaults;
    }
    canon = *o; /* language tags in canonical form, as in tx_export_run() */
    canon.src_lang = tx_langtag_norm(o->src_lang, src_tag);
    canon.tgt_lang = tx_langtag_norm(o->tgt_lang, tgt_tag);
    o = &canon;
    memset(stats, 0, sizeof *stats);
    memset(&x, 0, sizeof x);
    x.st = st;
    x.path = path;
    x.o = o;
    x.stats = stats;
    x.err = err;
    tx_buf_init(&x.folded);
    kind = ends_with(path, ".csv") || ends_with(path, ".txt") ? 'c'
           : ends_with(path, ".tsv")                          ? 's'
                                                              : 't';
    if ((rc = check_lang_map(o, err)) != TX_OK)
        goto done;
    if (strcmp(path, "-") == 0 &&
        (rc = spool_stdin(spooled, sizeof spooled, &kind, err)) != TX_OK)
        goto done;
    if ((rc = tx_pipeline_init(&x.p, o->src_lang, o->data_dir, 1, TX_MAX_WORDS, err)) !=
        TX_OK)
        goto done;
    if ((rc = tx_store_begin(st, err)) != TX_OK)
        goto done;
    began = 1;
    rc = import_read(&x, *spooled ? spooled : path, kind, err);
    if (rc == TX_OK)
        rc = x.rc;
    if (rc == TX_OK && (rc = tx_store_commit(st, err)) == TX_OK)
        began = 0;
    stats->n_skipped = x.n_skipped;
    if (rc == TX_OK && x.n_skipped)
        rc = tx_fail(err, TX_EPARTIAL, "%s: %zu %s skipped (source term without a word)",
                     path, x.n_skipped,
                     x.n_skipped == 1 ? x.unit : *x.unit == 'r' ? "rows" : "entries");
done:
    if (began)
        tx_store_rollback(st);
    if (*spooled) {
        if (rc != TX_OK)
            name_stdin(err, spooled);
        unlink(spooled);
    }
    tx_pipeline_release(&x.p);
    tx_buf_release(&x.folded);
    for (size_t i = 0; i < x.n_unkept; i++)
        free(x.unkept[i].what);
    free(x.unkept);
    free(x.terms);
    return rc;
}
