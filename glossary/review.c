/* review.c: the names review writes and reads (translation statuses,
 * fields) and finding the term a user means (tx_review_find()).  The
 * decisions themselves are the store's: store_review.c and
 * store_review_merge.c. */
#include "tx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "candidates.h"
#include "error.h"
#include "pipeline.h"
#include "store.h"

static const char *const tr_status_names[] = {
    [TX_TR_CANDIDATE] = "candidate",
    [TX_TR_APPROVED] = "approved",
    [TX_TR_FORBIDDEN] = "forbidden",
};

static const char *const field_names[TX_FIELD_COUNT] = {
    [TX_FIELD_FORM] = "form",
    [TX_FIELD_NOTE] = "note",
    [TX_FIELD_DEFINITION] = "definition",
    [TX_FIELD_DOMAIN] = "domain",
    [TX_FIELD_POS] = "pos",
    [TX_FIELD_USAGE] = "usage",
    [TX_FIELD_GENDER] = "gender",
    [TX_FIELD_GEO] = "geo",
    [TX_FIELD_TYPE] = "type",
};

#define N_TR_STATUSES (sizeof tr_status_names / sizeof tr_status_names[0])

const char *tx_tr_status_name(tx_tr_status s)
{
    return (unsigned)s < N_TR_STATUSES ? tr_status_names[s] : NULL;
}

int tx_tr_status_from_name(const char *name, tx_tr_status *out)
{
    for (size_t i = 0; name && i < N_TR_STATUSES; i++) {
        if (strcmp(name, tr_status_names[i]) == 0) {
            *out = (tx_tr_status)i;
            return 0;
        }
    }
    return -1;
}

const char *tx_field_name(tx_field f)
{
    return (unsigned)f < TX_FIELD_COUNT ? field_names[f] : NULL;
}

int tx_field_from_name(const char *name, tx_field *out)
{
    for (size_t i = 0; name && i < TX_FIELD_COUNT; i++) {
        if (strcmp(name, field_names[i]) == 0) {
            *out = (tx_field)i;
            return 0;
        }
    }
    return -1;
}

/* The id `s` writes ("12"), or 0 when it is not a positive decimal number. */
static int64_t parse_id(const char *s)
{
    char *end;
    long long v;

    if (*s < '0' || *s > '9')
        return 0;
    errno = 0;
    v = strtoll(s, &end, 10);
    return *end || errno || v <= 0 ? 0 : (int64_t)v;
}

/* Does term `id` exist? */
static tx_status has_id(tx_store *st, int64_t id, int *yes, tx_error *err)
{
    tx_term_review r;
    tx_status rc = tx_review_get(st, id, &r, err);

    *yes = rc == TX_OK;
    return rc == TX_ENOTFOUND ? TX_OK : rc;
}

tx_status tx_review_find(tx_store *st, const char *text, const char *data_dir,
                         int64_t *id, tx_error *err)
{
    tx_pipeline p;
    tx_settings s;
    char *key = NULL;
    int64_t n;
    int yes = 0;
    tx_status rc;

    if (!id)
        return tx_fail(err, TX_EINVAL, "tx_review_find: no result pointer");
    *id = 0;
    if (!st || !text)
        return tx_fail(err, TX_EINVAL, "tx_review_find: missing argument");
    if (text[0] == '#') {
        if (!(n = parse_id(text + 1)))
            return tx_fail(err, TX_EINVAL, "'%s' is no term id", text);
        if ((rc = has_id(st, n, &yes, err)) != TX_OK)
            return rc;
        if (!yes)
            return tx_fail(err, TX_ENOTFOUND, "no term %s", text);
        *id = n;
        return TX_OK;
    }
    /* The key needs the profile of the glossary's language (as lookup.c). */
    if (tx_store_get_settings(st, &s, NULL) == TX_OK && s.lang[0] &&
        tx_pipeline_init(&p, s.lang, data_dir, 1, TX_MAX_WORDS, NULL) == TX_OK) {
        if (tx_store_stem_keys(st)) /* the glossary's keys: as it made them */
            tx_lang_set_stem_keys(p.lang);
        tx_candidates_key_of(p.cands, p.tok, text, &key, NULL);
        tx_pipeline_release(&p);
    }
    rc = tx_store_find_id(st, text, key, id, err);
    free(key);
    if (rc != TX_OK || *id)
        return rc;
    /* "12": the term of id 12, since no term is written so. */
    if ((n = parse_id(text)) && (rc = has_id(st, n, &yes, err)) != TX_OK)
        return rc;
    if (yes) {
        *id = n;
        return TX_OK;
    }
    return tx_fail(err, TX_ENOTFOUND, "no term '%s' in the glossary", text);
}
