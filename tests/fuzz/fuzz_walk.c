/* fuzz_walk.c: the decisions `extract` makes about what it finds in a folder.
 *
 * The input describes a small tree, which is built in a temporary directory:
 * 3 bytes an entry (at most 24): a kind, the index of the directory it goes
 * in, and an argument.  Kinds: a text file (whose argument picks one of a few
 * contents, so that copies occur), a directory, a symbolic link to an earlier
 * directory (its own, an ancestor: loops), a FIFO, a link to the glossary or
 * to one of its side files, a link to an earlier entry or to nothing, and an
 * empty or binary file.  Names may hold a byte that is not UTF-8 or a control
 * character.  The glossary itself lives in the walked folder.  Then one
 * extraction runs over the root, and:
 * - it ends (a FIFO opened, a loop walked, would hang: libFuzzer's -timeout);
 * - it succeeds, or fails only as "some inputs skipped" (dangling links);
 * - no document is the glossary or one of its files (nothing reports them
 *   as binary data), and at most as many documents as distinct text files;
 * - every stored document name is valid UTF-8 without control characters. */
#define _XOPEN_SOURCE 700 /* nftw() */
#include "fuzz.h"

#include <ftw.h>
#include <sqlite3.h>

#include "decode.h"
#include "tx.h"

#define MAX_ENTRIES 24

static const char *const texts[] = {
    "La diplomatie préventive est au cœur du mandat. La diplomatie préventive compte.\n",
    "Le Centre régional pour la diplomatie préventive en Asie centrale se réunit.\n",
    "Les zones de paix, de confiance et de coopération sont saluées.\n",
    "La zone de paix et la zone de confiance. La zone de paix.\n",
};

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

typedef struct seen {
    char own[MAX_ENTRIES + 2][300]; /* "PATH: binary" for the glossary and links to it */
    size_t n_own;
    int binary_own; /* one of them was read as a document */
} seen;

static int on_notice(tx_status rc, const char *msg, void *arg)
{
    seen *s = arg;

    for (size_t i = 0; rc != TX_OK && i < s->n_own; i++)
        if (strstr(msg, s->own[i]))
            s->binary_own = 1;
    return 0;
}

static int check_names(const char *db)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *s = NULL;
    int ok = 1;

    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(h, "SELECT path FROM documents", -1, &s, NULL) != SQLITE_OK) {
        sqlite3_close(h);
        return 1; /* no glossary to look at: nothing stored */
    }
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(s, 0);
        size_t len = p ? strlen(p) : 0;
        if (!p || tx_utf8_check(p, len, NULL) != TX_OK)
            ok = 0;
        for (size_t i = 0; i < len; i++)
            if ((unsigned char)p[i] < 0x20 || p[i] == 0x7F)
                ok = 0;
    }
    sqlite3_finalize(s);
    sqlite3_close(h);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char root[96], paths[MAX_ENTRIES + 1][256], db[128];
    int is_dir[MAX_ENTRIES + 1] = {1};
    size_t n = 1, n_texts = 0;
    int text_used[4] = {0};
    tx_store *st = NULL;
    tx_extract_opts o;
    tx_extract_stats stats;
    tx_error err;
    static seen s;
    tx_status rc;
    const char *walk[1];
    const char *tmp = getenv("TMPDIR"); /* ctest sets it to BUILD/tmp */

    snprintf(root, sizeof root, "%s/tx-fuzz-walk-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root))
        return 0;
    snprintf(paths[0], sizeof paths[0], "%s", root);
    snprintf(db, sizeof db, "%s/g.db", root);
    memset(&s, 0, sizeof s);
    snprintf(s.own[s.n_own++], sizeof s.own[0], "%s: binary", db);
    for (size_t i = 0; i + 3 <= size && n <= MAX_ENTRIES; i += 3, n++) {
        unsigned kind = data[i] % 8, arg = data[i + 2];
        size_t parent = 0;
        char odd[2] = {(char)(data[i + 1] >> 3), 0};
        FILE *f;

        /* the parent: one of the directories made so far */
        for (size_t k = 0, want = data[i + 1] % n; k < n; k++)
            if (is_dir[k] && k <= want)
                parent = k;
        /* a name, sometimes with a control character or a Latin-1 byte */
        if (!odd[0] || odd[0] == '/')
            odd[0] = '\n';
        snprintf(paths[n], sizeof paths[n], "%s/e%zu%s", paths[parent], n,
                 data[i + 1] & 4 ? odd : data[i + 1] & 2 ? "\xe9" : "");
        is_dir[n] = 0;
        switch (kind) {
        case 0: /* a text file */
            if ((f = fopen(paths[n], "w"))) {
                fputs(texts[arg % 4], f);
                fclose(f);
                n_texts += !text_used[arg % 4];
                text_used[arg % 4] = 1;
            }
            break;
        case 1:
            is_dir[n] = mkdir(paths[n], 0755) == 0;
            break;
        case 2: /* a link to a directory made earlier: a loop when an ancestor */
            for (size_t k = arg % n;; k = (k + 1) % n)
                if (is_dir[k]) {
                    (void)!symlink(paths[k], paths[n]);
                    break;
                }
            break;
        case 3:
            mkfifo(paths[n], 0644);
            break;
        case 4: { /* a link to the glossary or one of its side files */
            static const char *const side[] = {"", "-wal", "-shm", "-journal"};
            char target[160];
            snprintf(target, sizeof target, "%s%s", db, side[arg % 4]);
            if (symlink(target, paths[n]) == 0)
                snprintf(s.own[s.n_own++], sizeof s.own[0], "%s: binary", paths[n]);
            break;
        }
        case 5: /* a link to an earlier entry, or to nothing */
            (void)!symlink(arg % 3 ? paths[arg % n] : "/nonexistent/x", paths[n]);
            break;
        case 6: /* empty */
            if ((f = fopen(paths[n], "w")))
                fclose(f);
            break;
        default: /* binary */
            if ((f = fopen(paths[n], "w"))) {
                fwrite("\0\1\2binary", 1, 9, f);
                fclose(f);
            }
            break;
        }
    }

    tx_extract_opts_init(&o);
    o.data_dir = TX_DATA_DIR;
    o.min_freq = 1;
    o.jobs = size % 2 ? 2 : 1;
    o.notice = on_notice;
    o.cb_arg = &s;
    walk[0] = root;
    if (tx_store_open(db, &st, &err) != TX_OK)
        abort();
    rc = tx_extract_run(st, walk, 1, &o, &stats, &err);
    tx_store_close(st);
    if (rc != TX_OK && rc != TX_EPARTIAL) {
        fprintf(stderr, "fuzz_walk: %s\n", err.msg);
        abort();
    }
    if (s.binary_own || stats.n_added > n_texts || !check_names(db))
        abort();
    nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}
