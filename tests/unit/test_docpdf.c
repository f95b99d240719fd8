/* test_docpdf.c: unit tests for tx_doc_read_pdf() on the fixtures of
 * tests/data/docs/pdf/ (made by tests/data/docs/make-pdf.sh): the layout
 * document's running header, footer, footnote and its reference go, its paragraphs are
 * rebuilt across lines, columns and pages with the hyphenation undone, the
 * '\f' lines stand before the paragraphs that start on a new page; the
 * hostile files (encrypted, damaged, scanned, too many pages) give one clear
 * message each. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cleanup.h"
#include "docread.h"

static tx_doc_opts opts(unsigned max_pages)
{
    tx_doc_opts o;

    tx_doc_opts_init(&o);
    o.max_pages = max_pages;
    return o;
}

/* Read fixture `name`; *text gets the output (caller frees), the status is
 * returned and the message is in *err. */
static tx_status read_fixture(const char *name, unsigned max_pages, char **text,
                              tx_doc_info *info, tx_error *err)
{
    char path[4096];
    size_t len = 0;
    char *data;
    tx_buf out = TX_BUF_INIT;
    tx_doc_opts o = opts(max_pages);
    tx_status rc;

    snprintf(path, sizeof path, "%s/docs/pdf/%s", TX_TEST_DATA, name);
    data = check_read_file(path, &len);
    check(data != NULL, "cannot read %s", path);
    if (!data)
        return TX_EINPUT;
    rc = tx_doc_read_pdf(name, data, len, &o, &out, info, err);
    *text = strdup(out.data ? out.data : "");
    tx_buf_release(&out);
    free(data);
    return rc;
}

/* The text of layout.pdf. */
static const char layout_text[] =
    "La coopération régionale favorise le développement des infrastructures"
    " et la coopération socio-économique entre les pays voisins du bassin.\n"
    "Le programme de gestion des ressources en eau couvre les zones arides"
    " et les zones humides du territoire de la région, avec un suivi annuel"
    " des indicateurs de qualité de l'eau et des rapports publics.\n"
    "\f\n"
    "Les indicateurs de qualité de l'eau sont publiés chaque année par"
    " l'agence nationale.\n"
    "\f\n"
    "La gestion intégrée des bassins versants exige une coordination entre"
    " les agences nationales et les collectivités locales du bassin.\n";

static void test_layout(void)
{
    tx_doc_info info;
    tx_error err;
    char *text = NULL;
    tx_status rc = read_fixture("layout.pdf", TX_DOC_MAX_PAGES, &text, &info, &err);

    check(rc == TX_OK, "layout.pdf: %s", err.msg);
    check_str(text, layout_text);
    check(info.format == TX_DOC_PDF, "format %d", info.format);
    check(info.n_pages == 3, "%u pages", info.n_pages);
    /* three headers, three footers, one footnote */
    check(info.n_dropped == 7, "%u dropped", info.n_dropped);
    free(text);
}

static void expect_error(const char *name, unsigned max_pages, const char *want)
{
    tx_doc_info info;
    tx_error err;
    char *text = NULL;
    tx_status rc = read_fixture(name, max_pages, &text, &info, &err);

    check(rc == TX_EINPUT, "%s: status %d", name, rc);
    if (rc != TX_OK)
        check_str(err.msg, want);
    free(text);
}

static void test_hostile(void)
{
    expect_error("encrypted.pdf", TX_DOC_MAX_PAGES,
                 "encrypted.pdf: encrypted (a password is needed)");
    expect_error("damaged.pdf", TX_DOC_MAX_PAGES, "damaged.pdf: PDF document is damaged");
    expect_error("scanned.pdf", TX_DOC_MAX_PAGES,
                 "scanned.pdf: no text on any of its 1 pages (a scanned document? "
                 "run OCR first)");
    expect_error("layout.pdf", 2, "layout.pdf: 3 pages, more than the limit of 2");
}

/* Not a PDF at all, and an empty one: a message, no crash. */
static void test_garbage(void)
{
    tx_buf out = TX_BUF_INIT;
    tx_doc_opts o = opts(10);
    tx_doc_info info;
    tx_error err;

    check(tx_doc_read_pdf("x.pdf", "%PDF-1.4\n", 9, &o, &out, &info, &err) == TX_EINPUT,
          "a header alone");
    check(strncmp(err.msg, "x.pdf: ", 7) == 0, "message %s", err.msg);
    check(tx_doc_read_pdf("y.pdf", "", 0, &o, &out, &info, &err) == TX_EINPUT, "empty");
    tx_buf_release(&out);
}

/* The hyphenation rule the PDF reader shares with tx_cleanup(). */
static void test_hyphen(void)
{
    check(tx_cleanup_hyphen("le dévelop-", 12, "pement des", 10) == TX_HYPHEN_DROP, "cut");
    check(tx_cleanup_hyphen("socio-", 6, "économique", 11) == TX_HYPHEN_KEEP, "prefix");
    check(tx_cleanup_hyphen("Addis-", 6, "Abeba", 5) == TX_HYPHEN_KEEP, "capital");
    check(tx_cleanup_hyphen("en 2010 -", 9, "le plan", 7) == TX_HYPHEN_NONE, "dash");
    check(tx_cleanup_hyphen("le plan", 7, "suivant", 7) == TX_HYPHEN_NONE, "none");
}

/* Documents read in worker threads at once, the first readings of the
 * process among them, give what one reading gives. */
static void *read_many(void *arg)
{
    long bad = 0;

    (void)arg;

    for (int k = 0; k < 5; k++) {
        tx_doc_info info;
        tx_error err;
        char *text = NULL;

        if (read_fixture("layout.pdf", TX_DOC_MAX_PAGES, &text, &info, &err) != TX_OK ||
            !text || strcmp(text, layout_text) != 0)
            bad++;
        free(text);
    }
    return (void *)bad;
}

static void test_threads(void)
{
    pthread_t th[4];

    for (int i = 0; i < 4; i++)
        check(pthread_create(&th[i], NULL, read_many, NULL) == 0, "thread %d", i);
    for (int i = 0; i < 4; i++) {
        void *bad = NULL;

        pthread_join(th[i], &bad);
        check(bad == NULL, "thread %d: %ld readings differ", i, (long)bad);
    }
}

int main(void)
{
    test_threads(); /* first: the threads set poppler up */
    test_layout();
    test_hostile();
    test_garbage();
    test_hyphen();
    return check_done();
}
