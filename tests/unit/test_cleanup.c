/* test_cleanup.c: unit tests for tx_cleanup().
 * Cases are real sentences from the UN seed documents (tests/data/seeds/,
 * copies of corpus/un-central-asia/fr/).  Table tests: each
 * tests/data/cleanup/NAME.txt (an excerpt of a seed document) must give
 * NAME.expected after tx_decode() and tx_cleanup().  The end-to-end test runs
 * the five seed documents through both and checks the repairs. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cleanup.h"
#include "decode.h"

/* Clean `text`; the caller frees the result.  NULL on failure. */
static char *clean(const char *text)
{
    tx_error err;
    char *out = NULL;
    size_t len = 0;
    tx_status rc = tx_cleanup(text, strlen(text), "fr", &out, &len, &err);

    check(rc == TX_OK, "tx_cleanup: %s", err.msg);
    if (rc != TX_OK)
        return NULL;
    check(strlen(out) == len, "length %zu, strlen %zu", len, strlen(out));
    return out;
}

static void check_clean(const char *text, const char *want)
{
    char *got = clean(text);

    check_str(got, want);
    free(got);
}

/* Decode and clean the file at `path`; the caller frees the result. */
static char *decode_and_clean(const char *path)
{
    tx_error err;
    size_t len = 0;
    size_t dec_len = 0;
    size_t out_len = 0;
    char *data = check_read_file(path, &len);
    char *dec = NULL;
    char *out = NULL;

    check(data != NULL, "cannot read %s", path);
    if (!data)
        return NULL;
    if (tx_decode(path, data, len, &dec, &dec_len, &err) != TX_OK)
        check(0, "tx_decode: %s", err.msg);
    else if (tx_cleanup(dec, dec_len, "fr", &out, &out_len, &err) != TX_OK)
        check(0, "tx_cleanup: %s", err.msg);
    free(data);
    free(dec);
    return out;
}

/* Properties every output has: '\n'-terminated lines, none empty, no space
 * at either end or twice in a row. */
static void check_shape(const char *name, const char *out)
{
    size_t len = strlen(out);

    check(len == 0 || out[len - 1] == '\n', "%s: no final newline", name);
    check(strstr(out, "\n\n") == NULL && out[0] != '\n', "%s: empty line", name);
    check(strstr(out, "  ") == NULL, "%s: double space", name);
    check(strstr(out, " \n") == NULL && strstr(out, "\n ") == NULL && out[0] != ' ',
          "%s: space at a line end", name);
    check(strchr(out, '\t') == NULL && strchr(out, '\f') == NULL, "%s: tab or ff", name);
}

/* ---- single repairs ------------------------------------------------------------- */

static void test_basics(void)
{
    check_clean("", "");
    check_clean(" \n\n  \n", "");
    check_clean("L'Assemblée générale,", "L'Assemblée générale,\n");
    check_clean("  Guidée   par la\tCharte  \n", "Guidée par la Charte\n");
}

/* Single-spaced text: lines join, a blank line ends a paragraph. */
static void test_single_spaced(void)
{
    check_clean("Le Chargé d'affaires par intérim de la Mission permanente\n"
                "de la République populaire de Chine\n"
                "auprès de l'Organisation des Nations Unies\n"
                "\n"
                "Nous vous serions reconnaissants de bien vouloir faire distribuer "
                "le texte.\n",
                "Le Chargé d'affaires par intérim de la Mission permanente de la "
                "République populaire de Chine auprès de l'Organisation des Nations "
                "Unies\n"
                "Nous vous serions reconnaissants de bien vouloir faire distribuer "
                "le texte.\n");
    /* Markdown bold markers go, also over several lines. */
    check_clean("**Annexe à la lettre datée du 13 décembre 2017,\n"
                "adressée au Secrétaire général**\n\n(Signé) Kairat **Umarov**\n",
                "Annexe à la lettre datée du 13 décembre 2017, adressée au "
                "Secrétaire général\n(Signé) Kairat Umarov\n");
}

/* Double-spaced text (document 000): one empty line is a line end; a
 * whitespace-only line, or an indented line after punctuation, starts a new
 * paragraph. */
static void test_double_spaced(void)
{
    check_clean(" L'Assemblée générale, \n\n"
                " Considérant que l'Organisation des Nations Unies joue un rôle "
                "important dans \n\n"
                "le développement de relations amicales entre les nations,  \n\n"
                " Guidée par les dispositions de la Charte des Nations Unies qui "
                "préconisent \n\n"
                "l'adoption de mesures de coopération régionale propres à promouvoir "
                "la \n\n"
                "concrétisation des buts et principes des Nations Unies,  \n\n"
                " \n\n"
                "  Zone de paix, de confiance et de coopération de l'Asie centrale \n",
                "L'Assemblée générale,\n"
                "Considérant que l'Organisation des Nations Unies joue un rôle important "
                "dans le développement de relations amicales entre les nations,\n"
                "Guidée par les dispositions de la Charte des Nations Unies qui "
                "préconisent l'adoption de mesures de coopération régionale propres à "
                "promouvoir la concrétisation des buts et principes des Nations Unies,\n"
                "Zone de paix, de confiance et de coopération de l'Asie centrale\n");
}

static void test_hyphens(void)
{
    check_clean("Programme de dévelop-\npement durable\n",
                "Programme de développement durable\n");
    /* A prefix keeps its hyphen (document 001). */
    check_clean("un large éventail d'organisations régionales et sous-\n"
                "régionales, \n",
                "un large éventail d'organisations régionales et sous-régionales,\n");
    check_clean("la vie socio-\néconomique\n", "la vie socio-économique\n");
    check_clean("le Programme d'action d'Addis-\nAbeba\n",
                "le Programme d'action d'Addis-Abeba\n");
    check_clean("la maladie à coronavirus (COVID-\n19)\n",
                "la maladie à coronavirus (COVID-19)\n");
    check_clean("sa soixante-dix-\nseptième session\n",
                "sa soixante-dix-septième session\n");
    check_clean("ceux-\nci\n", "ceux-ci\n");
    /* In the middle of a line, nothing changes; a dash is not a hyphen. */
    check_clean("notamment technique, scientifique, juridique et financière-requise.\n",
                "notamment technique, scientifique, juridique et financière-requise.\n");
    check_clean("les deux délégations -\ncelle de la Chine\n",
                "les deux délégations - celle de la Chine\n");
}

static void test_apostrophes(void)
{
    check_clean("dans la zone de l 'Asie centrale et d 'adopter\n",
                "dans la zone de l'Asie centrale et d'adopter\n");
    check_clean("la Stratégie antiterroriste mondiale de l \xE2\x80\x99Organisation\n",
                "la Stratégie antiterroriste mondiale de l\xE2\x80\x99Organisation\n");
    check_clean("qu 'il importe; L 'Assemblée\n", "qu'il importe; L'Assemblée\n");
    /* Not after other words. */
    check_clean("les mots 'paix' et 'confiance'\n", "les mots 'paix' et 'confiance'\n");
}

static void test_urls(void)
{
    /* A link alone on a line inside a paragraph (document 000). */
    check_clean("Rappelant sa résolution 73/338 du 12 septembre 2019, dans laquelle "
                "elle a\n"
                "https://undocs.org/fr/A/RES/73/338\n"
                "proclamé 2021 Année internationale de la paix et de la confiance,\n",
                "Rappelant sa résolution 73/338 du 12 septembre 2019, dans laquelle elle "
                "a proclamé 2021 Année internationale de la paix et de la confiance,\n");
    check_clean("voir https://undocs.org/fr/A/76/920.\n", "voir.\n");
}

static void test_furniture(void)
{
    check_clean("Nations Unies  A/C.2/72/3\n"
                "Assemblée générale\n"
                "Distr. générale\n"
                "Original : anglais\n"
                "17-20793 (F)  291117  051217\n"
                "*1720793*\n"
                "A/76/L.35\n"
                "2/5\n"
                "22-12345\n"
                "21-03591 4/4\n",
                "Assemblée générale\n");
    /* Not furniture: a sentence with a symbol, "Nations Unies" alone. */
    check_clean("Voir A/76/751, annexe.\n\nNations Unies\n",
                "Voir A/76/751, annexe.\n"
                "Nations Unies\n");
}

/* Footnote blocks go; references glued to words go when the block has the
 * number (document 000). */
static void test_footnotes(void)
{
    const char *text =
        " Consciente de l'importance de la Déclaration et du Programme d'action en \n\n"
        "faveur d'une culture de paix1, qui sont le cadre universel, \n\n"
        " Consciente également du rôle important que jouent les pays d'Asie centrale "
        "pour \n\n"
        "promouvoir la coopération régionale et internationale2,  \n\n"
        " Accueillant avec satisfaction les efforts que font les gouvernements des "
        "pays \n\n"
        "d'Asie centrale pour mettre en œuvre le Programme de développement durable à "
        "\n\n"
        "l'horizon 20303 et le rôle du Centre régional en Asie centrale 4, \n\n"
        " Notant la baisse des émissions de CO2 et le G20 en 2019, \n\n"
        "__________________ \n\n"
        " 1 Résolutions 53/243 A et B. \n\n"
        " 2 Kazakhstan, Kirghizistan, Ouzbékistan, Tadjikistan et \n\n"
        "Turkménistan. \n\n"
        " 3 Résolution 70/1.  \n\n"
        " 4 Voir résolution 75/272.  \n\n"
        "https://undocs.org/fr/A/RES/53/243\n"
        "https://undocs.org/fr/A/RES/70/1\n"
        "  Notant avec satisfaction l'attachement des États d'Asie centrale à la "
        "paix, \n";

    check_clean(text,
                "Consciente de l'importance de la Déclaration et du Programme d'action "
                "en faveur d'une culture de paix, qui sont le cadre universel,\n"
                "Consciente également du rôle important que jouent les pays d'Asie "
                "centrale pour promouvoir la coopération régionale et internationale,\n"
                "Accueillant avec satisfaction les efforts que font les gouvernements "
                "des pays d'Asie centrale pour mettre en œuvre le Programme de "
                "développement durable à l'horizon 2030 et le rôle du Centre régional "
                "en Asie centrale,\n"
                "Notant la baisse des émissions de CO2 et le G20 en 2019,\n"
                "Notant avec satisfaction l'attachement des États d'Asie centrale à la "
                "paix,\n");
    /* Without a footnote block, digits stay. */
    check_clean("une culture de paix1, l'horizon 20303\n",
                "une culture de paix1, l'horizon 20303\n");
    /* A star footnote mark after a word (document 001). */
    check_clean("Tadjikistan et Turkménistan* : projet de résolution\n",
                "Tadjikistan et Turkménistan : projet de résolution\n");
}

/* A page break (form feed) inside a paragraph. */
static void test_page_break(void)
{
    check_clean("favoriser le règlement pacifique des\n\f\n différends et, dans ce "
                "contexte,\n",
                "favoriser le règlement pacifique des différends et, dans ce "
                "contexte,\n");
}

/* ---- table tests and seed documents --------------------------------------------- */

static void test_table(void)
{
    static const char *const names[] = {
        "double-spaced", "page-break", "page-footer", "cover-page", "single-spaced",
    };

    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[1024];
        size_t len = 0;
        char *want;
        char *got;

        snprintf(path, sizeof path, "%s/cleanup/%s.expected", TX_TEST_DATA, names[i]);
        want = check_read_file(path, &len);
        check(want != NULL, "cannot read %s", path);
        snprintf(path, sizeof path, "%s/cleanup/%s.txt", TX_TEST_DATA, names[i]);
        got = decode_and_clean(path);
        if (want && got) {
            check(strlen(want) == len, "%s: NUL in expected output", names[i]);
            check(strcmp(got, want) == 0, "%s: output differs from %s.expected:\n%s",
                  names[i], names[i], got);
            check_shape(names[i], got);
        }
        free(want);
        free(got);
    }
}

static const char *const seeds[] = {
    "000_ebfd1786662cfdea.txt", "001_1373e69d97608cbc.txt", "002_4c466e311da07bb0.txt",
    "003_b64de43eda6f6da3.txt", "004_08fd0699280038d4.txt",
};

/* Does the text contain `word` as a whole token (not inside a longer word)? */
static int has_token(const char *text, const char *word)
{
    size_t n = strlen(word);

    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
        char before = p == text ? ' ' : p[-1];
        char after = p[n];

        if (strchr(" \n(«", before) && (after == '\0' || strchr(" \n,.;:)", after)))
            return 1;
    }
    return 0;
}

static void test_seeds(void)
{
    char *all = NULL;
    size_t all_len = 0;

    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        char path[1024];
        char *out;
        size_t n;
        char *p;

        snprintf(path, sizeof path, "%s/seeds/%s", TX_TEST_DATA, seeds[i]);
        out = decode_and_clean(path);
        if (!out)
            continue;
        check_shape(seeds[i], out);
        check(strstr(out, "https") == NULL, "%s: a URL is left", seeds[i]);
        check(strstr(out, "undocs") == NULL, "%s: a URL is left", seeds[i]);
        check(strstr(out, "___") == NULL, "%s: a footnote rule is left", seeds[i]);
        check(strstr(out, "\xE2\x80\x99") == NULL, "%s: typographic apostrophe",
              seeds[i]);
        check(strstr(out, " '") == NULL, "%s: space before an apostrophe", seeds[i]);
        check(strstr(out, "**") == NULL, "%s: bold marker", seeds[i]);
        n = strlen(out);
        p = realloc(all, all_len + n + 1);
        if (!p) {
            free(out);
            break;
        }
        all = p;
        memcpy(all + all_len, out, n + 1);
        all_len += n;
        free(out);
    }
    check(all != NULL, "no output");
    if (!all)
        return;

    /* Glued footnote numbers (000: paix1, internationale2, 20303, centrale4;
     * 001: 20223, Unies4, 20175; 003: 20301, Shanghai2, Croix-Rouge6). */
    {
        static const char *const glued[] = {
            "paix1", "internationale2", "20303", "centrale4", "20223", "Unies4",
            "20175", "20226", "20227", "20301", "Shanghai2", "20165", "Croix-Rouge6",
        };

        for (size_t i = 0; i < sizeof glued / sizeof *glued; i++)
            check(strstr(all, glued[i]) == NULL, "glued footnote '%s' is left", glued[i]);
    }
    /* Footnote blocks and page furniture. */
    check(strstr(all, "Résolutions 53/243 A et B") == NULL, "footnote 1 of 000 is left");
    check(strstr(all, "S/2007/279 et S/2007/280") == NULL, "footnote 1 of 001 is left");
    check(strstr(all, "Toute modification apportée") == NULL, "footnote * of 001 left");
    check(strstr(all, "Recueil des Traités") == NULL, "footnote 2 of 003 is left");
    check(!has_token(all, "A/75/L.69") && !has_token(all, "A/C.2/72/3")
              && !has_token(all, "21-03591") && !has_token(all, "*1720793*")
              && !has_token(all, "4/4") && strstr(all, "Distr.") == NULL
              && strstr(all, "Original :") == NULL,
          "page furniture is left");

    /* Paragraphs joined across line ends, footnote blocks and page breaks. */
    check(strstr(all, "zone de paix, de confiance et de coopération de l'Asie centrale"),
          "zone de paix ... de l'Asie centrale not on one line");
    check(strstr(all, "Programme de développement durable à l'horizon 2030"),
          "Programme de développement durable à l'horizon 2030 missing");
    check(strstr(all, "l'Assemblée générale"), "l'Assemblée générale missing");
    check(strstr(all, "Centre régional des Nations Unies pour la diplomatie préventive "
                      "en Asie centrale"),
          "Centre régional ... en Asie centrale broken");
    check(strstr(all, "favoriser le règlement pacifique des différends et, dans ce "
                      "contexte,"),
          "001: paragraph broken at the footnote block");
    check(strstr(all, "que le Centre et la Mission d'assistance des Nations Unies"),
          "001: paragraph broken at the second page break");
    check(strstr(all, "en coopération avec les acteurs internationaux et régionaux "
                      "compétents"),
          "003: paragraph broken at the footnote block");
    check(strstr(all, "resserrer les liens de bon voisinage et de confiance mutuelle"),
          "003: paragraph broken at the page footer");
    check(strstr(all, "organisations régionales et sous-régionales,"),
          "001: sous-régionales");
    check(strstr(all, "dans la zone de l'Asie centrale"), "000: l 'Asie");
    check(strstr(all, "climat de confiance, et d'adopter"), "002: d 'adopter");
    check(strstr(all, "des outils de diplomatie préventive disponibles, tels que les "
                      "mécanismes proactifs"),
          "002: paragraph broken at a page break");
    /* Footnote references standing apart (001: "centrale 1,", 003: "nucléaires 3"). */
    check(strstr(all, "en Asie centrale,\n") && strstr(all, "armes nucléaires qui sont"),
          "loose footnote references are left");
    /* Paragraph starts. */
    check(strstr(all, "\nL'Assemblée générale,\n"), "L'Assemblée générale, alone");
    check(strstr(all, "\n1. Proclame la région de l'Asie centrale zone de paix"),
          "000: paragraph 1. does not start a line");
    check(strstr(all, "\nNotant avec satisfaction l'attachement des États"),
          "000: paragraph after the footnote block does not start a line");
    check(strstr(all, "\n4. Encourage le Centre à continuer de coopérer"),
          "001: paragraph 4. does not start a line");
    check(strstr(all, "\n(Signé) Wu Haitao\n"), "004: signature");
    check(strstr(all, "\nDéclaration des ministres des affaires étrangères des États "
                      "membres de la Conférence pour l'interaction et les mesures de "
                      "confiance en Asie à l'occasion du vingt-cinquième anniversaire de "
                      "la Conférence\n"),
          "004: bold heading over five lines");
    check(strstr(all, "Programme d'action d'Addis-Abeba"), "004: Addis-Abeba");
    free(all);
}

/* Line mode (tx_cleanup_segments()): `text` gives `want`. */
static void check_segments(const char *text, const char *want)
{
    tx_error err;
    char *out = NULL;
    size_t len = 0;

    check(tx_cleanup_segments(text, strlen(text), "fr", &out, &len, &err) == TX_OK, "%s",
          err.msg);
    check(out && strlen(out) == len, "length %zu", len);
    check_str(out, want);
    free(out);
}

static void test_segments(void)
{
    /* each line a paragraph, never joined, even without punctuation */
    check_segments("Ouvrir le paquet\nTaille du paquet\n", "Ouvrir le paquet\nTaille du paquet\n");
    check_segments("  Espaces   en\ttrop  \n\n\n   \nFin", "Espaces en trop\nFin\n");
    /* no hyphenation, footnote or header rule: the line stays as it is */
    check_segments("dévelop-\npement\n", "dévelop-\npement\n");
    check_segments("Page 3\n12\n", "Page 3\n12\n");
    check_segments("la paix1 et\n", "la paix1 et\n");
    /* the safe repairs: URLs, bold markers, the space in "l 'Asie" */
    check_segments("Voir https://undocs.org/fr/A/73/338.\n", "Voir.\n");
    check_segments("**Titre** de l 'Asie\n", "Titre de l'Asie\n");
    /* page breaks: a line "\f" each, before the next paragraph (counting
     * them gives its page), none after the last one */
    check_segments("\fUn\n\f\n\f\nDeux\n\f\n", "\f\nUn\n\f\n\f\nDeux\n");
    check_segments("Un\fDeux\n", "Un\n\f\nDeux\n");
    check_segments("Un\n\f\nhttp://x.org\n\f\nDeux\n", "Un\n\f\n\f\nDeux\n");
    check_segments("", "");
    check_segments("\f\n\f", "");
}

/* tx_cleanup_document(): `text` gives `want`. */
static void check_document(const char *text, const char *want)
{
    tx_error err;
    char *out = NULL;
    size_t len = 0;

    check(tx_cleanup_document(text, strlen(text), "fr", &out, &len, &err) == TX_OK, "%s",
          err.msg);
    check(out && strlen(out) == len, "length %zu", len);
    check_str(out, want);
    free(out);
}

/* A reader's paragraphs ('\n') stay apart even mid-sentence; the lines of
 * one paragraph ('\v') join as a text file's do; a document whose
 * paragraphs are PDF lines is rebuilt whole. */
static void test_document(void)
{
    check_document("Le système de\nfichiers est monté.\n",
                   "Le système de\nfichiers est monté.\n");
    check_document("Le programme de dévelop-\vpement durable des Nations Unies\n",
                   "Le programme de développement durable des Nations Unies\n");
    check_document("Adresse\v12 rue de la Paix\vGenève\n", "Adresse\n12 rue de la Paix Genève\n");
    check_document("Paquet\npopcon\ntaille\n", "Paquet\npopcon\ntaille\n");
    /* 8 of 9 boundaries fall mid-sentence after a full line: PDF lines */
    {
        const char *line = "le rôle des organisations régionales et sous-régionales dans";
        char text[2048] = "";
        char want[2048] = "";
        for (int i = 0; i < 9; i++) {
            strcat(text, line);
            strcat(text, "\n");
            strcat(want, line);
            strcat(want, i < 8 ? " " : "\n");
        }
        strcat(text, "la région.\n");
        want[strlen(want) - 1] = ' ';
        strcat(want, "la région.\n");
        check_document(text, want);
        /* the same with only 7 such boundaries: paragraphs kept */
        text[0] = want[0] = '\0';
        for (int i = 0; i < 7; i++) {
            strcat(text, line);
            strcat(text, "\n");
        }
        strcat(text, "la région.\n");
        check_document(text, text);
    }
}

/* pdftotext's running header and footer ("Référence Debian", "Page 3 sur
 * 4", each short and on most pages) go; the same words inside the text, or a
 * short line on one page only, stay.  Each form feed gives a "\f" line
 * before the next paragraph that starts. */
static void test_running(void)
{
    check_clean("Référence Debian\n\nLe système de fichiers est monté au démarrage.\n\n"
                "Page 1 sur 4\n\f"
                "Référence Debian\n\nLa Référence Debian décrit le système.\n\n"
                "Page 2 sur 4\n\f"
                "Chapitre 3\n\nLe paquet est installé.\n\nPage 3 sur 4\n\f"
                "Référence Debian\n\nLe noyau démarre.\n\nPage 4 sur 4\n",
                "Le système de fichiers est monté au démarrage.\n"
                "\f\nLa Référence Debian décrit le système.\n"
                "\f\nChapitre 3\n"
                "Le paquet est installé.\n"
                "\f\nLe noyau démarre.\n");
    /* two pages are too few to tell */
    check_clean("Titre\n\nUn texte.\n\fTitre\n\nUn autre texte.\n",
                "Titre\nUn texte.\n\f\nTitre\nUn autre texte.\n");
    /* a paragraph running over the break: the "\f" line comes before the
     * next paragraph that starts, one per page break; none at the end */
    check_clean("Le programme couvre les zones arides et les zones humides du\n\f"
                "territoire national.\n\fSuite du texte.\n\f",
                "Le programme couvre les zones arides et les zones humides du"
                " territoire national.\n\f\n\f\nSuite du texte.\n");
}

int main(void)
{
    test_segments();
    test_document();
    test_basics();
    test_single_spaced();
    test_double_spaced();
    test_hyphens();
    test_apostrophes();
    test_urls();
    test_furniture();
    test_footnotes();
    test_page_break();
    test_running();
    test_table();
    test_seeds();
    return check_done();
}
