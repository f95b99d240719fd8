/* fuzz_lang.c: tx_lang_load() on any bytes, as a profile.txt and as a stop.txt
 * (beside a minimal profile.txt), in a temporary data directory. */
#include "fuzz.h"

#include "lang.h"

static char dir[64];
static char lang_dir[96], profile[128], stop[128];

static void cleanup(void)
{
    unlink(profile);
    unlink(stop);
    rmdir(lang_dir);
    rmdir(dir);
}

static int put(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    int ok;

    if (!f)
        return 0;
    ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

/* Load the profile "xx" and check what a loaded profile promises. */
static void load(void)
{
    static const char *const words[] = {"de", "l'", "", "matière", "rappelant"};
    tx_lang *l = NULL;
    tx_error err;
    size_t max;

    if (tx_lang_load("xx", dir, &l, &err) != TX_OK) {
        if (l || !err.msg[0])
            abort();
        return;
    }
    if (strcmp(tx_lang_code(l), "xx") != 0 || !tx_lang_snowball(l)[0])
        abort();
    for (const char *const *e = tx_lang_elisions(l, &max); *e; e++)
        if (strlen(*e) > max || (*e)[strlen(*e) - 1] != '\'')
            abort();
    /* The lookups, on words a profile may or may not hold. */
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t n = strlen(words[i]), n_locs;
        (void)tx_lang_is_stopword(l, words[i], n);
        (void)tx_lang_inner(l, words[i], n);
        (void)tx_lang_is_determiner(l, words[i], n);
        (void)tx_lang_locutions(l, words[i], n, &n_locs);
        (void)tx_lang_is_clause_opener(l, words[i], n, 1);
        (void)tx_lang_is_participle_before(l, words[i], n, "à", strlen("à"));
    }
    tx_lang_free(l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char minimal[] = "snowball = english\n";

    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/tx-fuzz-lang-XXXXXX");
        if (!mkdtemp(dir)) {
            dir[0] = '\0';
            return 0;
        }
        snprintf(lang_dir, sizeof lang_dir, "%s/xx", dir);
        snprintf(profile, sizeof profile, "%s/profile.txt", lang_dir);
        snprintf(stop, sizeof stop, "%s/stop.txt", lang_dir);
        if (mkdir(lang_dir, 0700) != 0)
            return 0;
        atexit(cleanup);
    }
    unlink(stop);
    if (put(profile, data, size))
        load();
    if (put(profile, minimal, sizeof minimal - 1) && put(stop, data, size))
        load();
    return 0;
}
