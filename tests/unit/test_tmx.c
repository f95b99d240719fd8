/* test_tmx.c: unit tests for tx_tmx_read().
 * Fixtures in tests/data/tmx/: the eight LISA TMX compliance samples (public
 * domain, see License.txt there; en-us/fr-ca, two of them UTF-16), a UN-style
 * fr-FR/en-GB memory, and hostile or broken files (entities, wrong root, ...).
 * Files too big to keep in the tree (a 4 GiB sparse file, a 1 MiB segment) are
 * made in a temporary directory.  libxml2 is used directly only to check that
 * the reader restores its global hooks. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp(), dup(), clock_gettime() */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "check.h"
#include "quiet.h"
#include "tmx.h"
#include "xmlsafe.h" /* the guard's limits */

#define DATA TX_TEST_DATA "/tmx/"

/* ---- collecting pairs ---- */

#define MAX_PAIRS 16

typedef struct collected {
    int n;
    int stop_after; /* 0 = never stop */
    char src[MAX_PAIRS][512];
    char tgt[MAX_PAIRS][512];
    char tuid[MAX_PAIRS][32];
    unsigned line[MAX_PAIRS];
} collected;

static int collect(const tx_segment_pair *p, void *arg)
{
    collected *c = arg;

    if (c->n < MAX_PAIRS) {
        snprintf(c->src[c->n], sizeof c->src[0], "%s", p->src);
        snprintf(c->tgt[c->n], sizeof c->tgt[0], "%s", p->tgt);
        snprintf(c->tuid[c->n], sizeof c->tuid[0], "%s", p->id ? p->id : "(none)");
        c->line[c->n] = p->line;
    }
    c->n++;
    return c->stop_after && c->n >= c->stop_after;
}

/* Any pair holding a line of /etc/passwd? */
static int leaked(const tx_segment_pair *p, void *arg)
{
    int *bad = arg;

    if (strstr(p->src, "root:") || strstr(p->tgt, "root:") || strstr(p->src, "/bin/")
        || strstr(p->tgt, "/bin/"))
        *bad = 1;
    return 0;
}

static tx_status read_en_fr(const char *name, collected *c, tx_tmx_stats *st,
                            tx_error *err)
{
    char path[512];

    snprintf(path, sizeof path, "%s%s", DATA, name);
    memset(c, 0, sizeof *c);
    err->code = TX_OK;
    err->msg[0] = '\0';
    return tx_tmx_read(path, "en", "fr", collect, c, st, err);
}

/* The library must never print: see quiet.h. */

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the LISA samples ---- */

static void test_lisa_samples(void)
{
    static const struct {
        const char *name;
        size_t n_pairs;
    } samples[] = {
        { "ExportTest1A.tmx", 4 }, { "ExportTest1B.tmx", 2 }, { "ExportTest1C.tmx", 4 },
        { "ExportTest2A.tmx", 6 }, { "ImportTest1A.tmx", 2 }, { "ImportTest1C.tmx", 3 },
        { "ImportTest1L.tmx", 1 }, { "ImportTest2A.tmx", 7 },
    };
    size_t i;

    for (i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        collected c;
        tx_tmx_stats st;
        tx_error err;
        tx_status rc = read_en_fr(samples[i].name, &c, &st, &err);

        check(rc == TX_OK, "%s: rc %d: %s", samples[i].name, rc, err.msg);
        check(st.n_pairs == samples[i].n_pairs, "%s: %zu pairs, want %zu",
              samples[i].name, st.n_pairs, samples[i].n_pairs);
        check((size_t)c.n == st.n_pairs, "%s: callback ran %d times", samples[i].name,
              c.n);
        check(st.n_skipped == 0, "%s: %zu skipped", samples[i].name, st.n_skipped);
    }
}

static void test_export1b_entities(void)
{
    collected c;
    tx_tmx_stats st;
    tx_error err;

    /* Predefined XML entities decoded; Latin-1 characters and a no-break space
     * (kept: it is not XML white space) as UTF-8. */
    check(read_en_fr("ExportTest1B.tmx", &c, &st, &err) == TX_OK, "%s", err.msg);
    check_str(c.src[0], "<=lt, >=gt, &=amp, '=apos, \"=quot, {=obrace, }=cbrace");
    check_str(c.tgt[0], "<=lt, >=gt, &=amp, '=apos, \"=quot, {=obrace, }=cbrace");
    check_str(c.src[1],
              "é=eacute, \xc2\xa0" "=nbsp, ¤=curr, ÿ=yumlaut, "
              "©=copy, §=para");
    check_str(st.langs, "en-us, fr-ca");
    check(c.line[0] == 7 && c.line[1] == 11, "lines %u %u", c.line[0], c.line[1]);
}

static void test_inline_codes(void)
{
    collected c;
    tx_tmx_stats st;
    tx_error err;

    /* ExportTest2A: HTML codes in <bpt>/<ept>/<it>, dropped with their content. */
    check(read_en_fr("ExportTest2A.tmx", &c, &st, &err) == TX_OK, "%s", err.msg);
    check_str(c.src[0], "The big black cat sleeps.");
    check_str(c.tgt[0], "Le gros chat noir dors.");
    check_str(c.src[2], "Test for special characters = <=lt, >=gt, &=amp, \"=quot.");
    check_str(c.tgt[3], "Format en gigogne = gras+italique+souligné, "
                        "gras+italique, gras.");
    check_str(c.src[4], "Sentence one.");
    check_str(c.src[5], "And two.");
    check_str(c.tuid[5], "6");
    check(c.line[0] == 6, "line %u", c.line[0]);

    /* White space runs fold into one space. */
    check(read_en_fr("ExportTest1A.tmx", &c, &st, &err) == TX_OK, "%s", err.msg);
    check_str(c.src[0], "Text with 3 spaces [ ] and 2 [ ]");
    check_str(c.tgt[1], "Texte avec 1 tab [ ] et 2 [ ]");
    check_str(c.tuid[0], "(none)");
}

static void test_utf16(void)
{
    collected c;
    tx_tmx_stats st;
    tx_error err;

    check(read_en_fr("ImportTest1A.tmx", &c, &st, &err) == TX_OK, "%s", err.msg);
    check_str(c.src[0], "First segment with [ ]");
    check_str(c.tgt[1], "Second segment avec [ ]");

    /* ImportTest2A: UTF-16, En-uS / FR-CA, <ph> dropped, <hi> kept, tgt before src. */
    check(read_en_fr("ImportTest2A.tmx", &c, &st, &err) == TX_OK, "%s", err.msg);
    check_str(c.tgt[3], "Première phrase.");
    check_str(c.src[5], "Picture:");
    check_str(c.tgt[5], "Image:");
    check_str(c.src[6], "Some text with a part highlighted.");
    check_str(c.tgt[6], "Du texte avec une portion délimitée.");
    check_str(st.langs, "en-us, fr-ca"); /* En-uS and FR-CA are not new languages */
}

static void test_lisa_languages(void)
{
    collected c;
    tx_tmx_stats st;
    tx_error err;
    char path[512];

    /* Five languages per tu, in varying order. */
    check(read_en_fr("ImportTest1C.tmx", &c, &st, &err) == TX_OK, "%s", err.msg);
    check_str(c.src[2], "Third entry in US English");
    check_str(c.tgt[2], "Third entry in French Canadian");
    check_str(st.langs, "en-us, en-gb, ja-jp, fr-ca, es-es");

    /* Asking for en-GB prefers it over the en-us that comes first. */
    snprintf(path, sizeof path, "%s%s", DATA, "ImportTest1C.tmx");
    memset(&c, 0, sizeof c);
    check(tx_tmx_read(path, "en-GB", "fr", collect, &c, &st, &err) == TX_OK, "%s",
          err.msg);
    check_str(c.src[0], "First entry in UK English");
    check_str(c.src[1], "Second entry in UK English");

    /* Same primary subtag on both sides: en-us -> en-gb. */
    memset(&c, 0, sizeof c);
    check(tx_tmx_read(path, "en_US", "en-gb", collect, &c, &st, &err) == TX_OK, "%s",
          err.msg);
    check_str(c.src[2], "Third entry in US English");
    check_str(c.tgt[2], "Third entry in UK English");

    /* Comments, notes, props, a <ude> header; plain "fr"; multi-line <tu> tag. */
    check(read_en_fr("ImportTest1L.tmx", &c, &st, &err) == TX_OK, "%s", err.msg);
    check_str(c.src[0], "Text of the segment.");
    check_str(c.tgt[0], "Texte du segment.");
    check_str(c.tuid[0], "tu001");
    check(c.line[0] == 32, "line %u (the <tu> start tag ends there)", c.line[0]);
}

/* ---- our own fixtures ---- */

static void test_un_fr_en(void)
{
    collected c;
    tx_tmx_stats st;
    tx_error err;
    char path[512];

    snprintf(path, sizeof path, "%s%s", DATA, "un-fr-en.tmx");
    memset(&c, 0, sizeof c);
    check(tx_tmx_read(path, "fr", "en", collect, &c, &st, &err) == TX_OK, "%s", err.msg);
    check(st.n_tu == 7 && st.n_pairs == 6 && st.n_skipped == 1, "%zu %zu %zu", st.n_tu,
          st.n_pairs, st.n_skipped);
    check(c.n == 6, "%d pairs", c.n);
    check_str(c.src[0], "La diplomatie préventive est au cœur de l'action "
                        "du Centre régional.");
    check_str(c.tgt[0],
              "Preventive diplomacy is at the heart of the Regional Centre's work.");
    check_str(c.tuid[0], "un-1");
    check(c.line[0] == 9, "line %u", c.line[0]);
    /* Notes and props ignored; line breaks and indentation inside <seg> folded. */
    check_str(c.src[1], "L'Assemblée générale réaffirme son "
                        "attachement au Programme de développement durable à "
                        "l'horizon 2030.");
    check_str(c.tgt[1], "The General Assembly reaffirms its commitment to the 2030 "
                        "Agenda for Sustainable Development.");
    check(c.line[1] == 13, "line %u", c.line[1]);
    /* <hi> kept, <ph> dropped. */
    check_str(c.src[2], "Les mesures de confiance contribuent à réduire les "
                        "tensions entre États voisins.");
    check_str(c.tgt[2], "Confidence-building measures help to reduce tensions between "
                        "neighbouring States.");
    check(c.line[2] == 27, "line %u", c.line[2]);
    /* Target language first in the file; <bpt>/<ept> inside a word boundary. */
    check_str(c.src[3], "Le développement durable exige une coopération "
                        "régionale renforcée.");
    check_str(c.tgt[3],
              "Sustainable development requires stronger regional cooperation.");
    /* TMX 1.3 lang="..." attribute, CDATA, no tuid. */
    check_str(c.src[4], "Le Secrétaire général présente son "
                        "rapport sur les activités du Centre.");
    check_str(c.tuid[4], "(none)");
    /* "en" takes the first English segment (en-US here)... */
    check_str(c.tgt[5], "The mandate of the Regional Center was extended until 2025.");
    check_str(st.langs, "fr-fr, en-gb, en-us");

    /* ...while "en-GB" takes the British one. */
    memset(&c, 0, sizeof c);
    check(tx_tmx_read(path, "FR", "en-GB", collect, &c, &st, &err) == TX_OK, "%s",
          err.msg);
    check_str(c.tgt[5], "The mandate of the Regional Centre was extended until 2025.");

    /* No callback: counts only. */
    check(tx_tmx_read(path, "fr", "en", NULL, NULL, &st, &err) == TX_OK, "%s", err.msg);
    check(st.n_pairs == 6, "%zu pairs", st.n_pairs);
    /* No stats, no error struct. */
    check(tx_tmx_read(path, "fr", "en", NULL, NULL, NULL, NULL) == TX_OK, "no stats");
}

static void test_stop_early(void)
{
    collected c;
    tx_tmx_stats st;
    tx_error err;
    char path[512];

    snprintf(path, sizeof path, "%s%s", DATA, "ExportTest2A.tmx");
    memset(&c, 0, sizeof c);
    c.stop_after = 2;
    check(tx_tmx_read(path, "en", "fr", collect, &c, &st, &err) == TX_OK, "%s", err.msg);
    check(c.n == 2, "callback ran %d times", c.n);
    check(st.n_pairs == 2 && st.n_tu == 2, "%zu pairs, %zu tus", st.n_pairs, st.n_tu);
}

static void test_errors(void)
{
    collected c;
    tx_tmx_stats st;
    tx_error err;
    tx_status rc;
    long printed;

    quiet_begin();

    rc = read_en_fr("malformed.tmx", &c, &st, &err);
    check(rc == TX_EINPUT, "rc %d", rc);
    check(strstr(err.msg, "tmx/malformed.tmx:12: ") != NULL, "%s", err.msg);
    check(strstr(err.msg, "mismatch") != NULL, "%s", err.msg);
    check(err.msg[strlen(err.msg) - 1] != '\n', "message not trimmed: '%s'", err.msg);

    rc = read_en_fr("wrong-root.tmx", &c, &st, &err);
    check(rc == TX_EINPUT, "rc %d", rc);
    check(strstr(err.msg, "tmx/wrong-root.tmx:2: not a TMX file "
                          "(root element is <xliff>)") != NULL, "%s", err.msg);

    memset(&c, 0, sizeof c);
    rc = tx_tmx_read(DATA "de-es.tmx", "fr", "en", collect, &c, &st, &err);
    check(rc == TX_ENOTFOUND, "rc %d", rc);
    check_str(err.msg, DATA "de-es.tmx: no translation unit in both 'fr' and 'en' "
                            "(languages found: de-de, es-es)");
    check(st.n_tu == 2 && st.n_skipped == 2 && c.n == 0, "%zu %zu %d", st.n_tu,
          st.n_skipped, c.n);

    rc = tx_tmx_read(DATA "no-such-file.tmx", "fr", "en", collect, &c, &st, &err);
    check(rc == TX_EIO, "rc %d", rc);
    check_str(err.msg, DATA "no-such-file.tmx: No such file or directory");

    /* A path is a file name, never a URL that libxml2 would fetch. */
    rc = tx_tmx_read("http://127.0.0.1:9/un.tmx", "fr", "en", collect, &c, &st, &err);
    check(rc == TX_EIO, "URL: rc %d", rc);
    check_str(err.msg, "http://127.0.0.1:9/un.tmx: No such file or directory");

    rc = tx_tmx_read(TX_TEST_DATA "/tmx", "fr", "en", collect, &c, &st, &err);
    check(rc == TX_EIO, "directory: rc %d", rc);

    rc = tx_tmx_read(DATA "un-fr-en.tmx", "fr", "FR", collect, &c, &st, &err);
    check(rc == TX_EINVAL, "same language: rc %d", rc);
    rc = tx_tmx_read(DATA "un-fr-en.tmx", "", "en", collect, &c, &st, &err);
    check(rc == TX_EINVAL, "empty language: rc %d", rc);
    rc = tx_tmx_read(NULL, "fr", "en", collect, &c, &st, &err);
    check(rc == TX_EINVAL, "no path: rc %d", rc);

    /* Not XML at all. */
    rc = read_en_fr("../../unit/check.h", &c, &st, &err);
    check(rc == TX_EINPUT, "not XML: rc %d: %s", rc, err.msg);

    printed = quiet_end();
    check(printed == 0, "the library wrote %ld bytes to stderr", printed);
}

static void test_entities(void)
{
    collected c;
    tx_tmx_stats st;
    tx_error err;
    tx_status rc;
    int bad = 0;
    double t0;
    long printed;

    quiet_begin();

    t0 = now();
    rc = read_en_fr("billion-laughs.tmx", &c, &st, &err);
    check(rc == TX_EINPUT, "billion laughs: rc %d", rc);
    check(now() - t0 < 2.0, "billion laughs took %.1f s", now() - t0);
    check(c.n == 0, "billion laughs: %d pairs", c.n);

    t0 = now();
    rc = read_en_fr("external-entity.tmx", &c, &st, &err);
    check(rc == TX_EINPUT, "external entity: rc %d", rc);
    check(strstr(err.msg, "entity declarations are not accepted in TMX") != NULL, "%s",
          err.msg);
    check(c.n == 0, "external entity: %d pairs", c.n);
    check(strstr(err.msg, "root:") == NULL, "%s", err.msg);

    rc = read_en_fr("external-pe.tmx", &c, &st, &err);
    check(rc == TX_EINPUT, "external parameter entity: rc %d", rc);
    check(strstr(err.msg, "entity declarations are not accepted in TMX") != NULL, "%s",
          err.msg);
    check(strstr(err.msg, "root:") == NULL, "%s", err.msg);

    /* A DOCTYPE naming an external DTD is accepted; the DTD is never read. */
    rc = tx_tmx_read(DATA "external-dtd.tmx", "en", "fr", leaked, &bad, &st, &err);
    check(rc == TX_OK, "external DTD: rc %d: %s", rc, err.msg);
    check(st.n_pairs == 1, "%zu pairs", st.n_pairs);
    rc = tx_tmx_read(DATA "external-entity.tmx", "en", "fr", leaked, &bad, &st, &err);
    /* XInclude is not processed: the element is an unknown inline one, empty. */
    rc = tx_tmx_read(DATA "xinclude.tmx", "en", "fr", leaked, &bad, &st, &err);
    check(rc == TX_OK && st.n_pairs == 1, "xinclude: rc %d: %s", rc, err.msg);
    check(now() - t0 < 2.0, "external entities took %.1f s", now() - t0);
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
    tx_tmx_stats st;
    tx_error err;

    read_en_fr("malformed.tmx", &c, &st, &err);
    read_en_fr("ExportTest1A.tmx", &c, &st, &err);
    check(xmlGetExternalEntityLoader() == loader, "entity loader not restored");
    check(xmlStructuredError == structured, "structured error handler not restored");
    check(xmlGenericError == generic, "generic error handler not restored");
}

/* ---- limits, on files made for the occasion ---- */

static char tmpdir[160];

static void write_file(const char *path, const char *head, size_t n_fill, char fill,
                       const char *tail)
{
    FILE *f = fopen(path, "wb");
    char block[65536];

    if (!f)
        return;
    memset(block, fill, sizeof block);
    fputs(head, f);
    while (n_fill > 0) {
        size_t n = n_fill < sizeof block ? n_fill : sizeof block;

        fwrite(block, 1, n, f);
        n_fill -= n;
    }
    fputs(tail, f);
    fclose(f);
}

static void test_limits(void)
{
    static const char head[] =
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><body>\n"
        "<tu><tuv xml:lang=\"fr\"><seg>court</seg></tuv>"
        "<tuv xml:lang=\"en\"><seg>short</seg></tuv></tu>\n"
        "<tu>\n<tuv xml:lang=\"fr\"><seg>";
    static const char tail[] =
        "</seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>\n"
        "</body></tmx>\n";
    char path[256];
    tx_tmx_stats st;
    tx_error err;
    tx_status rc;
    int fd;

    snprintf(tmpdir, sizeof tmpdir, "%s/test_tmx.XXXXXX", check_tmp_dir());
    if (!mkdtemp(tmpdir)) {
        check(0, "cannot make a temporary directory");
        return;
    }

    /* A segment of exactly 1 MiB passes; one byte more is refused. */
    snprintf(path, sizeof path, "%s/seg-max.tmx", tmpdir);
    write_file(path, head, TX_TMX_MAX_SEG, 'a', tail);
    rc = tx_tmx_read(path, "fr", "en", NULL, NULL, &st, &err);
    check(rc == TX_OK && st.n_pairs == 2, "1 MiB segment: rc %d: %s", rc, err.msg);
    remove(path);

    snprintf(path, sizeof path, "%s/seg-big.tmx", tmpdir);
    write_file(path, head, TX_TMX_MAX_SEG + 1, 'a', tail);
    rc = tx_tmx_read(path, "fr", "en", NULL, NULL, &st, &err);
    check(rc == TX_EINPUT, "segment over 1 MiB: rc %d", rc);
    check(strstr(err.msg, "seg-big.tmx:5: segment longer than 1048576 bytes") != NULL,
          "%s", err.msg);
    remove(path);

    /* A sparse file a byte over 4 GiB: refused before anything is read. */
    snprintf(path, sizeof path, "%s/huge.tmx", tmpdir);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0 && ftruncate(fd, (off_t)TX_TMX_MAX_FILE + 1) == 0) {
        rc = tx_tmx_read(path, "fr", "en", NULL, NULL, &st, &err);
        check(rc == TX_EINPUT, "4 GiB file: rc %d", rc);
        check(strstr(err.msg, "file larger than 4294967296 bytes") != NULL, "%s",
              err.msg);
    } else {
        fprintf(stderr, "note: no sparse 4 GiB file here, limit not tested\n");
    }
    if (fd >= 0)
        close(fd);
    remove(path);

    /* Misnested TMX elements. */
    snprintf(path, sizeof path, "%s/nested.tmx", tmpdir);
    write_file(path, "<tmx><body><tu>\n<tu>", 0, ' ', "</tu></tu></body></tmx>");
    rc = tx_tmx_read(path, "fr", "en", NULL, NULL, &st, &err);
    check(rc == TX_EINPUT, "nested tu: rc %d", rc);
    check(strstr(err.msg, "nested.tmx:2: misplaced <tu>") != NULL, "%s", err.msg);
    remove(path);

    remove(tmpdir);
}

/* ---- hostile XML: the guard of xmlguard.c ---- */

/* Write `head`, then `fmt` `n` times (with the count as its %zu, if it has
 * one), then `tail` to `path`. */
static void write_repeated(const char *path, const char *head, const char *fmt, size_t n,
                           const char *tail)
{
    FILE *f = fopen(path, "wb");
    size_t i;

    if (!f) {
        check(0, "cannot write %s", path);
        return;
    }
    fputs(head, f);
    for (i = 0; i < n; i++)
        fprintf(f, fmt, i);
    fputs(tail, f);
    fclose(f);
}

/* Read the file `name` of tmpdir; TX_EINPUT wanted, with `want` (after the
 * path) in the message, within seconds (libxml2 2.9 alone takes minutes over
 * some of these files; 30 s leaves room for valgrind scanning 10 MB). */
static void check_refused(const char *name, const char *want)
{
    char path[256];
    char msg[256];
    tx_tmx_stats st;
    tx_error err;
    tx_status rc;
    double t0 = now();

    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    err.msg[0] = '\0';
    rc = tx_tmx_read(path, "fr", "en", NULL, NULL, &st, &err);
    check(now() - t0 < 30.0, "%s took %.1f s", name, now() - t0);
    check(rc == TX_EINPUT, "%s: rc %d: %s", name, rc, err.msg);
    snprintf(msg, sizeof msg, "%s%s", path, want);
    check_str(err.msg, msg);
    remove(path);
}

#define LIMIT " (a limit of termex)"

/* Markup that fools a naive count ('>' and '=' in values, markup in comments,
 * CDATA and PIs), an element with exactly 256 attributes, one of them with a
 * name of 1000 bytes, nesting exactly 256 deep, 64 namespaces in scope: all
 * read as usual. */
static void test_guard_counts_right(void)
{
    char path[256];
    char name[1001];
    FILE *f;
    int i;
    collected c;
    tx_tmx_stats st;
    tx_error err;
    tx_status rc;

    snprintf(path, sizeof path, "%s/tricky.tmx", tmpdir);
    f = fopen(path, "wb");
    if (!f)
        return;
    memset(name, 'n', 1000);
    name[1000] = '\0';
    fputs("<?xml version='1.0' encoding='utf-8'?>\n"
          "<?before-root a=\"<\" b='>' <tu x=y> ?>\n"
          "<!-- before the root: <tu a=\"b\"> = <<< ' \" -->\n"
          "<tmx version=\"1.4\"", f);
    for (i = 0; i < 64; i++) /* namespace declarations in scope: 64 */
        fprintf(f, " xmlns:q%d=\"urn:q\"", i);
    fputs(">\n<body>\n<tu tuid=\"1>2\" v1='say \"a=b\" > c' q63:v2=\"it's > 'x=y'\"", f);
    fprintf(f, "\n  %s=\"long name\"", name);
    for (i = 5; i <= 256; i++)
        fprintf(f, " a%d=\"%s\"", i, i == 5 ? "a=b a=b a=b a=b a=b a=b a=b" : "=");
    fputs(">\n<!-- <tuv xml:lang=\"de\"> a=b a=b a=b <seg>no</seg> -->\n"
          "<tuv xml:lang=\"fr\"><seg><![CDATA[<a b=\"c\">]]> et "
          "<![CDATA[x=y ' \" ]] ]> <!-- <?]]>fin</seg></tuv>\n"
          "<?inside a=\"<\" b='>' ?>\n<tuv xml:lang=\"en\"><seg>", f);
    /* tmx, body, tu, tuv, seg: 5 levels, and 251 <hi> */
    for (i = 0; i < 251; i++)
        fputs("<hi>", f);
    fputs("deep", f);
    for (i = 0; i < 251; i++)
        fputs("</hi>", f);
    fputs("</seg></tuv>\n</tu>\n</body>\n</tmx>\n<!-- after -->\n", f);
    fclose(f);
    memset(&c, 0, sizeof c);
    rc = tx_tmx_read(path, "fr", "en", collect, &c, &st, &err);
    check(rc == TX_OK && st.n_pairs == 1, "tricky: rc %d: %s", rc, err.msg);
    check_str(c.src[0], "<a b=\"c\"> et x=y ' \" ]] ]> <!-- <?fin");
    check_str(c.tgt[0], "deep");
    check_str(c.tuid[0], "1>2");
    check(c.line[0] == 7, "line %u (the <tu> start tag ends there)", c.line[0]);
    remove(path);

    /* The same in UTF-16 (as two of the LISA samples): code units, not bytes. */
    snprintf(path, sizeof path, "%s/utf16.tmx", tmpdir);
    f = fopen(path, "wb");
    if (!f)
        return;
    {
        static const char text[] =
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tmx version=\"1.4\"><body>\n"
            "<tu tuid='a>b' n=\"=>'\"><!-- <a b=c> --><tuv xml:lang=\"fr\"><seg>"
            "<![CDATA[<a b=\"c\">]]></seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv>"
            "</tu>\n</body></tmx>\n";
        size_t k;

        fputc(0xFF, f);
        fputc(0xFE, f);
        for (k = 0; text[k]; k++) {
            fputc(text[k], f);
            fputc(0, f);
        }
    }
    fclose(f);
    memset(&c, 0, sizeof c);
    rc = tx_tmx_read(path, "fr", "en", collect, &c, &st, &err);
    check(rc == TX_OK && st.n_pairs == 1, "UTF-16: rc %d: %s", rc, err.msg);
    check_str(c.src[0], "<a b=\"c\">");
    check_str(c.tuid[0], "a>b");
    remove(path);

    /* Shift_JIS: 0x81 0x5D (U+2010) is one character, not ']' and the end of
     * the CDATA section; 0x83 0x5C (U+30BD) is not '\\'. */
    snprintf(path, sizeof path, "%s/sjis.tmx", tmpdir);
    write_file(path, "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n"
               "<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"fr\"><seg>"
               "<![CDATA[\x81]]>]]>\x83\x5c</seg></tuv><tuv xml:lang=\"en\"><seg>x</seg>"
               "</tuv></tu></body></tmx>\n", 0, ' ', "");
    memset(&c, 0, sizeof c);
    rc = tx_tmx_read(path, "fr", "en", collect, &c, &st, &err);
    check(rc == TX_OK && st.n_pairs == 1, "Shift_JIS: rc %d: %s", rc, err.msg);
    check_str(c.src[0], "\xE2\x80\x90]>\xE3\x82\xBD");
    remove(path);
}

static void test_guard_limits(void)
{
    static const char tmx[] = "<tmx version=\"1.4\"><body>\n";
    static const char end[] = "</body></tmx>\n";
    char path[256];
    char want[160];

    /* 200,000 attributes: libxml2 2.9 alone takes minutes over them. */
    snprintf(path, sizeof path, "%s/attrs.tmx", tmpdir);
    write_repeated(path, "<tmx version=\"1.4\"><body>\n\n<tu", " a%zu=\"x\"", 200000,
                   "/>\n</body></tmx>\n");
    check_refused("attrs.tmx", ":3: more than 256 attributes on one element" LIMIT);
    /* one more than the 256 of test_guard_counts_right() */
    write_repeated(path, "<tmx version=\"1.4\"><body>\n<tu", " a%zu=\"x\"", 257,
                   "/>\n</body></tmx>\n");
    check_refused("attrs.tmx", ":2: more than 256 attributes on one element" LIMIT);
    /* xmlns ones too, in UTF-8 after a byte order mark */
    write_repeated(path, "\xEF\xBB\xBF<tmx version=\"1.4\"><body>\n<tu",
                   " xmlns:p%zu=\"u\"", 300, "/>\n</body></tmx>\n");
    check_refused("attrs.tmx", ":2: more than 256 attributes on one element" LIMIT);

    snprintf(path, sizeof path, "%s/deep.tmx", tmpdir);
    write_repeated(path, tmx, "<hi>", 100000, end);
    check_refused("deep.tmx", ":2: elements nested more than 256 deep" LIMIT);
    /* tmx, body, tu, tuv, seg and 252 <hi>: one more than test_guard_counts_right() */
    write_repeated(path, "<tmx><body><tu><tuv xml:lang=\"fr\"><seg>\n", "<hi>", 252,
                   end);
    check_refused("deep.tmx", ":2: elements nested more than 256 deep" LIMIT);

    snprintf(path, sizeof path, "%s/name.tmx", tmpdir);
    write_file(path, "<tmx version=\"1.4\">\n<body>\n<", 2 << 20, 'n',
               "/>\n</body></tmx>\n");
    check_refused("name.tmx", ":3: a name longer than 1000 bytes" LIMIT);
    write_file(path, "<tmx version=\"1.4\">\n<body>\n<tu\n", 1001, 'n',
               "='x'/></body></tmx>");
    check_refused("name.tmx", ":3: a name longer than 1000 bytes" LIMIT);
    write_file(path, "<tmx version=\"1.4\">\n<body>\n</", 1001, 'n', "></body></tmx>");
    check_refused("name.tmx", ":3: a name longer than 1000 bytes" LIMIT);

    /* Over 10 MB of text, value, comment, where tmx.c would not look (it
     * refuses segments over 1 MiB itself): refused before libxml2 holds them. */
    snprintf(path, sizeof path, "%s/text.tmx", tmpdir);
    write_file(path, "<tmx version=\"1.4\">\n<body>", TX_XML_MAX_TEXT + 1, 'a',
               "</body></tmx>\n");
    snprintf(want, sizeof want, ":2: text longer than %llu bytes between two tags" LIMIT,
             TX_XML_MAX_TEXT);
    check_refused("text.tmx", want);
    write_file(path, "<tmx version=\"1.4\">\n<body><![CDATA[", TX_XML_MAX_TEXT - 10, 'a',
               "]]> and more text</body></tmx>\n");
    check_refused("text.tmx", want);
    write_file(path, "<tmx version=\"1.4\">\n<body note=\"", TX_XML_MAX_TEXT + 1, '=',
               "\"></body></tmx>\n");
    snprintf(want, sizeof want, ":2: an attribute value longer than %llu bytes" LIMIT,
             TX_XML_MAX_TEXT);
    check_refused("text.tmx", want);
    write_file(path, "<tmx version=\"1.4\">\n<body><!--", TX_XML_MAX_TEXT + 1, '<',
               "--></body></tmx>\n");
    snprintf(want, sizeof want, ":2: a comment longer than %llu bytes" LIMIT,
             TX_XML_MAX_TEXT);
    check_refused("text.tmx", want);

    /* Namespace declarations in scope: every prefix lookup scans them all. */
    snprintf(path, sizeof path, "%s/ns.tmx", tmpdir);
    write_repeated(path, "<tmx version=\"1.4\" xmlns:p=\"urn:p\"><body>\n",
                   "<hi xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" xmlns:c=\"urn:c\">", 22,
                   "<p:x/>");
    check_refused("ns.tmx", ":2: more than 64 namespace declarations in scope" LIMIT);

    /* The DOCTYPE: attribute defaults land on every element of that name,
     * enumerations are checked for duplicates, entities are refused. */
    snprintf(path, sizeof path, "%s/dtd.tmx", tmpdir);
    write_repeated(path, "<!DOCTYPE tmx [\n<!ATTLIST tu", " d%zu CDATA 'v'", 17,
                   ">\n]>\n<tmx version=\"1.4\"><body><tu/></body></tmx>\n");
    check_refused("dtd.tmx", ":2: more than 16 attribute defaults in the DOCTYPE" LIMIT);
    write_repeated(path, "<!DOCTYPE tmx [\n<!ATTLIST tu x (v", "|v%zu", 20000,
                   ") #IMPLIED>\n]>\n<tmx version=\"1.4\"><body><tu/></body></tmx>\n");
    check_refused("dtd.tmx", ":1: a DOCTYPE longer than 65536 bytes" LIMIT);
    write_repeated(path, "<!DOCTYPE tmx [\n<!-- <!ENTITY no 'x'> -->"
                   "<!ATTLIST tu a CDATA '<!ENTITY'>\n<!ENTITY lol 'lol'>",
                   "<!ENTITY lol%zu '&lol;&lol;'>", 30,
                   "\n]>\n<tmx version=\"1.4\"><body><tu/></body></tmx>\n");
    snprintf(want, sizeof want, ": entity declarations are not accepted in TMX"
             " (in the DOCTYPE)");
    check_refused("dtd.tmx", want);

    /* Encodings the guard cannot follow. */
    snprintf(path, sizeof path, "%s/enc.tmx", tmpdir);
    write_file(path, "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n<tmx version=\"1.4\">"
               "+ADw-body+AD4-", 0, ' ', "</tmx>\n");
    check_refused("enc.tmx", ":1: the encoding 'UTF-7' is not accepted (a limit of"
                  " termex: UTF-8, UTF-16 and ASCII-based encodings only)");
    /* libxml2 would switch to UTF-16 in the middle of an ASCII-looking file */
    write_file(path, "<?xml version=\"1.0\" encoding=\"UTF-16LE\"?>\n<tmx/>", 0, ' ',
               "");
    check_refused("enc.tmx", ":1: the encoding 'UTF-16LE' is not accepted (a limit of"
                  " termex: UTF-8, UTF-16 and ASCII-based encodings only)");
    /* Shift_JIS: 0x81 0x5D is one character, not ']' ending the CDATA section. */
    write_repeated(path, "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n"
                   "<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"fr\"><seg>"
                   "<![CDATA[\x81]]><!--]]></seg></tuv></tu>\n<tu", " a%zu=\"x\"", 300,
                   "/></body></tmx>\n");
    check_refused("enc.tmx", ":3: more than 256 attributes on one element" LIMIT);
}

static void test_hostile_xml(void)
{
    long printed;

    snprintf(tmpdir, sizeof tmpdir, "%s/test_tmx.XXXXXX", check_tmp_dir());
    if (!mkdtemp(tmpdir)) {
        check(0, "cannot make a temporary directory");
        return;
    }
    quiet_begin();
    test_guard_counts_right();
    test_guard_limits();
    printed = quiet_end();
    check(printed == 0, "the library wrote %ld bytes to stderr", printed);
    remove(tmpdir);
}

static void test_many_languages(void)
{
    char path[256];
    FILE *f;
    int i;
    tx_tmx_stats st;
    tx_error err;
    size_t len;

    snprintf(tmpdir, sizeof tmpdir, "%s/test_tmx.XXXXXX", check_tmp_dir());
    if (!mkdtemp(tmpdir))
        return;
    snprintf(path, sizeof path, "%s/langs.tmx", tmpdir);
    f = fopen(path, "w");
    if (!f)
        return;
    fputs("<tmx><body><tu>", f);
    for (i = 0; i < 80; i++)
        fprintf(f, "<tuv xml:lang=\"x%02d-ZZ\"><seg>s</seg></tuv>", i);
    fputs("</tu></body></tmx>", f);
    fclose(f);
    check(tx_tmx_read(path, "fr", "en", NULL, NULL, &st, &err) == TX_ENOTFOUND, "%s",
          err.msg);
    len = strlen(st.langs);
    check(len < sizeof st.langs && len > 5, "len %zu", len);
    check(strncmp(st.langs, "x00-zz, x01-zz, ", 16) == 0, "%s", st.langs);
    check(strcmp(st.langs + len - 5, ", ...") == 0, "%s", st.langs);
    remove(path);
    remove(tmpdir);
}

int main(void)
{
    test_lisa_samples();
    test_export1b_entities();
    test_inline_codes();
    test_utf16();
    test_lisa_languages();
    test_un_fr_en();
    test_stop_early();
    test_errors();
    test_entities();
    test_hooks_restored();
    test_limits();
    test_hostile_xml();
    test_many_languages();
    xmlCleanupParser(); /* for valgrind: libxml2's global state */
    return check_done();
}
