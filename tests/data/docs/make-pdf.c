/* make-pdf.c: write the PDF fixtures of tests/data/docs/pdf/ with cairo.
 *
 *   make-pdf DIR   writes DIR/layout.pdf, DIR/scanned.pdf, DIR/damaged.pdf
 *
 * layout.pdf: three pages with a running header ("Rapport annuel — Chapitre
 * 2"), a footer "Page N sur 3", a footnote in small type at the foot of page
 * 1 and its reference (a small raised "1" after a word), a word hyphenated at a line end ("dévelop-" + "pement") next to a real
 * hyphen ("socio-" + "économique"), a paragraph running over the break from
 * page 1 to page 2, and two columns on page 3.  scanned.pdf: one page holding
 * an image and no text.  damaged.pdf: the first bytes of layout.pdf only.
 * The encrypted fixture is made from layout.pdf by qpdf (make-pdf.sh). */
#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>

#define W 595.0
#define H 842.0

static void text(cairo_t *cr, double size, double x, double y, const char *s)
{
    cairo_set_font_size(cr, size);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
}

/* The running header and the footer of page `n`. */
static void furniture(cairo_t *cr, int n)
{
    char foot[32];

    text(cr, 9, 72, 40, "Rapport annuel \xE2\x80\x94 Chapitre 2");
    snprintf(foot, sizeof foot, "Page %d sur 3", n);
    text(cr, 9, 270, 810, foot);
}

static void lines(cairo_t *cr, double x, double y, const char *const *v)
{
    for (; *v; v++, y += 16)
        text(cr, 12, x, y, *v);
}

static int layout(const char *path)
{
    static const char *const p1a[] = {
        "La coop\xC3\xA9ration r\xC3\xA9gionale favorise le d\xC3\xA9velop-",
        "pement des infrastructures et la coop\xC3\xA9ration socio-",
        "\xC3\xA9" "conomique entre les pays voisins du bassin.", NULL };
    static const char *const p1b[] = {
        "Le programme de gestion des ressources en eau couvre",
        "les zones arides et les zones humides du", NULL };
    static const char *const p2[] = {
        "la r\xC3\xA9gion, avec un suivi annuel des indicateurs de",
        "qualit\xC3\xA9 de l'eau et des rapports publics.", NULL };
    static const char *const p2b[] = {
        "Les indicateurs de qualit\xC3\xA9 de l'eau sont publi\xC3\xA9s chaque",
        "ann\xC3\xA9" "e par l'agence nationale.", NULL };
    static const char *const left[] = {
        "La gestion int\xC3\xA9gr\xC3\xA9" "e des bassins", "versants exige une",
        "coordination entre les", NULL };
    static const char *const right[] = {
        "agences nationales et les", "collectivit\xC3\xA9s locales du bassin.", NULL };
    cairo_surface_t *sf = cairo_pdf_surface_create(path, W, H);
    cairo_t *cr = cairo_create(sf);

    cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    furniture(cr, 1);
    lines(cr, 72, 100, p1a);
    lines(cr, 72, 170, p1b);
    /* the footnote's reference: a small raised "1" after "territoire" */
    {
        double x, y;
        cairo_set_font_size(cr, 12);
        cairo_move_to(cr, 72, 200);
        cairo_show_text(cr, "territoire");
        cairo_get_current_point(cr, &x, &y);
        text(cr, 7, x, y - 5, "1");
        cairo_get_current_point(cr, &x, &y);
        text(cr, 12, x, 200, " de");
    }
    text(cr, 7, 72, 770, "1 Source : rapport du secr\xC3\xA9tariat, 2019.");
    cairo_show_page(cr);
    furniture(cr, 2);
    lines(cr, 72, 100, p2);
    lines(cr, 72, 150, p2b);
    cairo_show_page(cr);
    furniture(cr, 3);
    lines(cr, 72, 100, left);
    lines(cr, 320, 100, right);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(sf);
    if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "make-pdf: %s: %s\n", path,
                cairo_status_to_string(cairo_surface_status(sf)));
        return 1;
    }
    cairo_surface_destroy(sf);
    return 0;
}

/* One page with an image (a grey gradient drawn into a bitmap) and no text. */
static int scanned(const char *path)
{
    cairo_surface_t *sf = cairo_pdf_surface_create(path, W, H);
    cairo_t *cr = cairo_create(sf);
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 64);
    unsigned char *px = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);

    cairo_surface_flush(img);
    for (int y = 0; y < 64; y++)
        for (int x = 0; x < 64; x++)
            for (int k = 0; k < 4; k++)
                px[y * stride + x * 4 + k] = (unsigned char)((x * 4 + y * 2) & 0xff);
    cairo_surface_mark_dirty(img);
    cairo_scale(cr, 6, 6);
    cairo_set_source_surface(cr, img, 10, 10);
    cairo_paint(cr);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    cairo_surface_finish(sf);
    cairo_surface_destroy(sf);
    return 0;
}

/* The first 400 bytes of layout.pdf: no page survives. */
static int damaged(const char *from, const char *path)
{
    char buf[400];
    FILE *in = fopen(from, "rb");
    FILE *out = fopen(path, "wb");
    size_t n = in ? fread(buf, 1, sizeof buf, in) : 0;
    int rc = !in || !out || fwrite(buf, 1, n, out) != n;

    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = 1;
    return rc;
}

int main(int argc, char **argv)
{
    char a[4096], b[4096], c[4096];

    if (argc != 2) {
        fprintf(stderr, "usage: make-pdf DIR\n");
        return 2;
    }
    snprintf(a, sizeof a, "%s/layout.pdf", argv[1]);
    snprintf(b, sizeof b, "%s/scanned.pdf", argv[1]);
    snprintf(c, sizeof c, "%s/damaged.pdf", argv[1]);
    return layout(a) || scanned(b) || damaged(a, c);
}
