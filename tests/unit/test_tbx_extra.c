/* test_tbx_extra.c: unit tests for the TBX data passed through (concept.h,
 * tx_data_cat): the writer puts each extra at its level in both dialects, the
 * reader gives them back the same, and bounds what it keeps. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "check.h"
#include "quiet.h"
#include "tbx.h"

static char tmpdir[160];

/* What a read gives: the extras of the first concept, one line each
 * ("level/index elem type target: text"), and its unkept names. */
typedef struct got {
    int n_concepts;
    char extras[80][160];
    size_t n_extras;
    char unkept[512];
} got;

static int collect(const tx_concept *c, void *arg)
{
    got *g = arg;

    if (g->n_concepts++)
        return 0;
    for (size_t i = 0; i < c->n_extra && i < 80; i++) {
        const tx_data_cat *e = &c->extra[i];
        snprintf(g->extras[i], sizeof g->extras[i], "%s/%zu %s %s %s: %.60s", e->level,
                 e->tgt_index, e->elem, e->type ? e->type : "-",
                 e->target ? e->target : "-", e->text);
        g->n_extras++;
    }
    for (size_t i = 0; i < c->n_unkept; i++)
        snprintf(g->unkept + strlen(g->unkept), sizeof g->unkept - strlen(g->unkept),
                 "%s%s", i ? ", " : "", c->unkept[i]);
    return 0;
}

static tx_status read_back(const char *path, got *g)
{
    tx_error err = {TX_OK, ""};
    tx_status rc;

    memset(g, 0, sizeof *g);
    quiet_begin();
    rc = tx_tbx_read(path, "fr", "en", collect, g, NULL, &err);
    check(quiet_end() == 0, "the reader printed");
    check(rc == TX_OK, "read %s: %s", path, err.msg);
    return rc;
}

static const tx_concept_term src[] = {{.text = "diplomatie préventive"}};
static const tx_concept_term tgt[] = {{.text = "preventive diplomacy"},
                                      {.text = "preemptive diplomacy"}};
static const tx_data_cat extras[] = {
    {"concept", "xref", "xGraphic", "logo.svg", "the logo", 0},
    {"concept", "ref", "crossReference", "c1", "itself", 0},
    {"definition", "admin", "source", NULL, "UNTERM", 0},
    {"term", "termNote", "termLocation", NULL, "menuItem", 0},
    {"term", "admin", "customerSubset", NULL, "ONU", 0},
    {"translation", "admin", "projectSubset", NULL, "Paix", 1},
    {"translation", "ref", "crossReference", "not a name", "loose", 0},
    {"translation", "xref", "externalCrossReference", "https://unterm.un.org", "", 1},
};

/* Write one concept with every kind of extra, read it back: the same (in the
 * order written: the definition's source with the definition, first). */
static void test_round_trip(tx_tbx_version v, const char *name)
{
    static const char *const want[] = {
        "definition/0 admin source -: UNTERM",
        "concept/0 xref xGraphic logo.svg: the logo",
        "concept/0 ref crossReference c1: itself",
        "term/0 termNote termLocation -: menuItem",
        "term/0 admin customerSubset -: ONU",
        "translation/0 ref crossReference -: loose", /* not an XML name: no target */
        "translation/1 admin projectSubset -: Paix",
        "translation/1 xref externalCrossReference https://unterm.un.org: ",
    };
    tx_concept c = {.id = "c1", .src_lang = "fr", .tgt_lang = "en", .src = src, .n_src = 1,
                    .tgt = tgt, .n_tgt = 2, .definition = "Action menée.",
                    .extra = extras, .n_extra = sizeof extras / sizeof extras[0]};
    tx_error err = {TX_OK, ""};
    tx_tbx_writer *w = NULL;
    char path[256];
    FILE *f;
    got g;

    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    f = fopen(path, "wb");
    check(f != NULL, "open %s", path);
    if (!f)
        return;
    check(tx_tbx_writer_new(f, v, "fr", "en", NULL, &w, &err) == TX_OK &&
              tx_tbx_write(w, &c, &err) == TX_OK && tx_tbx_writer_finish(w, &err) == TX_OK,
          "write: %s", err.msg);
    tx_tbx_writer_free(w);
    fclose(f);
    if (read_back(path, &g) != TX_OK)
        return;
    check(g.n_extras == sizeof want / sizeof want[0], "%s: %zu extras", name, g.n_extras);
    for (size_t i = 0; i < g.n_extras && i < sizeof want / sizeof want[0]; i++)
        check_str(g.extras[i], want[i]);
    check_str(g.unkept, "");
}

/* The reader keeps TX_DATA_CAT_MAX per entry, each of at most
 * TX_DATA_CAT_MAX_LEN bytes, each where TBX-Basic allows it, and of the entry
 * term only: the rest is said not kept. */
static void test_bounds(void)
{
    char path[256];
    size_t big = TX_DATA_CAT_MAX_LEN + 1;
    FILE *f;
    got g;

    snprintf(path, sizeof path, "%s/bounds.tbx", tmpdir);
    f = fopen(path, "wb");
    check(f != NULL, "open %s", path);
    if (!f)
        return;
    fputs("<martif type=\"TBX-Basic\"><text><body><termEntry id=\"e1\">"
          "<langSet xml:lang=\"fr\"><tig><term>alpha</term>", f);
    for (int i = 0; i < TX_DATA_CAT_MAX + 6; i++)
        fprintf(f, "<termNote type=\"termLocation\">menuItem%d</termNote>", i);
    fputs("<admin type=\"customerSubset\">", f);
    for (size_t i = 0; i < big; i++)
        fputc('x', f);
    fputs("</admin><xref type=\"xGraphic\" target=\"a.png\">logo</xref></tig>"
          "<tig><term>beta</term><admin type=\"projectSubset\">P</admin></tig>"
          "</langSet><langSet xml:lang=\"en\"><tig><term>alpha</term></tig></langSet>"
          "</termEntry></body></text></martif>\n", f);
    fclose(f);
    if (read_back(path, &g) != TX_OK)
        return;
    check(g.n_extras == TX_DATA_CAT_MAX, "%zu extras kept", g.n_extras);
    check_str(g.extras[0], "term/0 termNote termLocation -: menuItem0");
    /* Past the bound, too long; an xGraphic of a term (TBX-Basic 2019: of the
     * concept or a language only); a second source term's data. */
    check(strstr(g.unkept, "termLocation") != NULL, "unkept: %s", g.unkept);
    check(strstr(g.unkept, "customerSubset") != NULL, "unkept: %s", g.unkept);
    check(strstr(g.unkept, "xref") != NULL, "unkept: %s", g.unkept);
    check(strstr(g.unkept, "projectSubset") != NULL, "unkept: %s", g.unkept);
    unlink(path);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/test_tbx_extra.XXXXXX", check_tmp_dir());
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_round_trip(TX_TBX_2008, "extras-2008.tbx");
    test_round_trip(TX_TBX_2019, "extras-2019.tbx");
    test_bounds();
    for (const char *const *n = (const char *const[]){"extras-2008.tbx", "extras-2019.tbx",
                                                      NULL};
         *n; n++) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", tmpdir, *n);
        unlink(path);
    }
    rmdir(tmpdir);
    xmlCleanupParser();
    return check_done();
}
