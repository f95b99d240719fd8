/* test_xliff.c: unit tests for tx_xliff_read().
 * Fixtures in tests/data/xliff/: the same UN-style fr-FR -> en-GB segments as
 * XLIFF 1.2 and 2.0 (both valid against the OASIS schemas), corner cases of
 * each version (extras-*.xlf), and hostile or broken files.  Files too big to
 * keep in the tree are made in a temporary directory. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp(), dup(), clock_gettime() */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "check.h"
#include "quiet.h"
#include "xliff.h"

#define DATA TX_TEST_DATA "/xliff/"

/* ---- collecting pairs ---- */

#define MAX_PAIRS 16

typedef struct collected {
    int n;
    int stop_after; /* 0 = never stop */
    char src[MAX_PAIRS][512];
    char tgt[MAX_PAIRS][512];
    char id[MAX_PAIRS][32];
    unsigned line[MAX_PAIRS];
} collected;

static int collect(const tx_segment_pair *p, void *arg)
{
    collected *c = arg;

    if (c->n < MAX_PAIRS) {
        snprintf(c->src[c->n], sizeof c->src[0], "%s", p->src);
        snprintf(c->tgt[c->n], sizeof c->tgt[0], "%s", p->tgt);
        snprintf(c->id[c->n], sizeof c->id[0], "%s", p->id ? p->id : "(none)");
        c->line[c->n] = p->line;
    }
    c->n++;
    return c->stop_after && c->n >= c->stop_after;
}

/* Any pair holding a line of /etc/passwd or a translation candidate? */
static int leaked(const tx_segment_pair *p, void *arg)
{
    int *bad = arg;

    if (strstr(p->src, "root:") || strstr(p->tgt, "root:") || strstr(p->src, "/bin/")
        || strstr(p->tgt, "/bin/") || strstr(p->src, "LEAK") || strstr(p->tgt, "LEAK"))
        *bad = 1;
    return 0;
}

static tx_status read_fr_en(const char *name, collected *c, tx_xliff_info *info,
                            tx_error *err)
{
    char path[512];

    snprintf(path, sizeof path, "%s%s", DATA, name);
    memset(c, 0, sizeof *c);
    err->code = TX_OK;
    err->msg[0] = '\0';
    return tx_xliff_read(path, "fr", "en", collect, c, info, err);
}

/* The library must never print: see quiet.h. */

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the UN fixtures, both versions ---- */

static const char *const un_src[] = {
    "La diplomatie préventive est une priorité.",
    "Le développement durable exige une coopération régionale renforcée.",
    "Les mesures de confiance contribuent à réduire les tensions.",
    ("L'Assemblée générale réaffirme son attachement au Programme de "
     "développement durable à l'horizon 2030."),
    "Le Secrétaire général présente son rapport sur les activités du Centre.",
    "Les États Membres sont invités à verser des contributions volontaires.",
    "Voir l'annexe II.",
};

static const char *const un_tgt[] = {
    "Preventive diplomacy is a priority.",
    "Sustainable development requires stronger regional cooperation.",
    "Confidence-building measures help to reduce tensions.",
    ("The General Assembly reaffirms its commitment to the 2030 Agenda for "
     "Sustainable Development."),
    "The Secretary-General presents his report on the activities of the Centre.",
    "Member States are invited to make voluntary contributions.",
    "See annex II.",
};

#define N_UN ((int)(sizeof un_src / sizeof un_src[0]))

static void check_un_texts(const collected *c, const char *name)
{
    int i;

    check(c->n == N_UN, "%s: %d pairs", name, c->n);
    for (i = 0; i < N_UN && i < c->n; i++) {
        check_str(c->src[i], un_src[i]);
        check_str(c->tgt[i], un_tgt[i]);
    }
}

static void test_un_12(void)
{
    static const char *const ids[] = { "1", "2", "3", "4", "5", "7.1", "7.2" };
    static const unsigned lines[] = { 11, 20, 24, 29, 35, 43, 47 };
    collected c;
    tx_xliff_info info;
    tx_error err;
    int i;

    /* <g>, <mrk> kept; <bpt>/<ept>/<ph> dropped with their code; <x/> gives
     * nothing; alt-trans, notes and the header ignored; lines folded; unit 6
     * has no target. */
    check(read_fr_en("un-fr-en-12.xlf", &c, &info, &err) == TX_OK, "%s", err.msg);
    check_un_texts(&c, "1.2");
    for (i = 0; i < N_UN && i < c.n; i++) {
        check_str(c.id[i], ids[i]);
        check(c.line[i] == lines[i], "pair %d: line %u, want %u", i, c.line[i], lines[i]);
    }
    check(info.version == 12, "version %d", info.version);
    check_str(info.src_lang, "fr-FR");
    check_str(info.tgt_lang, "en-GB");
    check(info.n_units == 8 && info.n_pairs == 7, "%zu units, %zu pairs", info.n_units,
          info.n_pairs);
}

static void test_un_20(void)
{
    static const char *const ids[] = { "1", "2", "3", "4", "5", "7/s1", "7/2" };
    static const unsigned lines[] = { 14, 24, 34, 41, 52, 64, 72 };
    collected c;
    tx_xliff_info info;
    tx_error err;
    int i;

    /* <pc>, <mrk> kept; <sc/>, <ec/>, <ph/> give nothing; originalData, notes
     * and <ignorable> ignored; unit 7 has two segments, the second without id. */
    check(read_fr_en("un-fr-en-20.xlf", &c, &info, &err) == TX_OK, "%s", err.msg);
    check_un_texts(&c, "2.0");
    for (i = 0; i < N_UN && i < c.n; i++) {
        check_str(c.id[i], ids[i]);
        check(c.line[i] == lines[i], "pair %d: line %u, want %u", i, c.line[i], lines[i]);
    }
    check(info.version == 20, "version %d", info.version);
    check_str(info.src_lang, "fr-FR");
    check_str(info.tgt_lang, "en-GB");
    check(info.n_units == 7 && info.n_pairs == 7, "%zu units, %zu pairs", info.n_units,
          info.n_pairs);

    /* Language codes: primary subtag, any case, '_' for '-'. */
    memset(&c, 0, sizeof c);
    check(tx_xliff_read(DATA "un-fr-en-20.xlf", "FR_ca", "en-US", collect, &c, &info,
                        &err) == TX_OK, "%s", err.msg);
    check(c.n == N_UN, "%d pairs", c.n);

    /* No callback, no info, no error struct. */
    check(tx_xliff_read(DATA "un-fr-en-20.xlf", "fr", "en", NULL, NULL, &info, &err)
          == TX_OK && info.n_pairs == 7, "%s", err.msg);
    check(tx_xliff_read(DATA "un-fr-en-12.xlf", "fr", "en", NULL, NULL, NULL, NULL)
          == TX_OK, "no info");
}

static void test_extras_20(void)
{
    collected c;
    tx_xliff_info info;
    tx_error err;
    int bad = 0;

    /* Prefixed core elements; the mtc:match candidate is not the translation;
     * <cp>: a tab folds like white space, a no-break space stays, invalid
     * values (a surrogate, 0, not hex) are dropped. */
    check(read_fr_en("extras-20.xlf", &c, &info, &err) == TX_OK, "%s", err.msg);
    check(c.n == 5, "%d pairs", c.n);
    check_str(c.src[0], "Article premier\xe2\x80\x93Objet");
    check_str(c.tgt[0], "Article\xc2\xa0" "1\xe2\x80\x93Purpose\xf0\x9f\x98\x80");
    check_str(c.id[0], "cp");
    /* Nested pc/mrk kept, sm/em markers give nothing. */
    check_str(c.src[1], "Un taux de change stable.");
    check_str(c.tgt[1], "A stable exchange rate.");
    check_str(c.id[1], "nest");
    /* Three segments, the middle one untranslated. */
    check_str(c.id[2], "three/a");
    check_str(c.src[2], "Un.");
    check_str(c.id[3], "three/c");
    check_str(c.tgt[3], "Three.");
    check(c.line[3] == 29, "line %u", c.line[3]);
    /* An empty unit, then a one-segment unit without segment id. */
    check_str(c.id[4], "last");
    check_str(c.tgt[4], "End.");
    check(info.version == 20 && info.n_units == 5 && info.n_pairs == 5,
          "version %d, %zu units, %zu pairs", info.version, info.n_units, info.n_pairs);
    check_str(info.src_lang, "fr");
    check_str(info.tgt_lang, "en-US");

    check(tx_xliff_read(DATA "extras-20.xlf", "fr", "en", leaked, &bad, NULL, &err)
          == TX_OK, "%s", err.msg);
    check(!bad, "a translation candidate leaked into a pair");
}

static void test_extras_12(void)
{
    collected c;
    tx_xliff_info info;
    tx_error err;

    /* Version 1.1 without a namespace; the ext: element holding a <source> is
     * skipped; seg-source and the bin-unit are ignored. */
    check(read_fr_en("extras-12.xlf", &c, &info, &err) == TX_OK, "%s", err.msg);
    check(c.n == 3, "%d pairs", c.n);
    check_str(c.src[0], "Première phrase. Seconde phrase.");
    check_str(c.tgt[0], "First sentence. Second sentence.");
    check_str(c.id[0], "seg");
    /* <it> and <ph> dropped with their code, <sub> inside included. */
    check_str(c.src[1], "Cliquez sur Aide.");
    check_str(c.tgt[1], "Click Help.");
    check_str(c.id[1], "codes");
    /* <target/> is no translation; CDATA is text. */
    check_str(c.src[2], "Taux < 5 %");
    check_str(c.tgt[2], "Rate < 5%");
    check(info.version == 12 && info.n_units == 4 && info.n_pairs == 3,
          "version %d, %zu units, %zu pairs", info.version, info.n_units, info.n_pairs);
    check_str(info.src_lang, "FR-ca");
    check_str(info.tgt_lang, "en");
}

static void test_stop_early(void)
{
    collected c;
    tx_xliff_info info;
    tx_error err;

    memset(&c, 0, sizeof c);
    c.stop_after = 2;
    check(tx_xliff_read(DATA "un-fr-en-12.xlf", "fr", "en", collect, &c, &info, &err)
          == TX_OK, "%s", err.msg);
    check(c.n == 2 && info.n_pairs == 2, "callback ran %d times", c.n);
    check(info.n_units == 2, "%zu units", info.n_units);

    /* Stopping on the first segment of a unit, emitted late, stops the unit. */
    memset(&c, 0, sizeof c);
    c.stop_after = 3;
    check(tx_xliff_read(DATA "extras-20.xlf", "fr", "en", collect, &c, &info, &err)
          == TX_OK, "%s", err.msg);
    check(c.n == 3 && info.n_pairs == 3, "callback ran %d times", c.n);
    check_str(c.id[2], "three/a");
}

/* ---- errors and hostile files ---- */

static void test_errors(void)
{
    collected c;
    tx_xliff_info info;
    tx_error err;
    tx_status rc;
    long printed;

    quiet_begin();

    rc = read_fr_en("malformed.xlf", &c, &info, &err);
    check(rc == TX_EINPUT, "rc %d", rc);
    check(strstr(err.msg, "xliff/malformed.xlf:11: ") != NULL, "%s", err.msg);
    check(strstr(err.msg, "mismatch") != NULL, "%s", err.msg);
    /* libxml2 parses ahead: the damage may be seen before the first unit ends. */
    check(c.n <= 1, "%d pairs before the damage", c.n);

    rc = read_fr_en("wrong-root.xlf", &c, &info, &err);
    check(rc == TX_EINPUT, "rc %d", rc);
    check_str(err.msg, DATA "wrong-root.xlf:2: not an XLIFF file "
                            "(root element is <tmx>)");

    rc = read_fr_en("wrong-langs.xlf", &c, &info, &err);
    check(rc == TX_EINPUT, "rc %d", rc);
    check_str(err.msg, DATA "wrong-langs.xlf:3: languages are fr-FR -> de-DE, "
                            "not fr -> en");
    check(c.n == 0, "%d pairs", c.n);
    check_str(info.tgt_lang, "de-DE");

    /* The second <file> of a 1.2 file has its own languages. */
    rc = read_fr_en("wrong-langs-file2.xlf", &c, &info, &err);
    check(rc == TX_EINPUT, "rc %d", rc);
    check_str(err.msg, DATA "wrong-langs-file2.xlf:11: languages are en -> fr, "
                            "not fr -> en");
    check(c.n == 1, "%d pairs", c.n);

    /* Reversed languages are not accepted either. */
    rc = tx_xliff_read(DATA "un-fr-en-12.xlf", "en", "fr", collect, &c, &info, &err);
    check(rc == TX_EINPUT, "rc %d", rc);
    check_str(err.msg, DATA "un-fr-en-12.xlf:6: languages are fr-FR -> en-GB, "
                            "not en -> fr");

    rc = read_fr_en("bad-version.xlf", &c, &info, &err);
    check(rc == TX_EINPUT, "rc %d", rc);
    check_str(err.msg, DATA "bad-version.xlf:2: unsupported XLIFF version '3.0'");

    rc = tx_xliff_read(DATA "no-such-file.xlf", "fr", "en", collect, &c, &info, &err);
    check(rc == TX_EIO, "rc %d", rc);
    check_str(err.msg, DATA "no-such-file.xlf: No such file or directory");

    rc = tx_xliff_read("http://127.0.0.1:9/un.xlf", "fr", "en", collect, &c, &info, &err);
    check(rc == TX_EIO, "URL: rc %d", rc);

    rc = tx_xliff_read(TX_TEST_DATA "/xliff", "fr", "en", collect, &c, &info, &err);
    check(rc == TX_EIO, "directory: rc %d", rc);

    rc = tx_xliff_read(DATA "un-fr-en-12.xlf", "fr", "FR", collect, &c, &info, &err);
    check(rc == TX_EINVAL, "same language: rc %d", rc);
    rc = tx_xliff_read(DATA "un-fr-en-12.xlf", "", "en", collect, &c, &info, &err);
    check(rc == TX_EINVAL, "empty language: rc %d", rc);
    rc = tx_xliff_read(NULL, "fr", "en", collect, &c, &info, &err);
    check(rc == TX_EINVAL, "no path: rc %d", rc);

    rc = read_fr_en("../../unit/check.h", &c, &info, &err);
    check(rc == TX_EINPUT, "not XML: rc %d: %s", rc, err.msg);

    printed = quiet_end();
    check(printed == 0, "the library wrote %ld bytes to stderr", printed);
}

static void test_entities(void)
{
    collected c;
    tx_xliff_info info;
    tx_error err;
    tx_status rc;
    int bad = 0;
    double t0;
    long printed;

    quiet_begin();

    t0 = now();
    rc = read_fr_en("billion-laughs.xlf", &c, &info, &err);
    check(rc == TX_EINPUT, "billion laughs: rc %d", rc);
    /* libxml2 may stop it (entity loop) before the DOCTYPE reaches us. */
    check(strstr(err.msg, "xliff/billion-laughs.xlf:") != NULL, "%s", err.msg);
    check(now() - t0 < 2.0, "billion laughs took %.1f s", now() - t0);
    check(c.n == 0, "billion laughs: %d pairs", c.n);

    rc = read_fr_en("external-entity.xlf", &c, &info, &err);
    check(rc == TX_EINPUT, "external entity: rc %d", rc);
    check_str(err.msg, DATA "external-entity.xlf: entity declarations are not accepted "
                            "in XLIFF (in the DOCTYPE)");
    check(c.n == 0, "external entity: %d pairs", c.n);

    rc = read_fr_en("external-pe.xlf", &c, &info, &err);
    check(rc == TX_EINPUT, "external parameter entity: rc %d", rc);
    check(strstr(err.msg, "entity declarations are not accepted in XLIFF") != NULL, "%s",
          err.msg);
    check(strstr(err.msg, "root:") == NULL, "%s", err.msg);

    /* A DOCTYPE naming an external DTD is accepted; the DTD is never read. */
    rc = tx_xliff_read(DATA "external-dtd.xlf", "fr", "en", leaked, &bad, &info, &err);
    check(rc == TX_OK && info.n_pairs == 1, "external DTD: rc %d: %s", rc, err.msg);
    rc = tx_xliff_read(DATA "external-entity.xlf", "fr", "en", leaked, &bad, &info, &err);
    check(rc == TX_EINPUT, "rc %d", rc);
    check(now() - t0 < 2.0, "entities took %.1f s", now() - t0);
    check(!bad, "/etc/passwd leaked into a segment");

    printed = quiet_end();
    check(printed == 0, "the library wrote %ld bytes to stderr", printed);
}

static void test_hooks_restored(void)
{
    xmlExternalEntityLoader loader = xmlGetExternalEntityLoader();
    xmlStructuredErrorFunc structured = xmlStructuredError;
    xmlGenericErrorFunc generic = xmlGenericError;
    collected c;
    tx_xliff_info info;
    tx_error err;

    read_fr_en("malformed.xlf", &c, &info, &err);
    read_fr_en("un-fr-en-20.xlf", &c, &info, &err);
    check(xmlGetExternalEntityLoader() == loader, "entity loader not restored");
    check(xmlStructuredError == structured, "structured error handler not restored");
    check(xmlGenericError == generic, "generic error handler not restored");
}

/* ---- limits and structure, on files made for the occasion ---- */

static char tmpdir[160];

static void write_file(const char *path, const char *head, size_t n_fill, char fill,
                       const char *tail)
{
    FILE *f = fopen(path, "wb");
    size_t i;

    if (!f)
        return;
    fputs(head, f);
    for (i = 0; i < n_fill; i++)
        fputc(fill, f);
    fputs(tail, f);
    fclose(f);
}

/* Write `body` as a whole file and read it; the message goes to `err`. */
static tx_status read_text(const char *name, const char *body, tx_xliff_info *info,
                           tx_error *err)
{
    char path[256];
    tx_status rc;

    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    write_file(path, body, 0, ' ', "");
    rc = tx_xliff_read(path, "fr", "en", NULL, NULL, info, err);
    remove(path);
    return rc;
}

#define X20 "<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" " \
            "srcLang=\"fr\" trgLang=\"en\"><file id=\"f\">"
#define X12 "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">" \
            "<file original=\"o\" datatype=\"plaintext\" source-language=\"fr\" "   \
            "target-language=\"en\"><body>"

static void test_limits(void)
{
    static const char head[] =
        X20 "\n<unit id=\"1\"><segment><source>court</source><target>short</target>"
        "</segment></unit>\n<unit id=\"2\"><segment>\n<source>";
    static const char tail[] =
        "</source><target>x</target></segment></unit>\n</file></xliff>\n";
    char path[256];
    tx_xliff_info info;
    tx_error err;
    tx_status rc;
    int fd;

    /* A segment of exactly 1 MiB passes; one byte more is refused. */
    snprintf(path, sizeof path, "%s/seg-max.xlf", tmpdir);
    write_file(path, head, TX_XLIFF_MAX_SEG, 'a', tail);
    rc = tx_xliff_read(path, "fr", "en", NULL, NULL, &info, &err);
    check(rc == TX_OK && info.n_pairs == 2, "1 MiB segment: rc %d: %s", rc, err.msg);
    remove(path);

    snprintf(path, sizeof path, "%s/seg-big.xlf", tmpdir);
    write_file(path, head, TX_XLIFF_MAX_SEG + 1, 'a', tail);
    rc = tx_xliff_read(path, "fr", "en", NULL, NULL, &info, &err);
    check(rc == TX_EINPUT, "segment over 1 MiB: rc %d", rc);
    check(strstr(err.msg, "seg-big.xlf:4: segment longer than 1048576 bytes") != NULL,
          "%s", err.msg);
    remove(path);

    /* A sparse file a byte over 4 GiB: refused before anything is read. */
    snprintf(path, sizeof path, "%s/huge.xlf", tmpdir);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0 && ftruncate(fd, (off_t)TX_XLIFF_MAX_FILE + 1) == 0) {
        rc = tx_xliff_read(path, "fr", "en", NULL, NULL, &info, &err);
        check(rc == TX_EINPUT, "4 GiB file: rc %d", rc);
        check(strstr(err.msg, "file larger than 4294967296 bytes") != NULL, "%s",
              err.msg);
    } else {
        fprintf(stderr, "note: no sparse 4 GiB file here, limit not tested\n");
    }
    if (fd >= 0)
        close(fd);
    remove(path);
}

static void test_structure(void)
{
    tx_xliff_info info;
    tx_error err;
    tx_status rc;

    rc = read_text("nested.xlf", X12 "<trans-unit id=\"1\">\n<trans-unit id=\"2\"/>"
                   "</trans-unit></body></file></xliff>", &info, &err);
    check(rc == TX_EINPUT && strstr(err.msg, "nested.xlf:2: misplaced <trans-unit>"),
          "%s", err.msg);

    rc = read_text("loose-seg.xlf", X20 "\n<segment><source>a</source></segment>"
                   "</file></xliff>", &info, &err);
    check(rc == TX_EINPUT && strstr(err.msg, "loose-seg.xlf:2: misplaced <segment>"),
          "%s", err.msg);

    rc = read_text("loose-src.xlf", X20 "<unit id=\"u\">\n<source>a</source>"
                   "</unit></file></xliff>", &info, &err);
    check(rc == TX_EINPUT && strstr(err.msg, "loose-src.xlf:2: misplaced <source>"),
          "%s", err.msg);

    rc = read_text("src-in-src.xlf", X12 "<trans-unit id=\"1\"><source>a\n<source>b"
                   "</source></source></trans-unit></body></file></xliff>", &info, &err);
    check(rc == TX_EINPUT && strstr(err.msg, "src-in-src.xlf:2: misplaced <source>"),
          "%s", err.msg);

    rc = read_text("entity-ref.xlf", "<!DOCTYPE xliff>\n" X12 "<trans-unit id=\"1\">"
                   "<source>&amp;&#233;\n&nbsp;</source></trans-unit></body></file>"
                   "</xliff>", &info, &err);
    check(rc == TX_EINPUT && strstr(err.msg, "entity-ref.xlf:3: "), "%s", err.msg);

    rc = read_text("no-version.xlf", "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:"
                   "2.0\" srcLang=\"fr-BE\" trgLang=\"en\"><file id=\"f\"><unit id=\"u\">"
                   "<segment><source>a</source><target>b</target></segment></unit>"
                   "</file></xliff>", &info, &err);
    check(rc == TX_OK && info.version == 20 && info.n_pairs == 1, "rc %d: %s", rc,
          err.msg);

    rc = read_text("no-src-lang.xlf", "<xliff version=\"2.0\" trgLang=\"en\"/>", &info,
                   &err);
    check(rc == TX_EINPUT && strstr(err.msg, "languages are ? -> en, not fr -> en"),
          "%s", err.msg);

    rc = read_text("no-tgt-lang.xlf", X20 "</file></xliff>", &info, &err);
    check(rc == TX_OK && info.n_pairs == 0, "rc %d: %s", rc, err.msg);

    rc = read_text("empty.xlf", "", &info, &err);
    check(rc == TX_EINPUT, "empty file: rc %d", rc);
}

/* A unit of many segments: only one is ever held back, ids by position. */
static void test_many_segments(void)
{
    char path[256];
    FILE *f;
    int i;
    collected c;
    tx_xliff_info info;
    tx_error err;

    snprintf(path, sizeof path, "%s/many.xlf", tmpdir);
    f = fopen(path, "w");
    if (!f)
        return;
    fputs(X20 "<unit id=\"big\">", f);
    for (i = 0; i < 5000; i++)
        fprintf(f, "<segment><source>s%d</source><target>t%d</target></segment>\n", i, i);
    fputs("</unit></file></xliff>", f);
    fclose(f);
    memset(&c, 0, sizeof c);
    check(tx_xliff_read(path, "fr", "en", collect, &c, &info, &err) == TX_OK, "%s",
          err.msg);
    check(c.n == 5000 && info.n_units == 1, "%d pairs, %zu units", c.n, info.n_units);
    check_str(c.id[0], "big/1");
    check_str(c.src[0], "s0");
    check_str(c.id[15], "big/16");
    check_str(c.tgt[15], "t15");
    remove(path);
}

/* Hostile XML, refused by the guard of xmlguard.c before libxml2 does work
 * quadratic in it; markup a naive count would get wrong reads as usual. */
static void test_guard(void)
{
    char path[256];
    FILE *f;
    size_t i;
    collected c;
    tx_xliff_info info;
    tx_error err;
    tx_status rc;
    long printed;

    snprintf(path, sizeof path, "%s/attrs.xlf", tmpdir);
    f = fopen(path, "wb");
    if (!f)
        return;
    fputs(X20 "\n<unit id=\"u1\"", f);
    for (i = 0; i < 200000; i++)
        fprintf(f, " a%zu=\"x\"", i);
    fputs("/></file></xliff>\n", f);
    fclose(f);
    quiet_begin();
    rc = tx_xliff_read(path, "fr", "en", NULL, NULL, &info, &err);
    printed = quiet_end();
    check(rc == TX_EINPUT && strstr(err.msg, "/attrs.xlf:2: more than 256 attributes on"
                                             " one element (a limit of termex)"),
          "200,000 attributes: rc %d: %s", rc, err.msg);
    remove(path);

    snprintf(path, sizeof path, "%s/deep.xlf", tmpdir);
    f = fopen(path, "wb");
    if (!f)
        return;
    fputs(X20 "\n", f);
    for (i = 0; i < 100000; i++)
        fputs("<group>", f);
    fclose(f);
    quiet_begin();
    rc = tx_xliff_read(path, "fr", "en", NULL, NULL, &info, &err);
    printed += quiet_end();
    check(rc == TX_EINPUT && strstr(err.msg, "/deep.xlf:2: elements nested more than 256"
                                             " deep (a limit of termex)"),
          "100,000 deep: rc %d: %s", rc, err.msg);
    remove(path);

    snprintf(path, sizeof path, "%s/tricky.xlf", tmpdir);
    f = fopen(path, "wb");
    if (!f)
        return;
    fputs(X20 "<?pi a=\"<\" <b c=d> ?>\n<!-- <unit id=\"no\"> a=b a=b -->\n"
          "<unit id=\"u1\" n='", f);
    for (i = 0; i < 300; i++)
        fputs("\"a=b>\" ", f);
    fputs("'><segment><source><![CDATA[<a b=\"c\">]]> x=y</source>"
          "<target>z</target></segment></unit></file></xliff>\n", f);
    fclose(f);
    memset(&c, 0, sizeof c);
    quiet_begin();
    rc = tx_xliff_read(path, "fr", "en", collect, &c, &info, &err);
    printed += quiet_end();
    check(rc == TX_OK && c.n == 1, "tricky: rc %d: %s", rc, err.msg);
    check_str(c.src[0], "<a b=\"c\"> x=y");
    check_str(c.tgt[0], "z");
    remove(path);
    check(printed == 0, "the library wrote %ld bytes to stderr", printed);
}

int main(void)
{
    test_un_12();
    test_un_20();
    test_extras_20();
    test_extras_12();
    test_stop_early();
    test_errors();
    test_entities();
    test_hooks_restored();
    snprintf(tmpdir, sizeof tmpdir, "%s/test_xliff.XXXXXX", check_tmp_dir());
    if (mkdtemp(tmpdir)) {
        test_limits();
        test_structure();
        test_many_segments();
        test_guard();
        remove(tmpdir);
    } else {
        check(0, "cannot make a temporary directory");
    }
    xmlCleanupParser(); /* for valgrind: libxml2's global state */
    return check_done();
}
