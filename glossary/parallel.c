/* parallel.c: segment pairs from TMX, line-aligned files and document pairs. */
#define _POSIX_C_SOURCE 200809L
#include "parallel.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cleanup.h"
#include "decode.h"
#include "error.h"
#include "sentalign.h"
#include "tmx.h"
#include "tokenize.h"
#include "xliff.h"

/* Largest parallel file read whole (line-aligned files, documents). */
#define MAX_FILE_BYTES ((size_t)1 << 30)

static void notice(const tx_align_opts *o, tx_status rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void notice(const tx_align_opts *o, tx_status rc, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    if (!o->notice)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    o->notice(rc, msg, o->cb_arg);
}

static tx_status read_file(const char *path, char **data, size_t *len, tx_error *err)
{
    FILE *f = fopen(path, "rb");
    tx_buf b = TX_BUF_INIT;
    char chunk[65536];
    size_t n;
    int e;

    *data = NULL;
    if (!f)
        return tx_fail(err, TX_EIO, "cannot open '%s': %s", path, strerror(errno));
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > MAX_FILE_BYTES) {
            fclose(f);
            tx_buf_release(&b);
            return tx_fail(err, TX_EINPUT, "'%s': larger than %zu MiB", path,
                           MAX_FILE_BYTES >> 20);
        }
        if (tx_buf_add(&b, chunk, n) != TX_OK) {
            fclose(f);
            tx_buf_release(&b);
            return tx_fail(err, TX_ENOMEM, "'%s': out of memory", path);
        }
    }
    e = ferror(f) ? errno : 0;
    fclose(f);
    if (e) {
        tx_buf_release(&b);
        return tx_fail(err, TX_EIO, "cannot read '%s': %s", path, strerror(e));
    }
    *data = tx_buf_detach(&b, len);
    return *data ? TX_OK : tx_fail(err, TX_ENOMEM, "out of memory");
}

/* Read and decode a text file into *text (UTF-8, NFC). */
static tx_status read_text(const char *path, char **text, size_t *len, tx_error *err)
{
    char *raw;
    size_t raw_len;
    tx_status rc;

    if ((rc = read_file(path, &raw, &raw_len, err)) != TX_OK)
        return rc;
    rc = tx_decode(path, raw, raw_len, text, len, err);
    free(raw);
    return rc;
}

/* ---- TMX ---- */

typedef struct tmx_ctx {
    const tx_parallel_input *in;
    const tx_align_opts *o;
    tx_segment_sink sink;
    void *arg;
    tx_status rc;
    tx_error *err;
} tmx_ctx;

static int on_tmx_pair(const tx_tmx_pair *p, void *arg)
{
    tmx_ctx *c = arg;
    char ref[64];
    tx_segment_row row;

    if (!*p->src || !*p->tgt)
        return 0;
    snprintf(ref, sizeof ref, "line %u", p->line);
    row.src_lang = c->o->src_lang;
    row.tgt_lang = c->o->tgt_lang;
    row.src = p->src;
    row.tgt = p->tgt;
    row.source = c->in->src;
    row.ref = ref;
    row.score = 1.0;
    c->rc = c->sink(&row, c->arg, c->err);
    return c->rc != TX_OK;
}

static tx_status read_tmx(const tx_parallel_input *in, const tx_align_opts *o,
                          tx_segment_sink sink, void *arg, tx_error *err)
{
    tmx_ctx c = {in, o, sink, arg, TX_OK, err};
    tx_tmx_stats stats;
    tx_status rc;

    rc = tx_tmx_read(in->src, o->src_lang, o->tgt_lang, on_tmx_pair, &c, &stats, err);
    if (rc == TX_OK && c.rc != TX_OK)
        rc = c.rc;
    return rc;
}

/* ---- line-aligned files ---- */

/* Split `text` at line ends into *lines (pointers into text, which is modified). */
static tx_status split_lines(char *text, size_t len, char ***lines, size_t *n)
{
    size_t cap = 1024, k = 0;
    char **v = malloc(cap * sizeof *v), *p = text, *end = text + len;

    if (!v)
        return TX_ENOMEM;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            nl = end;
        *nl = '\0';
        if (k == cap) {
            char **w = realloc(v, (cap *= 2) * sizeof *v);
            if (!w) {
                free(v);
                return TX_ENOMEM;
            }
            v = w;
        }
        v[k++] = p;
        p = nl + 1;
    }
    *lines = v;
    *n = k;
    return TX_OK;
}

/* Trim white space at both ends, in place; returns the start. */
static char *trim(char *s)
{
    size_t n = strlen(s);

    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static tx_status read_lines(const tx_parallel_input *in, const tx_align_opts *o,
                            tx_segment_sink sink, void *arg, tx_error *err)
{
    char *a = NULL, *b = NULL, **la = NULL, **lb = NULL, source[2048], ref[32];
    size_t alen, blen, na = 0, nb = 0;
    tx_status rc;

    if ((rc = read_text(in->src, &a, &alen, err)) != TX_OK ||
        (rc = read_text(in->tgt, &b, &blen, err)) != TX_OK)
        goto done;
    if (split_lines(a, alen, &la, &na) != TX_OK || split_lines(b, blen, &lb, &nb) != TX_OK) {
        rc = tx_fail(err, TX_ENOMEM, "out of memory reading '%s'", in->src);
        goto done;
    }
    if (na != nb) {
        rc = tx_fail(err, TX_EINPUT,
                     "'%s' has %zu lines but '%s' has %zu: line-aligned files must "
                     "have one line per segment on both sides",
                     in->src, na, in->tgt, nb);
        goto done;
    }
    snprintf(source, sizeof source, "%s | %s", in->src, in->tgt);
    for (size_t i = 0; i < na && rc == TX_OK; i++) {
        char *s = trim(la[i]), *t = trim(lb[i]);
        tx_segment_row row;
        if (!*s || !*t)
            continue;
        snprintf(ref, sizeof ref, "line %zu", i + 1);
        row.src_lang = o->src_lang;
        row.tgt_lang = o->tgt_lang;
        row.src = s;
        row.tgt = t;
        row.source = source;
        row.ref = ref;
        row.score = 1.0;
        rc = sink(&row, arg, err);
    }
done:
    free(la);
    free(lb);
    free(a);
    free(b);
    return rc;
}

/* ---- document pairs ---- */

typedef struct sentences {
    char *clean;     /* cleaned text the sentences point into */
    char **s;        /* NUL-terminated copies */
    size_t n, cap;
} sentences;

static void sentences_release(sentences *ss)
{
    for (size_t i = 0; i < ss->n; i++)
        free(ss->s[i]);
    free(ss->s);
    free(ss->clean);
    memset(ss, 0, sizeof *ss);
}

/* Decode, clean up and split the document at `path` into sentences. */
static tx_status load_sentences(const char *path, const char *lang, sentences *ss,
                                tx_error *err)
{
    char *text = NULL;
    size_t len, clean_len;
    tx_tokenizer *tok = NULL;
    const tx_sentence *sent;
    tx_status rc;

    memset(ss, 0, sizeof *ss);
    if ((rc = read_text(path, &text, &len, err)) != TX_OK)
        return rc;
    rc = tx_cleanup(text, len, lang, &ss->clean, &clean_len, err);
    free(text);
    if (rc != TX_OK)
        return rc;
    if ((rc = tx_tokenizer_new(lang, &tok, err)) != TX_OK)
        return rc;
    tx_tokenizer_set_text(tok, ss->clean, clean_len);
    while ((rc = tx_tokenizer_next(tok, &sent, err)) == TX_OK && sent) {
        if (ss->n == ss->cap) {
            size_t cap = ss->cap ? ss->cap * 2 : 64;
            char **v = realloc(ss->s, cap * sizeof *v);
            if (!v) {
                rc = tx_fail(err, TX_ENOMEM, "out of memory");
                break;
            }
            ss->s = v;
            ss->cap = cap;
        }
        if (!(ss->s[ss->n] = strndup(sent->text, sent->len))) {
            rc = tx_fail(err, TX_ENOMEM, "out of memory");
            break;
        }
        ss->n++;
    }
    tx_tokenizer_free(tok);
    return rc;
}

/* Join sentences [from, from + n) with spaces into b. */
static tx_status join(tx_buf *b, char *const *s, size_t from, size_t n)
{
    tx_buf_reset(b);
    for (size_t i = from; i < from + n; i++)
        if ((b->len && tx_buf_addch(b, ' ') != TX_OK) || tx_buf_addstr(b, s[i]) != TX_OK)
            return TX_ENOMEM;
    return TX_OK;
}

static tx_status align_pair(const char *src_path, const char *tgt_path,
                            const tx_align_opts *o, tx_segment_sink sink, void *arg,
                            size_t *n_dropped, tx_error *err)
{
    sentences a, b;
    tx_bead *beads = NULL;
    size_t n_beads = 0, kept = 0;
    double score = 0;
    tx_buf sa = TX_BUF_INIT, sb = TX_BUF_INIT;
    char source[2048], ref[96];
    tx_status rc;

    memset(&b, 0, sizeof b);
    if ((rc = load_sentences(src_path, o->src_lang, &a, err)) != TX_OK)
        return rc;
    if ((rc = load_sentences(tgt_path, o->tgt_lang, &b, err)) != TX_OK)
        goto done;
    if ((rc = tx_sentalign((const char *const *)a.s, a.n, (const char *const *)b.s, b.n,
                           NULL, &beads, &n_beads, &score, err)) != TX_OK)
        goto done;
    if (score < o->min_doc_score) {
        notice(o, TX_EINPUT,
               "'%s' and '%s': alignment score %.2f is below %.2f (%zu and %zu "
               "sentences): pair dropped, are they translations of each other?",
               src_path, tgt_path, score, o->min_doc_score, a.n, b.n);
        for (size_t i = 0; i < n_beads; i++)
            *n_dropped += beads[i].n_src && beads[i].n_tgt;
        goto done;
    }
    snprintf(source, sizeof source, "%s | %s", src_path, tgt_path);
    for (size_t i = 0; i < n_beads && rc == TX_OK; i++) {
        const tx_bead *bd = &beads[i];
        tx_segment_row row;
        if (!bd->n_src || !bd->n_tgt || bd->score < o->min_bead_score) {
            *n_dropped += bd->n_src && bd->n_tgt;
            continue;
        }
        if (join(&sa, a.s, bd->src, bd->n_src) != TX_OK ||
            join(&sb, b.s, bd->tgt, bd->n_tgt) != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "out of memory");
            break;
        }
        snprintf(ref, sizeof ref, "sentences %zu-%zu / %zu-%zu", bd->src + 1,
                 bd->src + bd->n_src, bd->tgt + 1, bd->tgt + bd->n_tgt);
        row.src_lang = o->src_lang;
        row.tgt_lang = o->tgt_lang;
        row.src = sa.data;
        row.tgt = sb.data;
        row.source = source;
        row.ref = ref;
        row.score = bd->score;
        rc = sink(&row, arg, err);
        kept++;
    }
    if (rc == TX_OK)
        notice(o, TX_OK, "'%s' and '%s': %zu and %zu sentences, alignment score %.2f, "
               "%zu segment pairs kept", src_path, tgt_path, a.n, b.n, score, kept);
done:
    free(beads);
    tx_buf_release(&sa);
    tx_buf_release(&sb);
    sentences_release(&a);
    sentences_release(&b);
    return rc;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Write into `out` the file name `name` with its language code `from`
 * (standing between non-letters: "corp_fr_01.txt", "doc.fr") replaced by `to`;
 * 0 when `name` holds no such code. */
static int swap_lang(const char *name, const char *from, const char *to, char *out,
                     size_t size)
{
    size_t n = strlen(from);

    for (const char *p = name; (p = strstr(p, from)); p++) {
        int before = p == name || !((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z');
        int after = !((p[n] | 32) >= 'a' && (p[n] | 32) <= 'z');
        if (before && after) {
            int k = snprintf(out, size, "%.*s%s%s", (int)(p - name), name, to, p + n);
            return k > 0 && (size_t)k < size;
        }
    }
    return 0;
}

/* Pair the regular files of two directories by name. */
static tx_status align_dirs(const tx_parallel_input *in, const tx_align_opts *o,
                            tx_segment_sink sink, void *arg, size_t *n_dropped,
                            tx_error *err)
{
    DIR *d = opendir(in->src);
    struct dirent *de;
    char **names = NULL, a[4096], b[4096];
    size_t n = 0, cap = 0, paired = 0;
    tx_status rc = TX_OK;
    struct stat sb;

    if (!d)
        return tx_fail(err, TX_EIO, "cannot open directory '%s': %s", in->src,
                       strerror(errno));
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **v = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof *v);
            if (!v) {
                rc = tx_fail(err, TX_ENOMEM, "out of memory");
                break;
            }
            names = v;
        }
        if (!(names[n] = strdup(de->d_name))) {
            rc = tx_fail(err, TX_ENOMEM, "out of memory");
            break;
        }
        n++;
    }
    closedir(d);
    if (rc == TX_OK)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && rc == TX_OK; i++) {
        snprintf(a, sizeof a, "%s/%s", in->src, names[i]);
        snprintf(b, sizeof b, "%s/%s", in->tgt, names[i]);
        if (stat(a, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        if (stat(b, &sb) != 0) {
            /* report_fr.txt pairs with report_en.txt, doc.fr with doc.en */
            char other[1024];
            if (swap_lang(names[i], o->src_lang, o->tgt_lang, other, sizeof other))
                snprintf(b, sizeof b, "%s/%s", in->tgt, other);
            if (stat(b, &sb) != 0) {
                notice(o, TX_ENOTFOUND, "'%s' has no counterpart in '%s', skipped", a,
                       in->tgt);
                continue;
            }
        }
        rc = align_pair(a, b, o, sink, arg, n_dropped, err);
        paired++;
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (rc == TX_OK && !paired)
        rc = tx_fail(err, TX_ENOTFOUND, "no file of '%s' has a counterpart of the same "
                     "name in '%s'", in->src, in->tgt);
    return rc;
}

/* ---- XLIFF ---- */

/* Pass an XLIFF segment to the sink (the context is TMX's: the same fields). */
static int on_xliff_pair(const tx_xliff_pair *p, void *arg)
{
    tmx_ctx *c = arg;
    char ref[128];
    tx_segment_row row;

    if (p->id)
        snprintf(ref, sizeof ref, "unit %s", p->id);
    else
        snprintf(ref, sizeof ref, "line %u", p->line);
    row.src_lang = c->o->src_lang;
    row.tgt_lang = c->o->tgt_lang;
    row.src = p->src;
    row.tgt = p->tgt;
    row.source = c->in->src;
    row.ref = ref;
    row.score = 1.0;
    c->rc = c->sink(&row, c->arg, c->err);
    return c->rc != TX_OK;
}

tx_status tx_parallel_read(const tx_parallel_input *in, const tx_align_opts *o,
                           tx_segment_sink sink, void *arg, size_t *n_dropped,
                           tx_error *err)
{
    struct stat sa, sb;

    switch (in->kind) {
    case TX_PARALLEL_TMX:
        return read_tmx(in, o, sink, arg, err);
    case TX_PARALLEL_XLIFF: {
        tmx_ctx c = {in, o, sink, arg, TX_OK, err};
        tx_xliff_info info;
        tx_status rc = tx_xliff_read(in->src, o->src_lang, o->tgt_lang, on_xliff_pair, &c,
                                     &info, err);

        if (rc == TX_OK && c.rc != TX_OK)
            rc = c.rc;
        if (rc == TX_OK && info.n_pairs == 0)
            notice(o, TX_ENOTFOUND, "'%s': no translated segment in %zu units", in->src,
                   info.n_units);
        return rc;
    }
    case TX_PARALLEL_LINES:
        if (!in->tgt)
            return tx_fail(err, TX_EINVAL, "line-aligned input needs two files");
        return read_lines(in, o, sink, arg, err);
    case TX_PARALLEL_DOCS:
        if (!in->tgt)
            return tx_fail(err, TX_EINVAL, "a document pair needs two paths");
        if (stat(in->src, &sa) != 0)
            return tx_fail(err, TX_EIO, "cannot open '%s': %s", in->src, strerror(errno));
        if (stat(in->tgt, &sb) != 0)
            return tx_fail(err, TX_EIO, "cannot open '%s': %s", in->tgt, strerror(errno));
        if (S_ISDIR(sa.st_mode) != S_ISDIR(sb.st_mode))
            return tx_fail(err, TX_EINVAL, "'%s' and '%s': give two files or two "
                           "directories", in->src, in->tgt);
        if (S_ISDIR(sa.st_mode))
            return align_dirs(in, o, sink, arg, n_dropped, err);
        return align_pair(in->src, in->tgt, o, sink, arg, n_dropped, err);
    }
    return tx_fail(err, TX_EINVAL, "unknown kind of parallel input");
}
