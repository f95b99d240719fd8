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

/* Pass a notice to o->notice: TX_OK, or TX_ESTOPPED when it says stop. */
static tx_status notice(const tx_align_opts *o, tx_error *err, tx_status rc,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static tx_status notice(const tx_align_opts *o, tx_error *err, tx_status rc,
                        const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    if (!o->notice)
        return TX_OK;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (o->notice(rc, msg, o->cb_arg) != 0)
        return tx_fail_stopped(err);
    return TX_OK;
}

/* Read all that is left of the open file `f` (named `path` in messages) into
 * *data, which the caller frees with free(); `f` stays the caller's. */
static tx_status read_rest(FILE *f, const char *path, char **data, size_t *len,
                           tx_error *err)
{
    tx_buf b = TX_BUF_INIT;
    char chunk[65536];
    size_t n;

    *data = NULL;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > MAX_FILE_BYTES) {
            tx_buf_release(&b);
            return tx_fail(err, TX_EINPUT, "'%s': larger than %zu MiB", path,
                           MAX_FILE_BYTES >> 20);
        }
        if (tx_buf_add(&b, chunk, n) != TX_OK) {
            tx_buf_release(&b);
            return tx_fail(err, TX_ENOMEM, "'%s': out of memory", path);
        }
    }
    if (ferror(f)) {
        int e = errno;
        tx_buf_release(&b);
        return tx_fail(err, TX_EIO, "cannot read '%s': %s", path, strerror(e));
    }
    *data = tx_buf_detach(&b, len);
    return *data ? TX_OK : tx_fail(err, TX_ENOMEM, "out of memory");
}

/* Read and decode what is left of the open file `f` into *text (UTF-8, NFC),
 * which the caller frees with free(); `f` stays the caller's. */
static tx_status read_text_from(FILE *f, const char *path, char **text, size_t *len,
                                tx_error *err)
{
    char *raw;
    size_t raw_len;
    tx_status rc;

    if ((rc = read_rest(f, path, &raw, &raw_len, err)) != TX_OK)
        return rc;
    rc = tx_decode(path, raw, raw_len, text, len, err);
    free(raw);
    return rc;
}

/* Read and decode the file at `path` into *text (UTF-8, NFC), which the
 * caller frees with free(). */
static tx_status read_text(const char *path, char **text, size_t *len, tx_error *err)
{
    FILE *f = fopen(path, "rb");
    tx_status rc;

    *text = NULL;
    if (!f)
        return tx_fail(err, TX_EIO, "cannot open '%s': %s", path, strerror(errno));
    rc = read_text_from(f, path, text, len, err);
    fclose(f);
    return rc;
}

/* ---- TMX and XLIFF ---- */

typedef struct pair_ctx {
    const tx_parallel_input *in;
    const tx_align_opts *o;
    tx_segment_sink sink;
    void *arg;
    tx_status rc;
    tx_error *err;
} pair_ctx;

/* Pass a pair read from a TMX or XLIFF file to the sink: an XLIFF pair is
 * named by its unit when it has an id, others by their line. */
static int on_pair(const tx_segment_pair *p, void *arg)
{
    pair_ctx *c = arg;
    char ref[128];
    tx_segment_row row;

    if (!*p->src || !*p->tgt)
        return 0;
    if (c->in->kind == TX_PARALLEL_XLIFF && p->id)
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

static tx_status read_tmx(const tx_parallel_input *in, const tx_align_opts *o,
                          tx_segment_sink sink, void *arg, tx_error *err)
{
    pair_ctx c = {in, o, sink, arg, TX_OK, err};
    tx_tmx_stats stats;
    tx_status rc;

    rc = tx_tmx_read(in->src, o->src_lang, o->tgt_lang, on_pair, &c, &stats, err);
    if (rc == TX_OK && c.rc != TX_OK)
        rc = c.rc;
    return rc;
}

/* ---- line-aligned files ---- */

/* Line-aligned files stream: they are read and decoded a block of whole lines
 * at a time (LINE_BLOCK bytes, or one line when it is longer), so memory holds
 * two blocks, not two files.  Each file is read twice.  The first pass checks
 * that every block is plain UTF-8 (valid, with no control character but \t \n
 * \r \f) and counts the lines as decoded, so that two files of different
 * lengths are refused before any segment is passed on; the second passes the
 * segments on.  For plain UTF-8, decoding block by block gives what decoding
 * the whole file gives: tx_decode() takes the same path for both, and a line
 * end is a boundary for its NFC and CRLF handling alike.  Other files (UTF-16,
 * an 8-bit charset, stray control characters: tx_decode() weighs those over
 * the whole file) and what is not a regular file (a pipe cannot be read twice)
 * are read and decoded whole, in memory, as MAX_FILE_BYTES allows. */
#define LINE_BLOCK ((size_t)1 << 20)
#define READ_CHUNK ((size_t)1 << 16)

typedef struct line_file {
    const char *path;
    FILE *f;          /* the open file (streaming), else NULL */
    tx_buf raw;       /* bytes read and not yet decoded */
    size_t scanned;   /* raw[0..scanned) holds no line end (block_end()) */
    int eof;          /* everything has been read into raw */
    char *text;       /* the current block decoded, or the whole file; ours */
    size_t len, pos;  /* its length; the start of its next line */
    size_t n_lines;   /* lines of the file as decoded (the first pass) */
} line_file;

static void line_file_close(line_file *lf)
{
    if (lf->f)
        fclose(lf->f);
    lf->f = NULL;
    tx_buf_release(&lf->raw);
    free(lf->text);
    lf->text = NULL;
}

/* How many bytes of lf->raw make the next block: up to its last line end
 * (LF, or a CR that a LF does not follow: old Mac files), or all of it at the
 * end of the file; 0 when more must be read. */
static size_t block_end(line_file *lf)
{
    const char *s = lf->raw.data;
    size_t len = lf->raw.len;

    if (lf->eof)
        return len;
    for (size_t i = len; i > lf->scanned; i--)
        if (s[i - 1] == '\n' || (s[i - 1] == '\r' && i < len))
            return i;
    lf->scanned = len ? len - 1 : 0; /* a CR last may be the start of a CRLF */
    return 0;
}

/* Read until lf->raw holds the next block; *n receives its length, 0 at the
 * end of the file. */
static tx_status fill_block(line_file *lf, size_t *n, tx_error *err)
{
    for (;;) {
        if (lf->raw.len >= LINE_BLOCK || lf->eof) {
            if ((*n = block_end(lf)) > 0 || lf->eof)
                return TX_OK;
        }
        if (lf->raw.len >= MAX_FILE_BYTES)
            return tx_fail(err, TX_EINPUT, "'%s': a line longer than %zu MiB", lf->path,
                           MAX_FILE_BYTES >> 20);
        if (tx_buf_grow(&lf->raw, READ_CHUNK) != TX_OK)
            return tx_fail(err, TX_ENOMEM, "'%s': out of memory", lf->path);
        size_t k = fread(lf->raw.data + lf->raw.len, 1, READ_CHUNK, lf->f);
        lf->raw.len += k;
        lf->raw.data[lf->raw.len] = '\0';
        if (k < READ_CHUNK) {
            if (ferror(lf->f))
                return tx_fail(err, TX_EIO, "cannot read '%s': %s", lf->path,
                               strerror(errno));
            lf->eof = feof(lf->f) != 0;
        }
    }
}

/* Drop the first n bytes of lf->raw (a block done with).  What is left holds
 * no line end, but perhaps a CR last. */
static void consume(line_file *lf, size_t n)
{
    memmove(lf->raw.data, lf->raw.data + n, lf->raw.len - n + 1);
    lf->raw.len -= n;
    lf->scanned = lf->raw.len ? lf->raw.len - 1 : 0;
}

/* Is s[0..n) plain UTF-8, as the comment above says?  *same: it is ASCII
 * without CR, which decoding leaves as it is. */
static int plain_utf8(const char *s, size_t n, int *same)
{
    int high = 0, cr = 0;

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80)
            high = 1;
        else if (c == '\r')
            cr = 1;
        else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f') || c == 0x7F)
            return 0;
    }
    *same = !high && !cr;
    return !high || tx_utf8_check(s, n, NULL) == TX_OK;
}

/* Decode the block lf->raw[0..n) into lf->text (a copy when `same`), and drop
 * it from lf->raw. */
static tx_status decode_block(line_file *lf, size_t n, int same, tx_error *err)
{
    tx_status rc;

    free(lf->text);
    lf->text = NULL;
    lf->len = lf->pos = 0;
    if (same) {
        if (!(lf->text = malloc(n + 1)))
            return tx_fail(err, TX_ENOMEM, "'%s': out of memory", lf->path);
        memcpy(lf->text, lf->raw.data, n);
        lf->text[n] = '\0';
        lf->len = n;
    } else if ((rc = tx_decode(lf->path, lf->raw.data, n, &lf->text, &lf->len, err)) !=
               TX_OK) {
        return rc;
    }
    consume(lf, n);
    return TX_OK;
}

/* The lines of text[0..len) as split into segments: one per LF, and one for
 * what follows the last LF if anything does. */
static size_t count_lf(const char *text, size_t len, char *last)
{
    size_t n = 0;

    for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))); p++)
        n++;
    if (len)
        *last = text[len - 1];
    return n;
}

/* Open `path` and count its lines (the first pass), then stand at its start;
 * or, for a file that does not stream, read and decode it whole.  On failure
 * the caller still closes `lf`. */
static tx_status line_file_open(line_file *lf, const char *path, tx_error *err)
{
    struct stat st;
    size_t n, n_lf = 0;
    char last = '\n';
    int same, regular;
    tx_status rc;

    memset(lf, 0, sizeof *lf);
    lf->path = path;
    if (!(lf->f = fopen(path, "rb")))
        return tx_fail(err, TX_EIO, "cannot open '%s': %s", path, strerror(errno));
    regular = fstat(fileno(lf->f), &st) == 0 && S_ISREG(st.st_mode);
    if (!regular)
        goto whole;
    for (;;) {
        if ((rc = fill_block(lf, &n, err)) != TX_OK)
            return rc;
        if (!n)
            break;
        if (!plain_utf8(lf->raw.data, n, &same))
            goto whole;
        if (same) {
            n_lf += count_lf(lf->raw.data, n, &last);
            consume(lf, n);
        } else {
            if ((rc = decode_block(lf, n, same, err)) != TX_OK)
                return rc;
            n_lf += count_lf(lf->text, lf->len, &last);
        }
    }
    lf->n_lines = n_lf + (last != '\n');
    free(lf->text);
    lf->text = NULL;
    lf->len = lf->pos = 0;
    tx_buf_reset(&lf->raw);
    lf->scanned = 0;
    lf->eof = 0;
    if (fseeko(lf->f, 0, SEEK_SET) != 0)
        return tx_fail(err, TX_EIO, "cannot read '%s': %s", path, strerror(errno));
    clearerr(lf->f);
    return TX_OK;
whole:
    /* Through the descriptor already open: a named pipe opened twice could
     * lose what its writer sent in between (nothing of a pipe was read yet;
     * a regular file goes back to its start). */
    if (regular && fseeko(lf->f, 0, SEEK_SET) != 0)
        return tx_fail(err, TX_EIO, "cannot read '%s': %s", path, strerror(errno));
    free(lf->text);
    lf->text = NULL;
    tx_buf_release(&lf->raw);
    rc = read_text_from(lf->f, path, &lf->text, &lf->len, err);
    fclose(lf->f);
    lf->f = NULL;
    if (rc != TX_OK)
        return rc;
    lf->n_lines = count_lf(lf->text, lf->len, &last) + (last != '\n');
    lf->pos = 0;
    return TX_OK;
}

/* The next line of `lf` into *line (NUL-terminated, in lf->text, valid until
 * the next call), or NULL at the end of the file. */
static tx_status next_line(line_file *lf, char **line, tx_error *err)
{
    size_t n;
    int same;
    tx_status rc;

    *line = NULL;
    while (lf->pos >= lf->len) {
        if (!lf->f)
            return TX_OK;
        if ((rc = fill_block(lf, &n, err)) != TX_OK)
            return rc;
        if (!n)
            return TX_OK;
        /* The first pass checked it: only a file changed since needs this. */
        if (!plain_utf8(lf->raw.data, n, &same))
            same = 0;
        if ((rc = decode_block(lf, n, same, err)) != TX_OK)
            return rc;
    }
    *line = lf->text + lf->pos;
    char *nl = memchr(*line, '\n', lf->len - lf->pos);
    if (!nl)
        nl = lf->text + lf->len;
    *nl = '\0';
    lf->pos = (size_t)(nl - lf->text) + 1;
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
    line_file a, b;
    char source[2048], ref[32];
    tx_status rc;

    memset(&b, 0, sizeof b);
    if ((rc = line_file_open(&a, in->src, err)) != TX_OK ||
        (rc = line_file_open(&b, in->tgt, err)) != TX_OK)
        goto done;
    if (a.n_lines != b.n_lines) {
        rc = tx_fail(err, TX_EINPUT,
                     "'%s' has %zu lines but '%s' has %zu: line-aligned files must "
                     "have one line per segment on both sides",
                     in->src, a.n_lines, in->tgt, b.n_lines);
        goto done;
    }
    snprintf(source, sizeof source, "%s | %s", in->src, in->tgt);
    for (size_t i = 0; i < a.n_lines && rc == TX_OK; i++) {
        char *la, *lb, *s, *t;
        tx_segment_row row;
        if ((rc = next_line(&a, &la, err)) != TX_OK ||
            (rc = next_line(&b, &lb, err)) != TX_OK)
            break;
        if (!la || !lb) {
            rc = tx_fail(err, TX_EIO, "'%s' changed while it was read",
                         la ? in->tgt : in->src);
            break;
        }
        s = trim(la);
        t = trim(lb);
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
    line_file_close(&a);
    line_file_close(&b);
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
static tx_status load_sentences(const char *path, const tx_lang *lang, sentences *ss,
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
    rc = tx_cleanup(text, len, tx_lang_code(lang), &ss->clean, &clean_len, err);
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
                            const tx_align_opts *o, const tx_lang *const langs[2],
                            tx_segment_sink sink, void *arg, size_t *n_dropped,
                            tx_error *err)
{
    sentences a, b;
    tx_bead *beads = NULL;
    size_t n_beads = 0, kept = 0;
    double score = 0;
    tx_buf sa = TX_BUF_INIT, sb = TX_BUF_INIT;
    char source[2048], ref[96];
    tx_status rc;

    memset(&b, 0, sizeof b);
    if ((rc = load_sentences(src_path, langs[0], &a, err)) != TX_OK)
        return rc;
    if ((rc = load_sentences(tgt_path, langs[1], &b, err)) != TX_OK)
        goto done;
    if ((rc = tx_sentalign((const char *const *)a.s, a.n, (const char *const *)b.s, b.n,
                           NULL, &beads, &n_beads, &score, err)) != TX_OK)
        goto done;
    if (score < o->min_doc_score) {
        rc = notice(o, err, TX_EINPUT,
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
        rc = notice(o, err, TX_OK, "'%s' and '%s': %zu and %zu sentences, alignment "
                    "score %.2f, %zu segment pairs kept", src_path, tgt_path, a.n, b.n,
                    score, kept);
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
                            const tx_lang *const langs[2], tx_segment_sink sink,
                            void *arg, size_t *n_dropped, tx_error *err)
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
                rc = notice(o, err, TX_ENOTFOUND,
                            "'%s' has no counterpart in '%s', skipped", a, in->tgt);
                continue;
            }
        }
        rc = align_pair(a, b, o, langs, sink, arg, n_dropped, err);
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

tx_status tx_parallel_read(const tx_parallel_input *in, const tx_align_opts *o,
                           const tx_lang *const langs[2], tx_segment_sink sink,
                           void *arg, size_t *n_dropped, tx_error *err)
{
    struct stat sa, sb;

    switch (in->kind) {
    case TX_PARALLEL_TMX:
        return read_tmx(in, o, sink, arg, err);
    case TX_PARALLEL_XLIFF: {
        pair_ctx c = {in, o, sink, arg, TX_OK, err};
        tx_xliff_info info;
        tx_status rc = tx_xliff_read(in->src, o->src_lang, o->tgt_lang, on_pair, &c,
                                     &info, err);

        if (rc == TX_OK && c.rc != TX_OK)
            rc = c.rc;
        if (rc == TX_OK && info.n_pairs == 0)
            rc = notice(o, err, TX_ENOTFOUND, "'%s': no translated segment in %zu units",
                        in->src, info.n_units);
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
            return align_dirs(in, o, langs, sink, arg, n_dropped, err);
        return align_pair(in->src, in->tgt, o, langs, sink, arg, n_dropped, err);
    }
    return tx_fail(err, TX_EINVAL, "unknown kind of parallel input");
}
