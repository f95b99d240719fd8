/* tablehead.c: the header row of a CSV or TSV glossary: which column is
 * which.  termex's review sheet names its columns (tableInt.h); other tools
 * name the two term columns by language code ("fr", "en-GB"), language name
 * ("French", "English", "français"), "source"/"target" (translate-toolkit's
 * po2csv: location,source,target) or "source term"/"target term".  Names are
 * compared case-insensitively, '_' and '-' counting as a space. */
#include <stdio.h>
#include <string.h>
#include <strings.h> /* strcasecmp, strncasecmp */

#include "langtag.h"
#include "tableInt.h"

const char *const tx_table_col_names[N_COLS] = {
    "id", "term", "status", "translation", "translation_status", "translation_note",
    "note", "definition", "domain", "pos", "usage", "gender", "geo", "type",
    "score", "freq", "context", "source"
};

/* Other names a column is known by, normalised (see same_name()). */
static const struct {
    int col;
    const char *name;
} aliases[] = {
    {COL_ID, "term id"},
    {COL_SRC, "source term"}, {COL_SRC, "entry"}, {COL_SRC, "src"},
    {COL_STATUS, "term status"},
    {COL_TGT, "target term"}, {COL_TGT, "target"}, {COL_TGT, "tgt"},
    {COL_TR_STATUS, "target status"}, {COL_TR_NOTE, "target note"},
    {COL_DOMAIN, "subject field"}, {COL_DOMAIN, "subjectfield"},
    {COL_POS, "part of speech"}, {COL_POS, "partofspeech"},
    {COL_USAGE, "usage note"}, {COL_GENDER, "grammatical gender"},
    {COL_GEO, "geographical usage"}, {COL_TYPE, "term type"},
    {COL_FREQ, "frequency"},
};

int tx_table_text_col(int k)
{
    return k != COL_ID && k != COL_SCORE && k != COL_FREQ;
}

int tx_table_runs_as_formula(const char *s, tx_table_format fmt)
{
    while (*s == '\'')
        s++;
    if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
        return 1;
    return fmt == TX_TABLE_CSV && (*s == '\t' || *s == '\r');
}

/* Is the header cell `cell` the name `name` (lower case), case, '_', '-' and
 * ' ' aside? */
static int same_name(const char *cell, const char *name)
{
    for (; *cell && *name; cell++, name++) {
        int c = (unsigned char)*cell;
        if (c == '_' || c == '-')
            c = ' ';
        else if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (c != (*name == '_' ? ' ' : *name))
            return 0;
    }
    return !*cell && !*name;
}

/* Language names a spreadsheet's header may use: English, and the language's own. */
static const struct {
    const char *code, *names[4];
} lang_names[] = {
    {"ar", {"arabic", "arabe", "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9"}},
    {"ca", {"catalan", "catal\xc3\xa0"}},
    {"cs", {"czech", "\xc4\x8d" "e\xc5\xa1tina", "tch\xc3\xa8que"}},
    {"da", {"danish", "dansk", "danois"}},
    {"de", {"german", "deutsch", "allemand", "alem\xc3\xa1n"}},
    {"el", {"greek", "\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac",
            "grec"}},
    {"en", {"english", "anglais", "englisch", "ingl\xc3\xa9s"}},
    {"es", {"spanish", "espa\xc3\xb1ol", "espagnol", "spanisch"}},
    {"fi", {"finnish", "suomi", "finnois"}},
    {"fr", {"french", "fran\xc3\xa7" "ais", "francais", "franz\xc3\xb6sisch"}},
    {"hu", {"hungarian", "magyar", "hongrois"}},
    {"it", {"italian", "italiano", "italien"}},
    {"ja", {"japanese", "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "japonais"}},
    {"ko", {"korean", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4", "cor\xc3\xa9" "en"}},
    {"nl", {"dutch", "nederlands", "n\xc3\xa9" "erlandais"}},
    {"no", {"norwegian", "norsk", "norv\xc3\xa9gien"}},
    {"pl", {"polish", "polski", "polonais"}},
    {"pt", {"portuguese", "portugu\xc3\xaas", "portugais"}},
    {"ro", {"romanian", "rom\xc3\xa2n\xc4\x83", "roumain"}},
    {"ru", {"russian", "\xd1\x80\xd1\x83\xd1\x81\xd1\x81\xd0\xba\xd0\xb8\xd0\xb9",
            "russe"}},
    {"sv", {"swedish", "svenska", "su\xc3\xa9" "dois"}},
    {"tr", {"turkish", "t\xc3\xbcrk\xc3\xa7" "e", "turc"}},
    {"uk", {"ukrainian",
            "\xd1\x83\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd1\x81\xd1\x8c\xd0\xba\xd0\xb0",
            "ukrainien"}},
    {"zh", {"chinese", "\xe4\xb8\xad\xe6\x96\x87", "chinois"}},
};

const char *tx_table_lang_name(const char *cell)
{
    size_t i, j;

    for (i = 0; i < sizeof lang_names / sizeof lang_names[0]; i++)
        for (j = 0; j < 4 && lang_names[i].names[j]; j++)
            if (strcasecmp(cell, lang_names[i].names[j]) == 0)
                return lang_names[i].code;
    return NULL;
}

/* The column of language `lang`: a cell naming it (tx_langtag_match() 2),
 * else one with its primary subtag ("fr-FR" for "fr"), else "<lang>_pref"
 * (a SKOS thesaurus export: EuroVoc), else its name ("French"); not `not`. */
static int find_lang(char *const *cells, size_t n, const char *lang, int not)
{
    size_t i, len = strlen(lang);
    int want;

    for (want = 2; want >= 1; want--)
        for (i = 0; i < n; i++)
            if ((int)i != not && tx_langtag_match(cells[i], lang) == want &&
                !same_name(cells[i], "id")) /* Indonesian's code is the id column's */
                return (int)i;
    for (i = 0; i < n; i++)
        if ((int)i != not && strlen(cells[i]) == len + 5 &&
            strncasecmp(cells[i], lang, len) == 0 && strcasecmp(cells[i] + len, "_pref") == 0)
            return (int)i;
    for (i = 0; i < n; i++) {
        const char *code = tx_table_lang_name(cells[i]);
        if ((int)i != not && code && tx_langtag_match(lang, code) >= 1)
            return (int)i;
    }
    return COL_NONE;
}

/* The first cell not taken (kept[i] == 0) that is column `k` by name or alias. */
static int find_named(char *const *cells, size_t n, const unsigned char *kept, int k)
{
    size_t i, a;

    for (i = 0; i < n; i++) {
        if (kept[i])
            continue;
        if (same_name(cells[i], tx_table_col_names[k]))
            return (int)i;
        for (a = 0; a < sizeof aliases / sizeof aliases[0]; a++)
            if (aliases[a].col == k && same_name(cells[i], aliases[a].name))
                return (int)i;
    }
    return COL_NONE;
}

static void take(int col[N_COLS], unsigned char *kept, int k, int i)
{
    col[k] = i;
    if (i != COL_NONE)
        kept[i] = 1;
}

int tx_table_map_header(char *const *cells, size_t n, const char *src_lang,
                        const char *tgt_lang, int col[N_COLS], int *col_alt,
                        unsigned char *kept)
{
    size_t i, tl = strlen(tgt_lang);
    int k, po = 0;

    memset(kept, 0, n);
    for (k = 0; k < N_COLS; k++)
        col[k] = COL_NONE;
    *col_alt = COL_NONE;
    /* The languages first: a sheet of today ("fr,en,status,...") or a
     * spreadsheet's "English,French"; then the sheet's own names. */
    take(col, kept, COL_SRC, find_lang(cells, n, src_lang, COL_NONE));
    if (col[COL_SRC] == COL_NONE)
        take(col, kept, COL_SRC, find_named(cells, n, kept, COL_SRC));
    take(col, kept, COL_TGT, find_lang(cells, n, tgt_lang, col[COL_SRC]));
    if (col[COL_TGT] == COL_NONE)
        take(col, kept, COL_TGT, find_named(cells, n, kept, COL_TGT));
    /* source,target (po2csv: location,source,target): "source" is the term,
     * not where the context comes from. */
    if (col[COL_SRC] == COL_NONE && col[COL_TGT] != COL_NONE &&
        (same_name(cells[col[COL_TGT]], "target") ||
         same_name(cells[col[COL_TGT]], "target term"))) {
        for (i = 0; i < n && !(!kept[i] && same_name(cells[i], "source")); i++)
            ;
        if (i < n) {
            take(col, kept, COL_SRC, (int)i);
            po = 1;
        }
    }
    for (i = 0; i < n; i++)
        if (!kept[i] && strlen(cells[i]) == tl + 4 &&
            strncasecmp(cells[i], tgt_lang, tl) == 0 && strcasecmp(cells[i] + tl, "_alt") == 0) {
            *col_alt = (int)i;
            kept[i] = 1;
        }
    for (k = 0; k < N_COLS; k++)
        if (col[k] == COL_NONE && !(po && k == COL_SOURCE))
            take(col, kept, k, find_named(cells, n, kept, k));
    if (col[COL_SRC] == COL_NONE || (col[COL_TGT] == COL_NONE && col[COL_ID] == COL_NONE))
        return -1;
    return 0;
}

void tx_table_expected(const char *src_lang, const char *tgt_lang, char *out, size_t size)
{
    const char *src_name = NULL, *tgt_name = NULL;
    size_t i;

    for (i = 0; i < sizeof lang_names / sizeof lang_names[0]; i++) {
        if (tx_langtag_match(src_lang, lang_names[i].code) >= 1)
            src_name = lang_names[i].names[0];
        if (tx_langtag_match(tgt_lang, lang_names[i].code) >= 1)
            tgt_name = lang_names[i].names[0];
    }
    snprintf(out, size,
             "a term column ('term', 'source term', '%s'%s%s) and a translation column "
             "('translation', 'target term', '%s'%s%s), or po2csv's 'location,source,"
             "target'; then any of id, status, translation_status, translation_note, "
             "note, definition, domain, pos, usage, gender, geo, type, score, freq, "
             "context, source",
             src_lang, src_name ? ", " : "", src_name ? src_name : "", tgt_lang,
             tgt_name ? ", " : "", tgt_name ? tgt_name : "");
}
