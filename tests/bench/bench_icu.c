/* bench_icu.c: benchmark baselines, ICU word segmentation alone and more.
 * Reads the given files (directories recursively), converts UTF-8 to UTF-16 one
 * paragraph at a time and counts word tokens with an ICU word BreakIterator: roughly
 * the least work any ICU-based tokenizer must do, so scripts/bench can show what
 * `termex extract` costs on top of it. Two more modes show the steps between:
 * --mode sentences adds an ICU sentence BreakIterator over the same text (termex
 * needs both), --mode tokenizer runs termex's own tokenizer (both iterators, case
 * folding, elision and compounds) on each file.  Prints one line of key=value
 * pairs. */
#define _POSIX_C_SOURCE 200809L /* opendir, clock_gettime */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include "error.h"
#include "tokenize.h"

/* A paragraph longer than this is cut at its last line break before the limit
 * (or anywhere on a UTF-8 boundary if it has none), so memory stays bounded. */
#define CHUNK_MAX (64 * 1024)

enum mode { MODE_WORDS, MODE_SENTENCES, MODE_TOKENIZER };

struct bench {
    enum mode mode;
    UBreakIterator *bi;
    UBreakIterator *sents;     /* MODE_SENTENCES */
    tx_tokenizer *tok;         /* MODE_TOKENIZER */
    tx_lang *lang;             /* its profile */
    unsigned long long n_sentences;
    UChar *u16;            /* conversion buffer, u16_cap code units */
    int32_t u16_cap;
    unsigned long long n_bytes;
    unsigned long long n_words;
    unsigned long n_files;
    int n_errors;
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bench_icu [--mode words|sentences|tokenizer] [--locale LOCALE] PATH...\n"
            "Count ICU word tokens (UBRK_WORD, locale fr by default) in the files,\n"
            "directories (recursively) or - (stdin) given. Prints bytes, words,\n"
            "sentences, files, seconds and MB/s (MB = 10^6 bytes) as key=value pairs.\n"
            "  words      ICU word breaking alone (the default)\n"
            "  sentences  the same, plus ICU sentence breaking over the same text\n"
            "  tokenizer  termex's tokenizer (both iterators, case folding, elision)\n");
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Segment one chunk of UTF-8 text and add its words to the counts.
 * Returns 0, or -1 after printing a message. */
static int segment(struct bench *b, const char *text, size_t len)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t n_units = 0;

    if (len == 0)
        return 0;
    /* UTF-16 never needs more code units than UTF-8 has bytes. */
    if ((size_t)b->u16_cap < len) {
        UChar *p = realloc(b->u16, len * sizeof *p);

        if (!p) {
            fprintf(stderr, "bench_icu: out of memory\n");
            return -1;
        }
        b->u16 = p;
        b->u16_cap = (int32_t)len;
    }
    /* Invalid UTF-8 becomes U+FFFD, as a tokenizer reading untrusted text would do. */
    u_strFromUTF8WithSub(b->u16, b->u16_cap, &n_units, text, (int32_t)len, 0xFFFD,
                         NULL, &status);
    if (U_FAILURE(status)) {
        fprintf(stderr, "bench_icu: u_strFromUTF8: %s\n", u_errorName(status));
        return -1;
    }
    ubrk_setText(b->bi, b->u16, n_units, &status);
    if (U_FAILURE(status)) {
        fprintf(stderr, "bench_icu: ubrk_setText: %s\n", u_errorName(status));
        return -1;
    }
    ubrk_first(b->bi);
    while (ubrk_next(b->bi) != UBRK_DONE) {
        /* Statuses in [UBRK_WORD_NONE, UBRK_WORD_NONE_LIMIT) are spaces and
         * punctuation; numbers, letters, kana and ideographs are words. */
        if (ubrk_getRuleStatus(b->bi) >= UBRK_WORD_NONE_LIMIT)
            b->n_words++;
    }
    if (b->mode == MODE_SENTENCES) {
        ubrk_setText(b->sents, b->u16, n_units, &status);
        if (U_FAILURE(status)) {
            fprintf(stderr, "bench_icu: ubrk_setText: %s\n", u_errorName(status));
            return -1;
        }
        ubrk_first(b->sents);
        while (ubrk_next(b->sents) != UBRK_DONE)
            b->n_sentences++;
    }
    return 0;
}

/* MODE_TOKENIZER: the whole text through termex's tokenizer. */
static int tokenize(struct bench *b, const char *text, size_t len)
{
    const tx_sentence *s;
    tx_error err;
    tx_status rc;

    tx_tokenizer_set_text(b->tok, text, len);
    while ((rc = tx_tokenizer_next(b->tok, &s, &err)) == TX_OK && s)
        b->n_sentences++;
    if (rc != TX_OK) {
        fprintf(stderr, "bench_icu: %s\n", err.msg);
        return -1;
    }
    b->n_words += tx_tokenizer_n_words(b->tok);
    return 0;
}

/* Length of the next chunk of `text`: up to and including the next blank line
 * ("\n\n"), but at most CHUNK_MAX bytes, cut after a line break when possible. */
static size_t next_chunk(const char *text, size_t len)
{
    size_t limit = len < CHUNK_MAX ? len : CHUNK_MAX;
    const char *p = text;
    const char *end = text + limit;
    const char *last_nl = NULL;
    size_t cut;

    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        if (p + 1 < text + len && p[1] == '\n')
            return (size_t)(p - text) + 2;
        last_nl = p;
        p++;
    }
    if (limit == len)
        return len;
    if (last_nl)
        return (size_t)(last_nl - text) + 1;
    /* One very long line: cut it, but never inside a UTF-8 sequence. */
    cut = limit;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut--;
    return cut > 0 ? cut : limit;
}

static int bench_buffer(struct bench *b, const char *text, size_t len)
{
    size_t off = 0;

    if (b->mode == MODE_TOKENIZER) {
        if (tokenize(b, text, len) != 0)
            return -1;
    } else {
        while (off < len) {
            size_t n = next_chunk(text + off, len - off);

            if (segment(b, text + off, n) != 0)
                return -1;
            off += n;
        }
    }
    b->n_bytes += len;
    return 0;
}

/* Read a whole file ("-" for stdin) into a malloc'ed buffer; the caller frees it.
 * NULL on error, with errno set. */
static char *read_file(const char *path, size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0;
    size_t n = 0;

    if (!f)
        return NULL;
    for (;;) {
        size_t got;

        if (n == cap) {
            size_t new_cap = cap ? cap * 2 : 1 << 20;
            char *p = realloc(buf, new_cap);

            if (!p) {
                free(buf);
                if (!is_stdin)
                    fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = p;
            cap = new_cap;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        int saved = errno;

        free(buf);
        if (!is_stdin)
            fclose(f);
        errno = saved ? saved : EIO;
        return NULL;
    }
    if (!is_stdin)
        fclose(f);
    *len = n;
    return buf;
}

static void bench_path(struct bench *b, const char *path);

static void bench_dir(struct bench *b, const char *path)
{
    DIR *dir = opendir(path);
    struct dirent *de;

    if (!dir) {
        fprintf(stderr, "bench_icu: cannot open '%s': %s\n", path, strerror(errno));
        b->n_errors++;
        return;
    }
    while ((de = readdir(dir)) != NULL) {
        size_t len;
        char *child;

        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        len = strlen(path) + 1 + strlen(de->d_name) + 1;
        child = malloc(len);
        if (!child) {
            fprintf(stderr, "bench_icu: out of memory\n");
            b->n_errors++;
            break;
        }
        snprintf(child, len, "%s/%s", path, de->d_name);
        bench_path(b, child);
        free(child);
    }
    closedir(dir);
}

static void bench_path(struct bench *b, const char *path)
{
    struct stat st;
    size_t len = 0;
    char *text;

    if (strcmp(path, "-") != 0 && stat(path, &st) != 0) {
        fprintf(stderr, "bench_icu: cannot open '%s': %s\n", path, strerror(errno));
        b->n_errors++;
        return;
    }
    if (strcmp(path, "-") != 0 && S_ISDIR(st.st_mode)) {
        bench_dir(b, path);
        return;
    }
    /* Regular files, and also pipes and devices (/dev/stdin, <(...)). */
    text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "bench_icu: cannot read '%s': %s\n", path, strerror(errno));
        b->n_errors++;
        return;
    }
    if (bench_buffer(b, text, len) != 0)
        b->n_errors++;
    else
        b->n_files++;
    free(text);
}

int main(int argc, char **argv)
{
    const char *locale = "fr";
    struct bench b = { 0 };
    UErrorCode status = U_ZERO_ERROR;
    double t0;
    double secs;
    int i = 1;

    if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        usage(stdout);
        return 0;
    }
    for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--locale") == 0) {
            locale = argv[i + 1];
        } else if (strcmp(argv[i], "--mode") == 0) {
            if (strcmp(argv[i + 1], "words") == 0)
                b.mode = MODE_WORDS;
            else if (strcmp(argv[i + 1], "sentences") == 0)
                b.mode = MODE_SENTENCES;
            else if (strcmp(argv[i + 1], "tokenizer") == 0)
                b.mode = MODE_TOKENIZER;
            else
                break;
        } else {
            break;
        }
    }
    if (i >= argc || strncmp(argv[i], "--", 2) == 0) {
        usage(stderr);
        return 2;
    }
    b.bi = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (U_SUCCESS(status))
        b.sents = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        fprintf(stderr, "bench_icu: ubrk_open: %s\n", u_errorName(status));
        return 1;
    }
    if (b.mode == MODE_TOKENIZER) {
        tx_error err;
        /* The profile of the locale (elisions), from the usual data directory. */
        if (tx_lang_load(locale, NULL, &b.lang, &err) != TX_OK ||
            tx_tokenizer_new(b.lang, &b.tok, &err) != TX_OK) {
            fprintf(stderr, "bench_icu: %s\n", err.msg);
            return 1;
        }
    }
    t0 = now();
    for (; i < argc; i++)
        bench_path(&b, argv[i]);
    secs = now() - t0;
    ubrk_close(b.bi);
    ubrk_close(b.sents);
    tx_tokenizer_free(b.tok);
    tx_lang_free(b.lang);
    free(b.u16);

    printf("bytes=%llu words=%llu sentences=%llu files=%lu seconds=%.3f mb_per_s=%.2f\n",
           b.n_bytes, b.n_words, b.n_sentences, b.n_files, secs,
           secs > 0 ? (double)b.n_bytes / 1e6 / secs : 0.0);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "bench_icu: cannot write output\n");
        return 1;
    }
    return b.n_errors ? 1 : 0;
}
