/* collect.c: the inputs of an extraction run (see collect.h): walking the
 * paths given, reading an input, and telling duplicates apart. */
#define _POSIX_C_SOURCE 200809L
#include "collect.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "decode.h" /* tx_decode_sniff() */
#include "docread.h"
#include "error.h"
#include "sha256.h"
#include "store.h"
#include "strmap.h"

void tx_inputs_init(tx_inputs *ins, tx_store *st, tx_notice_fn notice, void *cb_arg)
{
    memset(ins, 0, sizeof *ins);
    ins->st = st;
    ins->notice = notice;
    ins->cb_arg = cb_arg;
    tx_strmap_init(&ins->dirs);
    tx_strmap_init(&ins->hashes);
}

void tx_inputs_release(tx_inputs *ins)
{
    for (size_t i = 0; i < ins->n; i++)
        free(ins->v[i].path);
    free(ins->v);
    ins->v = NULL;
    ins->n = ins->cap = 0;
    tx_strmap_release(&ins->hashes);
    for (size_t i = 0; i < ins->dirs.cap; i++)
        if (ins->dirs.slots[i].key)
            free(ins->dirs.slots[i].val);
    tx_strmap_release(&ins->dirs);
}

void tx_inputs_notice(tx_inputs *ins, tx_status rc, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    if (!ins->notice)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (ins->notice(rc, msg, ins->cb_arg) != 0)
        ins->stopped = 1;
}

/* ---- walking ---- */

static tx_status add_input(tx_inputs *ins, const char *path, uint64_t size, int walked)
{
    tx_input *in;

    if (ins->n == ins->cap) {
        size_t cap = ins->cap ? ins->cap * 2 : 16;
        tx_input *p = realloc(ins->v, cap * sizeof *p);
        if (!p)
            return TX_ENOMEM;
        ins->v = p;
        ins->cap = cap;
    }
    in = &ins->v[ins->n];
    memset(in, 0, sizeof *in);
    in->path = strdup(path);
    if (!in->path)
        return TX_ENOMEM;
    in->size = size;
    in->walked = walked;
    in->state = TX_INPUT_PENDING;
    ins->n++;
    return TX_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a file that is not a document is, for messages. */
static const char *file_kind(mode_t mode)
{
    return S_ISFIFO(mode)   ? "a FIFO"
           : S_ISCHR(mode)  ? "a character device"
           : S_ISBLK(mode)  ? "a block device"
           : S_ISSOCK(mode) ? "a socket"
                            : "not a regular file";
}

/* Is directory `sb` (at `path`) walked already?  If not, remember it. */
static tx_status dir_seen(tx_inputs *ins, const char *path, const struct stat *sb,
                          const char **first)
{
    char key[sizeof sb->st_dev + sizeof sb->st_ino];
    tx_strmap_slot *slot;
    int created;

    memcpy(key, &sb->st_dev, sizeof sb->st_dev);
    memcpy(key + sizeof sb->st_dev, &sb->st_ino, sizeof sb->st_ino);
    if (tx_strmap_put(&ins->dirs, key, sizeof key, &slot, &created) != TX_OK)
        return TX_ENOMEM;
    if (!created) {
        *first = slot->val;
        return TX_OK;
    }
    *first = NULL;
    if (!(slot->val = strdup(path)))
        return TX_ENOMEM;
    return TX_OK;
}

/* The visible entries of directory `d` (at `path`), as paths in name order:
 * *names (n of them) is the caller's to free, each name and the array, even
 * when out of memory. */
static tx_status list_dir(DIR *d, const char *path, char ***names, size_t *n)
{
    struct dirent *de;
    size_t cap = 0;

    *names = NULL;
    *n = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (*n == cap) {
            char **p = realloc(*names, (cap = cap ? cap * 2 : 32) * sizeof *p);
            if (!p)
                return TX_ENOMEM;
            *names = p;
        }
        size_t len = strlen(path) + strlen(de->d_name) + 2;
        if (!((*names)[*n] = malloc(len)))
            return TX_ENOMEM;
        snprintf((*names)[(*n)++], len, "%s%s%s", path,
                 path[strlen(path) - 1] == '/' ? "" : "/", de->d_name);
    }
    if (*n) /* qsort() must not be given NULL, even for 0 names */
        qsort(*names, *n, sizeof **names, cmp_str);
    return TX_OK;
}

static tx_status collect(tx_inputs *ins, const char *path, int depth, int walked);

/* collect() for directory `path` (`sb`): each directory is walked once,
 * however many links lead to it (a link to "." would otherwise make the walk
 * endless). */
static tx_status collect_dir(tx_inputs *ins, const char *path, const struct stat *sb,
                             int depth)
{
    DIR *d;
    char **names = NULL;
    const char *first;
    size_t n = 0;
    tx_status rc;

    if ((rc = dir_seen(ins, path, sb, &first)) != TX_OK)
        return rc;
    if (first) {
        tx_inputs_notice(ins, TX_OK,
                         "'%s': the directory '%s' again (a symbolic link), walked once",
                         path, first);
        return TX_OK;
    }
    if (depth > 64) {
        tx_inputs_notice(ins, TX_EINPUT, "'%s': directories nested too deep, skipped",
                         path);
        ins->n_failed++;
        return TX_OK;
    }
    if (!(d = opendir(path))) {
        tx_inputs_notice(ins, TX_EIO, "cannot open directory '%s': %s", path,
                         strerror(errno));
        ins->n_failed++;
        return TX_OK;
    }
    rc = list_dir(d, path, &names, &n);
    closedir(d);
    for (size_t i = 0; i < n; i++) {
        if (rc == TX_OK)
            rc = collect(ins, names[i], depth + 1, 1);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* Add `path`: a file, "-", or a directory walked recursively in name order
 * (hidden entries skipped); `walked` when it was found in a directory.  Only
 * regular files are read from a walk: a FIFO would block the run and a device
 * never ends; one named on the command line is read as a stream.  The
 * glossary's own files are skipped wherever they are.  What is skipped is
 * reported; unreadable paths count as failed. */
/* Does `path` (found in the walk of a directory) match one of the n globs,
 * by its path relative to the directory walked or by its base name? */
static int matches(const tx_inputs *ins, const char *path, const char *const *globs,
                   size_t n)
{
    const char *rel = path + (strlen(path) > ins->root_len ? ins->root_len : 0);
    const char *base = strrchr(path, '/');

    while (*rel == '/')
        rel++;
    base = base ? base + 1 : path;
    for (size_t i = 0; i < n; i++)
        if (fnmatch(globs[i], rel, 0) == 0 || fnmatch(globs[i], base, 0) == 0)
            return 1;
    return 0;
}

static tx_status collect(tx_inputs *ins, const char *path, int depth, int walked)
{
    struct stat sb;

    if (!walked && strcmp(path, "-") == 0)
        return add_input(ins, path, 0, 0);
    if (stat(path, &sb) != 0) {
        tx_inputs_notice(ins, TX_EIO, "cannot open '%s': %s", path, strerror(errno));
        ins->n_failed++;
        return TX_OK;
    }
    if (tx_store_owns_file(ins->st, path, &sb)) {
        tx_inputs_notice(ins, TX_OK, "'%s': the glossary itself, skipped", path);
        return TX_OK;
    }
    if (walked && matches(ins, path, ins->exclude, ins->n_exclude))
        return TX_OK; /* --exclude: a file, or a directory not walked */
    if (S_ISDIR(sb.st_mode))
        return collect_dir(ins, path, &sb, depth);
    if (walked && ins->n_include && !matches(ins, path, ins->include, ins->n_include))
        return TX_OK;
    if (S_ISREG(sb.st_mode) || (!walked && (S_ISFIFO(sb.st_mode) || S_ISCHR(sb.st_mode))))
        return add_input(ins, path, S_ISREG(sb.st_mode) && sb.st_size > 0
                                        ? (uint64_t)sb.st_size : 0, walked);
    if (walked) {
        tx_inputs_notice(ins, TX_OK, "'%s': %s, not a document, skipped", path,
                         file_kind(sb.st_mode));
        return TX_OK;
    }
    tx_inputs_notice(ins, TX_EINPUT, "'%s': %s, not a document", path,
                     file_kind(sb.st_mode));
    ins->n_failed++;
    return TX_OK;
}

tx_status tx_inputs_add_path(tx_inputs *ins, const char *path)
{
    ins->root_len = strlen(path);
    return collect(ins, path, 0, 0);
}

/* ---- reading ---- */

/* Open input `in` for reading: "-" is standard input (not to be closed), a
 * walked input must still be a regular file when opened (not a FIFO put in
 * its place since the walk, whose open would block).  Returns the
 * descriptor, or -1 with a message in `err`. */
static int open_input(const tx_input *in, tx_error *err)
{
    struct stat sb;
    int fd;

    if (!in->walked && strcmp(in->path, "-") == 0)
        return STDIN_FILENO;
    fd = open(in->path, O_RDONLY | O_NOCTTY | O_CLOEXEC | (in->walked ? O_NONBLOCK : 0));
    if (fd < 0) {
        tx_fail(err, TX_EIO, "cannot open '%s': %s", in->path, strerror(errno));
        return -1;
    }
    if (in->walked && (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))) {
        close(fd);
        tx_fail(err, TX_EINPUT, "'%s': not a regular file any more, skipped", in->path);
        return -1;
    }
    if (in->walked)
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

/* Read up to `len` bytes from `fd` into `buf`; the count, or -1 (errno set). */
static ssize_t read_full(int fd, char *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (ssize_t)got;
}

tx_status tx_input_refuse(const char *name, const char *data, size_t len, const char *what,
                          tx_error *err)
{
    tx_error e;

    /* plain binary data: where tx_decode() would have seen it */
    if (strcmp(what, "binary data") == 0 &&
        tx_decode_sniff(name, data, len < 65536 ? len : 65536, &e) != TX_OK)
        return tx_fail(err, TX_EINPUT, "%s, not a document termex reads (" TX_DOC_KINDS ")",
                       e.msg);
    return tx_fail(err, TX_EINPUT, "%s: skipped: %s, not a document termex reads ("
                   TX_DOC_KINDS ")", name, what);
}

/* The first block of a document: TX_OK to read on, else TX_EINPUT when it
 * is binary (*head_only, when given, is set when it is not a document). */
static tx_status judge_head(const tx_input *in, const char *data, size_t len,
                            int *head_only, tx_error *err)
{
    const char *what = NULL;
    tx_doc_format f;

    /* a PDF or a zip is judged whole: its first block cannot tell */
    if ((len >= 5 && memcmp(data, "%PDF-", 5) == 0) ||
        (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0))
        return TX_OK;
    f = tx_doc_sniff(data, len, &what);
    if (f == TX_DOC_BINARY)
        return tx_input_refuse(in->path, data, len, what, err);
    if (f == TX_DOC_IGNORED && head_only)
        *head_only = 1;
    return TX_OK;
}

/* Binary data is refused as soon as its first block shows it, so that a
 * device or a disk image named by mistake is not read for a gigabyte
 * first. */
tx_status tx_input_read(const tx_input *in, char **data, size_t *len, int *head_only,
                        tx_error *err)
{
    tx_buf b = TX_BUF_INIT;
    char *chunk = malloc(65536);
    int fd = chunk ? open_input(in, err) : -1;
    tx_status rc = TX_OK;
    ssize_t n;

    *data = NULL;
    if (head_only)
        *head_only = 0;
    if (!chunk)
        return tx_fail(err, TX_ENOMEM, "'%s': out of memory", in->path);
    if (fd < 0) {
        free(chunk);
        return err ? err->code : TX_EIO;
    }
    while ((n = read_full(fd, chunk, 65536)) > 0) {
        if (b.len + (size_t)n > TX_MAX_DOC_BYTES) {
            rc = tx_fail(err, TX_EINPUT, "'%s': larger than %zu MiB (termex's limit for "
                         "one document), skipped", in->path, TX_MAX_DOC_BYTES >> 20);
            break;
        }
        if (tx_buf_add(&b, chunk, (size_t)n) != TX_OK) {
            rc = tx_fail(err, TX_ENOMEM, "'%s': out of memory", in->path);
            break;
        }
        if (b.len == (size_t)n &&
            ((rc = judge_head(in, b.data, b.len, head_only, err)) != TX_OK ||
             (head_only && *head_only)))
            break;
    }
    if (n < 0 && rc == TX_OK)
        rc = tx_fail(err, TX_EIO, "cannot read '%s': %s", in->path, strerror(errno));
    if (fd != STDIN_FILENO)
        close(fd);
    free(chunk);
    if (rc != TX_OK) {
        tx_buf_release(&b);
        return rc;
    }
    *data = tx_buf_detach(&b, len);
    return *data ? TX_OK : tx_fail(err, TX_ENOMEM, "out of memory");
}

/* ---- duplicates ---- */

typedef struct sized {
    uint64_t size;
    size_t i;
    char head[65];   /* SHA-256 of the first DUP_HEAD bytes; "" if unreadable */
} sized;

/* Inputs of equal size are told apart by their first bytes before any is
 * read whole. */
#define DUP_HEAD 65536

static int cmp_sized(const void *a, const void *b)
{
    const sized *x = a, *y = b;

    if (x->size != y->size)
        return x->size < y->size ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static int cmp_head(const void *a, const void *b)
{
    const sized *x = a, *y = b;
    int c = strcmp(x->head, y->head);

    return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

/* Set x->head from the first DUP_HEAD bytes of its file (left "" when the
 * file cannot be read: the run reports it when it reads the input). */
static void hash_head(const tx_inputs *ins, sized *x, unsigned char *buf)
{
    int fd = open_input(&ins->v[x->i], NULL);
    ssize_t n;

    x->head[0] = 0;
    if (fd < 0)
        return;
    n = read_full(fd, (char *)buf, DUP_HEAD);
    if (n >= 0)
        tx_sha256_hex(buf, (size_t)n, x->head);
    if (fd != STDIN_FILENO)
        close(fd);
}

/* Among v[a..b), inputs of one size sorted by their first bytes: hash whole
 * each one that begins as another does, and mark each one whose content an
 * earlier input has (in `seen`) a duplicate of it.  Fails only when out of
 * memory. */
static tx_status mark_run(tx_inputs *ins, const sized *v, size_t a, size_t b,
                          tx_strmap *seen)
{
    tx_status rc = TX_OK;

    for (size_t k = a; k < b && rc == TX_OK; k++) {
        tx_input *in = &ins->v[v[k].i];
        char *raw = NULL, hash[65];
        size_t len = 0;
        tx_strmap_slot *slot;
        int created;
        tx_error e;

        if (!v[k].head[0] || ((k == a || strcmp(v[k - 1].head, v[k].head) != 0) &&
                              (k + 1 == b || strcmp(v[k + 1].head, v[k].head) != 0)))
            continue; /* unreadable, or no other input begins the same way */
        if (v[k].size <= DUP_HEAD) {
            memcpy(hash, v[k].head, sizeof hash);
        } else {
            tx_error_clear(&e);
            if ((rc = tx_input_read(in, &raw, &len, NULL, &e)) != TX_OK) {
                rc = rc == TX_ENOMEM ? rc : TX_OK;
                continue;
            }
            tx_sha256_hex(raw, len, hash);
            free(raw);
        }
        if (tx_strmap_put(seen, hash, 64, &slot, &created) != TX_OK)
            rc = TX_ENOMEM;
        else if (created)
            slot->val = (void *)(uintptr_t)(v[k].i + 1);
        else {
            in->state = TX_INPUT_KNOWN;
            in->dup_of = (size_t)(uintptr_t)slot->val;
        }
    }
    return rc;
}

/* With several workers, which of two inputs with the same content is read
 * (and its path recorded) would depend on which worker reaches its copy
 * first.  Settle it before they start, as one worker reading in order would:
 * among inputs of equal size whose first bytes are equal too, hash each whole
 * and mark each one whose content an earlier input has as its duplicate.  So
 * an input is read twice only when its size and first 64 KiB are another's;
 * one that cannot be read is left for the run to report. */
tx_status tx_inputs_mark_duplicates(tx_inputs *ins)
{
    sized *v = malloc((ins->n ? ins->n : 1) * sizeof *v);
    unsigned char *buf = malloc(DUP_HEAD);
    tx_strmap seen;
    tx_status rc = TX_OK;

    if (!v || !buf) {
        free(v);
        free(buf);
        return TX_ENOMEM;
    }
    tx_strmap_init(&seen);
    for (size_t k = 0; k < ins->n; k++)
        v[k] = (sized){ins->v[k].size, k, ""};
    qsort(v, ins->n, sizeof *v, cmp_sized);
    for (size_t a = 0, b; a < ins->n && rc == TX_OK; a = b) {
        for (b = a + 1; b < ins->n && v[b].size == v[a].size; b++)
            ;
        /* size 0: empty files and "-", whose size is not known */
        if (b - a < 2 || v[a].size == 0)
            continue;
        for (size_t k = a; k < b; k++)
            hash_head(ins, &v[k], buf);
        /* runs of equal first bytes, each in input order */
        qsort(v + a, b - a, sizeof *v, cmp_head);
        rc = mark_run(ins, v, a, b, &seen);
    }
    tx_strmap_release(&seen);
    free(buf);
    free(v);
    return rc;
}

tx_status tx_inputs_check_new(tx_inputs *ins, size_t i, int *is_new, tx_error *err)
{
    tx_input *in = &ins->v[i];
    tx_strmap_slot *slot;
    int64_t doc_id = 0;
    int created = 0;
    tx_status rc = tx_store_find_document(ins->st, in->hash, &doc_id, err);

    *is_new = 0;
    if (rc == TX_OK && !doc_id) {
        if (tx_strmap_put(&ins->hashes, in->hash, 64, &slot, &created) != TX_OK)
            rc = tx_fail(err, TX_ENOMEM, "out of memory");
        else if (created)
            slot->val = (void *)(uintptr_t)(i + 1);
        else
            in->dup_of = (size_t)(uintptr_t)slot->val;
    }
    if (rc != TX_OK)
        return rc;
    if (doc_id || !created)
        in->state = TX_INPUT_KNOWN;
    else
        *is_new = 1;
    return TX_OK;
}
