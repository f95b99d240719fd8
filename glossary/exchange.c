/* exchange.c: termex export and termex import, over the formats of tbx.c and
 * table.c.  Export streams concepts from the store to an output that is
 * complete or absent (outfile.h); import reads a file in one transaction, computing
 * each term's key with the extractor's own pipeline so that imported and
 * extracted terms meet. */
#define _POSIX_C_SOURCE 200809L
#include "tx.h"

#include <errno.h>
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
                                 o->format == TX_FORMAT_CSV      ? TX_TABLE_CSV
                                 : o->format == TX_FORMAT_TSV    ? TX_TABLE_TSV
                                 : o->format == TX_FORMAT_OMEGAT ? TX_TABLE_OMEGAT
                                                                 : TX_TABLE_JSON,
                                 o->src_lang, o->tgt_lang,
                                 (o->bom ? TX_TABLE_BOM : 0) |
                                     (o->no_source ? TX_TABLE_NO_SOURCE : 0),
                                 &x.table, err);
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
    char uid[32];              /* the glossary's mark (tx_store_uid()) */
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
 * reader said (c->unkept), other source terms than acronyms, the usage notes
 * of translations.  0, or -1 when out of memory. */
static int note_unkept(import_ctx *x, const tx_concept *c)
{
    int synonym = 0, tgt_usage = 0;

    for (size_t i = 0; i < c->n_unkept; i++)
        if (count_unkept(x, c->unkept[i]) != 0)
            return -1;
    for (size_t i = 1; i < c->n_src; i++)
        synonym |= !c->src[i].type || (strcmp(c->src[i].type, "acronym") != 0 &&
                                       strcmp(c->src[i].type, "abbreviation") != 0);
    for (size_t i = 0; i < c->n_tgt; i++)
        tgt_usage |= c->tgt[i].usage && *c->tgt[i].usage;
    if ((synonym && count_unkept(x, "other source terms") != 0) ||
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
    /* A sheet's ids edit the glossary they came from only: those of another
     * one, or without a mark, are not kept, and the rows go by their terms. */
    if (con.term_id > 0 && (!con.term_origin || strcmp(con.term_origin, x->uid) != 0)) {
        con.term_id = 0;
        if (count_unkept(x, con.term_origin ? "ids of another glossary"
                                            : "ids without this glossary's mark") != 0) {
            x->rc = tx_fail(x->err, TX_ENOMEM, "%s:%lu: out of memory", x->path, c->line);
            return 1;
        }
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

/* Does the file start, after a byte-order mark and white space, with '<'?
 * (Reads a few bytes of `f` and rewinds it.) */
static int starts_xml(FILE *f)
{
    unsigned char b[256];
    size_t n = fread(b, 1, sizeof b, f), i = 0;

    rewind(f);
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        i = 3;
    else if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        i = 2;
    for (; i < n; i++) /* NULs: UTF-16's other byte */
        if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n' && b[i] != 0)
            return b[i] == '<';
    return 0;
}

/* Copy standard input into an unnamed temporary file, *out (rewound), so
 * that its first bytes can be looked at and TBX read from a path; at most
 * TX_TABLE_MAX_FILE bytes. */
static tx_status spool_stdin(FILE **out, tx_error *err)
{
    char buf[65536];
    unsigned long long total = 0;
    FILE *f = tmpfile();
    size_t n;

    *out = NULL;
    if (!f)
        return tx_fail(err, TX_EIO, "stdin: cannot make a temporary file: %s",
                       strerror(errno));
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
        total += n;
        if (total > TX_TABLE_MAX_FILE) {
            fclose(f);
            return tx_fail(err, TX_EINPUT, "stdin: larger than %llu bytes",
                           TX_TABLE_MAX_FILE);
        }
        if (fwrite(buf, 1, n, f) != n) {
            fclose(f);
            return tx_fail(err, TX_EIO, "stdin: cannot copy it: %s", strerror(errno));
        }
    }
    if (ferror(stdin) || fflush(f) != 0) {
        fclose(f);
        return tx_fail(err, TX_EIO, "stdin: cannot read it: %s", strerror(errno));
    }
    rewind(f);
    *out = f;
    return TX_OK;
}

/* The table format of `path` by its extension; -1 for TBX (.tbx, .xml, or
 * a file starting with '<'); another name is read as a .txt is. */
static int table_format(const char *path)
{
    FILE *f;
    int xml;

    if (ends_with(path, ".csv"))
        return TX_TABLE_CSV;
    if (ends_with(path, ".tsv") || ends_with(path, ".tab"))
        return TX_TABLE_TSV;
    if (ends_with(path, ".txt"))
        return TX_TABLE_TEXT;
    if (ends_with(path, ".utf8"))
        return TX_TABLE_OMEGAT;
    if (ends_with(path, ".tbx") || ends_with(path, ".xml") || !(f = fopen(path, "rb")))
        return -1; /* the TBX reader says what is wrong with it */
    xml = starts_xml(f);
    fclose(f);
    return xml ? -1 : TX_TABLE_TEXT;
}

static tx_status import_table(import_ctx *x, FILE *f, int fmt, tx_error *err)
{
    tx_table_in in;
    tx_status rc;

    memset(&in, 0, sizeof in);
    in.path = x->path;
    in.f = f;
    in.fmt = (tx_table_format)fmt;
    in.src_lang = x->o->src_lang;
    in.tgt_lang = x->o->tgt_lang;
    in.notice = x->o->notice;
    in.notice_arg = x->o->cb_arg;
    in.lang_map = x->o->lang_map;
    in.n_lang_map = x->o->n_lang_map;
    x->unit = "row";
    rc = tx_table_read_from(&in, import_concept, x, err);
    if (rc == TX_OK && x->rc == TX_OK)
        rc = report_unkept(x, "");
    return rc;
}

static tx_status import_tbx(import_ctx *x, const char *path, tx_error *err)
{
    const tx_import_opts *o = x->o;
    tx_tbx_info info;
    tx_status rc;

    x->unit = "entry";
    rc = tx_tbx_read_mapped(path, o->src_lang, o->tgt_lang, o->lang_map, o->n_lang_map,
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

/* Read the file of `path` ("-": standard input, spooled: see spool_stdin()). */
static tx_status import_file(import_ctx *x, const char *path, tx_error *err)
{
    char fd_path[64];
    tx_status rc;
    FILE *f;
    int fmt;

    if (strcmp(path, "-") != 0) {
        fmt = table_format(path);
        return fmt < 0 ? import_tbx(x, path, err) : import_table(x, NULL, fmt, err);
    }
    if ((rc = spool_stdin(&f, err)) != TX_OK)
        return rc;
    fmt = starts_xml(f) ? -1 : TX_TABLE_TEXT;
    snprintf(fd_path, sizeof fd_path, "/dev/fd/%d", fileno(f));
    rc = fmt < 0 ? import_tbx(x, fd_path, err) : import_table(x, f, fmt, err);
    fclose(f);
    if (rc != TX_OK && err && strncmp(err->msg, fd_path, strlen(fd_path)) == 0) {
        /* the TBX reader names the path it read: name standard input instead */
        size_t n = strlen(fd_path);
        memmove(err->msg + 5, err->msg + n, strlen(err->msg + n) + 1);
        memcpy(err->msg, "stdin", 5);
    }
    return rc;
}

/* Rows of a CSV or TSV, or TBX entries, whose source term has no word (or is
 * blank once white space is folded) are skipped, each reported through
 * o->notice ("terms.csv:12: source term '!!!' has no word, row skipped"); the
 * others are imported and committed, and the result is then TX_EPARTIAL.  The
 * format is told as tx.h says: a .txt is a spreadsheet's "Unicode text" (UTF-16,
 * tab-separated; see tx_table_read_from()) or OmegaT's glossary.  What the
 * file held that the glossary does not keep is said in one line through
 * o->notice. */
tx_status tx_import_run(tx_store *st, const char *path, const tx_import_opts *o,
                        tx_import_stats *stats, tx_error *err)
{
    tx_import_opts defaults, canon;
    char src_tag[TX_LANGTAG_MAX], tgt_tag[TX_LANGTAG_MAX];
    import_ctx x;
    tx_status rc;
    int began = 0;

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
    x.path = strcmp(path, "-") == 0 ? "stdin" : path;
    x.o = o;
    x.stats = stats;
    x.err = err;
    tx_buf_init(&x.folded);
    if ((rc = check_lang_map(o, err)) != TX_OK)
        goto done;
    if ((rc = tx_pipeline_init(&x.p, o->src_lang, o->data_dir, 1, TX_MAX_WORDS, err)) !=
        TX_OK)
        goto done;
    if (tx_store_stem_keys(st)) /* the glossary's keys: as it made them */
        tx_lang_set_stem_keys(x.p.lang);
    if ((rc = tx_store_begin(st, err)) != TX_OK)
        goto done;
    began = 1;
    if ((rc = tx_store_uid(st, x.uid, sizeof x.uid, err)) == TX_OK)
        rc = import_file(&x, path, err);
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
    tx_pipeline_release(&x.p);
    tx_buf_release(&x.folded);
    for (size_t i = 0; i < x.n_unkept; i++)
        free(x.unkept[i].what);
    free(x.unkept);
    free(x.terms);
    return rc;
}
