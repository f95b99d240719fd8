/* test_langid.c: language identification per paragraph (langid.h), on
 * real UN text: the French and English sides of tests/data/parallel.
 *
 * `test_langid --measure FR EN` prints, for paragraph starts of 20 to 160
 * bytes, how often lines of FR and EN (one paragraph a line) are judged
 * "other" in a French run, and the time per judgement: how TX_LANGID_MIN_BYTES
 * was chosen (docs/performance.md).  `test_langid --show FILE` prints the
 * lines of FILE (one paragraph a line) a French run would drop. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "lang.h"
#include "langid.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (s = malloc((size_t)n + 1)) && fread(s, 1, (size_t)n, f) == (size_t)n) {
        s[n] = '\0';
        *len = (size_t)n;
    } else {
        free(s);
        s = NULL;
    }
    fclose(f);
    return s;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Lines of `text` judged "other" when cut to `cut` bytes; *n gets the lines. */
static size_t count_other(const tx_langid *id, const char *text, size_t len, size_t cut,
                          size_t *n)
{
    size_t other = 0;

    *n = 0;
    for (const char *p = text, *end = text + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (l >= cut) {
            /* cut as tx_langid_judge() cuts: before a continuation byte */
            size_t c = cut;
            while (c && ((unsigned char)p[c] & 0xc0) == 0x80)
                c--;
            other += tx_langid_judge(id, p, c) == TX_LANGID_OTHER;
            (*n)++;
        }
        p += l + 1;
    }
    return other;
}

static int measure(const tx_langid *id, const char *fr_path, const char *en_path)
{
    size_t fr_len = 0, en_len = 0, n_fr, n_en;
    char *fr = slurp(fr_path, &fr_len), *en = slurp(en_path, &en_len);

    if (!fr || !en)
        return fprintf(stderr, "cannot read the texts\n"), 1;
    printf("bytes\tFR judged other\tEN judged other\tus per judgement\n");
    for (size_t cut = 20; cut <= 320; cut += cut < 160 ? 20 : 80) {
        double t = now();
        size_t a = count_other(id, fr, fr_len, cut, &n_fr);
        size_t b = count_other(id, en, en_len, cut, &n_en);
        t = now() - t;
        printf("%zu\t%zu/%zu (%.1f%%)\t%zu/%zu (%.1f%%)\t%.1f\n", cut, a, n_fr,
               100.0 * (double)a / (double)(n_fr ? n_fr : 1), b, n_en,
               100.0 * (double)b / (double)(n_en ? n_en : 1),
               1e6 * t / (double)(n_fr + n_en ? n_fr + n_en : 1));
    }
    printf("stopword share\tFR lines at or above\tEN lines at or above\n");
    for (int k = 0; k <= 10; k++) {
        size_t a = 0, b = 0;
        n_fr = n_en = 0;
        for (int side = 0; side < 2; side++) {
            const char *text = side ? en : fr, *end = text + (side ? en_len : fr_len);
            for (const char *p = text; p < end;) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
                if (l >= TX_LANGID_MIN_BYTES) {
                    int hit = tx_langid_stop_share(id, p, l, NULL) >= k / 20.0;
                    *(side ? &b : &a) += hit;
                    (*(side ? &n_en : &n_fr))++;
                }
                p += l + 1;
            }
        }
        printf("%.2f\t%zu/%zu\t%zu/%zu\n", k / 20.0, a, n_fr, b, n_en);
    }
    free(fr);
    free(en);
    return 0;
}

/* Filter `in` in a French run; the text left. */
static char *filter(const tx_langid *id, const char *in, uint64_t *dropped)
{
    size_t len = strlen(in);
    char *s = strdup(in);
    tx_error err;

    *dropped = 0;
    check(tx_langid_filter(id, NULL, s, &len, dropped, &err) == TX_OK, "filter");
    check(strlen(s) == len, "length %zu", len);
    return s;
}

/* The lines of `path` from `first` (0-based), `n` of them, '\n'-terminated. */
static void add_lines(char *out, size_t cap, const char *path, size_t first, size_t n)
{
    size_t len = 0, line = 0;
    char *text = slurp(TX_TEST_DATA "/parallel/un-fr.txt", &len);

    if (strcmp(path, "en") == 0) {
        free(text);
        text = slurp(TX_TEST_DATA "/parallel/un-en.txt", &len);
    }
    check(text != NULL, "read %s", path);
    for (char *p = text; text && *p && line < first + n; line++) {
        char *nl = strchr(p, '\n');
        size_t l = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (line >= first && strlen(out) + l + 1 < cap)
            strncat(out, p, l);
        p += l;
    }
    free(text);
}

static void test_filter(const tx_langid *id)
{
    char doc[8192] = "";
    uint64_t dropped;
    char *s;

    /* French with two English paragraphs, a short English line between
     * them, a page marker */
    add_lines(doc, sizeof doc, "fr", 0, 3);
    add_lines(doc, sizeof doc, "en", 3, 1);
    strcat(doc, "See Section 2.\n");
    add_lines(doc, sizeof doc, "en", 4, 1);
    strcat(doc, "\f\n");
    add_lines(doc, sizeof doc, "fr", 5, 3);
    strcat(doc, "Annexe\n"); /* short, French neighbours: kept */
    s = filter(id, doc, &dropped);
    check(dropped == 3, "dropped %llu", (unsigned long long)dropped);
    check(strstr(s, "See Section") == NULL, "short line between English paragraphs");
    check(strstr(s, "The Central Asian") == NULL, "English paragraph");
    check(strstr(s, "\f\n") != NULL, "page marker kept");
    check(strstr(s, "Annexe\n") != NULL, "short French line kept");
    check(strstr(s, "Centre régional") != NULL || strstr(s, "Asie centrale") != NULL,
          "French kept");
    free(s);

    /* an all-English document in a French run: everything goes, its short
     * lines with it */
    doc[0] = '\0';
    strcat(doc, "Introduction\n");
    add_lines(doc, sizeof doc, "en", 10, 6);
    strcat(doc, "Thank you.\n");
    s = filter(id, doc, &dropped);
    check(dropped == 8 && s[0] == '\0', "all English: dropped %llu, left '%s'",
          (unsigned long long)dropped, s);
    free(s);

    /* a cut UTF-8 sequence at the end is not read */
    {
        static const char cut[] = "Le Centre r\xc3\xa9gional de la diplomatie pr\xc3";
        check(tx_langid_judge(id, cut, sizeof cut - 1) == TX_LANGID_SAME, "cut sequence");
    }
    /* a document of short lines only takes the document's verdict */
    s = filter(id, "Water resources\nBorder security\nThe Regional Centre\n"
                   "Preventive diplomacy and the region\n", &dropped);
    check(dropped == 4, "short English lines: dropped %llu", (unsigned long long)dropped);
    free(s);
    s = filter(id, "Ressources en eau\nSécurité des frontières\nLe Centre régional\n"
                   "La diplomatie préventive dans la région\n", &dropped);
    check(dropped == 0, "short French lines: dropped %llu", (unsigned long long)dropped);
    free(s);
}

int main(int argc, char **argv)
{
    tx_lang *fr = NULL, *en = NULL;
    tx_langid *id = NULL, *none = NULL;
    tx_error err;
    int rc = 0;

    check(tx_lang_load("fr", TX_DATA_DIR, &fr, &err) == TX_OK, "load fr: %s", err.msg);
    check(tx_lang_load("en", TX_DATA_DIR, &en, &err) == TX_OK, "load en: %s", err.msg);
    if (!fr || !en)
        return check_done();
    check(tx_langid_new(fr, NULL, &id, &err) == TX_OK && id, "langid fr: %s", err.msg);
    if (!id)
        return check_done();
    if (argc == 3 && strcmp(argv[1], "--show") == 0) {
        size_t len = 0;
        char *text = slurp(argv[2], &len), *kept;
        uint64_t n = 0;
        rc = !text;
        for (char *p = text, *nl; text && *p; p = nl + 1) {
            if (!(nl = strchr(p, '\n')))
                break;
            *nl = '\0';
            kept = filter(id, p, &n);
            if (n)
                printf("%s\n", p);
            free(kept);
            *nl = '\n';
        }
        free(text);
    } else if (argc == 4 && strcmp(argv[1], "--measure") == 0) {
        rc = measure(id, argv[2], argv[3]);
    } else {
        test_filter(id);
        /* a bad fingerprint folder is an error naming the file */
        check(tx_langid_new(en, "/nonexistent", &none, &err) == TX_EINPUT && !none,
              "missing fingerprint");
        check(strstr(err.msg, "/nonexistent/en.lm") != NULL, "message: %s", err.msg);
    }
    tx_langid_free(id);
    tx_lang_free(fr);
    tx_lang_free(en);
    return rc ? rc : check_done();
}
