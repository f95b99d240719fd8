/* test_align.c: cognates, and a whole alignment run on a few line pairs. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align.h"
#include "check.h"
#include "tx.h"

static double cog(const char *a, const char *b)
{
    return tx_align_cognate(a, strlen(a), b, strlen(b));
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    check(f != NULL, "cannot write %s", path);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

typedef struct found {
    const char *want_term, *want_tr;
    int ok;
} found;

static int look(const tx_term *t, void *arg)
{
    found *f = arg;

    if (strcmp(t->canonical, f->want_term) == 0)
        f->ok = t->translation && strcmp(t->translation, f->want_tr) == 0;
    return 0;
}

int main(void)
{
    char dir[160], db[256], fr[256], en[256], cmd[256];
    const char *paths[1];
    tx_store *st = NULL;
    tx_error err;
    tx_extract_opts eo;
    tx_extract_stats es;
    tx_align_opts ao;
    tx_align_stats as;
    tx_parallel_input in;

    /* Accents and case do not count; stems of translations are close. */
    check(cog("coopér", "cooper") == 1.0, "coopér/cooper %f", cog("coopér", "cooper"));
    check(cog("Diplomat", "diplomat") == 1.0, "case");
    check(cog("diplomat", "diplomaci") > 0.7, "diplomat/diplomaci %f",
          cog("diplomat", "diplomaci"));
    check(cog("durabl", "sustain") < 0.4, "durabl/sustain %f", cog("durabl", "sustain"));
    check(cog("œuvr", "oeuvr") == 1.0, "œ is oe");
    check(cog("de", "of") == 0.0 && cog("la", "la") == 1.0, "short words: equal or not");

    snprintf(dir, sizeof dir, "%s/test_align.XXXXXX", check_tmp_dir());
    if (!mkdtemp(dir))
        return 1;
    snprintf(db, sizeof db, "%s/g.db", dir);
    snprintf(fr, sizeof fr, "%s/fr.txt", dir);
    snprintf(en, sizeof en, "%s/en.txt", dir);
    write_file(fr,
               "La diplomatie préventive est une priorité du Centre régional.\n"
               "Le développement durable exige une coopération régionale.\n"
               "La diplomatie préventive contribue au développement durable.\n"
               "Les États soutiennent la diplomatie préventive.\n"
               "Le développement durable reste un objectif commun.\n"
               "La coopération régionale renforce la diplomatie préventive.\n");
    write_file(en,
               "Preventive diplomacy is a priority of the Regional Centre.\n"
               "Sustainable development requires regional cooperation.\n"
               "Preventive diplomacy contributes to sustainable development.\n"
               "States support preventive diplomacy.\n"
               "Sustainable development remains a common goal.\n"
               "Regional cooperation strengthens preventive diplomacy.\n");
    check(tx_store_open(db, &st, &err) == TX_OK, "%s", err.msg);
    tx_extract_opts_init(&eo);
    eo.data_dir = TX_DATA_DIR;
    paths[0] = fr;
    check(tx_extract_run(st, paths, 1, &eo, &es, &err) == TX_OK, "%s", err.msg);
    tx_align_opts_init(&ao);
    ao.data_dir = TX_DATA_DIR;
    in.kind = TX_PARALLEL_LINES;
    in.src = fr;
    in.tgt = en;
    check(tx_align_run(st, &in, 1, &ao, &as, &err) == TX_OK, "%s", err.msg);
    check(as.n_segments == 6 && as.n_segments_new == 6, "segments %zu", as.n_segments);
    check(as.n_translated >= 3, "translated %zu", as.n_translated);
    found f1 = {"diplomatie préventive", "preventive diplomacy", 0};
    found f2 = {"développement durable", "sustainable development", 0};
    found f3 = {"coopération régionale", "regional cooperation", 0};
    check(tx_store_list_terms(st, TX_SORT_SCORE, 0, look, &f1, &err) == TX_OK, "list");
    check(tx_store_list_terms(st, TX_SORT_SCORE, 0, look, &f2, &err) == TX_OK, "list");
    check(tx_store_list_terms(st, TX_SORT_SCORE, 0, look, &f3, &err) == TX_OK, "list");
    check(f1.ok, "diplomatie préventive -> preventive diplomacy");
    check(f2.ok, "développement durable -> sustainable development");
    check(f3.ok, "coopération régionale -> regional cooperation");

    /* Running again on the same pairs adds no segment and gives the same. */
    check(tx_align_run(st, &in, 1, &ao, &as, &err) == TX_OK, "%s", err.msg);
    check(as.n_segments == 6 && as.n_segments_new == 0, "no duplicate segments");
    f1.ok = 0;
    check(tx_store_list_terms(st, TX_SORT_SCORE, 0, look, &f1, &err) == TX_OK, "list");
    check(f1.ok, "still preventive diplomacy");

    /* Unequal line counts: an error naming both files, nothing written. */
    write_file(en, "Preventive diplomacy.\n");
    in.tgt = en;
    check(tx_align_run(st, &in, 1, &ao, &as, &err) == TX_EINPUT, "line counts");
    check(strstr(err.msg, "en.txt") && strstr(err.msg, "fr.txt"), "%s", err.msg);
    tx_store_close(st);

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    check(system(cmd) == 0, "cleanup");
    return check_done();
}
