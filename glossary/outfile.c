/* outfile.c: an output file that is complete or absent (see outfile.h).
 *
 * The unnamed file (O_TMPFILE, Linux 3.11) is what makes "absent" hold when
 * the program is stopped: until it is linked, a kill leaves nothing behind.
 * It is linked through /proc/self/fd (linkat() with AT_EMPTY_PATH needs a
 * capability) under a fresh temporary name, then renamed over the target, so
 * that the target is replaced atomically; SIGINT, SIGTERM, SIGHUP and SIGQUIT
 * wait while those two calls run. */
#define _GNU_SOURCE /* O_TMPFILE, linkat() */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "store.h"

enum {
    OUT_STDOUT,   /* standard output */
    OUT_INPLACE,  /* a device or FIFO, opened and written */
    OUT_UNNAMED,  /* an O_TMPFILE file, linked and renamed over target */
    OUT_NAMED     /* tmp, renamed over target */
};

static void release(tx_outfile *o)
{
    free(o->target);
    free(o->tmp);
    o->target = o->tmp = NULL;
    o->f = NULL;
}

/* The directory part of `path` ("." for a bare name); the caller frees it. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Open the file that will become `o->target`, with permissions `mode` (before
 * the umask): unnamed where the file system can, else under a temporary name. */
static tx_status open_temp(tx_outfile *o, mode_t mode, int keep_mode, tx_error *err)
{
    size_t len = strlen(o->target) + sizeof ".tmp.XXXXXX";
    char *dir = dir_of(o->target);
    int fd = -1;

    if (!dir)
        return tx_fail(err, TX_ENOMEM, "out of memory");
    if (access("/proc/self/fd", X_OK) == 0)
        fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
    free(dir);
    if (fd >= 0) {
        o->kind = OUT_UNNAMED;
    } else {
        /* no O_TMPFILE here (or no /proc): a named temporary file instead */
        if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL &&
            errno != ENOENT && errno != EACCES)
            return tx_fail(err, TX_EIO, "cannot write '%s': %s", o->name,
                           strerror(errno));
        if (!(o->tmp = malloc(len)))
            return tx_fail(err, TX_ENOMEM, "out of memory");
        snprintf(o->tmp, len, "%s.tmp.XXXXXX", o->target);
        if ((fd = mkostemp(o->tmp, O_CLOEXEC)) < 0) {
            int e = errno;
            free(o->tmp);
            o->tmp = NULL;
            return tx_fail(err, TX_EIO, "cannot write '%s': %s", o->name, strerror(e));
        }
        o->kind = OUT_NAMED;
        if (!keep_mode) { /* mkstemp() makes the file private: the usual mode */
            mode_t mask = umask(0);
            umask(mask);
            mode &= ~mask;
        }
    }
    /* O_TMPFILE applied the umask; an existing file's mode is kept as it was. */
    if ((o->kind == OUT_NAMED || keep_mode) && fchmod(fd, mode) != 0) {
        int e = errno;
        close(fd);
        if (o->tmp)
            unlink(o->tmp);
        return tx_fail(err, TX_EIO, "cannot write '%s': %s", o->name, strerror(e));
    }
    if (!(o->f = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        if (o->tmp)
            unlink(o->tmp);
        return tx_fail(err, TX_ENOMEM, "cannot write '%s': %s", o->name, strerror(e));
    }
    return TX_OK;
}

tx_status tx_outfile_open(tx_outfile *o, const char *path, tx_store *st, tx_error *err)
{
    struct stat sb, out;
    tx_status rc;

    memset(o, 0, sizeof *o);
    o->name = path;
    if (!path) {
        o->kind = OUT_STDOUT;
        o->f = stdout;
        return TX_OK;
    }
    if (!*path)
        return tx_fail(err, TX_EINVAL, "no output file name given");
    if (stat(path, &sb) != 0) {
        if (errno != ENOENT)
            return tx_fail(err, TX_EIO, "cannot write '%s': %s", path, strerror(errno));
        if (lstat(path, &sb) == 0)
            return tx_fail(err, TX_EINVAL, "'%s' is a symbolic link to a missing file",
                           path);
        if (st && tx_store_owns_file(st, path, NULL))
            return tx_fail(err, TX_EINVAL, "'%s' is a file of the glossary itself; "
                           "choose another output file", path);
        if (!(o->target = strdup(path)))
            return tx_fail(err, TX_ENOMEM, "out of memory");
        if ((rc = open_temp(o, 0666, 0, err)) != TX_OK)
            release(o);
        return rc;
    }
    if (st && tx_store_owns_file(st, path, &sb))
        return tx_fail(err, TX_EINVAL, "'%s' is the glossary itself (or one of its "
                       "-wal, -shm, -journal files); choose another output file", path);
    if (fstat(STDOUT_FILENO, &out) == 0 && out.st_dev == sb.st_dev &&
        out.st_ino == sb.st_ino) {
        o->kind = OUT_STDOUT;
        o->f = stdout;
        return TX_OK;
    }
    if (S_ISREG(sb.st_mode)) {
        /* Through a symbolic link, the file it names is replaced. */
        if (!(o->target = realpath(path, NULL)))
            return tx_fail(err, errno == ENOMEM ? TX_ENOMEM : TX_EIO,
                           "cannot write '%s': %s", path, strerror(errno));
        if ((rc = open_temp(o, sb.st_mode & 0777, 1, err)) != TX_OK)
            release(o);
        return rc;
    }
    if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode)) {
        int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
            return tx_fail(err, TX_EIO, "cannot write '%s': %s", path, strerror(errno));
        if (!(o->f = fdopen(fd, "w"))) {
            close(fd);
            return tx_fail(err, TX_ENOMEM, "out of memory");
        }
        o->kind = OUT_INPLACE;
        return TX_OK;
    }
    return tx_fail(err, TX_EINVAL, "'%s' is %s, not a file to write", path,
                   S_ISDIR(sb.st_mode)   ? "a directory"
                   : S_ISBLK(sb.st_mode) ? "a block device"
                                         : "a socket");
}

/* Give the unnamed file of `o` a fresh temporary name beside its target, in
 * o->tmp.  errno is set on failure. */
static int link_unnamed(tx_outfile *o)
{
    char proc[64];
    size_t len = strlen(o->target) + 32;
    unsigned seed = (unsigned)getpid() ^ (unsigned)time(NULL) ^ (unsigned)clock();

    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fileno(o->f));
    if (!(o->tmp = malloc(len))) {
        errno = ENOMEM;
        return -1;
    }
    for (int tries = 0; tries < 100; tries++) {
        seed = seed * 1103515245u + 12345u;
        snprintf(o->tmp, len, "%s.tmp.%06x", o->target, seed >> 8 & 0xffffff);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp, AT_SYMLINK_FOLLOW) == 0)
            return 0;
        if (errno != EEXIST)
            break;
    }
    free(o->tmp);
    o->tmp = NULL;
    return -1;
}

tx_status tx_outfile_commit(tx_outfile *o, tx_error *err)
{
    sigset_t stop, saved;
    tx_status rc = TX_OK;
    int e = 0;

    if (o->kind == OUT_STDOUT) {
        if (fflush(o->f) != 0 || ferror(o->f))
            rc = tx_fail(err, TX_EIO, "cannot write the output: %s", strerror(errno));
        release(o);
        return rc;
    }
    if (fflush(o->f) != 0 || ferror(o->f) ||
        (o->kind != OUT_INPLACE && fsync(fileno(o->f)) != 0))
        e = errno ? errno : EIO;
    if (!e && o->kind != OUT_INPLACE) {
        sigemptyset(&stop);
        sigaddset(&stop, SIGINT);
        sigaddset(&stop, SIGTERM);
        sigaddset(&stop, SIGHUP);
        sigaddset(&stop, SIGQUIT);
        pthread_sigmask(SIG_BLOCK, &stop, &saved);
        if (o->kind == OUT_UNNAMED && link_unnamed(o) != 0)
            e = errno;
        if (!e && rename(o->tmp, o->target) != 0) {
            e = errno;
            unlink(o->tmp);
        }
        pthread_sigmask(SIG_SETMASK, &saved, NULL);
    }
    if (fclose(o->f) != 0 && !e)
        e = errno;
    o->f = NULL;
    if (e && o->kind == OUT_NAMED && o->tmp)
        unlink(o->tmp);
    if (e)
        rc = tx_fail(err, TX_EIO, "cannot write '%s': %s", o->name, strerror(e));
    release(o);
    return rc;
}

void tx_outfile_abort(tx_outfile *o)
{
    if (o->f && o->kind != OUT_STDOUT)
        fclose(o->f);
    if (o->kind == OUT_NAMED && o->tmp)
        unlink(o->tmp);
    release(o);
}
