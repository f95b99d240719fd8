/* build_ref.c: the contrast with general language of an extraction run: the
 * corpus's word counts, its token total and the reference profile
 * (reference.h), for the termhood of score.h. */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buildInt.h"
#include "error.h"
#include "reference.h"
#include "store.h"

typedef struct word_sink {
    tx_build *b;
    int record;   /* counts go to the glossary too */
    tx_status rc;
    tx_error *err;
} word_sink;

static int add_word(const char *key, size_t len, uint64_t n, void *arg)
{
    word_sink *ws = arg;
    tx_strmap_slot *slot;

    if (tx_strmap_put(&ws->b->words, key, len, &slot, NULL) != TX_OK) {
        ws->rc = tx_fail(ws->err, TX_ENOMEM, "out of memory counting words");
        return 1;
    }
    slot->val = (void *)((uintptr_t)slot->val + (uintptr_t)n);
    if (ws->record &&
        (ws->rc = tx_store_add_word(ws->b->st, tx_lang_code(ws->b->lang), key, len, n,
                                    ws->err)) != TX_OK)
        return 1;
    return 0;
}

/* The word counts of the glossary's earlier runs and of this one's workers
 * (recorded in the glossary), into b->words. */
static tx_status gather_words(tx_build *b, tx_error *err)
{
    word_sink ws = {b, 0, TX_OK, err};
    tx_status rc;

    if ((rc = tx_store_words_complete(b->st, &b->words_ok, err)) != TX_OK ||
        (rc = tx_store_each_word(b->st, tx_lang_code(b->lang), add_word, &ws, err)) !=
            TX_OK)
        return rc;
    ws.record = 1;
    for (unsigned k = 0; k < b->n_workers && ws.rc == TX_OK; k++)
        tx_candidates_each_word(b->workers[k].cands, add_word, &ws);
    return ws.rc;
}

/* The path of the profile `choice` names into `path` (`size` bytes): a
 * file's path as given, the language's default (or "" when the profile has
 * none), or "" for 'none'. */
static void choice_path(const tx_build *b, const char *choice, char *path, size_t size)
{
    FILE *f;

    path[0] = '\0';
    if (strcmp(choice, "none") == 0)
        return;
    if (strcmp(choice, "default") != 0) {
        snprintf(path, size, "%s", choice);
        return;
    }
    if ((size_t)snprintf(path, size, "%s/reference.txt", tx_lang_folder(b->lang)) >= size ||
        !(f = fopen(path, "r"))) {
        path[0] = '\0';
        return;
    }
    fclose(f);
}

tx_status tx_build_reference(tx_build *b, tx_error *err)
{
    char stored[4096], resolved[4096], path[4096 + 16];
    const char *choice;
    tx_status rc;

    if ((rc = gather_words(b, err)) != TX_OK ||
        (rc = tx_store_token_total(b->st, tx_lang_code(b->lang), &b->corpus_tokens, err)) !=
            TX_OK ||
        (rc = tx_store_get_reference(b->st, stored, sizeof stored, err)) != TX_OK)
        return rc;
    choice = b->o->reference ? b->o->reference : stored[0] ? stored : "default";
    /* A file is recorded by its absolute path, so that a later run started
     * from another folder finds it. */
    if (strcmp(choice, "none") != 0 && strcmp(choice, "default") != 0) {
        char *abs = realpath(choice, NULL);
        if (!abs)
            return tx_fail(err, TX_EIO, "cannot open reference profile '%s': %s", choice,
                           strerror(errno));
        if (strlen(abs) >= sizeof resolved) {
            free(abs);
            return tx_fail(err, TX_EINVAL, "reference profile path too long: '%s'", choice);
        }
        strcpy(resolved, abs);
        free(abs);
        choice = resolved;
    }
    if (strcmp(choice, stored) != 0 && (rc = tx_store_set_reference(b->st, choice, err)) !=
                                           TX_OK)
        return rc;
    choice_path(b, choice, path, sizeof path);
    if (!path[0])
        return TX_OK;
    if ((rc = tx_reference_load(path, &b->ref, err)) != TX_OK)
        return rc;
    if (b->ref->lang[0] && strcmp(b->ref->lang, tx_lang_code(b->lang)) != 0 &&
        strcmp(b->ref->lang, tx_lang_profile(b->lang)) != 0)
        return tx_fail(err, TX_EINVAL, "reference profile '%s' is of language '%s', not "
                       "the glossary's, '%s'", path, b->ref->lang, tx_lang_code(b->lang));
    return TX_OK;
}
