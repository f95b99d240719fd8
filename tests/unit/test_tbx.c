/* test_tbx.c: unit tests for the TBX writer and reader (glossary/tbx.c).
 * Fixtures in tests/data/tbx/ (see the README there): the golden writer outputs
 * (expected-2019.tbx, expected-2008.tbx), published samples, a reader coverage
 * file and hostile or broken files.  Big files are made in a temporary
 * directory.  libxml2 is used directly only to check that its global hooks are
 * restored. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp(), dup(), fileno() */
/* The positional tables below predate the review fields of concept.h (note,
 * usage, gender, geo; term_id, definition, ...), which they leave NULL. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "check.h"
#include "quiet.h"
#include "tbx.h"

#define DATA TX_TEST_DATA "/tbx/"

static char tmpdir[160];

static void tmp_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", tmpdir, name);
}

/* The library must never print: see quiet.h. */

/* ---- files ---- */

/* ---- collecting concepts as one line each ---- */

#define MAX_SEEN 16

typedef struct seen {
    int n;
    int stop_after; /* 0 = never stop */
    char line[MAX_SEEN][2048];
    unsigned long at[MAX_SEEN]; /* the concept's line */
} seen;

static const char *or_dash(const char *s)
{
    return s ? s : "-";
}

static void describe_terms(char *out, size_t size, const tx_concept_term *t, size_t n)
{
    size_t i;
    size_t used = strlen(out);

    for (i = 0; i < n && used < size; i++) {
        snprintf(out + used, size - used, "%s[%s/%s/%s/%s/%s]", i ? " " : "", t[i].text,
                 or_dash(t[i].pos), or_dash(t[i].status), or_dash(t[i].context),
                 or_dash(t[i].source));
        used = strlen(out);
    }
}

/* "id fr>en: [term/pos/status/context/source] ... = [target terms]" */
static int collect(const tx_concept *c, void *arg)
{
    seen *s = arg;

    if (s->n < MAX_SEEN) {
        char *out = s->line[s->n];
        size_t size = sizeof s->line[0];

        snprintf(out, size, "%s %s>%s: ", or_dash(c->id), c->src_lang, c->tgt_lang);
        describe_terms(out, size, c->src, c->n_src);
        snprintf(out + strlen(out), size - strlen(out), " = ");
        describe_terms(out, size, c->tgt, c->n_tgt);
        s->at[s->n] = c->line;
    }
    s->n++;
    return s->stop_after && s->n >= s->stop_after;
}

static tx_status read_file(const char *path, const char *src, const char *tgt, seen *s,
                           tx_tbx_info *info, tx_error *err)
{
    memset(s, 0, sizeof *s);
    err->code = TX_OK;
    err->msg[0] = '\0';
    return tx_tbx_read(path, src, tgt, collect, s, info, err);
}

static tx_status read_data(const char *name, const char *src, const char *tgt, seen *s,
                           tx_tbx_info *info, tx_error *err)
{
    char path[512];

    snprintf(path, sizeof path, "%s%s", DATA, name);
    return read_file(path, src, tgt, s, info, err);
}

/* ---- statuses ---- */

static void test_status_mapping(void)
{
    check_str(tx_status_to_tbx("approved"), "preferredTerm-admn-sts");
    check_str(tx_status_to_tbx("candidate"), "admittedTerm-admn-sts");
    check_str(tx_status_to_tbx("rejected"), "deprecatedTerm-admn-sts");
    check(tx_status_to_tbx("listed") == NULL, "unknown status mapped");
    check(tx_status_to_tbx(NULL) == NULL, "NULL status mapped");
    check_str(tx_status_from_tbx("preferredTerm-admn-sts"), "approved");
    check_str(tx_status_from_tbx("admittedTerm-admn-sts"), "candidate");
    check_str(tx_status_from_tbx("deprecatedTerm-admn-sts"), "rejected");
    check_str(tx_status_from_tbx("supersededTerm-admn-sts"), "rejected");
    check(tx_status_from_tbx("preferred") == NULL, "unknown value mapped");
    check(tx_status_from_tbx(NULL) == NULL, "NULL value mapped");
}

/* ---- writing ---- */

/* The test glossary: XML-special characters, non-ASCII text, every field. */
static const tx_concept_term c1_src[] = {
    { "diplomatie préventive", "approved", "noun",
      "La diplomatie préventive est une priorité.", "A/RES/75/1 (fr).txt", NULL },
    { "diplomatie de prévention", "candidate", NULL, NULL, NULL, NULL },
};
static const tx_concept_term c1_tgt[] = {
    { "preventive diplomacy", "candidate", "noun", NULL, "un-fr-en.tmx", NULL },
};
static const tx_concept_term c2_src[] = {
    { "R&D <\"pilote\"> l'an", "rejected", "Verb",
      "Ça coûte 5 € : « R&D » <b> 'x' \"y\" — 日本語 😀", NULL, NULL },
};
static const tx_concept_term c2_tgt[] = {
    { "pilot R&D", NULL, "properNoun", NULL, NULL, NULL },
    { "R&D <pilot>", "listed", "noun phrase", "It's <b>&amp;</b> \"quoted\".",
      "doc & co", NULL },
};
static const tx_concept_term c3_src[] = {
    { "zone de paix", NULL, NULL, "Une zone de paix, de confiance et de coopération.", NULL, NULL },
};

static const tx_concept test_concepts[] = {
    { "c1", "fr", "en", c1_src, 2, c1_tgt, 1, 12.5, 40, 0 },
    { "c2", NULL, NULL, c2_src, 1, c2_tgt, 2, 0, 0, 0 },
    { "c3", "fr", "en", c3_src, 1, NULL, 0, 0, 0, 0 },
};

static tx_status write_glossary(const char *path, tx_tbx_version v, const tx_concept *cs,
                                size_t n, tx_error *err)
{
    FILE *f = fopen(path, "wb");
    tx_tbx_writer *w = NULL;
    tx_status rc;
    size_t i;

    if (!f)
        return TX_EIO;
    rc = tx_tbx_writer_new(f, v, "fr", "en", "UN glossary: fr & en", &w, err);
    for (i = 0; rc == TX_OK && i < n; i++)
        rc = tx_tbx_write(w, &cs[i], err);
    if (rc == TX_OK)
        rc = tx_tbx_writer_finish(w, err);
    tx_tbx_writer_free(w);
    if (fclose(f) != 0 && rc == TX_OK)
        rc = TX_EIO;
    return rc;
}

static void test_write_golden(void)
{
    static const struct {
        tx_tbx_version v;
        const char *name;
    } cases[] = {
        { TX_TBX_2019, "expected-2019.tbx" },
        { TX_TBX_2008, "expected-2008.tbx" },
    };
    size_t i;

    for (i = 0; i < 2; i++) {
        char got[512];
        char want[512];
        tx_error err;
        tx_status rc;

        tmp_path(got, sizeof got, cases[i].name);
        snprintf(want, sizeof want, "%s%s", DATA, cases[i].name);
        rc = write_glossary(got, cases[i].v, test_concepts, 3, &err);
        check(rc == TX_OK, "%s: rc %d: %s", cases[i].name, rc, err.msg);
        check(check_same_file(got, want), "%s differs from the golden file (diff %s %s)",
              cases[i].name, got, want);
    }
}

/* What reading the test glossary gives, in both versions. */
static const char *const test_read_back[] = {
    "c1 fr>en: [diplomatie préventive/noun/approved/La diplomatie préventive est une "
    "priorité./A/RES/75/1 (fr).txt] [diplomatie de prévention/-/candidate/-/-] = "
    "[preventive diplomacy/noun/candidate/-/un-fr-en.tmx]",
    "c2 fr>en: [R&D <\"pilote\"> l'an/verb/rejected/Ça coûte 5 € : « R&D » <b> 'x' \"y\" "
    "— 日本語 😀/-] = [pilot R&D/@/forbidden/-/-] [R&D <pilot>/other/forbidden/It's <b>&amp;</b> "
    "\"quoted\"./doc & co]",
    "c3 fr>en: [zone de paix/-/-/Une zone de paix, de confiance et de coopération./-] = ",
};

/* The callback of the round trip: write each concept read to another writer. */
static int rewrite(const tx_concept *c, void *arg)
{
    tx_tbx_writer *w = arg;
    tx_error err;
    tx_status rc = tx_tbx_write(w, c, &err);

    check(rc == TX_OK, "rewrite %s: rc %d: %s", or_dash(c->id), rc, err.msg);
    return rc != TX_OK;
}

static void test_read_back_and_round_trip(void)
{
    static const tx_tbx_version versions[] = { TX_TBX_2019, TX_TBX_2008 };
    size_t i;
    int k;

    for (i = 0; i < 2; i++) {
        char first[512];
        char second[512];
        seen s;
        tx_tbx_info info;
        tx_error err;
        tx_status rc;
        FILE *f;
        tx_tbx_writer *w = NULL;

        tmp_path(first, sizeof first, "first.tbx");
        tmp_path(second, sizeof second, "second.tbx");
        rc = write_glossary(first, versions[i], test_concepts, 3, &err);
        check(rc == TX_OK, "write: rc %d: %s", rc, err.msg);
        rc = read_file(first, "fr", "en", &s, &info, &err);
        check(rc == TX_OK, "read back: rc %d: %s", rc, err.msg);
        check(info.version == versions[i], "version %d", (int)info.version);
        check(info.n_concepts == 3 && s.n == 3, "%zu concepts, %d calls", info.n_concepts,
              s.n);
        check_str(info.langs, "fr, en");
        for (k = 0; k < 3 && k < s.n; k++) {
            char want[2048];
            char *at;

            /* pos of "pilot R&D": properNoun stays in 2008, becomes noun in 2019 */
            snprintf(want, sizeof want, "%s", test_read_back[k]);
            at = strchr(want, '@');
            if (at) {
                const char *pos = versions[i] == TX_TBX_2008 ? "properNoun" : "noun";

                memmove(at + strlen(pos), at + 1, strlen(at + 1) + 1);
                memcpy(at, pos, strlen(pos));
            }
            check_str(s.line[k], want);
        }

        /* write -> read -> write: byte-identical */
        f = fopen(second, "wb");
        check(f != NULL, "cannot open %s", second);
        if (!f)
            continue;
        rc = tx_tbx_writer_new(f, versions[i], "fr", "en", "UN glossary: fr & en", &w,
                               &err);
        check(rc == TX_OK, "writer: %s", err.msg);
        if (rc == TX_OK)
            rc = tx_tbx_read(first, "fr", "en", rewrite, w, NULL, &err);
        check(rc == TX_OK, "read for rewrite: rc %d: %s", rc, err.msg);
        if (rc == TX_OK)
            rc = tx_tbx_writer_finish(w, &err);
        check(rc == TX_OK, "finish: %s", err.msg);
        tx_tbx_writer_free(w);
        fclose(f);
        check(check_same_file(first, second), "version %d: round trip differs (diff %s %s)",
              (int)versions[i], first, second);
    }
}

/* White space is normalised as the reader normalises it. */
static void test_write_normalises(void)
{
    static const tx_concept_term src[] = {
        { "  zone\tde \r\n paix ", "approved", " noun ", "  a\n\nb  ", "   ", NULL },
    };
    static const tx_concept c = { "z1", "fr", "en", src, 1, NULL, 0, 0, 0, 0 };
    char path[512];
    seen s;
    tx_error err;
    tx_status rc;

    tmp_path(path, sizeof path, "spaces.tbx");
    rc = write_glossary(path, TX_TBX_2019, &c, 1, &err);
    check(rc == TX_OK, "rc %d: %s", rc, err.msg);
    rc = read_file(path, "fr", "en", &s, NULL, &err);
    check(rc == TX_OK && s.n == 1, "rc %d: %s", rc, err.msg);
    check_str(s.line[0], "z1 fr>en: [zone de paix/noun/approved/a b/-] = ");
}

/* Concepts without the structure TBX needs are refused whole and the document
 * goes on; text XML cannot carry is repaired (U+FFFD), never refused. */
static void test_write_refuses(void)
{
    static const tx_concept_term good[] = { { "paix", NULL, NULL, NULL, NULL, NULL } };
    static const tx_concept_term ctrl[] = { { "paix", NULL, NULL, "bell\a", NULL, NULL } };
    static const tx_concept_term bad_utf8[] = { { "pa\xC3\x28x", NULL, NULL, NULL, NULL, NULL } };
    static const tx_concept_term overlong[] = { { "\xC0\xAF", NULL, NULL, NULL, NULL, NULL } };
    static const tx_concept_term surrogate[] = { { "\xED\xA0\x80", NULL, NULL, NULL, NULL, NULL } };
    static const tx_concept_term fffe[] = { { "\xEF\xBF\xBE", NULL, NULL, NULL, NULL, NULL } };
    static const tx_concept_term blank[] = { { " \t ", NULL, NULL, NULL, NULL, NULL } };
    static const tx_concept_term null_text[] = { { NULL, NULL, NULL, NULL, NULL, NULL } };
    /* an older glossary's control character, a document path that is not UTF-8 */
    static const tx_concept_term dirty[] = {
        { "diplomatie\x01 pr\xC3\xA9ventive", "approved", "noun\x02",
          "ctx \x1b[31m\xEF\xBF\xBF", "/tmp/f\xE9.txt", NULL },
    };
    const tx_concept bad[] = {
        { "b6", "fr", "en", blank, 1, NULL, 0, 0, 0, 0 },
        { "b7", "fr", "en", null_text, 1, NULL, 0, 0, 0, 0 },
        { "b9", "fr", "en", good, 0, NULL, 0, 0, 0, 0 },
        { "1abc", "fr", "en", good, 1, NULL, 0, 0, 0, 0 },
        { "a b", "fr", "en", good, 1, NULL, 0, 0, 0, 0 },
        { "a:b", "fr", "en", good, 1, NULL, 0, 0, 0, 0 },
        { NULL, "fr", "en", good, 1, NULL, 0, 0, 0, 0 },
        { "b10", "fr\"x", "en", good, 1, NULL, 0, 0, 0, 0 },
        { "b11", "fr", "en", good, 1, blank, 1, 0, 0, 0 },
    };
    const tx_concept repaired[] = {
        { "b1", "fr", "en", ctrl, 1, NULL, 0, 0, 0, 0 },
        { "b2", "fr", "en", bad_utf8, 1, NULL, 0, 0, 0, 0 },
        { "b3", "fr", "en", overlong, 1, NULL, 0, 0, 0, 0 },
        { "b4", "fr", "en", surrogate, 1, NULL, 0, 0, 0, 0 },
        { "b5", "fr", "en", fffe, 1, NULL, 0, 0, 0, 0 },
        { "b8", "fr", "en", good, 1, ctrl, 1, 0, 0, 0 },
        { "b12", "fr", "en", dirty, 1, dirty, 1, 0, 0, 0 },
    };
#define R "\xEF\xBF\xBD" /* U+FFFD */
    static const char *const read_back[] = {
        "b1 fr>en: [paix/-/-/bell" R "/-] = ",
        "b2 fr>en: [pa" R "(x/-/-/-/-] = ",
        "b3 fr>en: [" R R "/-/-/-/-] = ",
        "b4 fr>en: [" R R R "/-/-/-/-] = ",
        "b5 fr>en: [" R "/-/-/-/-] = ",
        "b8 fr>en: [paix/-/-/-/-] = [paix/-/-/bell" R "/-]",
        "b12 fr>en: [diplomatie" R " préventive/other/approved/ctx " R "[31m" R
        "//tmp/f" R ".txt] = [diplomatie" R " préventive/other/approved/ctx " R "[31m" R
        "//tmp/f" R ".txt]",
        "ok fr>en: [paix/-/-/-/-] = ",
    };
#undef R
    const tx_concept ok = { "ok", "fr", "en", good, 1, NULL, 0, 0, 0, 0 };
    char path[512];
    FILE *f;
    tx_tbx_writer *w = NULL;
    tx_error err;
    tx_status rc;
    seen s;
    size_t i;

    tmp_path(path, sizeof path, "refused.tbx");
    f = fopen(path, "wb");
    check(f != NULL, "cannot open %s", path);
    if (!f)
        return;
    rc = tx_tbx_writer_new(f, TX_TBX_2008, "fr", "en", NULL, &w, &err);
    check(rc == TX_OK, "writer: %s", err.msg);
    if (rc != TX_OK) {
        fclose(f);
        return;
    }
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rc = tx_tbx_write(w, &bad[i], &err);
        check(rc == TX_EINVAL, "bad concept %zu: rc %d", i, rc);
        if (i == 0)
            check_str(err.msg, "concept 'b6': source term 1 is empty");
        if (i == 1)
            check_str(err.msg, "concept 'b7': source term 1 has no text");
        if (i == 3)
            check_str(err.msg, "concept id '1abc' is not an XML name");
    }
    for (i = 0; i < sizeof repaired / sizeof repaired[0]; i++) {
        rc = tx_tbx_write(w, &repaired[i], &err);
        check(rc == TX_OK, "concept %s: rc %d: %s", repaired[i].id, rc, err.msg);
    }
    check(tx_tbx_write(w, &ok, &err) == TX_OK, "good concept: %s", err.msg);
    check(tx_tbx_writer_finish(w, &err) == TX_OK, "finish: %s", err.msg);
    check(tx_tbx_write(w, &ok, &err) == TX_EINVAL, "write after finish accepted");
    tx_tbx_writer_free(w);
    fclose(f);
    /* libxml2 parses what was written, strictly: every character is an XML one */
    rc = read_file(path, "fr", "en", &s, NULL, &err);
    check(rc == TX_OK && s.n == 8, "rc %d, %d concepts: %s", rc, s.n, err.msg);
    for (i = 0; i < 8 && (int)i < s.n; i++)
        check_str(s.line[i], read_back[i]);

    /* writer arguments */
    f = fopen("/dev/null", "wb");
    if (!f)
        return;
    check(tx_tbx_writer_new(f, 2010, "fr", "en", NULL, &w, &err) == TX_EINVAL && !w,
          "version 2010 accepted");
    check(tx_tbx_writer_new(f, TX_TBX_2019, "fr", "FR", NULL, &w, &err) == TX_EINVAL,
          "same languages accepted");
    check(tx_tbx_writer_new(f, TX_TBX_2019, "f r", "en", NULL, &w, &err) == TX_EINVAL,
          "bad language accepted");
    check(tx_tbx_writer_new(f, TX_TBX_2019, "fr", NULL, NULL, &w, &err) == TX_EINVAL,
          "NULL language accepted");
    check(tx_tbx_writer_new(f, TX_TBX_2019, "fr", "en", "a\x01", &w, &err) == TX_EINVAL,
          "control character in the title accepted");
    check(tx_tbx_writer_new(NULL, TX_TBX_2019, "fr", "en", NULL, &w, &err) == TX_EINVAL,
          "NULL FILE accepted");
    fclose(f);
    tx_tbx_writer_free(NULL);
}

/* A full disk is TX_EIO, at the latest from tx_tbx_writer_finish(), and nothing is
 * printed. */
static void test_write_full_disk(void)
{
    FILE *f = fopen("/dev/full", "wb");
    tx_tbx_writer *w = NULL;
    tx_error err;
    tx_status rc;
    long printed;
    int i;

    if (!f) {
        fprintf(stderr, "note: no /dev/full, skipping the full-disk test\n");
        return;
    }
    quiet_begin();
    rc = tx_tbx_writer_new(f, TX_TBX_2019, "fr", "en", NULL, &w, &err);
    for (i = 0; rc == TX_OK && i < 2000; i++)
        rc = tx_tbx_write(w, &test_concepts[0], &err);
    if (rc == TX_OK)
        rc = tx_tbx_writer_finish(w, &err);
    printed = quiet_end();
    check(rc == TX_EIO, "rc %d: %s", rc, err.msg);
    check(strstr(err.msg, "No space left on device") != NULL, "message: %s", err.msg);
    if (w) {
        check(tx_tbx_write(w, &test_concepts[0], &err) == TX_EIO, "write after failure");
        check(tx_tbx_writer_finish(w, &err) == TX_EIO, "finish after failure");
    }
    quiet_begin();
    tx_tbx_writer_free(w);
    fclose(f);
    printed += quiet_end();
    check(printed == 0, "the library wrote %ld bytes to stderr", printed);
}

/* ---- reading published files ---- */

/* Each concept carries the line its entry starts on (for the importer's notices). */
static void test_entry_lines(void)
{
    seen s;
    tx_error err;
    tx_status rc;

    rc = read_data("expected-2019.tbx", "fr", "en", &s, NULL, &err);
    check(rc == TX_OK && s.n == 3, "rc %d: %s", rc, err.msg);
    check(s.at[0] == 15 && s.at[1] == 40 && s.at[2] == 66, "2019: lines %lu %lu %lu",
          s.at[0], s.at[1], s.at[2]);
    rc = read_data("expected-2008.tbx", "fr", "en", &s, NULL, &err);
    check(rc == TX_OK && s.n == 3, "rc %d: %s", rc, err.msg);
    check(s.at[0] == 19 && s.at[1] == 44 && s.at[2] == 70, "2008: lines %lu %lu %lu",
          s.at[0], s.at[1], s.at[2]);
}

static void test_read_fixtures(void)
{
    seen s;
    tx_tbx_info info;
    tx_error err;
    tx_status rc;

    rc = read_data("glossary-fr-en-tbx2019.tbx", "fr", "en", &s, &info, &err);
    check(rc == TX_OK && s.n == 2, "2019 fixture: rc %d, %d: %s", rc, s.n, err.msg);
    check(info.version == TX_TBX_2019, "version %d", (int)info.version);
    check_str(s.line[0], "c1 fr>en: [énergie renouvelable/noun/-/La part de l'énergie "
                         "renouvelable augmente chaque année./-] = "
                         "[renewable energy/noun/approved/-/-]");
    check_str(s.line[1], "c2 fr>en: [changement climatique/noun/-/-/-] = "
                         "[climate change/noun/-/-/-]");

    rc = read_data("glossary-fr-en-tbx2008.tbx", "fr-FR", "en-GB", &s, &info, &err);
    check(rc == TX_OK && s.n == 2, "2008 fixture: rc %d, %d: %s", rc, s.n, err.msg);
    check(info.version == TX_TBX_2008, "version %d", (int)info.version);
    check_str(s.line[0], "c1 fr>en: [énergie renouvelable/noun/-/La part de l'énergie "
                         "renouvelable augmente chaque année./-] = "
                         "[renewable energy/noun/-/-/-]");

    /* Reading the other way round. */
    rc = read_data("glossary-fr-en-tbx2008.tbx", "en", "fr", &s, &info, &err);
    check(rc == TX_OK && s.n == 2, "en>fr: rc %d, %d: %s", rc, s.n, err.msg);
    check_str(s.line[1], "c2 en>fr: [climate change/noun/-/-/-] = "
                         "[changement climatique/noun/-/-/-]");
}

static void test_read_basic_sample(void)
{
    seen s;
    tx_tbx_info info;
    tx_error err;
    tx_status rc;

    rc = read_data("TBX-basic-sample.tbx", "en", "fr", &s, &info, &err);
    check(rc == TX_OK, "rc %d: %s", rc, err.msg);
    check(info.version == TX_TBX_2008 && info.n_concepts == 5 && s.n == 5,
          "version %d, %zu concepts", (int)info.version, info.n_concepts);
    check_str(info.langs, "en, fr, de");
    check_str(s.line[0], "c5 en>fr: [e-mail/-/-/-/-] = [courriel/-/-/-/-]");
    check_str(s.line[1], "c6 en>fr: [federated database/noun/-/Users and applications "
                         "interface with the federated database managed by the federated "
                         "server./-] = [base de données fédérée/noun/-/Une base de données "
                         "fédérée est une base de données répartie hétérogène constituée de "
                         "données fédérées, et nécessite donc une architecture qui permet la "
                         "communication entre les différentes sources de données./-]");
    check_str(s.line[2], "c7 en>fr: [progressive lens/noun/approved/-/-] "
                         "[progressive addition lens/noun/candidate/-/-] "
                         "[PAL/noun/rejected/-/-] [progressive power lens/noun/candidate/-/-] "
                         "[graduated lens/noun/rejected/-/-] = "
                         "[lentille progressive/noun/-/-/-]");
    /* The context's source is the one in its descripGrp, not the tig's own. */
    check_str(s.line[3], "c1 en>fr: [scheduled operation/verb/approved/One hour is "
                         "required between scheduled operations./Tivoli Storage Manager "
                         "Administrator's Guide] = ");
    check_str(s.line[4], "c2 en>fr: [unscheduled operation/noun/candidate/Unscheduled "
                         "operations should be recorded in a log./Manufacturing Process "
                         "Manual V2] = ");

    rc = read_data("TBX-basic-sample.tbx", "fr", "en", &s, &info, &err);
    check(rc == TX_OK && s.n == 3, "fr>en: rc %d, %d: %s", rc, s.n, err.msg);
    rc = read_data("TBX-basic-sample.tbx", "de", "fr", &s, &info, &err);
    check(rc == TX_OK && s.n == 1, "de>fr: rc %d, %d: %s", rc, s.n, err.msg);
    check_str(s.line[0], "c7 de>fr: [Gleitsichtglas/noun/-/-/-] = "
                         "[lentille progressive/noun/-/-/-]");

    rc = read_data("TBX-basic-sample.tbx", "es", "en", &s, &info, &err);
    check(rc == TX_ENOTFOUND, "es: rc %d", rc);
    check_str(err.msg, TX_TEST_DATA "/tbx/TBX-basic-sample.tbx: no entry with a term in 'es'"
                       " (languages found: en, fr, de)");

    /* The callback stops the reading. */
    memset(&s, 0, sizeof s);
    s.stop_after = 2;
    rc = tx_tbx_read(DATA "TBX-basic-sample.tbx", "en", "fr", collect, &s, &info, &err);
    check(rc == TX_OK && s.n == 2 && info.n_concepts == 2, "stop: rc %d, %d", rc, s.n);
    rc = tx_tbx_read(DATA "TBX-basic-sample.tbx", "en", "fr", NULL, NULL, &info, &err);
    check(rc == TX_OK && info.n_concepts == 5, "count only: rc %d", rc);
}

static void test_read_mixed(void)
{
    seen s;
    tx_tbx_info info;
    tx_error err;
    tx_status rc;

    rc = read_data("mixed.tbx", "fr", "en-GB", &s, &info, &err);
    check(rc == TX_OK && s.n == 2, "rc %d, %d: %s", rc, s.n, err.msg);
    check_str(info.langs, "fr-fr, en-gb, en-us, de, en, fr-ca");
    check_str(s.line[0], "m1 FR-fr>en-GB: [diplomatie préventive/noun/rejected/La "
                         "diplomatie préventive est une priorité./direct source] "
                         "[prévention des conflits/-/-/La prévention des conflits coûte "
                         "moins cher./A/RES/60/1] = [preventive diplomacy/-/-/-/-] "
                         "[preventive diplomacy (US)/-/-/-/-]");
    check_str(s.line[1], "- fr_CA>en-GB: [entrée sans id/-/-/-/-] = ");
}

/* ---- hostile and broken input ---- */

/* Any concept holding a line of /etc/passwd? */
static int leaked(const tx_concept *c, void *arg)
{
    int *bad = arg;
    size_t i;

    for (i = 0; i < c->n_src + c->n_tgt; i++) {
        const char *t = i < c->n_src ? c->src[i].text : c->tgt[i - c->n_src].text;

        if (strstr(t, "root:") || strstr(t, "/bin/"))
            *bad = 1;
    }
    return 0;
}

static void test_hostile(void)
{
    static const struct {
        const char *name;
        tx_status rc;
        const char *msg; /* after "DATA/tbx/" */
    } cases[] = {
        /* the guard (xmlguard.c) refuses the first <!ENTITY before libxml2 parses it */
        { "billion-laughs.tbx", TX_EINPUT,
          "billion-laughs.tbx: entity declarations are not accepted in TBX"
          " (in the DOCTYPE)" },
        { "external-entity.tbx", TX_EINPUT,
          "external-entity.tbx: entity declarations are not accepted in TBX"
          " (in the DOCTYPE)" },
        { "external-pe.tbx", TX_EINPUT,
          "external-pe.tbx: entity declarations are not accepted in TBX"
          " (in the DOCTYPE)" },
        { "wrong-root.tbx", TX_EINPUT,
          "wrong-root.tbx:2: not a TBX file (root element is <tmx>)" },
        { "malformed.tbx", TX_EINPUT,
          "malformed.tbx:21: Opening and ending tag mismatch: term line 21 and termSec" },
        { "invalid-utf8.tbx", TX_EINPUT, "invalid-utf8.tbx:8: Input is not proper UTF-8,"
                                         " indicate encoding ! Bytes: 0xE9 0x76 0x65 0x6E" },
    };
    size_t i;
    long printed;

    quiet_begin();
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[512];
        tx_error err;
        tx_status rc;
        int bad = 0;

        snprintf(path, sizeof path, "%s%s", DATA, cases[i].name);
        err.msg[0] = '\0';
        rc = tx_tbx_read(path, "fr", "en", leaked, &bad, NULL, &err);
        check(rc == cases[i].rc, "%s: rc %d: %s", cases[i].name, rc, err.msg);
        check(!bad, "%s: /etc/passwd leaked", cases[i].name);
        check(strncmp(err.msg, DATA, strlen(DATA)) == 0, "%s: message %s", cases[i].name,
              err.msg);
        if (cases[i].msg)
            check(strncmp(err.msg + strlen(DATA), cases[i].msg,
                          strlen(cases[i].msg)) == 0,
                  "%s: message '%s', want '%s'", cases[i].name, err.msg, cases[i].msg);
    }
    {
        /* A DTD without entities is fine, and never fetched. */
        seen s;
        tx_error err;
        tx_status rc = read_data("external-dtd.tbx", "fr", "en", &s, NULL, &err);

        check(rc == TX_OK && s.n == 1, "external-dtd: rc %d: %s", rc, err.msg);
    }
    {
        tx_error err;
        tx_status rc = tx_tbx_read(DATA "no-such-file.tbx", "fr", "en", NULL, NULL, NULL,
                                   &err);

        check(rc == TX_EIO && strstr(err.msg, "No such file"), "missing: rc %d: %s", rc,
              err.msg);
        rc = tx_tbx_read(DATA, "fr", "en", NULL, NULL, NULL, &err);
        check(rc == TX_EIO, "directory: rc %d: %s", rc, err.msg);
        rc = tx_tbx_read(DATA "mixed.tbx", "fr", "FR", NULL, NULL, NULL, &err);
        check(rc == TX_EINVAL, "same languages: rc %d", rc);
        rc = tx_tbx_read(DATA "mixed.tbx", "", "en", NULL, NULL, NULL, &err);
        check(rc == TX_EINVAL, "empty language: rc %d", rc);
    }
    printed = quiet_end();
    check(printed == 0, "the library wrote %ld bytes to stderr", printed);
}

static void test_hooks_restored(void)
{
    xmlExternalEntityLoader loader = xmlGetExternalEntityLoader();
    xmlStructuredErrorFunc structured = xmlStructuredError;
    xmlGenericErrorFunc generic = xmlGenericError;
    seen s;
    tx_error err;
    char path[512];

    read_data("malformed.tbx", "fr", "en", &s, NULL, &err);
    read_data("glossary-fr-en-tbx2019.tbx", "fr", "en", &s, NULL, &err);
    tmp_path(path, sizeof path, "hooks.tbx");
    write_glossary(path, TX_TBX_2008, test_concepts, 3, &err);
    check(xmlGetExternalEntityLoader() == loader, "entity loader not restored");
    check(xmlStructuredError == structured, "structured error handler not restored");
    check(xmlGenericError == generic, "generic error handler not restored");
}

/* ---- limits, on files made for the occasion ---- */

static void test_limits(void)
{
    char path[512];
    FILE *f;
    tx_error err;
    tx_status rc;
    size_t i;

    /* a term of more than TX_TBX_MAX_TEXT bytes */
    tmp_path(path, sizeof path, "long-text.tbx");
    f = fopen(path, "wb");
    if (!f)
        return;
    fputs("<martif type=\"TBX-Basic\" xml:lang=\"fr\"><text><body>\n<termEntry id=\"c1\">"
          "<langSet xml:lang=\"fr\"><tig><term>", f);
    for (i = 0; i <= TX_TBX_MAX_TEXT / 8; i++)
        fputs("abcdefg ", f);
    fputs("</term></tig></langSet></termEntry></body></text></martif>\n", f);
    fclose(f);
    rc = tx_tbx_read(path, "fr", "en", NULL, NULL, NULL, &err);
    check(rc == TX_EINPUT && strstr(err.msg, ":2: text longer than 1048576 bytes"),
          "long text: rc %d: %s", rc, err.msg);

    /* an entry with more than TX_TBX_MAX_TERMS terms */
    tmp_path(path, sizeof path, "many-terms.tbx");
    f = fopen(path, "wb");
    if (!f)
        return;
    fputs("<tbx><text><body><conceptEntry id=\"c1\"><langSec xml:lang=\"fr\">\n", f);
    for (i = 0; i <= TX_TBX_MAX_TERMS; i++)
        fprintf(f, "<termSec><term>t%zu</term></termSec>\n", i);
    fputs("</langSec></conceptEntry></body></text></tbx>\n", f);
    fclose(f);
    rc = tx_tbx_read(path, "fr", "en", NULL, NULL, NULL, &err);
    check(rc == TX_EINPUT && strstr(err.msg, "entry with more than 10000 terms"),
          "many terms: rc %d: %s", rc, err.msg);
}

/* ---- hostile XML: the guard of xmlguard.c ---- */

static void test_guard(void)
{
    char path[512];
    FILE *f;
    seen s;
    tx_error err;
    tx_status rc;
    size_t i;
    long printed;

    /* 200,000 attributes on one element: refused before libxml2 checks them
     * against each other (minutes with libxml2 2.9 alone). */
    tmp_path(path, sizeof path, "attrs.tbx");
    f = fopen(path, "wb");
    if (!f)
        return;
    fputs("<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"fr\"><text><body>\n"
          "<conceptEntry id=\"c1\"", f);
    for (i = 0; i < 200000; i++)
        fprintf(f, " a%zu=\"x\"", i);
    fputs("/></body></text></tbx>\n", f);
    fclose(f);
    quiet_begin();
    rc = read_file(path, "fr", "en", &s, NULL, &err);
    printed = quiet_end();
    check(rc == TX_EINPUT && strstr(err.msg, "/attrs.tbx:2: more than 256 attributes on"
                                             " one element (a limit of termex)"),
          "200,000 attributes: rc %d: %s", rc, err.msg);
    unlink(path);

    /* What a naive count would get wrong reads as usual: '>' and '=' in
     * values, markup in a comment, a CDATA section and a PI. */
    tmp_path(path, sizeof path, "tricky.tbx");
    f = fopen(path, "wb");
    if (!f)
        return;
    fputs("<?xml version=\"1.0\"?>\n<?pi a=\"<\" <x y=z> ?>\n"
          "<tbx type='TBX-Basic' style=\"dca\" xml:lang=\"fr\" note='a>b=\"c\"'><text>"
          "<body>\n<!-- <conceptEntry id=\"c0\"> a=b a=b a=b -->\n"
          "<conceptEntry id=\"c1\" n=\"", f);
    for (i = 0; i < 300; i++)
        fputs("a=b ", f);
    fputs("\"><langSec xml:lang=\"fr\"><termSec><term><![CDATA[<a b=\"c\">]]> x=y</term>"
          "</termSec></langSec><langSec xml:lang=\"en\"><termSec><term>z</term>"
          "</termSec></langSec></conceptEntry></body></text></tbx>\n", f);
    fclose(f);
    quiet_begin();
    rc = read_file(path, "fr", "en", &s, NULL, &err);
    printed += quiet_end();
    check(rc == TX_OK && s.n == 1, "tricky: rc %d: %s", rc, err.msg);
    check_str(s.line[0], "c1 fr>en: [<a b=\"c\"> x=y/-/-/-/-] = [z/-/-/-/-]");
    unlink(path);
    check(printed == 0, "the library wrote %ld bytes to stderr", printed);
}

/* ---- streaming: 100,000 concepts ---- */

static int count_and_check(const tx_concept *c, void *arg)
{
    size_t *n = arg;
    char want[32];

    snprintf(want, sizeof want, "c%zu", *n + 1);
    if (!c->id || strcmp(c->id, want) != 0 || c->n_src != 1 || c->n_tgt != 1) {
        check(0, "concept %zu: id %s", *n + 1, or_dash(c->id));
        return 1;
    }
    (*n)++;
    return 0;
}

static tx_status write_many(FILE *f, tx_tbx_version v, size_t n, tx_error *err)
{
    tx_concept_term src = { NULL, "candidate", "noun", "Une phrase d'exemple.", "doc.txt", NULL };
    tx_concept_term tgt = { NULL, NULL, "noun", NULL, NULL, NULL };
    tx_concept c = { NULL, "fr", "en", &src, 1, &tgt, 1, 0, 0, 0 };
    char id[32];
    char s[64];
    char t[64];
    tx_tbx_writer *w = NULL;
    tx_status rc = tx_tbx_writer_new(f, v, "fr", "en", NULL, &w, err);
    size_t i;

    c.id = id;
    src.text = s;
    tgt.text = t;
    for (i = 1; rc == TX_OK && i <= n; i++) {
        snprintf(id, sizeof id, "c%zu", i);
        snprintf(s, sizeof s, "terme numéro %zu", i);
        snprintf(t, sizeof t, "term number %zu", i);
        rc = tx_tbx_write(w, &c, err);
    }
    if (rc == TX_OK)
        rc = tx_tbx_writer_finish(w, err);
    tx_tbx_writer_free(w);
    return rc;
}

static void test_streaming(void)
{
    const size_t n = 100000;
    char path[512];
    FILE *f;
    tx_error err;
    tx_status rc;
    size_t got = 0;
    tx_tbx_info info;

    f = fopen("/dev/null", "wb");
    if (f) {
        rc = write_many(f, TX_TBX_2019, n, &err);
        check(rc == TX_OK, "/dev/null: rc %d: %s", rc, err.msg);
        fclose(f);
    }
    tmp_path(path, sizeof path, "many.tbx");
    f = fopen(path, "wb");
    if (!f)
        return;
    rc = write_many(f, TX_TBX_2008, n, &err);
    fclose(f);
    check(rc == TX_OK, "write: rc %d: %s", rc, err.msg);
    rc = tx_tbx_read(path, "fr", "en", count_and_check, &got, &info, &err);
    check(rc == TX_OK && got == n && info.n_concepts == n, "read: rc %d, %zu: %s", rc, got,
          err.msg);
}

int main(int argc, char **argv)
{
    /* `test_tbx DIR` keeps the written files in DIR (for validate-tbx). */
    if (argc > 1)
        snprintf(tmpdir, sizeof tmpdir, "%s", argv[1]);
    else
        snprintf(tmpdir, sizeof tmpdir, "%s/test_tbx.XXXXXX", check_tmp_dir());
    if (argc <= 1 && !mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_status_mapping();
    test_write_golden();
    test_read_back_and_round_trip();
    test_write_normalises();
    test_write_refuses();
    test_write_full_disk();
    test_read_fixtures();
    test_entry_lines();
    test_read_basic_sample();
    test_read_mixed();
    test_hostile();
    test_hooks_restored();
    test_limits();
    test_guard();
    test_streaming();
    if (argc <= 1) {
        static const char *const names[] = {
            "expected-2019.tbx", "expected-2008.tbx", "first.tbx", "second.tbx",
            "spaces.tbx", "refused.tbx", "hooks.tbx", "long-text.tbx", "many-terms.tbx",
            "many.tbx",
        };
        size_t i;
        char path[512];

        for (i = 0; i < sizeof names / sizeof names[0]; i++) {
            tmp_path(path, sizeof path, names[i]);
            unlink(path);
        }
        rmdir(tmpdir);
    }
    xmlCleanupParser();
    return check_done();
}
