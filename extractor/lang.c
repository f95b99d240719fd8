/* lang.c: language profiles, read from stopwords/<tag>/ (see lang.h).
 *
 * profile.txt is parsed line by line into the settings and the lists of its
 * sections; stop.txt and verbs.txt fill the stop list; then the lookup
 * tables are built: function words by word, complex prepositions by noun. */
#define _POSIX_C_SOURCE 200809L
#include "lang.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h> /* access() */

#include "decode.h"   /* tx_utf8_check() */
#include "datadir.h"
#include "error.h"
#include "lexicon.h"
#include "stem.h"     /* tx_stem_known() */
#include "strmap.h"
#include "tokenize.h" /* tx_is_folded() */

/* The sections of profile.txt; SEC_SETTINGS is what comes before the first. */
enum {
    SEC_SETTINGS,
    SEC_INNER,
    SEC_DETERMINERS,
    SEC_ELISIONS,
    SEC_LOCUTIONS,
    SEC_OPENERS,
    SEC_OPENERS_WEAK,
    SEC_PARTICIPLE_ENDS,
    SEC_PARTICIPLE_PREPS,
    N_SECTIONS
};

static const char *const section_names[N_SECTIONS] = {
    "", "inner-words", "determiners", "elisions", "complex-prepositions",
    "clause-openers", "clause-openers-before-function-word", "participle-endings",
    "participle-prepositions"};

/* Longest elided form: the tokenizer looks for the apostrophe this far. */
#define MAX_ELISION 16

/* A list of words, NULL-terminated once it has one (v[n] == NULL). */
typedef struct wordlist {
    char **v;
    size_t n, cap;
} wordlist;

struct tx_lang {
    char code[TX_LANGTAG_MAX]; /* the tag asked for, canonical */
    char profile[TX_LANGTAG_MAX]; /* the tag of the profile found for it */
    char folder[4096];         /* the profile's folder */
    char snowball[32];
    char textcat[TX_TEXTCAT_NAME_MAX]; /* the fingerprint of the language, or "" */
    wordlist textcat_others;   /* the fingerprints it is told apart from */
    int nouns_first;           /* 0, 1, or -1 while not set */
    tx_strmap stop;            /* word -> non-NULL */
    wordlist lists[N_SECTIONS]; /* the word sections (not SEC_INNER) */
    tx_inner *inner;           /* [inner-words], strings malloc'd */
    size_t n_inner, inner_cap;
    tx_strmap inner_map;       /* word -> its entry in `inner` */
    size_t max_elision;        /* bytes of the longest elision */
    tx_locution *locs;         /* sorted by noun */
    size_t n_locs;
    char *loc_words;           /* the words of `locs` that are not function words */
    tx_strmap loc_map;         /* noun -> its first entry in `locs` */
    tx_lex *lex;               /* lexicon.txt, or NULL */
    int stem_keys;             /* keys of Snowball stems even with a lexicon */
};

static const char *const empty_list[] = {NULL};

static const char *const *words(const tx_lang *l, int sec)
{
    return l->lists[sec].n ? (const char *const *)l->lists[sec].v : empty_list;
}

/* Append a copy of `len` bytes of `s` to `w`; -1 when out of memory. */
static int wordlist_add(wordlist *w, const char *s, size_t len)
{
    char *copy;

    if (w->n + 2 > w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 16;
        char **v = realloc(w->v, cap * sizeof *v);
        if (!v)
            return -1;
        w->v = v;
        w->cap = cap;
    }
    if (!(copy = strndup(s, len)))
        return -1;
    w->v[w->n++] = copy;
    w->v[w->n] = NULL;
    return 0;
}

static void wordlist_release(wordlist *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
}

/* ---- reading a file of a profile ---- */

/* A file of a profile, read a line at a time within the limits of lang.h. */
typedef struct reader {
    FILE *f;
    const char *path;
    unsigned long line;   /* number of the line last read */
    size_t bytes;         /* read so far */
    char buf[TX_PROFILE_MAX_LINE + 2]; /* a line, its '\r' and a NUL */
} reader;

/* Open `path` for `r`.  TX_ENOTFOUND when it does not exist, TX_EIO (in
 * `err`) when it cannot be opened. */
static tx_status reader_open(reader *r, const char *path, tx_error *err)
{
    r->path = path;
    r->line = 0;
    r->bytes = 0;
    if ((r->f = fopen(path, "r")))
        return TX_OK;
    if (errno == ENOENT)
        return TX_ENOTFOUND;
    return tx_fail(err, TX_EIO, "cannot open '%s': %s", path, strerror(errno));
}

static int is_blank(int c)
{
    return c == ' ' || c == '\t';
}

/* Read one line into r->buf, its length in *len; 0 at the end of the file. */
static tx_status read_line(reader *r, size_t *len, int *eof, tx_error *err)
{
    size_t n = 0;
    int c;

    r->line++;
    while ((c = getc(r->f)) != EOF && c != '\n') {
        if (++r->bytes > TX_PROFILE_MAX_BYTES)
            return tx_fail(err, TX_EINPUT, "%s: larger than %zu bytes", r->path,
                           TX_PROFILE_MAX_BYTES);
        if (c == '\0')
            return tx_fail(err, TX_EINPUT, "%s:%lu: NUL byte", r->path, r->line);
        if (n == sizeof r->buf - 1)
            return tx_fail(err, TX_EINPUT, "%s:%lu: line longer than %d bytes", r->path,
                           r->line, TX_PROFILE_MAX_LINE);
        r->buf[n++] = (char)c;
    }
    if (c == EOF && ferror(r->f))
        return tx_fail(err, TX_EIO, "cannot read '%s': %s", r->path, strerror(errno));
    r->bytes++;
    *eof = c == EOF && n == 0;
    if (n && r->buf[n - 1] == '\r')
        n--;
    if (n > TX_PROFILE_MAX_LINE)
        return tx_fail(err, TX_EINPUT, "%s:%lu: line longer than %d bytes", r->path,
                       r->line, TX_PROFILE_MAX_LINE);
    r->buf[n] = '\0';
    *len = n;
    return TX_OK;
}

/* The next line that is neither blank nor a comment, trimmed, in *out (NULL
 * at the end of the file) with its length in *len.  The line is checked
 * (UTF-8, limits) and lives in `r` until the next call. */
static tx_status next_line(reader *r, char **out, size_t *len, tx_error *err)
{
    tx_status rc;
    size_t n = 0, off;
    int eof;

    *out = NULL;
    for (;;) {
        char *s = r->buf;
        if ((rc = read_line(r, &n, &eof, err)) != TX_OK || eof)
            return rc;
        if (tx_utf8_check(s, n, &off) != TX_OK)
            return tx_fail(err, TX_EINPUT, "%s:%lu: invalid UTF-8 at byte %zu", r->path,
                           r->line, off + 1);
        if (r->line == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
            s += 3, n -= 3; /* a byte order mark */
        while (n && is_blank((unsigned char)s[n - 1]))
            n--;
        while (n && is_blank((unsigned char)*s))
            s++, n--;
        s[n] = '\0';
        if (n && *s != '#') {
            *out = s;
            *len = n;
            return TX_OK;
        }
    }
}

static void reader_close(reader *r)
{
    if (r->f)
        fclose(r->f);
    r->f = NULL;
}

/* Is `s` (`len` bytes) one word, written as the text's words are compared:
 * no space inside, case-folded?  Else fail naming the line. */
static tx_status check_word(const reader *r, const char *s, size_t len, tx_error *err)
{
    for (size_t i = 0; i < len; i++)
        if (is_blank((unsigned char)s[i]))
            return tx_fail(err, TX_EINPUT, "%s:%lu: '%.*s' is not one word", r->path,
                           r->line, (int)len, s);
    if (!tx_is_folded(s, len))
        return tx_fail(err, TX_EINPUT, "%s:%lu: '%.*s' is not in lower case (words are "
                       "compared case-folded)", r->path, r->line, (int)len, s);
    return TX_OK;
}

/* ---- profile.txt ---- */

/* Is `s` (`len` bytes) a fingerprint name: letters, digits, '-', '_'?  (A
 * name, never a path: a profile may come from anywhere.) */
static int is_textcat_name(const char *s, size_t len)
{
    if (!len || len >= TX_TEXTCAT_NAME_MAX)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
            return 0;
    return 1;
}

/* Set textcat = NAME, or textcat-others = NAME NAME... (fingerprint names of
 * libexttextcat, checked for their form here, for their file by langid.c). */
static tx_status add_textcat(tx_lang *l, const reader *r, const char *name,
                             const char *value, tx_error *err)
{
    int others = strcmp(name, "textcat-others") == 0;
    size_t n = 0;

    if (others ? l->textcat_others.n != 0 : l->textcat[0] != '\0')
        return tx_fail(err, TX_EINPUT, "%s:%lu: %s is set twice", r->path, r->line, name);
    for (const char *p = value; *p; p += n) {
        while (is_blank((unsigned char)*p))
            p++;
        for (n = 0; p[n] && !is_blank((unsigned char)p[n]); n++)
            ;
        if (!n)
            break;
        if (!is_textcat_name(p, n) || (!others && p[n]))
            return tx_fail(err, TX_EINPUT, "%s:%lu: %s is %s of libexttextcat (letters, "
                           "digits, '-', '_'), not '%.40s'", r->path, r->line, name,
                           others ? "a list of fingerprint names" : "a fingerprint name",
                           value);
        if (!others)
            memcpy(l->textcat, p, n + 1);
        else if (l->textcat_others.n == TX_TEXTCAT_MAX_OTHERS)
            return tx_fail(err, TX_EINPUT, "%s:%lu: more than %d fingerprints", r->path,
                           r->line, TX_TEXTCAT_MAX_OTHERS);
        else if (wordlist_add(&l->textcat_others, p, n) < 0)
            return tx_fail(err, TX_ENOMEM, "out of memory");
    }
    if (others ? !l->textcat_others.n : !l->textcat[0])
        return tx_fail(err, TX_EINPUT, "%s:%lu: %s has no value", r->path, r->line, name);
    return TX_OK;
}

/* Set `name` = `value` (a line before the first section). */
static tx_status add_setting(tx_lang *l, const reader *r, char *s, tx_error *err)
{
    char *eq = strchr(s, '='), *name = s, *value, *end;

    if (!eq)
        return tx_fail(err, TX_EINPUT, "%s:%lu: expected 'name = value' or a [section]",
                       r->path, r->line);
    for (end = eq; end > name && is_blank((unsigned char)end[-1]); end--)
        ;
    *end = '\0';
    for (value = eq + 1; is_blank((unsigned char)*value); value++)
        ;
    if (strcmp(name, "snowball") == 0) {
        if (l->snowball[0])
            return tx_fail(err, TX_EINPUT, "%s:%lu: snowball is set twice", r->path, r->line);
        if (!*value || strlen(value) >= sizeof l->snowball || !tx_stem_known(value))
            return tx_fail(err, TX_EINPUT, "%s:%lu: libstemmer has no Snowball stemmer "
                           "'%.40s'", r->path, r->line, value);
        memcpy(l->snowball, value, strlen(value) + 1);
    } else if (strcmp(name, "textcat") == 0 || strcmp(name, "textcat-others") == 0) {
        return add_textcat(l, r, name, value, err);
    } else if (strcmp(name, "nouns-first") == 0) {
        if (l->nouns_first >= 0)
            return tx_fail(err, TX_EINPUT, "%s:%lu: nouns-first is set twice", r->path,
                           r->line);
        if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
            return tx_fail(err, TX_EINPUT, "%s:%lu: nouns-first is yes or no, not '%.40s'",
                           r->path, r->line, value);
        l->nouns_first = strcmp(value, "yes") == 0;
    } else {
        return tx_fail(err, TX_EINPUT, "%s:%lu: unknown setting '%.40s'", r->path, r->line,
                       name);
    }
    return TX_OK;
}

/* Add an [inner-words] line: the word, its key form, its role. */
static tx_status add_inner(tx_lang *l, const reader *r, const char *s, tx_error *err)
{
    static const char *const roles[] = {"article", "conjunction", "preposition"};
    const char *field[3];
    size_t flen[3], n = 0, i;
    tx_inner *w;
    tx_status rc;

    while (*s && n < 3) {
        for (flen[n] = 0; s[flen[n]] && !is_blank((unsigned char)s[flen[n]]); flen[n]++)
            ;
        field[n] = s;
        s += flen[n++];
        while (is_blank((unsigned char)*s))
            s++;
    }
    if (n < 3 || *s)
        return tx_fail(err, TX_EINPUT, "%s:%lu: expected 'word key-form role'", r->path,
                       r->line);
    if ((rc = check_word(r, field[0], flen[0], err)) != TX_OK ||
        (rc = check_word(r, field[1], flen[1], err)) != TX_OK)
        return rc;
    for (i = 0; i < 3; i++)
        if (strlen(roles[i]) == flen[2] && memcmp(roles[i], field[2], flen[2]) == 0)
            break;
    if (i == 3)
        return tx_fail(err, TX_EINPUT, "%s:%lu: the role is article, conjunction or "
                       "preposition, not '%.*s'", r->path, r->line, (int)flen[2], field[2]);
    if (l->n_inner == l->inner_cap) {
        size_t cap = l->inner_cap ? 2 * l->inner_cap : 16;
        tx_inner *v = realloc(l->inner, cap * sizeof *v);
        if (!v)
            return tx_fail(err, TX_ENOMEM, "out of memory");
        l->inner = v;
        l->inner_cap = cap;
    }
    w = &l->inner[l->n_inner];
    w->word = strndup(field[0], flen[0]);
    w->norm = strndup(field[1], flen[1]);
    w->role = roles[i][0];
    if (!w->word || !w->norm) {
        free((char *)w->word);
        free((char *)w->norm);
        return tx_fail(err, TX_ENOMEM, "out of memory");
    }
    l->n_inner++;
    return TX_OK;
}

/* Length of the word that starts `p` in a complex preposition: up to a
 * space, or through an apostrophe ("l'aide" is "l'" "aide"). */
static size_t locution_word(const char *p)
{
    size_t len = 0;

    while (p[len] && p[len] != ' ' && (len == 0 || p[len - 1] != '\''))
        len++;
    return len;
}

/* Add a [complex-prepositions] line, its blanks made single spaces. */
static tx_status add_locution(tx_lang *l, const reader *r, const char *s, tx_error *err)
{
    char line[TX_PROFILE_MAX_LINE + 1];
    size_t n = 0, n_words = 0, len;

    for (; *s; s++)
        if (!is_blank((unsigned char)*s))
            line[n++] = *s;
        else if (line[n - 1] != ' ')
            line[n++] = ' ';
    line[n] = '\0';
    if (!tx_is_folded(line, n))
        return tx_fail(err, TX_EINPUT, "%s:%lu: '%s' is not in lower case (words are "
                       "compared case-folded)", r->path, r->line, line);
    for (const char *p = line; *p; p += len, n_words++) {
        len = locution_word(p);
        if (p[len] == ' ')
            len++;
    }
    if (n_words < 2 || n_words > TX_LOCUTION_MAX_WORDS)
        return tx_fail(err, TX_EINPUT, "%s:%lu: a complex preposition has 2 to %d words",
                       r->path, r->line, TX_LOCUTION_MAX_WORDS);
    if (wordlist_add(&l->lists[SEC_LOCUTIONS], line, n) < 0)
        return tx_fail(err, TX_ENOMEM, "out of memory");
    return TX_OK;
}

/* Add a line of section `sec`. */
static tx_status add_entry(tx_lang *l, const reader *r, int sec, char *s, size_t len,
                           tx_error *err)
{
    tx_status rc;

    if (sec == SEC_SETTINGS)
        return add_setting(l, r, s, err);
    if (sec == SEC_INNER)
        return add_inner(l, r, s, err);
    if (sec == SEC_LOCUTIONS)
        return add_locution(l, r, s, err);
    if ((rc = check_word(r, s, len, err)) != TX_OK)
        return rc;
    if (sec == SEC_ELISIONS) {
        /* The tokenizer splits an elision off by bytes, as ASCII. */
        size_t i;
        for (i = 0; i + 1 < len && s[i] >= 'a' && s[i] <= 'z'; i++)
            ;
        if (len < 2 || len > MAX_ELISION || i != len - 1 || s[i] != '\'')
            return tx_fail(err, TX_EINPUT, "%s:%lu: an elision is at most %d ASCII "
                           "letters and an apostrophe, not '%s'", r->path, r->line,
                           MAX_ELISION - 1, s);
        if (len > l->max_elision)
            l->max_elision = len;
    }
    if (wordlist_add(&l->lists[sec], s, len) < 0)
        return tx_fail(err, TX_ENOMEM, "out of memory");
    return TX_OK;
}

/* The section a "[name]" line opens, or -1. */
static int section_of(const char *s, size_t len)
{
    for (int i = 1; i < N_SECTIONS; i++)
        if (len == strlen(section_names[i]) + 2 &&
            memcmp(s + 1, section_names[i], len - 2) == 0 && s[len - 1] == ']')
            return i;
    return -1;
}

/* Read profile.txt at `path` into `l`. */
static tx_status read_profile(tx_lang *l, const char *path, tx_error *err)
{
    reader r;
    char *s;
    size_t len;
    int sec = SEC_SETTINGS;
    tx_status rc = reader_open(&r, path, err);

    if (rc == TX_ENOTFOUND)
        return tx_fail(err, TX_ENOTFOUND, "cannot open '%s': %s", path, strerror(ENOENT));
    while (rc == TX_OK && (rc = next_line(&r, &s, &len, err)) == TX_OK && s) {
        if (*s == '[') {
            if ((sec = section_of(s, len)) < 0)
                rc = tx_fail(err, TX_EINPUT, "%s:%lu: unknown section '%.60s'", path,
                             r.line, s);
        } else {
            rc = add_entry(l, &r, sec, s, len, err);
        }
    }
    reader_close(&r);
    if (rc == TX_OK && !l->snowball[0])
        rc = tx_fail(err, TX_EINPUT, "%s: no 'snowball = NAME' setting (the stemmer)", path);
    if (rc == TX_OK && l->textcat_others.n && !l->textcat[0])
        rc = tx_fail(err, TX_EINPUT, "%s: textcat-others without textcat", path);
    if (rc == TX_OK && l->nouns_first == 1 && !l->lists[SEC_DETERMINERS].n)
        rc = tx_fail(err, TX_EINPUT, "%s: nouns-first = yes needs [determiners]", path);
    return rc;
}

/* ---- stop lists ---- */

/* Add the words of stop list `path` (one word a line, an elided form's
 * apostrophe dropped) to l->stop; a missing file adds none. */
static tx_status read_stop_list(tx_lang *l, const char *path, tx_error *err)
{
    reader r;
    char *s;
    size_t len;
    tx_strmap_slot *slot;
    tx_status rc = reader_open(&r, path, err);

    if (rc == TX_ENOTFOUND)
        return TX_OK;
    while (rc == TX_OK && (rc = next_line(&r, &s, &len, err)) == TX_OK && s) {
        if ((rc = check_word(&r, s, len, err)) != TX_OK)
            break;
        if (s[len - 1] == '\'' && !--len)
            rc = tx_fail(err, TX_EINPUT, "%s:%lu: an apostrophe alone", path, r.line);
        else if (tx_strmap_put(&l->stop, s, len, &slot, NULL) != TX_OK)
            rc = tx_fail(err, TX_ENOMEM, "out of memory reading '%s'", path);
        else
            slot->val = l;
    }
    reader_close(&r);
    return rc;
}

/* ---- lookup tables ---- */

/* Split locution `text` into words (an elided article ends one: "l'aide" is
 * "l'" "aide") in key form, copying what is needed to *buf; 0 or -1 when it
 * has too many words or fewer than two. */
static int parse_locution(const tx_lang *l, const char *text, char **buf, tx_locution *out)
{
    size_t n = 0;

    memset(out, 0, sizeof *out);
    for (const char *p = text; *p;) {
        size_t len = locution_word(p);
        const tx_inner *inner;
        if (n == TX_LOCUTION_MAX_WORDS)
            return -1;
        inner = tx_strmap_get(&l->inner_map, p, len);
        if (inner) {
            out->words[n++] = inner->norm;
        } else {
            memcpy(*buf, p, len);
            (*buf)[len] = '\0';
            out->words[n++] = *buf;
            *buf += len + 1;
        }
        p += len;
        while (*p == ' ')
            p++;
    }
    if (n < 2)
        return -1;
    out->noun = n - 2;
    return 0;
}

static int cmp_locution(const void *a, const void *b)
{
    const tx_locution *x = a, *y = b;

    return strcmp(x->words[x->noun], y->words[y->noun]);
}

/* Fill l->locs from `list`; -1 when out of memory. */
static int build_locutions(tx_lang *l, const char *const *list)
{
    size_t n = 0, bytes = 0;
    char *buf;
    tx_strmap_slot *slot;

    for (const char *const *p = list; *p; p++, n++)
        bytes += 2 * strlen(*p) + 2; /* a word may be split from an elision */
    if (!n)
        return 0;
    l->locs = calloc(n, sizeof *l->locs);
    l->loc_words = buf = malloc(bytes);
    if (!l->locs || !buf)
        return -1;
    for (const char *const *p = list; *p; p++)
        if (parse_locution(l, *p, &buf, &l->locs[l->n_locs]) == 0)
            l->n_locs++;
    qsort(l->locs, l->n_locs, sizeof *l->locs, cmp_locution);
    for (size_t i = 0; i < l->n_locs; i++) {
        const char *noun = l->locs[i].words[l->locs[i].noun];
        if (tx_strmap_put(&l->loc_map, noun, strlen(noun), &slot, NULL) != TX_OK)
            return -1;
        if (!slot->val)
            slot->val = &l->locs[i];
    }
    return 0;
}


/* Index [inner-words] by word (a word given twice: the later line) and the
 * complex prepositions by noun; -1 when out of memory. */
static int build_tables(tx_lang *l)
{
    tx_strmap_slot *slot;

    for (size_t i = 0; i < l->n_inner; i++) {
        const tx_inner *w = &l->inner[i];
        if (tx_strmap_put(&l->inner_map, w->word, strlen(w->word), &slot, NULL) != TX_OK)
            return -1;
        slot->val = (void *)w;
    }
    return build_locutions(l, words(l, SEC_LOCUTIONS));
}

/* ---- finding and loading a profile ---- */

/* Find the folder of the profile of canonical tag `code`: in the first data
 * directory that has one, <dir>/<code>/, else the folder of `code` cut at its
 * last subtag, and so on (RFC 4647 lookup: fr-CA, then fr).  Its path goes to
 * `folder` (`size` bytes). */
static tx_status find_profile(const char *code, const char *data_dir, char *folder,
                              size_t size, tx_error *err)
{
    const char *dirs[TX_DATA_DIRS_MAX];
    size_t n_dirs = tx_data_dirs(data_dir, dirs); /* datadir.h says where */
    char tag[TX_LANGTAG_MAX], path[4096];
    int last_errno = ENOENT;

    for (size_t i = 0; i < n_dirs; i++) {
        memcpy(tag, code, strlen(code) + 1);
        for (;;) {
            FILE *f;
            char *dash;
            if ((size_t)snprintf(folder, size, "%s/%s", dirs[i], tag) >= size ||
                (size_t)snprintf(path, sizeof path, "%s/profile.txt", folder) >= sizeof path)
                return tx_fail(err, TX_EINVAL, "data directory path too long");
            if ((f = fopen(path, "r"))) {
                fclose(f);
                return TX_OK;
            }
            last_errno = errno; /* reported if no place has a profile */
            if (!(dash = strrchr(tag, '-')))
                break;
            *dash = '\0';
            /* A singleton ("x" in "en-x-foo") goes with the subtag after it. */
            if ((dash = strrchr(tag, '-')) && !dash[2])
                *dash = '\0';
        }
    }
    return tx_fail(err, TX_ENOTFOUND, "no language profile for '%s' ('%s': %s)", code,
                   path, strerror(last_errno));
}

tx_status tx_lang_load(const char *tag, const char *data_dir, tx_lang **out,
                       tx_error *err)
{
    char code[TX_LANGTAG_MAX], folder[4096], path[4096 + 16];
    tx_lang *l;
    tx_status rc;

    *out = NULL;
    if (tx_langtag_canon(tag, code, sizeof code) != 0)
        return tx_fail(err, TX_EINVAL, "invalid language code '%.64s'", tag ? tag : "");
    if ((rc = find_profile(code, data_dir, folder, sizeof folder, err)) != TX_OK)
        return rc;
    if (!(l = calloc(1, sizeof *l)))
        return tx_fail(err, TX_ENOMEM, "cannot allocate language profile");
    memcpy(l->code, code, sizeof code);
    snprintf(l->folder, sizeof l->folder, "%s", folder);
    /* find_profile() ends the folder with the tag it found. */
    snprintf(l->profile, sizeof l->profile, "%s", strrchr(folder, '/') + 1);
    l->nouns_first = -1;
    tx_strmap_init(&l->stop);
    tx_strmap_init(&l->inner_map);
    tx_strmap_init(&l->loc_map);
    snprintf(path, sizeof path, "%s/profile.txt", folder);
    rc = read_profile(l, path, err);
    if (rc == TX_OK) {
        snprintf(path, sizeof path, "%s/stop.txt", folder);
        rc = read_stop_list(l, path, err);
    }
    /* The verb forms that are never nouns (the French list is generated). */
    if (rc == TX_OK) {
        snprintf(path, sizeof path, "%s/verbs.txt", folder);
        rc = read_stop_list(l, path, err);
    }
    /* The lexicon, where the language has one. */
    if (rc == TX_OK) {
        snprintf(path, sizeof path, "%s/lexicon.txt", folder);
        if ((rc = tx_lex_load(path, l->snowball, &l->lex, err)) == TX_ENOTFOUND &&
            access(path, F_OK) != 0)
            rc = TX_OK;
    }
    if (rc == TX_OK && build_tables(l) < 0)
        rc = tx_fail(err, TX_ENOMEM, "cannot load the profile of '%s'", code);
    if (rc != TX_OK) {
        tx_lang_free(l);
        return rc;
    }
    if (l->nouns_first < 0)
        l->nouns_first = 0;
    *out = l;
    return TX_OK;
}

void tx_lang_free(tx_lang *l)
{
    if (!l)
        return;
    tx_strmap_release(&l->stop);
    tx_strmap_release(&l->inner_map);
    tx_strmap_release(&l->loc_map);
    for (int i = 0; i < N_SECTIONS; i++)
        wordlist_release(&l->lists[i]);
    wordlist_release(&l->textcat_others);
    for (size_t i = 0; i < l->n_inner; i++) {
        free((char *)l->inner[i].word);
        free((char *)l->inner[i].norm);
    }
    free(l->inner);
    free(l->locs);
    free(l->loc_words);
    tx_lex_free(l->lex);
    free(l);
}

const tx_lex *tx_lang_lexicon(const tx_lang *l)
{
    return l->lex;
}

void tx_lang_set_stem_keys(tx_lang *l)
{
    l->stem_keys = 1;
}

const tx_lex *tx_lang_key_lexicon(const tx_lang *l)
{
    return l->stem_keys ? NULL : l->lex;
}

const char *tx_lang_code(const tx_lang *l)
{
    return l->code;
}

const char *tx_lang_profile(const tx_lang *l)
{
    return l->profile;
}

const char *tx_lang_folder(const tx_lang *l)
{
    return l->folder;
}

const char *tx_lang_snowball(const tx_lang *l)
{
    return l->snowball;
}

const char *tx_lang_textcat(const tx_lang *l, const char *const **others)
{
    if (others)
        *others = l->textcat_others.n ? (const char *const *)l->textcat_others.v
                                      : empty_list;
    return l->textcat[0] ? l->textcat : NULL;
}

const char *const *tx_lang_elisions(const tx_lang *l, size_t *max_len)
{
    if (max_len)
        *max_len = l->max_elision;
    return words(l, SEC_ELISIONS);
}

size_t tx_lang_n_stopwords(const tx_lang *l)
{
    return l->stop.n;
}

int tx_lang_is_stopword(const tx_lang *l, const char *fold, size_t len)
{
    if (len && fold[len - 1] == '\'')
        len--;
    return tx_strmap_get(&l->stop, fold, len) != NULL;
}

const tx_inner *tx_lang_inner(const tx_lang *l, const char *fold, size_t len)
{
    return tx_strmap_get(&l->inner_map, fold, len);
}

static int ends_with(const char *s, size_t len, const char *const *suffixes,
                     size_t min_stem)
{
    for (const char *const *e = suffixes; *e; e++) {
        size_t n = strlen(*e);
        if (len >= n + min_stem && memcmp(s + len - n, *e, n) == 0)
            return 1;
    }
    return 0;
}

int tx_lang_is_clause_opener(const tx_lang *l, const char *fold, size_t len,
                             int next_is_function)
{
    /* A compound ("Capacity-building", "Porte-parole") is a noun. */
    if (memchr(fold, '-', len))
        return 0;
    /* A stem of at least 3 bytes keeps short words ("tant", "vue") out. */
    if (ends_with(fold, len, words(l, SEC_OPENERS), 3))
        return 1;
    return next_is_function && ends_with(fold, len, words(l, SEC_OPENERS_WEAK), 3);
}

/* Is `fold` (`len` bytes) one of the words of the NULL-terminated `list`? */
static int in_list(const char *const *list, const char *fold, size_t len)
{
    for (const char *const *p = list; *p; p++)
        if (strlen(*p) == len && memcmp(*p, fold, len) == 0)
            return 1;
    return 0;
}

int tx_lang_nouns_first(const tx_lang *l)
{
    return l->nouns_first;
}

int tx_lang_is_determiner(const tx_lang *l, const char *fold, size_t len)
{
    return in_list(words(l, SEC_DETERMINERS), fold, len);
}

int tx_lang_has_participle_end(const tx_lang *l, const char *fold, size_t len)
{
    return ends_with(fold, len, words(l, SEC_PARTICIPLE_ENDS), 3);
}

int tx_lang_is_participle_prep(const tx_lang *l, const char *fold, size_t len)
{
    return in_list(words(l, SEC_PARTICIPLE_PREPS), fold, len);
}

int tx_lang_is_participle_before(const tx_lang *l, const char *fold, size_t len,
                                 const char *next, size_t next_len)
{
    /* The next word first: it is rarely one of the few prepositions. */
    return tx_lang_is_participle_prep(l, next, next_len) &&
           tx_lang_has_participle_end(l, fold, len);
}

const tx_locution *tx_lang_locutions(const tx_lang *l, const char *fold, size_t len,
                                     size_t *n)
{
    const tx_locution *first = tx_strmap_get(&l->loc_map, fold, len), *end;

    *n = 0;
    if (!first)
        return NULL;
    end = l->locs + l->n_locs;
    for (const tx_locution *p = first;
         p < end && strcmp(p->words[p->noun], first->words[first->noun]) == 0; p++)
        (*n)++;
    return first;
}
