/* test_docoffice.c: the readers of zip containers (doc_zip.c, doc_ooxml.c,
 * doc_odf.c) on the fixtures of tests/data/docs/office (make-office there):
 * the exact lines of each document, the sniffing of each container, and a
 * message naming the document and the member for each hostile one. */
#define _POSIX_C_SOURCE 200809L /* strdup() */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc_zip.h"
#include "docread.h"

#define DIR TX_TEST_DATA "/docs/office/"

/* Read fixture `file` as `f` with `o` (NULL: the defaults); the status in *rc,
 * the message in err; the text returned (the caller frees it), never NULL. */
static char *read_doc(const char *file, tx_doc_format f, const tx_doc_opts *o,
                      tx_status *rc, tx_doc_info *info, tx_error *err)
{
    char path[512];
    size_t len = 0;
    char *data;
    tx_doc_opts d;
    tx_buf out = TX_BUF_INIT;

    snprintf(path, sizeof path, DIR "%s", file);
    data = check_read_file(path, &len);
    check(data != NULL, "cannot read %s", path);
    if (!data)
        return strdup("");
    if (!o) {
        tx_doc_opts_init(&d);
        o = &d;
    }
    memset(err, 0, sizeof *err);
    if (f == TX_DOC_ODF)
        *rc = tx_doc_read_odf(file, data, len, o, &out, info, err);
    else
        *rc = tx_doc_read_ooxml(file, data, len, f, o, &out, info, err);
    free(data);
    if (getenv("TX_DUMP"))
        fprintf(stderr, "---- %s: rc %d %s\n%s", file, (int)*rc, err->msg,
                out.data ? out.data : "");
    return out.data ? out.data : strdup("");
}

/* `file` reads as `want` exactly, with `dropped` things left out. */
static void expect_text(const char *file, tx_doc_format f, const char *want,
                        unsigned dropped)
{
    tx_status rc = TX_EINVAL;
    tx_doc_info info;
    tx_error err;
    char *got = read_doc(file, f, NULL, &rc, &info, &err);

    check(rc == TX_OK, "%s: %s", file, err.msg);
    check_str(got, want);
    check(info.format == f, "%s: format %d", file, (int)info.format);
    check(info.n_dropped == dropped, "%s: %u dropped, want %u", file, info.n_dropped,
          dropped);
    free(got);
}

/* `file` fails with TX_EINPUT and exactly `want` (with `o`, NULL: defaults). */
static void expect_fail(const char *file, tx_doc_format f, const tx_doc_opts *o,
                        const char *want)
{
    tx_status rc = TX_OK;
    tx_doc_info info;
    tx_error err;
    char *got = read_doc(file, f, o, &rc, &info, &err);

    check(rc == TX_EINPUT, "%s: status %d", file, (int)rc);
    check_str(err.msg, want);
    free(got);
}

static void test_docx(void)
{
    /* pandoc: headings, a footnote (after the body), a table, a list. */
    expect_text("report.docx", TX_DOC_DOCX,
                "Mise en réseau\n"
                "La configuration du réseau passe par le fichier d’interfaces.\n"
                "Pare-feu\n"
                "Le pare-feu filtre les paquets entrants.\n"
                "Terme\nDéfinition\n"
                "passerelle\nrouteur par défaut\n"
                "masque de sous-réseau\npréfixe du réseau\n"
                "serveur de noms\nadresse IP\n"
                "Le fichier se trouve dans le répertoire de configuration.\n",
                0);
    /* By hand: deletions and a comment dropped, an insertion kept, tab and
     * line break, hyphens, a field's code dropped and its result kept, a
     * text box once (its fallback copy dropped), cells, the header dropped. */
    expect_text("tracked.docx", TX_DOC_DOCX,
                "Suivi des modifications\n"
                "Le serveur principal répond.\n"
                "Colonne valeur\vnouvelle ligne\n" /* w:br: a soft line end */
                "porte-clé et paramètre\n"
                "7 pages de texte\n"
                "Texte de la zone\nAncre du cadre\n"
                "cellule un\ncellule deux\nsuite\n",
                4);
}

static void test_pptx(void)
{
    expect_text("slides.pptx", TX_DOC_PPTX,
                "Premier titre\npoint un\npoint deux\n"
                "Deuxième diapositive\nTexte de la diapositive.\n",
                1);
}

static void test_xlsx(void)
{
    /* Sheets in workbook order (sheet2.xml first), text cells only: a shared
     * string, an inline one, a rich one; numbers, a boolean, a formula's
     * result and an index out of range skipped; the phonetic reading dropped. */
    expect_text("sheet.xlsx", TX_DOC_XLSX,
                "terme source\nchaîne en ligne\nbase de données\nseconde feuille\n", 0);
}

static void test_odf(void)
{
    expect_text("report.odt", TX_DOC_ODF,
                "Mise en réseau\n"
                "La configuration du réseau passe par le fichier d’interfaces.\n"
                "Pare-feu\n"
                "Le pare-feu filtre les paquets entrants.\n"
                "Terme\nDéfinition\n"
                "passerelle\nrouteur par défaut\n"
                "masque de sous-réseau\npréfixe du réseau\n"
                "serveur de noms\nadresse IP\n"
                "Le fichier se trouve dans le répertoire de configuration.\n",
                0);
    /* The deletion, the annotation and the table of contents dropped (3); the
     * note's citation dropped and its text after the body; a number cell
     * skipped; the frame's title dropped and its text box a line. */
    expect_text("tracked.odt", TX_DOC_ODF,
                "Suivi des modifications\n"
                "Le serveur principal répond.\n"
                "Colonne valeur\vnouvelle ligne\n" /* text:line-break */
                "deux espaces et une note dans la phrase.\n"
                "premier élément\nsecond élément\n"
                "cellule un\ncellule trois\n"
                "Texte du cadre\nAncre du cadre\n"
                "paramètre\n"
                "Texte de la note.\n",
                3);
    expect_text("sheet.ods", TX_DOC_ODF,
                "terme source\nbase de données\nseconde feuille\n", 1);
    expect_text("slides.odp", TX_DOC_ODF,
                "Titre de la présentation\npremier point\nDeuxième page\n", 1);
}

static void test_hostile(void)
{
    tx_doc_opts o;

    /* 24 MiB of spaces in 25 KB: the ratio stops it after 1 MiB... */
    expect_fail("bomb.docx", TX_DOC_DOCX, NULL,
                "bomb.docx: member word/document.xml inflates to more than 200 times its "
                "compressed size (a zip bomb?)");
    /* ...the member's size without the ratio, the total with neither. */
    tx_doc_opts_init(&o);
    o.max_ratio = 0;
    o.max_member = 16u << 20;
    expect_fail("bomb.docx", TX_DOC_DOCX, &o,
                "bomb.docx: member word/document.xml inflates to more than 16 MiB "
                "(a zip bomb?)");
    tx_doc_opts_init(&o);
    o.max_ratio = 0;
    o.max_unzipped = 8u << 20;
    expect_fail("bomb.docx", TX_DOC_DOCX, &o,
                "bomb.docx: its members inflate to more than 8 MiB in all (a zip bomb?)");
    /* Sizes are counted, not taken from the headers. */
    tx_doc_opts_init(&o);
    o.max_member = 100000;
    expect_fail("liar.docx", TX_DOC_DOCX, &o,
                "liar.docx: member word/document.xml inflates to more than 100000 bytes "
                "(a zip bomb?)");
    tx_doc_opts_init(&o);
    o.max_members = 1;
    expect_fail("tracked.docx", TX_DOC_DOCX, &o,
                "tracked.docx: more than 1 members in the archive (a limit of termex)");
    expect_fail("truncated.docx", TX_DOC_DOCX, NULL,
                "truncated.docx: damaged ZIP archive (Not a zip archive)");
    expect_fail("duplicate.docx", TX_DOC_DOCX, NULL,
                "duplicate.docx: member word/document.xml appears twice in the archive");
    expect_fail("missing.docx", TX_DOC_DOCX, NULL,
                "missing.docx: member word/document.xml is missing");
    expect_fail("encrypted.docx", TX_DOC_DOCX, NULL,
                "encrypted.docx: member word/document.xml is encrypted (save the document "
                "without a password first)");
    expect_fail("encrypted.odt", TX_DOC_ODF, NULL,
                "encrypted.odt: member content.xml is encrypted (save the document "
                "without a password first)");
    expect_fail("laughs.docx", TX_DOC_DOCX, NULL, "laughs.docx: word/document.xml: entity declarations "
                "are not accepted in office documents (in the DOCTYPE)");
    expect_fail("xxe.docx", TX_DOC_DOCX, NULL, "xxe.docx: word/document.xml: entity declarations "
                "are not accepted in office documents (in the DOCTYPE)");
    {
        tx_status rc = TX_OK;
        tx_doc_info info;
        tx_error err;
        char *got = read_doc("malformed.docx", TX_DOC_DOCX, NULL, &rc, &info, &err);
        static const char want[] = "malformed.docx: word/document.xml:2: ";

        check(rc == TX_EINPUT, "malformed.docx: status %d", (int)rc);
        check(strncmp(err.msg, want, sizeof want - 1) == 0, "got '%s'", err.msg);
        free(got);
    }
    expect_fail("plain.zip", TX_DOC_ODF, NULL, "plain.zip: member content.xml is missing");
}

static void expect_sniff(const char *file, tx_doc_format want, const char *what)
{
    char path[512];
    size_t len = 0;
    char *data;
    const char *got_what = "unset";

    snprintf(path, sizeof path, DIR "%s", file);
    data = check_read_file(path, &len);
    check(data != NULL, "cannot read %s", path);
    if (!data)
        return;
    check(tx_doc_sniff_zip(data, len, &got_what) == want, "%s: format", file);
    if (what)
        check_str(got_what, what);
    else
        check(got_what == NULL, "%s: what '%s'", file, got_what);
    free(data);
}

static void test_sniff(void)
{
    expect_sniff("report.docx", TX_DOC_DOCX, NULL);
    expect_sniff("tracked.docx", TX_DOC_DOCX, NULL);
    expect_sniff("slides.pptx", TX_DOC_PPTX, NULL);
    expect_sniff("sheet.xlsx", TX_DOC_XLSX, NULL);
    expect_sniff("report.odt", TX_DOC_ODF, NULL);
    expect_sniff("tracked.odt", TX_DOC_ODF, NULL);
    expect_sniff("sheet.ods", TX_DOC_ODF, NULL);
    expect_sniff("slides.odp", TX_DOC_ODF, NULL);
    expect_sniff("encrypted.odt", TX_DOC_ODF, NULL);
    expect_sniff("book.epub", TX_DOC_IGNORED, "EPUB book");
    expect_sniff("plain.zip", TX_DOC_IGNORED, "ZIP archive");
    expect_sniff("missing.docx", TX_DOC_IGNORED, "ZIP archive");
    expect_sniff("truncated.docx", TX_DOC_BINARY, "damaged ZIP archive");
    expect_sniff("bomb.docx", TX_DOC_DOCX, NULL);
    check(tx_doc_sniff_zip("PK\3\4", 4, NULL) == TX_DOC_BINARY, "4 bytes");
    check(tx_doc_sniff_zip("", 0, NULL) == TX_DOC_BINARY, "no bytes");
}

int main(void)
{
    test_docx();
    test_pptx();
    test_xlsx();
    test_odf();
    test_hostile();
    test_sniff();
    return check_done();
}
