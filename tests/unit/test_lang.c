/* test_lang.c: language profiles (extractor/lang.c): the French and English
 * profiles of stopwords/, tags and the lookup of a profile's folder, and
 * malformed profiles, each refused with its file and line. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "lang.h"

/* Room for a message of tx_error. */
enum { MSG_SIZE = sizeof ((tx_error *)0)->msg };

/* Profiles written by the tests go under the build tree. */
static const char *const tmp = TX_TEST_TMP;

static int has(const tx_lang *l, int (*is)(const tx_lang *, const char *, size_t),
               const char *w)
{
    return is(l, w, strlen(w));
}

static void test_french(void)
{
    tx_lang *l = NULL;
    tx_error err;
    const tx_inner *in;
    const tx_locution *loc;
    const char *const *el;
    size_t n, max = 0;

    check(tx_lang_load("fr", TX_DATA_DIR, &l, &err) == TX_OK, "%s", err.msg);
    if (!l)
        return;
    check_str(tx_lang_code(l), "fr");
    check_str(tx_lang_snowball(l), "french");
    check(tx_lang_nouns_first(l), "nouns first");
    /* stop.txt and verbs.txt */
    check(has(l, tx_lang_is_stopword, "les") && has(l, tx_lang_is_stopword, "l'"), "stop");
    check(has(l, tx_lang_is_stopword, "représentent"), "verbs.txt read too");
    check(!has(l, tx_lang_is_stopword, "paix"), "not a stopword");
    check(tx_lang_n_stopwords(l) > 10000, "%zu stopwords", tx_lang_n_stopwords(l));
    in = tx_lang_inner(l, "des", 3);
    check(in && strcmp(in->norm, "de") == 0 && in->role == 'p', "des -> de");
    in = tx_lang_inner(l, "et", 2);
    check(in && in->role == 'c', "et is a conjunction");
    in = tx_lang_inner(l, "l'", 2);
    check(in && strcmp(in->norm, "le") == 0 && in->role == 'a', "l' -> le");
    check(has(l, tx_lang_is_determiner, "ces") && !has(l, tx_lang_is_determiner, "de"),
          "determiners");
    el = tx_lang_elisions(l, &max);
    for (n = 0; el[n]; n++)
        ;
    check(n == 13 && max == 7 && strcmp(el[0], "jusqu'") == 0, "%zu elisions", n);
    check(tx_lang_is_clause_opener(l, "rappelant", 9, 0), "strong ending");
    check(!tx_lang_is_clause_opener(l, "guidée", strlen("guidée"), 0) &&
              tx_lang_is_clause_opener(l, "guidée", strlen("guidée"), 1),
          "weak ending before a function word only");
    check(tx_lang_is_participle_before(l, "visés", strlen("visés"), "à", strlen("à")),
          "visés à");
    loc = tx_lang_locutions(l, "matière", strlen("matière"), &n);
    check(loc && n == 1 && loc->noun == 1 && strcmp(loc->words[0], "en") == 0 &&
              strcmp(loc->words[2], "de") == 0,
          "en matière de");
    /* "à l'aide de": the elided article is a word, in key form. */
    loc = tx_lang_locutions(l, "aide", 4, &n);
    check(loc && n == 1 && loc->noun == 2 && strcmp(loc->words[1], "le") == 0, "à l'aide de");
    tx_lang_free(l);
}

static void test_english(void)
{
    tx_lang *l = NULL;
    tx_error err;
    size_t n, max = 1;

    check(tx_lang_load("EN", TX_DATA_DIR, &l, &err) == TX_OK, "%s", err.msg);
    if (!l)
        return;
    check_str(tx_lang_code(l), "en");
    check_str(tx_lang_snowball(l), "english");
    check(!tx_lang_nouns_first(l) && !has(l, tx_lang_is_determiner, "the"), "no nouns first");
    check(tx_lang_elisions(l, &max)[0] == NULL && max == 0, "no elisions");
    check(!tx_lang_is_clause_opener(l, "recalling", 9, 0) &&
              tx_lang_is_clause_opener(l, "recalling", 9, 1),
          "-ing only before a function word");
    check(tx_lang_locutions(l, "behalf", 6, &n) && n == 1, "on behalf of");
    tx_lang_free(l);
}

/* Write `text` to <tmp>/<dir>/<name>, making the folders. */
static void put(const char *dir, const char *name, const char *text, size_t len)
{
    char path[1024];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", tmp, dir);
    mkdir(tmp, 0777);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/%s/%s", tmp, dir, name);
    f = fopen(path, "wb");
    check(f != NULL, "cannot write '%s': %s", path, strerror(errno));
    if (!f)
        return;
    fwrite(text, 1, len, f);
    fclose(f);
}

static void put_str(const char *dir, const char *name, const char *text)
{
    put(dir, name, text, strlen(text));
}

/* Load `tag` from the test directory: the status, the message in `msg`. */
static tx_status load(const char *tag, tx_lang **out, char msg[MSG_SIZE])
{
    tx_error err;
    tx_status rc = tx_lang_load(tag, tmp, out, &err);

    snprintf(msg, sizeof err.msg, "%s", rc == TX_OK ? "" : err.msg);
    return rc;
}

/* A profile.txt of `text` in <tmp>/xx must fail with TX_EINPUT and a message
 * holding `want`. */
static void check_bad(const char *text, size_t len, const char *want)
{
    tx_lang *l = NULL;
    char msg[MSG_SIZE];
    tx_status rc;

    put("xx", "profile.txt", text, len);
    rc = load("xx", &l, msg);
    check(rc == TX_EINPUT && !l && strstr(msg, want), "got %d '%s', want '%s'", (int)rc,
          msg, want);
    tx_lang_free(l);
}

#define BAD(text, want) check_bad(text, sizeof text - 1, want)

static void test_malformed(void)
{
    char *big;
    size_t i;
    tx_lang *l = NULL;
    char msg[MSG_SIZE];

    BAD("# nothing\n", "xx/profile.txt: no 'snowball = NAME' setting");
    BAD("\nsnowball = klingon\n", "xx/profile.txt:2: libstemmer has no Snowball stemmer 'klingon'");
    BAD("snowball = french\nsnowball = french\n", ":2: snowball is set twice");
    BAD("snowball = french\nnouns-first = maybe\n", ":2: nouns-first is yes or no");
    BAD("snowball = french\nnouns-first = yes\n", "nouns-first = yes needs [determiners]");
    BAD("snowball = french\ncolour = blue\n", ":2: unknown setting 'colour'");
    BAD("snowball = french\njust words\n", ":2: expected 'name = value' or a [section]");
    BAD("snowball = french\n[stopwords]\n", ":2: unknown section '[stopwords]'");
    BAD("snowball = french\n[inner-words]\nde de\n", ":3: expected 'word key-form role'");
    BAD("snowball = french\n[inner-words]\nde de p\n", ":3: the role is article");
    BAD("snowball = french\n[inner-words]\nde de preposition x\n", ":3: expected");
    BAD("snowball = french\n[determiners]\nLa\n", ":3: 'La' is not in lower case");
    BAD("snowball = french\n[determiners]\nÉtats\n", ":3: 'États' is not in lower case");
    BAD("snowball = french\n[determiners]\nle la\n", ":3: 'le la' is not one word");
    BAD("snowball = french\n[elisions]\nl\n", ":3: an elision is at most");
    BAD("snowball = french\n[elisions]\nè'\n", ":3: an elision is at most");
    BAD("snowball = french\n[elisions]\n'\n", ":3: an elision is at most");
    BAD("snowball = french\n[complex-prepositions]\nmatière\n", ":3: a complex preposition");
    BAD("snowball = french\n[complex-prepositions]\na b c d e f g\n",
        ":3: a complex preposition has 2 to 6 words");
    BAD("snowball = french\n[determiners]\nl\xe0\n", ":3: invalid UTF-8 at byte 2");
    BAD("snowball = french\n[determiners]\nl\0a\n", ":3: NUL byte");
    /* Lines: 1000 bytes are enough, 1001 are too many. */
    big = malloc(TX_PROFILE_MAX_BYTES + 64);
    if (!big)
        return;
    memcpy(big, "snowball = french\n[determiners]\n", 32);
    memset(big + 32, 'a', TX_PROFILE_MAX_LINE);
    memcpy(big + 32 + TX_PROFILE_MAX_LINE, "\n", 2);
    put("xx", "profile.txt", big, strlen(big));
    check(load("xx", &l, msg) == TX_OK, "a line of %d bytes: %s", TX_PROFILE_MAX_LINE, msg);
    tx_lang_free(l);
    memcpy(big + 32 + TX_PROFILE_MAX_LINE, "a\n", 3);
    check_bad(big, strlen(big), ":3: line longer than 1000 bytes");
    /* A stop list over the size limit, of short lines. */
    put_str("xx", "profile.txt", "snowball = french\n");
    for (i = 0; i < TX_PROFILE_MAX_BYTES + 2; i += 2)
        memcpy(big + i, "a\n", 2);
    put("xx", "stop.txt", big, TX_PROFILE_MAX_BYTES + 2);
    check(load("xx", &l, msg) == TX_EINPUT && strstr(msg, "xx/stop.txt: larger than"), "%s",
          msg);
    free(big);
    put_str("xx", "stop.txt", "le\n'\n");
    check(load("xx", &l, msg) == TX_EINPUT && strstr(msg, "xx/stop.txt:2: an apostrophe"),
          "%s", msg);
    put_str("xx", "stop.txt", "le\nLes\n");
    check(load("xx", &l, msg) == TX_EINPUT && strstr(msg, "xx/stop.txt:2: 'Les' is not"),
          "%s", msg);
    put_str("xx", "stop.txt", "");
    put_str("xx", "verbs.txt", "est\n\nsont trop\n");
    check(load("xx", &l, msg) == TX_EINPUT && strstr(msg, "xx/verbs.txt:3: 'sont trop'"),
          "%s", msg);
    put_str("xx", "verbs.txt", "");
}

static void test_lookup(void)
{
    tx_lang *l = NULL;
    char msg[MSG_SIZE];

    /* A minimal profile; CRLF lines, a BOM, blanks and comments are fine. */
    put_str("yy", "profile.txt",
            "\xef\xbb\xbf# a test profile\r\n  snowball=spanish \r\n\r\n[elisions]\r\n"
            "  dell'\t\r\n[determiners]\r\n# none\r\n[inner-words]\r\nde\tde  preposition\r\n");
    put_str("yy", "stop.txt", "# words\nde\n  la  \nl'\n");
    check(load("YY", &l, msg) == TX_OK, "%s", msg);
    if (l) {
        size_t max;
        check_str(tx_lang_code(l), "yy");
        check_str(tx_lang_snowball(l), "spanish");
        check(!tx_lang_nouns_first(l), "nouns-first is off by default");
        check(tx_lang_n_stopwords(l) == 3 && has(l, tx_lang_is_stopword, "l'"), "stop");
        check_str(tx_lang_elisions(l, &max)[0], "dell'");
        check(max == 5, "longest elision %zu", max);
        check(tx_lang_inner(l, "de", 2) != NULL, "inner word");
        tx_lang_free(l);
    }
    /* A region uses its language's profile and keeps its own tag... */
    check(load("yy_zz", &l, msg) == TX_OK, "%s", msg);
    if (l)
        check_str(tx_lang_code(l), "yy-ZZ");
    tx_lang_free(l);
    check(load("yy-x-private", &l, msg) == TX_OK, "%s", msg);
    if (l)
        check_str(tx_lang_code(l), "yy-x-private");
    tx_lang_free(l);
    /* ...unless it has a profile of its own. */
    put_str("yy-ZZ", "profile.txt", "snowball = english\n");
    check(load("YY-zz", &l, msg) == TX_OK, "%s", msg);
    if (l)
        check_str(tx_lang_snowball(l), "english");
    tx_lang_free(l);
    check(load("zz", &l, msg) == TX_ENOTFOUND && strstr(msg, "no language profile for 'zz'"),
          "%s", msg);
    check(load("../yy", &l, msg) == TX_EINVAL && strstr(msg, "invalid language code"), "%s",
          msg);
    check(load("y", &l, msg) == TX_EINVAL, "one letter");
    check(load(NULL, &l, msg) == TX_EINVAL, "no tag");
    check(!l, "no profile on failure");
}

int main(void)
{
    test_french();
    test_english();
    test_malformed();
    test_lookup();
    return check_done();
}
