/* stopwords.c: stop lists, inner function words and clause openers. */
#define _POSIX_C_SOURCE 200809L
#include "stopwords.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "error.h"
#include "strmap.h"

typedef tx_inner inner_word;

/* Function words that may stand inside a term, and their key form.  Articles
 * and contracted prepositions are normalised so that "zone de paix" and
 * "zones de la paix" differ only where they really differ. */
static const inner_word inner_fr[] = {
    {"de", "de", 'p'},   {"d'", "de", 'p'},   {"du", "de", 'p'},       {"des", "de", 'p'},
    {"la", "le", 'a'},   {"le", "le", 'a'},   {"les", "le", 'a'},      {"l'", "le", 'a'},
    {"à", "à", 'p'},     {"au", "à", 'p'},    {"aux", "à", 'p'},       {"en", "en", 'p'},
    {"pour", "pour", 'p'}, {"contre", "contre", 'p'}, {"sur", "sur", 'p'}, {"et", "et", 'c'},
    {"entre", "entre", 'p'}, {"dans", "dans", 'p'}, {NULL, NULL, 0}};
static const inner_word inner_en[] = {
    {"of", "of", 'p'}, {"the", "the", 'a'}, {"for", "for", 'p'}, {"and", "and", 'c'}, {"in", "in", 'p'},
    {"on", "on", 'p'}, {"against", "against", 'p'}, {"to", "to", 'p'}, {NULL, NULL, 0}};

/* Participle and adjective endings of clause openers.  French preambles open
 * with present participles ("Rappelant", "Considérant": always) and past
 * participles or adjectives followed by a preposition ("Guidée par",
 * "Consciente de", "Convaincue de"). */
static const char *const strong_fr[] = {"ant", "ants", NULL};
static const char *const weak_fr[] = {"ante", "antes", "ente", "entes", "é", "ée",
                                      "és", "ées", "ue", "ues", "u", "us", NULL};
/* A past participle followed by one of these does not start a term: "visés à
 * l'article", "raccordés au réseau", "adressée au Secrétaire général"; a noun
 * in -é is followed by "de" or "pour" ("Comité pour ..."), rarely by these. */
static const char *const participle_ends_fr[] = {"é", "ée", "és", "ées", NULL};
static const char *const participle_preps_fr[] = {"à", "au", "aux", "par", NULL};
static const char *const participle_ends_en[] = {"ed", NULL};
static const char *const participle_preps_en[] = {"by", "to", NULL};
/* English gerunds are nouns as often as not ("Training programmes",
 * "Peacebuilding"): "-ing" opens a clause only before a function word
 * ("Recalling its resolution", "Noting with concern"). */
static const char *const strong_en[] = {NULL};
static const char *const weak_en[] = {"ing", "ed", NULL};
static const char *const none[] = {NULL};

/* Determiners: the words after which a noun phrase starts.  A French term
 * starts with its head noun (adjectives mostly follow the noun), and a noun of
 * the corpus is written after a determiner somewhere in it; the extraction
 * lists a lower-case term only when its first word has been (see build_terms.c).
 * English terms start with adjectives as often as not ("organised crime"),
 * so English has no list and no such rule. */
static const char *const determiners_fr[] = {
    "le", "la", "les", "l'", "un", "une", "des", "du", "au", "aux", "ce", "cet", "cette",
    "ces", "son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon",
    "ma", "mes", "ton", "ta", "tes", "chaque", "plusieurs", "quelques", NULL};

/* Complex prepositions (see tx_locution), as written: the last word is the
 * preposition after the noun, the one before it the noun.  Only those whose
 * noun also opens real terms elsewhere matter ("cadre juridique", "niveau de
 * vie", "cas clinique"); the others cost nothing. */
static const char *const locutions_fr[] = {
    "à l'aide de", "à l'appui de", "à l'égard de", "à l'encontre de", "à l'échelle de",
    "à l'exception de", "à l'initiative de", "à l'instar de", "à l'intention de",
    "à l'intérieur de", "à l'extérieur de", "à l'issue de", "à l'occasion de",
    "à la demande de", "à la lumière de", "à la suite de", "à partir de", "à titre de",
    "au cours de", "au lieu de", "au moyen de", "au niveau de", "au profit de",
    "au regard de", "au sein de", "au service de", "au terme de", "au titre de",
    "aux fins de", "dans le cadre de", "de la part de", "en application de", "en cas de",
    "en dépit de", "en direction de", "en faveur de", "en fonction de", "en l'absence de",
    "en marge de", "en matière de", "en présence de", "en raison de", "en termes de",
    "en vertu de", "en vue de", "le long de", "par rapport à", "sur la base de", NULL};
static const char *const locutions_en[] = {
    "as part of", "at the level of", "at the request of", "by means of", "by way of",
    "for the purpose of", "for the purposes of", "in addition to",
    "in case of", "in favour of", "in favor of", "in front of", "in light of",
    "in relation to", "in respect of", "in response to", "in support of", "in terms of",
    "in the absence of", "in the area of", "in the case of", "in the context of",
    "in the course of", "in the event of", "in the field of", "in the framework of",
    "in the light of", "in the name of", "in view of", "on behalf of", "on the basis of",
    "on the occasion of", "with regard to", "with respect to", NULL};

struct tx_lang {
    char code[16];
    tx_strmap stop;
    tx_strmap inner_map; /* word -> its inner_word */
    const inner_word *inner;
    const char *const *strong;
    const char *const *weak;
    const char *const *participle_ends;
    const char *const *participle_preps;
    const char *const *determiners;
    tx_locution *locs;   /* sorted by noun */
    size_t n_locs;
    char *loc_words;     /* the words of `locs` that are not static */
    tx_strmap loc_map;   /* noun -> its first entry in `locs` */
};

/* Split locution `text` into words (an elided article ends one: "l'aide" is
 * "l'" "aide") in key form, copying what is needed to *buf; 0 or -1 when it
 * has too many words or fewer than two. */
static int parse_locution(const tx_lang *l, const char *text, char **buf, tx_locution *out)
{
    size_t n = 0;

    memset(out, 0, sizeof *out);
    for (const char *p = text; *p;) {
        size_t len = 0;
        const tx_inner *inner;
        while (p[len] && p[len] != ' ' && (len == 0 || p[len - 1] != '\''))
            len++;
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
static int load_locutions(tx_lang *l, const char *const *list)
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

static FILE *open_list(const char *dir, const char *lang, const char *suffix, char *path,
                       size_t size)
{
    snprintf(path, size, "%s/%s%s.txt", dir, lang, suffix);
    return fopen(path, "r");
}

/* Add the words of list file `f` (`path`, for messages) to l->stop, and close
 * it.  One word a line, '#' starts a comment line, an elided form's
 * apostrophe is dropped. */
static tx_status load_words(tx_lang *l, FILE *f, const char *path, tx_error *err)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    tx_strmap_slot *slot;
    tx_status rc = TX_OK;

    while (rc == TX_OK && (n = getline(&line, &cap, f)) >= 0) {
        size_t len = (size_t)n;
        char *s = line;
        while (len && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' ' ||
                       s[len - 1] == '\t'))
            len--;
        while (len && (*s == ' ' || *s == '\t'))
            s++, len--;
        if (!len || *s == '#')
            continue;
        if (len && s[len - 1] == '\'')
            len--;
        if (tx_strmap_put(&l->stop, s, len, &slot, NULL) != TX_OK)
            rc = tx_fail(err, TX_ENOMEM, "cannot load '%s'", path);
        else
            slot->val = l;
    }
    if (rc == TX_OK && ferror(f))
        rc = tx_fail(err, TX_EIO, "cannot read '%s'", path);
    free(line);
    fclose(f);
    return rc;
}

tx_status tx_lang_load(const char *lang, const char *data_dir, tx_lang **out,
                       tx_error *err)
{
    const char *dirs[TX_DATA_DIRS_MAX];
    size_t n_dirs, i;
    char path[4096];
    FILE *f = NULL;
    tx_lang *l;
    tx_strmap_slot *slot;
    tx_status rc;

    *out = NULL;
    if (!lang || !*lang || strlen(lang) >= sizeof l->code || strchr(lang, '/'))
        return tx_fail(err, TX_EINVAL, "invalid language code '%s'", lang ? lang : "");
    n_dirs = tx_data_dirs(data_dir, dirs);
    for (i = 0; i < n_dirs && !f; i++)
        f = open_list(dirs[i], lang, "", path, sizeof path);
    if (!f)
        return tx_fail(err, TX_ENOTFOUND, "no stop list for language '%s' ('%s': %s)",
                       lang, path, strerror(errno));
    l = calloc(1, sizeof *l);
    if (!l) {
        fclose(f);
        return tx_fail(err, TX_ENOMEM, "cannot allocate language profile");
    }
    snprintf(l->code, sizeof l->code, "%s", lang);
    tx_strmap_init(&l->stop);
    tx_strmap_init(&l->inner_map);
    tx_strmap_init(&l->loc_map);
    if (strcmp(lang, "fr") == 0) {
        l->inner = inner_fr, l->strong = strong_fr, l->weak = weak_fr;
        l->participle_ends = participle_ends_fr, l->participle_preps = participle_preps_fr;
        l->determiners = determiners_fr;
    } else if (strcmp(lang, "en") == 0) {
        l->inner = inner_en, l->strong = strong_en, l->weak = weak_en;
        l->participle_ends = participle_ends_en, l->participle_preps = participle_preps_en;
        l->determiners = none;
    } else {
        static const inner_word no_inner[] = {{NULL, NULL, 0}};
        l->inner = no_inner, l->strong = none, l->weak = none;
        l->participle_ends = none, l->participle_preps = none;
        l->determiners = none;
    }
    for (const inner_word *w = l->inner; w->word; w++) {
        if (tx_strmap_put(&l->inner_map, w->word, strlen(w->word), &slot, NULL) != TX_OK) {
            fclose(f);
            tx_lang_free(l);
            return tx_fail(err, TX_ENOMEM, "cannot load the profile of '%s'", lang);
        }
        slot->val = (void *)w;
    }
    if (load_locutions(l, strcmp(lang, "fr") == 0   ? locutions_fr
                          : strcmp(lang, "en") == 0 ? locutions_en
                                                    : none) < 0) {
        fclose(f);
        tx_lang_free(l);
        return tx_fail(err, TX_ENOMEM, "cannot load the profile of '%s'", lang);
    }
    rc = load_words(l, f, path, err);
    /* The verb forms that are never nouns (fr-verbs.txt), if the language
     * has such a list, beside its stop list. */
    if (rc == TX_OK) {
        if ((f = open_list(dirs[i - 1], lang, "-verbs", path, sizeof path)))
            rc = load_words(l, f, path, err);
        else if (errno != ENOENT)
            rc = tx_fail(err, TX_EIO, "cannot read '%s': %s", path, strerror(errno));
    }
    if (rc != TX_OK) {
        tx_lang_free(l);
        return rc;
    }
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
    free(l->locs);
    free(l->loc_words);
    free(l);
}

const char *tx_lang_code(const tx_lang *l)
{
    return l->code;
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
    if (ends_with(fold, len, l->strong, 3))
        return 1;
    return next_is_function && ends_with(fold, len, l->weak, 3);
}

/* Is `fold` (`len` bytes) one of the words of the NULL-terminated `list`? */
static int in_list(const char *const *list, const char *fold, size_t len)
{
    for (const char *const *p = list; *p; p++)
        if (strlen(*p) == len && memcmp(*p, fold, len) == 0)
            return 1;
    return 0;
}

int tx_lang_has_determiners(const tx_lang *l)
{
    return l->determiners[0] != NULL;
}

int tx_lang_is_determiner(const tx_lang *l, const char *fold, size_t len)
{
    return in_list(l->determiners, fold, len);
}

int tx_lang_has_participle_end(const tx_lang *l, const char *fold, size_t len)
{
    return ends_with(fold, len, l->participle_ends, 3);
}

int tx_lang_is_participle_prep(const tx_lang *l, const char *fold, size_t len)
{
    return in_list(l->participle_preps, fold, len);
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
