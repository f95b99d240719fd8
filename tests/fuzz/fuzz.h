/* fuzz.h: what the fuzz targets share.
 *
 * Each tests/fuzz/fuzz_<name>.c defines LLVMFuzzerTestOneInput().  Built with
 * -DTX_LIBFUZZER and -fsanitize=fuzzer (cmake -DTX_FUZZ=ON, clang) it is a
 * libFuzzer program; built without, this header gives it a replay main() that
 * runs every file named on the command line, and every file of every
 * directory named there, through LLVMFuzzerTestOneInput() (as utf8proc's fuzz
 * tests do), so ctest replays tests/fuzz/corpus/<name>/ with any compiler.
 *
 * The readers of files (TMX, TBX, XLIFF, CSV/TSV) take a path: tx_fuzz_file()
 * writes the input to one temporary file per process, removed at exit. */
#ifndef TX_FUZZ_H
#define TX_FUZZ_H

#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char tx_fuzz_path[160];

static void tx_fuzz_cleanup(void)
{
    if (tx_fuzz_path[0])
        unlink(tx_fuzz_path);
}

/* Write `size` bytes to this process's temporary file and return its path
 * (NULL when it cannot be written: the input is then skipped). */
static inline const char *tx_fuzz_file(const uint8_t *data, size_t size, const char *ext)
{
    FILE *f;

    if (!tx_fuzz_path[0]) {
        int fd;
        const char *dir = getenv("TMPDIR"); /* ctest sets it to BUILD/tmp */

        /* The readers go by content, not by name: `ext` only labels the file. */
        snprintf(tx_fuzz_path, sizeof tx_fuzz_path, "%s/tx-fuzz-%s-XXXXXX",
                 dir && *dir ? dir : "/tmp", ext);
        fd = mkstemp(tx_fuzz_path);
        if (fd < 0) {
            tx_fuzz_path[0] = '\0';
            return NULL;
        }
        close(fd);
        atexit(tx_fuzz_cleanup);
    }
    f = fopen(tx_fuzz_path, "wb");
    if (!f)
        return NULL;
    if (size && fwrite(data, 1, size, f) != size) {
        fclose(f);
        return NULL;
    }
    if (fclose(f) != 0)
        return NULL;
    return tx_fuzz_path;
}

#ifndef TX_LIBFUZZER
static int tx_fuzz_run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data = NULL;
    size_t len = 0, cap = 0, n;

    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    do {
        if (len == cap) {
            uint8_t *p = realloc(data, cap = cap ? 2 * cap : 4096);
            if (!p) {
                free(data);
                fclose(f);
                fprintf(stderr, "%s: out of memory\n", path);
                return 1;
            }
            data = p;
        }
        n = fread(data + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    if (ferror(f)) {
        fprintf(stderr, "%s: read error\n", path);
        free(data);
        fclose(f);
        return 1;
    }
    fclose(f);
    /* An exact-size copy, so that ASan sees reads past the end of the input. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        free(data);
        return 1;
    }
    if (len)
        memcpy(exact, data, len);
    free(data);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static int tx_fuzz_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run a file, or each regular file of a directory (sorted, not recursive). */
static int tx_fuzz_run_path(const char *path, size_t *count)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int bad = 0;

    if (stat(path, &st) != 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*count)++;
        return tx_fuzz_run_file(path);
    }
    d = opendir(path);
    if (!d) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **p = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
            if (!p) {
                bad = 1;
                break;
            }
            names = p;
        }
        size_t l = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(l))) {
            bad = 1;
            break;
        }
        snprintf(names[n++], l, "%s/%s", path, e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, tx_fuzz_cmp);
    for (size_t i = 0; i < n; i++) {
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            (*count)++;
            bad |= tx_fuzz_run_file(names[i]);
        }
        free(names[i]);
    }
    free(names);
    return bad;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int bad = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n"
                        "Run each file (and each file of each directory) through the "
                        "fuzz target.\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++)
        bad |= tx_fuzz_run_path(argv[i], &count);
    if (count == 0) {
        fprintf(stderr, "%s: no input files\n", argv[0]);
        return 1;
    }
    printf("%s: %zu inputs replayed\n", argv[0], count);
    return bad;
}
#endif

#endif
