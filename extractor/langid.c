/* langid.c: language identification per paragraph (see langid.h).
 *
 * libexttextcat's textcat_Init() reads a configuration file; the fingerprint
 * API under it (fp_Read, fp_Create, fp_Compare) takes the files themselves,
 * so the set compared is the profile's, with no file to write. */
#define _POSIX_C_SOURCE 200809L
#include "langid.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strmap.h" /* tx_strhash() */

#include "fingerprint.h"
#include "textcat_properties.h"

#ifndef TX_TEXTCAT_DIR
#define TX_TEXTCAT_DIR "/usr/share/libexttextcat"
#endif

/* Another language is nearer than the corpus language's by more than this
 * factor: "confidently" another language.  textcat's own threshold, 1.03,
 * drops 0.4 % of French UN sentences (60-byte starts) and, on the 10 MB
 * bench corpus, 76 French lines (all-capital titles, lists of country
 * names); 1.06 drops 0.1 % and 14 (tables, lists of names) and still finds
 * 95 % of English sentences from 60 bytes, 99 % from 160 (measured with
 * `test_langid --measure`, docs/performance.md). */
#define THRESHOLD 1.06
/* n-grams of a fingerprint read or made, as textcat_Classify() does. */
#define NGRAMS 400

struct tx_langid {
    const tx_lang *lang; /* its stop list: the fast path (tx_langid_stop_share()) */
    void *self;     /* the corpus language's fingerprint */
    void **others;
    size_t n_others, cap;
};

void tx_langid_free(tx_langid *id)
{
    if (!id)
        return;
    if (id->self)
        fp_Done(id->self);
    for (size_t i = 0; i < id->n_others; i++)
        fp_Done(id->others[i]);
    free(id->others);
    free(id);
}

/* Read fingerprint `name` (dir/name.lm) into *fp. */
static tx_status read_fp(const char *dir, const char *name, void **fp, tx_error *err)
{
    char path[4096];
    FILE *f;

    if ((size_t)snprintf(path, sizeof path, "%s/%s.lm", dir, name) >= sizeof path)
        return tx_fail(err, TX_EINPUT, "fingerprint path too long: '%.60s'", dir);
    /* opened here first: libexttextcat would say on stderr that it cannot */
    if (!(f = fopen(path, "r")))
        return tx_fail(err, TX_EINPUT, "cannot read the language fingerprint '%s' "
                       "(the profile's textcat settings; package libexttextcat-data; "
                       "--keep-other-languages runs without it)",
                       path);
    fclose(f);
    if (!(*fp = fp_Init(name)))
        return tx_fail(err, TX_ENOMEM, "out of memory");
    fp_SetProperty(*fp, TCPROP_UTF8AWARE, TC_TRUE);
    if (fp_Read(*fp, path, NGRAMS) == 0) {
        fp_Done(*fp);
        *fp = NULL;
        return tx_fail(err, TX_EINPUT, "cannot read the language fingerprint '%s' "
                       "(the profile's textcat settings; package libexttextcat-data; "
                       "--keep-other-languages runs without it)",
                       path);
    }
    return TX_OK;
}

/* Add fingerprint `name` to the others of `id`. */
static tx_status add_other(tx_langid *id, const char *dir, const char *name, tx_error *err)
{
    if (id->n_others == id->cap) {
        size_t cap = id->cap ? 2 * id->cap : 16;
        void **v = realloc(id->others, cap * sizeof *v);
        if (!v)
            return tx_fail(err, TX_ENOMEM, "out of memory");
        id->others = v;
        id->cap = cap;
    }
    return read_fp(dir, name, &id->others[id->n_others++], err) == TX_OK
               ? TX_OK
               : (id->n_others--, err->code);
}

/* Every fingerprint of `dir` but `self`'s, in name order. */
static tx_status add_folder(tx_langid *id, const char *dir, const char *self,
                            tx_error *err)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    tx_status rc = TX_OK;

    if (n < 0)
        return tx_fail(err, TX_EINPUT, "cannot read the fingerprints folder '%s'", dir);
    for (int i = 0; i < n; i++) {
        char *name = names[i]->d_name;
        size_t len = strlen(name);
        if (rc == TX_OK && len > 3 && len < TX_TEXTCAT_NAME_MAX + 3 &&
            strcmp(name + len - 3, ".lm") == 0) {
            name[len - 3] = '\0';
            if (strcmp(name, self) != 0)
                rc = add_other(id, dir, name, err);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

tx_status tx_langid_new(const tx_lang *l, const char *dir, tx_langid **out,
                        tx_error *err)
{
    const char *const *others;
    const char *self = tx_lang_textcat(l, &others);
    tx_langid *id;
    tx_status rc;

    *out = NULL;
    if (!self)
        return TX_OK;
    if (!dir)
        dir = TX_TEXTCAT_DIR;
    if (!(id = calloc(1, sizeof *id)))
        return tx_fail(err, TX_ENOMEM, "out of memory");
    id->lang = l;
    rc = read_fp(dir, self, &id->self, err);
    for (; rc == TX_OK && *others; others++)
        if (strcmp(*others, self) != 0)
            rc = add_other(id, dir, *others, err);
    if (rc == TX_OK && !id->n_others)
        rc = add_folder(id, dir, self, err);
    if (rc != TX_OK) {
        tx_langid_free(id);
        return rc;
    }
    *out = id;
    return TX_OK;
}

/* The first `max` bytes of `len`, cut before a UTF-8 continuation byte,
 * and without an incomplete sequence at the end (textcat reads a character
 * by its lead byte). */
static size_t sample_len(const char *text, size_t len, size_t max)
{
    size_t start;

    if (len > max) {
        while (max > 0 && ((unsigned char)text[max] & 0xc0) == 0x80)
            max--;
        len = max;
    }
    for (start = len; start > 0 && len - start < 4 &&
                      ((unsigned char)text[start - 1] & 0xc0) == 0x80;
         start--)
        ;
    if (start > 0 && (unsigned char)text[start - 1] >= 0xc0) {
        unsigned char lead = (unsigned char)text[start - 1];
        size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
        if (len - (start - 1) < need)
            len = start - 1;
    }
    return len;
}

/* Does a word end before text[i]?  At an ASCII non-letter, or at general
 * punctuation (U+2000..U+203F: ’, “, –), whose *skip bytes are skipped. */
static int is_word_end(const char *text, size_t i, size_t len, size_t *skip)
{
    unsigned char c = (unsigned char)text[i];

    *skip = 1;
    if (c == 0xe2 && i + 2 < len && (unsigned char)text[i + 1] == 0x80) {
        *skip = 3;
        return 1;
    }
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80);
}

double tx_langid_stop_share(const tx_langid *id, const char *text, size_t len, size_t *n)
{
    char w[64];
    size_t n_words = 0, n_stop = 0, skip;

    len = sample_len(text, len, TX_LANGID_STOP_SAMPLE);
    for (size_t i = 0; i < len;) {
        size_t k = 0;
        if (is_word_end(text, i, len, &skip)) {
            i += skip;
            continue;
        }
        for (; i < len && !is_word_end(text, i, len, &skip); i++)
            if (k < sizeof w)
                w[k++] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
        n_words++;
        n_stop += k < sizeof w && tx_lang_is_stopword(id->lang, w, k);
    }
    if (n)
        *n = n_words;
    return n_words ? (double)n_stop / (double)n_words : 0;
}

tx_langid_verdict tx_langid_judge(const tx_langid *id, const char *text, size_t len)
{
    char buf[TX_LANGID_SAMPLE + 1]; /* fp_Create() reads a NUL-terminated copy */
    void *unknown;
    int self, best = INT_MAX;
    tx_langid_verdict v = TX_LANGID_SAME;

    len = sample_len(text, len, TX_LANGID_SAMPLE);
    memcpy(buf, text, len);
    buf[len] = '\0';
    if (!(unknown = fp_Init(NULL)))
        return TX_LANGID_SAME; /* out of memory: keep the paragraph */
    fp_SetProperty(unknown, TCPROP_UTF8AWARE, TC_TRUE);
    if (fp_Create(unknown, buf, (unsigned)len, NGRAMS) == 0) {
        fp_Done(unknown);
        return TX_LANGID_SHORT;
    }
    self = fp_Compare(id->self, unknown, INT_MAX);
    /* Another language counts only if nearer by more than the threshold:
     * a score at or above self / THRESHOLD need not be known exactly. */
    for (size_t i = 0; i < id->n_others; i++) {
        int s = fp_Compare(id->others[i], unknown, best < self ? best : self);
        if (s < best)
            best = s;
    }
    if ((double)best * THRESHOLD < (double)self)
        v = TX_LANGID_OTHER;
    else if (best < self)
        v = TX_LANGID_UNSURE;
    fp_Done(unknown);
    return v;
}

/* judge() through `cache` (may be NULL). */
static tx_langid_verdict judge_cached(const tx_langid *id, tx_langid_cache *cache,
                                      const char *text, size_t len)
{
    size_t n = sample_len(text, len, TX_LANGID_SAMPLE);
    uint64_t h;
    size_t k;
    tx_langid_verdict v;

    if (n < TX_LANGID_MIN_BYTES)
        return TX_LANGID_SHORT;
    if (tx_langid_stop_share(id, text, n, NULL) >= TX_LANGID_STOP_SHARE)
        return TX_LANGID_SAME;
    if (!cache)
        return tx_langid_judge(id, text, len);
    h = tx_strhash(text, n) | 1;
    k = (size_t)(h >> 20) % (sizeof cache->key / sizeof cache->key[0]);
    if (cache->key[k] == h)
        return (tx_langid_verdict)cache->verdict[k];
    v = tx_langid_judge(id, text, len);
    cache->key[k] = h;
    cache->verdict[k] = (unsigned char)v;
    return v;
}

/* The verdict of a document none of whose paragraphs could be judged alone:
 * that of the start of its text, lines joined by spaces. */
static tx_langid_verdict judge_document(const tx_langid *id, const char *text, size_t len)
{
    char buf[TX_LANGID_SAMPLE + 1];
    size_t n = sample_len(text, len, TX_LANGID_SAMPLE);
    tx_langid_verdict v;

    memcpy(buf, text, n);
    for (size_t i = 0; i < n; i++)
        if (buf[i] == '\n' || buf[i] == '\f')
            buf[i] = ' ';
    if (n < TX_LANGID_MIN_BYTES)
        return TX_LANGID_SAME;
    v = tx_langid_judge(id, buf, n);
    return v == TX_LANGID_SHORT ? TX_LANGID_SAME : v;
}

/* Give each short or unsure line of the n lines the verdict
 * of its judged neighbours: "other" when every judged neighbour (the nearest
 * on each side) is; with no judged line at all, the document's `doc`. */
static void resolve_short(unsigned char *v, size_t n, tx_langid_verdict doc)
{
    size_t prev = n; /* the last judged line before, or n */

    for (size_t i = 0; i < n; i++) {
        size_t next;
        if (v[i] == TX_LANGID_SAME || v[i] == TX_LANGID_OTHER) {
            prev = i;
            continue;
        }
        if (v[i] != TX_LANGID_SHORT && v[i] != TX_LANGID_UNSURE)
            continue; /* a page marker */
        for (next = i + 1; next < n && v[next] != TX_LANGID_SAME &&
                           v[next] != TX_LANGID_OTHER; next++)
            ;
        if (prev == n && next == n)
            v[i] = (unsigned char)(doc | 0x80);
        else if ((prev == n || v[prev] == TX_LANGID_OTHER) &&
                 (next == n || v[next] == TX_LANGID_OTHER))
            v[i] = TX_LANGID_OTHER | 0x80;
        else
            v[i] = TX_LANGID_SAME | 0x80;
    }
}

tx_status tx_langid_filter(const tx_langid *id, tx_langid_cache *cache, char *text,
                           size_t *len, uint64_t *n_dropped, tx_error *err)
{
    size_t n = 0, i, w = 0;
    unsigned char *v;
    const char *p, *end = text + *len;
    int any_judged = 0;

    for (p = text; p < end; n++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    if (!n)
        return TX_OK;
    if (!(v = malloc(n)))
        return tx_fail(err, TX_ENOMEM, "out of memory");
    for (p = text, i = 0; p < end; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (l == 1 && *p == '\f')
            v[i] = 0x40; /* a page marker: kept, not a neighbour */
        else
            v[i] = (unsigned char)judge_cached(id, cache, p, l);
        any_judged |= v[i] == TX_LANGID_SAME || v[i] == TX_LANGID_OTHER;
        p += l + (nl != NULL);
    }
    resolve_short(v, n, any_judged ? TX_LANGID_SAME : judge_document(id, text, *len));
    for (p = text, i = 0; p < end; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = (nl ? (size_t)(nl - p) + 1 : (size_t)(end - p));
        if ((v[i] & 0x3f) == TX_LANGID_OTHER) {
            (*n_dropped)++;
        } else {
            memmove(text + w, p, l);
            w += l;
        }
        p += l;
    }
    free(v);
    text[w] = '\0';
    *len = w;
    return TX_OK;
}
