/* datadir.c: the folders searched for language data, relative to the program.
 *
 * The folders beside the program are found once per process from
 * /proc/self/exe (Linux; elsewhere they are simply not searched), as git's
 * RUNTIME_PREFIX and CPython's getpath do, so that a prefix installed with
 * `cmake --install` keeps working after it is moved, and no path of the
 * machine that built termex is compiled in except the configured prefix. */
#define _XOPEN_SOURCE 700 /* readlink(), realpath() */
#include "datadir.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TX_INSTALL_DATA_DIR
#define TX_INSTALL_DATA_DIR "/usr/local/share/termex/stopwords"
#endif
/* The data folder relative to the folder of the installed program; CMake
 * computes it from CMAKE_INSTALL_BINDIR and CMAKE_INSTALL_DATADIR. */
#ifndef TX_BIN_TO_DATA_DIR
#define TX_BIN_TO_DATA_DIR "../share/termex/stopwords"
#endif

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char installed_dir[PATH_MAX]; /* "" when absent */
static char build_dir[PATH_MAX];

/* Resolve `dir`/`rel` into `out` (PATH_MAX bytes) when it is an existing
 * folder; else leave `out` empty. */
static void resolve(const char *dir, const char *rel, char *out)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", dir, rel);

    out[0] = '\0';
    if (n < 0 || (size_t)n >= sizeof path)
        return;
    if (!realpath(path, out))
        out[0] = '\0';
}

static void find_program_dirs(void)
{
    char link[PATH_MAX], exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", link, sizeof link - 1);
    char *slash;

    if (n <= 0)
        return;
    link[n] = '\0';
    /* A program deleted or moved while running reads "... (deleted)":
     * realpath() fails on it, and nothing is searched beside it. */
    if (!realpath(link, exe) || !(slash = strrchr(exe, '/')))
        return;
    *slash = '\0';
    resolve(slash == exe ? "" : exe, TX_BIN_TO_DATA_DIR, installed_dir);
    resolve(slash == exe ? "" : exe, "stopwords", build_dir);
}

size_t tx_data_dirs(const char *data_dir, const char *dirs[TX_DATA_DIRS_MAX])
{
    size_t n = 0;
    const char *env;

    if (data_dir) {
        dirs[n++] = data_dir;
        return n;
    }
    env = getenv("TERMEX_DATA_DIR");
    if (env && *env)
        dirs[n++] = env;
    pthread_once(&once, find_program_dirs);
    if (installed_dir[0])
        dirs[n++] = installed_dir;
    if (build_dir[0] && strcmp(build_dir, installed_dir) != 0)
        dirs[n++] = build_dir;
    dirs[n++] = TX_INSTALL_DATA_DIR;
    return n;
}
