/* test_dochtml.c: unit tests for tx_doc_read_html() and tx_doc_read_bitext().
 * Fixtures in tests/data/docs/html/ and tests/data/docs/bitext/ (some made
 * by tests/data/docs/make-html and make-bitext with pandoc and
 * translate-toolkit, the others by hand); each reading is compared with the
 * exact segmented text expected.  TX_DUMP=1 prints what each reading gives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "check.h"
#include "docread.h"

#define HTML TX_TEST_DATA "/docs/html/"
#define BITEXT TX_TEST_DATA "/docs/bitext/"

typedef struct reading {
    tx_status rc;
    tx_doc_info info;
    tx_error err;
    tx_buf out;
} reading;

/* Read fixture `path` as format `f` (the target side when `target`). */
static void read_doc(reading *r, const char *path, tx_doc_format f, int target)
{
    tx_doc_opts o;
    size_t len = 0;
    char *data = check_read_file(path, &len);

    memset(r, 0, sizeof *r);
    tx_doc_opts_init(&o);
    o.target_side = target;
    tx_buf_init(&r->out);
    if (!data) {
        r->rc = TX_EIO;
        snprintf(r->err.msg, sizeof r->err.msg, "%s: cannot read the fixture", path);
        check(0, "%s", r->err.msg);
        return;
    }
    if (f == TX_DOC_HTML)
        r->rc = tx_doc_read_html(path, data, len, &o, &r->out, &r->info, &r->err);
    else
        r->rc = tx_doc_read_bitext(path, data, len, f, &o, &r->out, &r->info, &r->err);
    if (getenv("TX_DUMP"))
        fprintf(stderr, "== %s%s rc=%d dropped=%u segs=%u lang=%s err=%s\n%s",
                path, target ? " (target)" : "", r->rc, r->info.n_dropped,
                r->info.n_segments, r->info.side_lang, r->rc ? r->err.msg : "",
                tx_buf_str(&r->out));
    free(data);
}

/* Check that reading `path` gives exactly `want`. */
static void expect_text(const char *path, tx_doc_format f, int target, const char *want)
{
    reading r;

    read_doc(&r, path, f, target);
    check(r.rc == TX_OK, "%s: rc %d: %s", path, r.rc, r.err.msg);
    check(check_streq(tx_buf_str(&r.out), want), "%s:\n--- got\n%s--- want\n%s", path,
          tx_buf_str(&r.out), want);
    tx_buf_release(&r.out);
}

/* Check that reading `path` fails with TX_EINPUT and a message holding `want`. */
static void expect_refused(const char *path, tx_doc_format f, int target, const char *want)
{
    reading r;

    read_doc(&r, path, f, target);
    check(r.rc == TX_EINPUT, "%s: rc %d, want TX_EINPUT", path, r.rc);
    check(strstr(r.err.msg, want) != NULL, "%s: message '%s' lacks '%s'", path,
          r.err.msg, want);
    check(strstr(tx_buf_str(&r.out), "root:") == NULL, "%s: /etc/passwd read", path);
    tx_buf_release(&r.out);
}

/* Read `len` bytes of HTML from memory. */
static tx_status read_mem(const char *html, size_t len, tx_buf *out, tx_doc_info *info,
                          tx_error *err)
{
    tx_doc_opts o;

    memset(&o, 0, sizeof o);
    tx_buf_reset(out);
    return tx_doc_read_html("mem.html", html, len, &o, out, info, err);
}

static void test_html_fixtures(void)
{
    reading r;

    expect_text(HTML "guide.html", TX_DOC_HTML, 0,
                "Packaging guide\n"
                "Building a package\n"
                "A source package holds the upstream tarball and the Debian changes."
                " Run dpkg-buildpackage in the source tree to build the binary package.\n"
                "The control file names the binary packages.\n"
                "The changelog gives the version.\n"
                "Field\nMeaning\nSource\nthe source package name\n"
                "Depends\nthe runtime dependencies\n"
                "A well-formed changelog entry ends with the maintainer\xE2\x80\x99s signature.\n");
    expect_text(HTML "docbook.html", TX_DOC_HTML, 0,
                "3.2. Le calque flottant\n"
                "Un calque flottant est un calque temporaire. Cliquez sur Calque"
                " \xE2\x86\x92 Ancrer le calque.\n"
                "Note\n"
                "Les calques flottants restent entiers.\n");
    expect_text(HTML "noise.html", TX_DOC_HTML, 0,
                "Mirror selection\n"
                "Intro text of the page\n"
                "The mirror list is updated daily.\n"
                "tail text after the paragraph\n"
                "First line\vsecond line\vthird line\n" /* <br>: soft line ends */
                "Install the apt-transport-https package first.\n"
                "Search the archive\n"
                "one item\nnested item\ntwo items\n"
                "Mirror\nCountry\nftp.fr\nFrance\n"
                "Term\nIts definition\n"
                "A caption\n"
                "Last modified: today\n");
    expect_text(HTML "entities.html", TX_DOC_HTML, 0,
                "Fish & chips <tag> caf\xC3\xA9 \xC3\xA9t\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve"
                "\xC2\xA0text &unknownentity; \xC2\xA9 2024\n"
                "Spacing:bold italic,em many spaces across lines.\n");
    expect_text(HTML "cp1252.html", TX_DOC_HTML, 0,
                "Le caf\xC3\xA9 du gestionnaire de paquets \xE2\x80\x93 une \xC2\xAB bonne"
                " \xC2\xBB id\xC3\xA9" "e.\n"
                "C\xC5\x93ur du syst\xC3\xA8me : 100 \xE2\x82\xAC.\n");
    expect_text(HTML "xhtml.html", TX_DOC_HTML, 0,
                "Mise \xC3\xA0 jour\n"
                "La mise \xC3\xA0 jour du syst\xC3\xA8me\xC2\xA0: voir ici.\n");

    /* n_dropped: the code block; the two navigation tables, the table of
     * contents and the program listing; nav, role, pre, hidden, aria-hidden,
     * display:none and the sidebar. */
    read_doc(&r, HTML "guide.html", TX_DOC_HTML, 0);
    check(r.info.n_dropped == 1 && r.info.format == TX_DOC_HTML, "dropped %u",
          r.info.n_dropped);
    tx_buf_release(&r.out);
    read_doc(&r, HTML "docbook.html", TX_DOC_HTML, 0);
    check(r.info.n_dropped == 4, "dropped %u", r.info.n_dropped);
    tx_buf_release(&r.out);
    read_doc(&r, HTML "noise.html", TX_DOC_HTML, 0);
    check(r.info.n_dropped == 7, "dropped %u", r.info.n_dropped);
    tx_buf_release(&r.out);

    expect_refused(HTML "billion-laughs.html", TX_DOC_HTML, 0, "internal subset");
    expect_refused(HTML "external-entity.html", TX_DOC_HTML, 0, "internal subset");
}

static void test_html_memory(void)
{
    static const char utf16[] = "\xFF\xFE<\0p\0>\0\xE9\0t\0\xE9\0<\0/\0p\0>\0";
    static const char ext[] = "<!DOCTYPE html SYSTEM \"file:///etc/passwd\">"
                              "<p>a &xxe; b</p>";
    tx_buf out = TX_BUF_INIT;
    tx_doc_info info;
    tx_error err;
    tx_buf big = TX_BUF_INIT;
    char *huge;
    int i;

    check(read_mem("<p>unclosed <b>bold", 19, &out, &info, &err) == TX_OK, "%s", err.msg);
    check_str(tx_buf_str(&out), "unclosed bold\n");
    /* blank text between inline elements is a space; none inside a word */
    check(read_mem("<p>a <b>b</b> <i>c</i><b>d</b>e</p>", 35, &out, &info, &err) == TX_OK,
          "%s", err.msg);
    check_str(tx_buf_str(&out), "a b cde\n");
    check(read_mem(utf16, sizeof utf16 - 1, &out, &info, &err) == TX_OK, "%s", err.msg);
    check_str(tx_buf_str(&out), "\xC3\xA9t\xC3\xA9\n");
    check(read_mem(ext, strlen(ext), &out, &info, &err) == TX_OK, "%s", err.msg);
    check_str(tx_buf_str(&out), "a &xxe; b\n");
    /* Not UTF-8, nothing declared: Windows-1252 */
    check(read_mem("<p>\x93quoted\x94 caf\xE9</p>", 20, &out, &info, &err) == TX_OK,
          "%s", err.msg);
    check_str(tx_buf_str(&out), "\xE2\x80\x9Cquoted\xE2\x80\x9D caf\xC3\xA9\n");
    check(read_mem("<html><script>x()</script><nav>Home</nav></html>", 49, &out, &info,
                   &err) == TX_EINPUT, "no text");
    check(strstr(err.msg, "mem.html: no text") != NULL, "%s", err.msg);

    /* 257 attributes on one element: refused before libxml2 compares them. */
    tx_buf_addstr(&big, "<p");
    for (i = 0; i < 257; i++)
        tx_buf_addf(&big, " a%d=\"<p %d\"", i, i);
    tx_buf_addstr(&big, ">x</p>");
    check(read_mem(big.data, big.len, &out, &info, &err) == TX_EINPUT, "attrs");
    check(strstr(err.msg, "more than 256 attributes") != NULL, "%s", err.msg);
    /* ...but not in a script, a comment or an attribute value */
    tx_buf_reset(&big);
    tx_buf_addstr(&big, "<script>");
    for (i = 0; i < 300; i++)
        tx_buf_addstr(&big, "if (a <b c) ");
    tx_buf_addstr(&big, "</script><!-- <p a b c d e --><p title=\"a b c\">ok</p>");
    check(read_mem(big.data, big.len, &out, &info, &err) == TX_OK, "%s", err.msg);
    check_str(tx_buf_str(&out), "ok\n");

    /* the same scan on a UTF-16 page */
    {
        const char *dt = "<!DOCTYPE html [<!ENTITY a \"b\">]><p>&a;</p>";

        tx_buf_reset(&big);
        tx_buf_add(&big, "\xFF\xFE", 2);
        for (; *dt; dt++) {
            tx_buf_addch(&big, *dt);
            tx_buf_add(&big, "", 1);
        }
        check(read_mem(big.data, big.len, &out, &info, &err) == TX_EINPUT, "utf-16 dtd");
        check(strstr(err.msg, "internal subset") != NULL, "%s", err.msg);
    }
    tx_buf_release(&big);

    huge = calloc(1, ((size_t)64 << 20) + 1);
    if (huge) {
        check(read_mem(huge, ((size_t)64 << 20) + 1, &out, &info, &err) == TX_EINPUT,
              "huge");
        check(strstr(err.msg, "larger than 64 MiB") != NULL, "%s", err.msg);
        free(huge);
    }
    tx_buf_release(&out);
}

static void test_bitext_fixtures(void)
{
    reading r;

    expect_text(BITEXT "app.fr.po", TX_DOC_PO, 0,
                "Package manager\nFile\nThe package cache is out of date.\n"
                "Download the \"source package\" now\nand build it.\n"
                "%d package upgraded\n%d packages upgraded\n"
                "Mirror selection\nUntranslated message\n");
    expect_text(BITEXT "app.fr.po", TX_DOC_PO, 1,
                "Gestionnaire de paquets\nFichier\n"
                "Le cache des paquets n'est plus \xC3\xA0 jour.\n"
                "T\xC3\xA9l\xC3\xA9" "charger le \xC2\xAB paquet source \xC2\xBB maintenant\n"
                "et le construire.\n"
                "%d paquet mis \xC3\xA0 jour\n");
    expect_text(BITEXT "app.fr.xlf", TX_DOC_XLIFF, 0,
                "Package manager\n_File\nThe package cache is out of date.\n"
                "Download the \"source package\" now and build it.\n"
                "%d package upgraded\n%d packages upgraded\n"
                "Mirror selection\nUntranslated message\nObsolete message\n");
    expect_text(BITEXT "app.fr.xlf", TX_DOC_XLIFF, 1,
                "Gestionnaire de paquets\n_Fichier\n"
                "Le cache des paquets n'est plus \xC3\xA0 jour.\n"
                "T\xC3\xA9l\xC3\xA9" "charger le \xC2\xAB paquet source \xC2\xBB maintenant"
                " et le construire.\n"
                "%d paquet mis \xC3\xA0 jour\n%d paquets mis \xC3\xA0 jour\n"
                "Message obsol\xC3\xA8te\n");
    expect_text(BITEXT "app.fr.tmx", TX_DOC_TMX, 0,
                "Package manager\n_File\nThe package cache is out of date.\n"
                "Download the \"source package\" now and build it.\n"
                "%d package upgraded\n");
    expect_text(BITEXT "notes.pot", TX_DOC_PO, 0,
                "Release notes\nThe installer now supports encrypted volumes.\n"
                "Upgrade the kernel package before rebooting.\n");
    expect_refused(BITEXT "notes.pot", TX_DOC_PO, 1, "no text on the target side");
    expect_text(BITEXT "doc20.xlf", TX_DOC_XLIFF, 0,
                "Press the power button.\nWait for the boot loader.\nUntranslated unit\n");
    expect_text(BITEXT "doc20.xlf", TX_DOC_XLIFF, 1,
                "Appuyez sur le bouton marche.\n"
                "Attendez le chargeur d'amor\xC3\xA7" "age.\n");
    expect_text(BITEXT "inline12.xlf", TX_DOC_XLIFF, 0,
                "Open the settings dialog now.\nNew string\n");
    expect_text(BITEXT "inline12.xlf", TX_DOC_XLIFF, 1,
                "\xC3\x96" "ffnen Sie den Einstellungsdialog jetzt.\n");
    expect_refused(BITEXT "untranslated.xlf", TX_DOC_XLIFF, 1, "no text on the target side");
    expect_text(BITEXT "multi.tmx", TX_DOC_TMX, 0,
                "Die Datei speichern\nDen Ordner \xC3\xB6" "ffnen\nNur deutsch\n");
    expect_text(BITEXT "multi.tmx", TX_DOC_TMX, 1, "Save the file\nOpen the folder\n");
    expect_text(BITEXT "latin1.po", TX_DOC_PO, 0, "Save As\nfile_name_max & more\n");
    expect_text(BITEXT "latin1.po", TX_DOC_PO, 1, "Enregistrer sous\nDur\xC3\xA9" "e : AA \\ fin\n");
    expect_refused(BITEXT "billion-laughs.xlf", TX_DOC_XLIFF, 0, "entity declarations");
    expect_refused(BITEXT "external-entity.tmx", TX_DOC_TMX, 0, "entity declarations");
    expect_refused(BITEXT "external-entity.xlf", TX_DOC_XLIFF, 0, "xxe");

    /* languages and counts */
    read_doc(&r, BITEXT "app.fr.po", TX_DOC_PO, 1);
    check_str(r.info.side_lang, "fr");
    check(r.info.n_segments == 6 && r.info.format == TX_DOC_PO, "%u", r.info.n_segments);
    tx_buf_release(&r.out);
    read_doc(&r, BITEXT "app.fr.po", TX_DOC_PO, 0); /* Language: fr, msgids English */
    check_str(r.info.side_lang, "en");
    tx_buf_release(&r.out);
    read_doc(&r, BITEXT "notes.pot", TX_DOC_PO, 0); /* a template: no Language */
    check_str(r.info.side_lang, "");
    tx_buf_release(&r.out);
    read_doc(&r, BITEXT "latin1.po", TX_DOC_PO, 0);
    check_str(r.info.side_lang, "en");
    tx_buf_release(&r.out);
    read_doc(&r, BITEXT "doc20.xlf", TX_DOC_XLIFF, 1);
    check_str(r.info.side_lang, "fr-FR");
    check(r.info.n_segments == 2, "%u", r.info.n_segments);
    tx_buf_release(&r.out);
    read_doc(&r, BITEXT "inline12.xlf", TX_DOC_XLIFF, 0);
    check_str(r.info.side_lang, "en");
    tx_buf_release(&r.out);
    read_doc(&r, BITEXT "app.fr.tmx", TX_DOC_TMX, 1);
    check_str(r.info.side_lang, "fr");
    tx_buf_release(&r.out);
    read_doc(&r, BITEXT "multi.tmx", TX_DOC_TMX, 0);
    check_str(r.info.side_lang, "de-DE");
    tx_buf_release(&r.out);
}

/* libxml2's process-wide hooks are what they were after every reading. */
static void test_hooks_restored(void)
{
    xmlExternalEntityLoader loader = xmlGetExternalEntityLoader();
    xmlStructuredErrorFunc structured = xmlStructuredError;
    reading r;

    read_doc(&r, HTML "noise.html", TX_DOC_HTML, 0);
    tx_buf_release(&r.out);
    read_doc(&r, BITEXT "external-entity.xlf", TX_DOC_XLIFF, 0);
    tx_buf_release(&r.out);
    check(xmlGetExternalEntityLoader() == loader, "entity loader not restored");
    check(xmlStructuredError == structured, "structured error handler not restored");
}

int main(void)
{
    test_html_fixtures();
    test_html_memory();
    test_bitext_fixtures();
    test_hooks_restored();
    return check_done();
}
