/* test_table.c: unit tests for the CSV, TSV and JSON exchange formats (table.c).
 * Fixtures in tests/data/table/: golden outputs (golden.csv, .tsv, .json, written
 * from the concepts below), RFC 4180 edge cases, a spreadsheet's export, and
 * hostile or broken files, UTF-16 files.  Files too big or too odd to keep in the
 * tree (1 GiB sparse file, 1 MiB rows, a CRLF or a UTF-16 surrogate pair across
 * the reader's 64 KiB chunk, 100,000 rows) are made in a temporary directory. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp(), ftruncate(), getrusage() */
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "check.h"
#include "error.h" /* tx_error_clear() */
#include "table.h"

#define DATA TX_TEST_DATA "/table/"
#define REPL "\xEF\xBF\xBD" /* U+FFFD, what the writers put for what they cannot write */

/* The review sheet's header rows. */
#define CSV_HEADER                                                                         \
    "id,term,status,translation,translation_status,translation_note,note,definition,"     \
    "domain,pos,usage,gender,geo,type,score,freq,context,source\r\n"
#define TSV_HEADER                                                                         \
    "id\tterm\tstatus\ttranslation\ttranslation_status\ttranslation_note\tnote\t"          \
    "definition\tdomain\tpos\tusage\tgender\tgeo\ttype\tscore\tfreq\tcontext\tsource\n"

static char tmp_dir[160];

/* A path in the temporary directory; the result is overwritten by the next call
 * with the same slot (0..3). */
static const char *tmp_path(int slot, const char *name)
{
    static char paths[4][256];

    snprintf(paths[slot], sizeof paths[slot], "%s/%s", tmp_dir, name);
    return paths[slot];
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    check(f != NULL, "cannot create %s", path);
    if (!f)
        return;
    check(fwrite(data, 1, len, f) == len, "cannot write %s", path);
    fclose(f);
}

/* ---- the concepts written ---- */

static const tx_concept_term src1[] = {
    { .text = "zone de paix, de confiance et de coopération", .status = "approved",
      .pos = "noun",
      .context = "Il a dit : « c'est \"important\" », puis\r\nil est parti.\nFin",
      .source = "A/73/338.txt", .type = "fullForm", .note = "=voir ZPC", .usage = "formel",
      .gender = "feminine", .geo = "fr-FR" },
    { .text = "zones de paix" },
};
static const tx_concept_term tgt1[] = {
    { .text = "zone of peace, trust and cooperation", .status = "approved",
      .note = "UN usage" },
};
static const tx_concept_term src2[] = {
    { .text = "diplomatie\tpréventive", .status = "candidate", .context = "ligne 1\nligne\t2",
      .source = "docs/a,b.txt" },
};
static const tx_concept_term tgt2[] = {
    { .text = "preventive diplomacy", .status = "candidate", .pos = "noun",
      .context = "The Centre for Preventive Diplomacy", .source = "un-en.txt" },
    { .text = "preventative diplomacy", .status = "forbidden", .note = "-not UN style" },
};
static const tx_concept_term src3[] = {
    { .text = "État membre" },
};
static const tx_concept_term src4[] = {
    { .text = "Organisation des Nations Unies pour l'éducation, la science et la culture",
      .status = "rejected", .pos = "proper noun",
      .context = "Ελληνικά 日本語 😀 \x01\x1f\xe2\x80\xa8 a\rb", .source = "" },
};
static const tx_concept_term tgt4[] = {
    { .text = "UNESCO", .status = "candidate" },
};
static const tx_concept_term src5[] = {
    { .text = "\"Ceinture\" verte", .context = "  " },
};
static const tx_concept_term tgt5[] = {
    { .text = "\"green\" belt" },
};

#define N_CONCEPTS 5
static const tx_concept concepts[N_CONCEPTS] = {
    { .id = "c1", .src_lang = "fr", .tgt_lang = "en", .src = src1, .n_src = 2, .tgt = tgt1,
      .n_tgt = 1, .score = 12.3456, .freq = 14, .term_id = 17,
      .definition = "Une région où règne la paix.", .domain = "relations internationales" },
    { .id = "c2", .src_lang = "fr", .tgt_lang = "en", .src = src2, .n_src = 1, .tgt = tgt2,
      .n_tgt = 2, .score = 0.5, .freq = 2, .term_id = 5 },
    { .id = "c3", .src_lang = "fr", .tgt_lang = "en", .src = src3, .n_src = 1 },
    { .id = "c4", .src_lang = "fr", .tgt_lang = "en", .src = src4, .n_src = 1, .tgt = tgt4,
      .n_tgt = 1, .score = 1234567.8912, .freq = 123456789012ULL, .term_id = 1234567890123 },
    { .id = "c5", .src_lang = "fr", .tgt_lang = "en", .src = src5, .n_src = 1, .tgt = tgt5,
      .n_tgt = 1, .score = -1.25, .freq = 1 },
};

static tx_status write_concepts(const char *path, tx_table_format fmt,
                                const tx_concept *cs, size_t n, tx_error *err)
{
    FILE *f = fopen(path, "wb");
    tx_table_writer *w = NULL;
    tx_status rc;
    size_t i;

    check(f != NULL, "cannot create %s", path);
    if (!f)
        return TX_EIO;
    rc = tx_table_writer_new(f, fmt, "fr", "en", 0, &w, err);
    for (i = 0; i < n && rc == TX_OK; i++)
        rc = tx_table_write(w, &cs[i], err);
    if (rc == TX_OK)
        rc = tx_table_writer_finish(w, err);
    tx_table_writer_free(w);
    fclose(f);
    return rc;
}

/* ---- collecting what is read ---- */

#define MAX_ROWS 8

typedef struct row {
    char id[16], src_lang[16], tgt_lang[16];
    char src[256], tgt[256], status[16], pos[32], context[512], source[64];
    char note[64], definition[64], domain[64], usage[32], gender[32], geo[32], type[32];
    char tgt_status[4][16], tgt_note[4][32], tgt_text[4][64];
    int64_t term_id;
    size_t n_src, n_tgt;
    double score;
    uint64_t freq;
    unsigned long line;
} row;

typedef struct collected {
    unsigned long n;
    unsigned long stop_after; /* 0 = never stop */
    row rows[MAX_ROWS];
    tx_table_writer *w;       /* if set, each concept is written on */
    tx_status write_rc;
    char last_id[16];
    char last_src[64];
    double last_score;
    uint64_t last_freq;
} collected;

static void copy(char *dst, size_t size, const char *s)
{
    snprintf(dst, size, "%s", s ? s : "(null)");
}

static int collect(const tx_concept *c, void *arg)
{
    collected *col = arg;

    if (col->n < MAX_ROWS) {
        row *r = &col->rows[col->n];

        copy(r->id, sizeof r->id, c->id);
        copy(r->src_lang, sizeof r->src_lang, c->src_lang);
        copy(r->tgt_lang, sizeof r->tgt_lang, c->tgt_lang);
        copy(r->src, sizeof r->src, c->src[0].text);
        copy(r->tgt, sizeof r->tgt, c->n_tgt ? c->tgt[0].text : NULL);
        copy(r->status, sizeof r->status, c->src[0].status);
        copy(r->pos, sizeof r->pos, c->src[0].pos);
        copy(r->context, sizeof r->context, c->src[0].context);
        copy(r->source, sizeof r->source, c->src[0].source);
        copy(r->note, sizeof r->note, c->src[0].note);
        copy(r->definition, sizeof r->definition, c->definition);
        copy(r->domain, sizeof r->domain, c->domain);
        copy(r->usage, sizeof r->usage, c->src[0].usage);
        copy(r->gender, sizeof r->gender, c->src[0].gender);
        copy(r->geo, sizeof r->geo, c->src[0].geo);
        copy(r->type, sizeof r->type, c->src[0].type);
        for (size_t i = 0; i < c->n_tgt && i < 4; i++) {
            copy(r->tgt_text[i], sizeof r->tgt_text[i], c->tgt[i].text);
            copy(r->tgt_status[i], sizeof r->tgt_status[i], c->tgt[i].status);
            copy(r->tgt_note[i], sizeof r->tgt_note[i], c->tgt[i].note);
        }
        r->term_id = c->term_id;
        r->n_src = c->n_src;
        r->n_tgt = c->n_tgt;
        r->score = c->score;
        r->freq = c->freq;
        r->line = c->line;
    }
    copy(col->last_id, sizeof col->last_id, c->id);
    copy(col->last_src, sizeof col->last_src, c->src[0].text);
    col->last_score = c->score;
    col->last_freq = c->freq;
    if (col->w && col->write_rc == TX_OK)
        col->write_rc = tx_table_write(col->w, c, NULL);
    col->n++;
    return col->stop_after && col->n == col->stop_after;
}

static tx_status read_file(const char *path, tx_table_format fmt, collected *col,
                           tx_error *err)
{
    memset(col->rows, 0, sizeof col->rows);
    col->n = 0;
    tx_error_clear(err);
    return tx_table_read(path, fmt, "fr", "en", collect, col, err);
}

/* ---- tests ---- */

/* What the writer produces, pinned byte for byte. */
static void test_golden(void)
{
    static const struct { tx_table_format fmt; const char *name; } cases[] = {
        { TX_TABLE_CSV, "golden.csv" },
        { TX_TABLE_TSV, "golden.tsv" },
        { TX_TABLE_JSON, "golden.json" },
    };
    char want[256];
    tx_error err;
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *out = tmp_path(0, cases[i].name);

        snprintf(want, sizeof want, "%s%s", DATA, cases[i].name);
        check(write_concepts(out, cases[i].fmt, concepts, N_CONCEPTS, &err) == TX_OK,
              "%s", err.msg);
        check(check_same_file(out, want), "%s differs from %s", out, want);
    }
}

/* The header and first row of the CSV layout, spelled out. */
static void test_layout(void)
{
    const char *out = tmp_path(0, "layout.csv");
    size_t len;
    char *s;
    tx_error err;

    check(write_concepts(out, TX_TABLE_CSV, concepts, 1, &err) == TX_OK, "%s", err.msg);
    s = check_read_file(out, &len);
    check_str(s, CSV_HEADER
                 "17,\"zone de paix, de confiance et de coopération\",approved,"
                 "\"zone of peace, trust and cooperation\",approved,UN usage,'=voir ZPC,"
                 "Une région où règne la paix.,relations internationales,noun,formel,"
                 "feminine,fr-FR,fullForm,12.3456,14,"
                 "\"Il a dit : « c'est \"\"important\"\" », puis\r\nil est parti.\nFin\","
                 "A/73/338.txt\r\n");
    free(s);
    out = tmp_path(0, "layout.tsv");
    check(write_concepts(out, TX_TABLE_TSV, concepts + 1, 1, &err) == TX_OK, "%s", err.msg);
    s = check_read_file(out, &len);
    /* a second translation: a row of its own, with the id and term only */
    check_str(s, TSV_HEADER
                 "5\tdiplomatie préventive\tcandidate\tpreventive diplomacy\tcandidate\t"
                 "\t\t\t\t\t\t\t\t\t0.5000\t2\tligne 1 ligne 2\tdocs/a,b.txt\n"
                 "5\tdiplomatie préventive\t\tpreventative diplomacy\tforbidden\t"
                 "'-not UN style\t\t\t\t\t\t\t\t\t\t\t\t\n");
    free(s);
    out = tmp_path(0, "empty.json");
    check(write_concepts(out, TX_TABLE_JSON, concepts, 0, &err) == TX_OK, "%s", err.msg);
    s = check_read_file(out, &len);
    check_str(s, "[\n]\n");
    free(s);
}

/* write -> read -> write gives the same bytes; CSV also gives back every value. */
static void test_round_trip(tx_table_format fmt, const char *ext)
{
    char name_a[32];
    char name_b[32];
    const char *a;
    const char *b;
    collected *col = calloc(1, sizeof *col);
    FILE *f;
    tx_error err;
    size_t i;

    snprintf(name_a, sizeof name_a, "trip-a.%s", ext);
    snprintf(name_b, sizeof name_b, "trip-b.%s", ext);
    a = tmp_path(0, name_a);
    b = tmp_path(1, name_b);
    check(write_concepts(a, fmt, concepts, N_CONCEPTS, &err) == TX_OK, "%s", err.msg);
    f = fopen(b, "wb");
    check(tx_table_writer_new(f, fmt, "fr", "en", 0, &col->w, &err) == TX_OK, "%s", err.msg);
    check(read_file(a, fmt, col, &err) == TX_OK, "%s", err.msg);
    check(col->write_rc == TX_OK, "rewrite failed");
    check(tx_table_writer_finish(col->w, &err) == TX_OK, "%s", err.msg);
    tx_table_writer_free(col->w);
    fclose(f);
    check(check_same_file(a, b), "%s: round trip changed the file (%s)", ext, b);
    check(col->n == N_CONCEPTS, "%s: %lu rows", ext, col->n);

    for (i = 0; i < N_CONCEPTS && i < col->n; i++) {
        const tx_concept *c = &concepts[i];
        const row *r = &col->rows[i];

        check_str(r->id, c->id);
        check_str(r->src_lang, "fr");
        check_str(r->tgt_lang, "en");
        check(r->n_src == 1, "n_src %zu", r->n_src);
        check(r->n_tgt == c->n_tgt, "n_tgt %zu", r->n_tgt);
        check(r->term_id == c->term_id, "term_id %" PRId64, r->term_id);
        for (size_t k = 0; k < c->n_tgt && k < 4; k++) {
            check_str(r->tgt_text[k], c->tgt[k].text);
            check_str(r->tgt_status[k], c->tgt[k].status ? c->tgt[k].status : "(null)");
            check_str(r->tgt_note[k], c->tgt[k].note ? c->tgt[k].note : "");
        }
        check_str(r->note, c->src[0].note ? c->src[0].note : "");
        check_str(r->definition, c->definition ? c->definition : "");
        check_str(r->domain, c->domain ? c->domain : "");
        check_str(r->type, c->src[0].type ? c->src[0].type : "(null)");
        check_str(r->geo, c->src[0].geo ? c->src[0].geo : "");
        check(r->score == c->score, "score %f, want %f", r->score, c->score);
        check(r->freq == c->freq, "freq %" PRIu64, r->freq);
        check_str(r->status, c->src[0].status ? c->src[0].status : "(null)");
        if (fmt == TX_TABLE_CSV) {
            check_str(r->src, c->src[0].text);
            check_str(r->tgt, c->n_tgt ? c->tgt[0].text : "(null)");
            check_str(r->pos, c->src[0].pos ? c->src[0].pos : "(null)");
            if (i == 3) /* its control characters were written as U+FFFD */
                check_str(r->context, "Ελληνικά 日本語 😀 " REPL REPL "\xe2\x80\xa8 a\rb");
            else
                check_str(r->context, c->src[0].context ? c->src[0].context : "(null)");
            check_str(r->source, c->src[0].source && *c->src[0].source
                                     ? c->src[0].source : "(null)");
        }
    }
    if (fmt == TX_TABLE_TSV) {
        check_str(col->rows[0].context, "Il a dit : « c'est \"important\" », puis "
                                        "il est parti. Fin");
        check_str(col->rows[1].src, "diplomatie préventive");
        check_str(col->rows[3].context, "Ελληνικά 日本語 😀 " REPL REPL "\xe2\x80\xa8 a b");
        check_str(col->rows[4].src, "\"Ceinture\" verte");
    }
    free(col);
}

static void test_rfc4180(void)
{
    collected *col = calloc(1, sizeof *col);
    tx_error err;

    check(read_file(DATA "rfc4180.csv", TX_TABLE_CSV, col, &err) == TX_OK, "%s", err.msg);
    check(col->n == 5, "%lu rows", col->n);
    check_str(col->rows[0].src, "zone de paix, de confiance et de coopération");
    check_str(col->rows[0].tgt, "zone of peace, trust and cooperation");
    check_str(col->rows[0].context, "Il dit \"oui\", puis \"non\".");
    check_str(col->rows[0].status, "approved");
    check_str(col->rows[0].source, "a.txt");
    check_str(col->rows[0].pos, "noun");
    check(col->rows[0].score == 1.5 && col->rows[0].freq == 3, "numbers");
    check_str(col->rows[1].src, "diplomatie\npréventive");
    check_str(col->rows[1].context, "ligne 1\r\nligne 2\nligne 3");
    check_str(col->rows[1].source, "(null)");
    check(col->rows[1].score == 2.0 && col->rows[1].freq == 4, "numbers");
    check_str(col->rows[2].src, "État membre");
    check(col->rows[2].n_tgt == 0, "empty quoted target is no translation");
    check_str(col->rows[2].context, "(null)");
    check_str(col->rows[3].src, "12\" tube"); /* a quote inside an unquoted field */
    check_str(col->rows[3].tgt, "x\"y");
    check(col->rows[3].score == 0.25, "score %f", col->rows[3].score);
    /* the row "",,,,,,, is all empty: skipped, and not counted in the ids */
    check_str(col->rows[4].id, "c5");
    check_str(col->rows[4].src, "dernier");
    check_str(col->rows[4].context, "sans fin de ligne");
    check(col->rows[4].score == -0.5 && col->rows[4].freq == 7, "numbers");
    free(col);
}

static void test_spreadsheet(void)
{
    collected *col = calloc(1, sizeof *col);
    tx_error err;

    check(read_file(DATA "spreadsheet.csv", TX_TABLE_CSV, col, &err) == TX_OK, "%s",
          err.msg);
    check(col->n == 3, "%lu rows", col->n);
    check_str(col->rows[0].id, "c1");
    check_str(col->rows[0].src, "États membres");
    check_str(col->rows[0].tgt, "Member States");
    check_str(col->rows[0].status, "approved");
    check_str(col->rows[0].context, "Les États membres, réunis...");
    check_str(col->rows[0].source, "A/73/338");
    check_str(col->rows[0].pos, "(null)");
    check(col->rows[0].score == 3.25 && col->rows[0].freq == 12, "numbers");
    check_str(col->rows[1].id, "c2");
    check_str(col->rows[1].src, "développement durable");
    check(col->rows[1].n_tgt == 0, "no translation");
    check_str(col->rows[1].status, "candidate");
    check(col->rows[1].score == 0 && col->rows[1].freq == 0, "empty numbers are 0");
    check_str(col->rows[2].src, "zone verte");
    check_str(col->rows[2].context, "La zone \"verte\"");
    check_str(col->rows[2].status, "(null)");

    /* A TSV: quotes are text, languages in either order, optional columns absent. */
    check(read_file(DATA "handmade.tsv", TX_TABLE_TSV, col, &err) == TX_OK, "%s", err.msg);
    check(col->n == 2, "%lu rows", col->n);
    check_str(col->rows[0].src, "\"paix\"");
    check_str(col->rows[0].tgt, "peace");
    check_str(col->rows[0].status, "approved");
    check_str(col->rows[1].src, "zone de paix");
    check(col->rows[1].n_tgt == 0, "no translation");

    /* a header-only file is an empty glossary */
    check(read_file(DATA "header-only.csv", TX_TABLE_CSV, col, &err) == TX_OK, "%s",
          err.msg);
    check(col->n == 0, "%lu rows", col->n);
    free(col);
}

/* Read `name` and expect `want_rc` with message DATA name + `want_msg`, after
 * `want_rows` rows. */
static void expect_error(const char *path, tx_table_format fmt, tx_status want_rc,
                         const char *want_msg, unsigned long want_rows)
{
    collected *col = calloc(1, sizeof *col);
    char want[512];
    tx_error err;
    tx_status rc;

    snprintf(want, sizeof want, "%s%s", path, want_msg);
    rc = read_file(path, fmt, col, &err);
    check(rc == want_rc, "%s: status %d, want %d (%s)", path, rc, want_rc, err.msg);
    check_str(err.msg, want);
    check(col->n == want_rows, "%s: %lu rows before the error, want %lu", path, col->n,
          want_rows);
    free(col);
}

static void test_hostile(void)
{
    expect_error(DATA "invalid-utf8.csv", TX_TABLE_CSV, TX_EINPUT, ":4: invalid UTF-8", 1);
    expect_error(DATA "unterminated-quote.csv", TX_TABLE_CSV, TX_EINPUT,
                 ":3: unterminated quoted field", 1);
    expect_error(DATA "binary.csv", TX_TABLE_CSV, TX_EINPUT, ":2: NUL byte (binary data?)",
                 0);
    expect_error(DATA "too-few-fields.csv", TX_TABLE_CSV, TX_EINPUT,
                 ":3: 4 fields, the header has 8", 1);
    expect_error(DATA "bad-score.csv", TX_TABLE_CSV, TX_EINPUT,
                 ":3: score '1.5x' is not a number", 1);
    expect_error(DATA "bad-frequency.csv", TX_TABLE_CSV, TX_EINPUT,
                 ":3: frequency '-2' is not a whole number", 1);
    expect_error(DATA "after-quote.csv", TX_TABLE_CSV, TX_EINPUT,
                 ":2: ' ' after a closing quote", 0);
    expect_error(DATA "no-language.csv", TX_TABLE_CSV, TX_EINPUT,
                 ":1: cannot tell the columns of the header apart (unknown language codes: "
                 "--lang-map): expected a term column "
                 "('term', 'source term', 'fr', french) and a translation column "
                 "('translation', 'target term', 'en', english), or po2csv's "
                 "'location,source,target'; then any of id, status, translation_status, "
                 "translation_note, note, definition, domain, pos, usage, gender, geo, "
                 "type, score, freq, context, source", 0);
    expect_error(DATA "empty.csv", TX_TABLE_CSV, TX_EINPUT, ": empty file (no header row)",
                 0);
    expect_error(DATA "missing.csv", TX_TABLE_CSV, TX_EIO, ": No such file or directory",
                 0);
    expect_error(TX_TEST_DATA "/table", TX_TABLE_CSV, TX_EIO, ": Is a directory", 0);
}

/* Hostile files too big or too particular to keep in the tree. */
static void test_generated(void)
{
    const char *path = tmp_path(0, "gen.csv");
    size_t big = ((size_t)1 << 20) + 10;
    char *s = malloc(big + 64);
    FILE *f;
    int i;

    /* a file over 1 GiB is refused before reading (sparse: costs no disk) */
    f = fopen(path, "wb");
    check(f && ftruncate(fileno(f), (off_t)TX_TABLE_MAX_FILE + 1) == 0, "ftruncate");
    if (f)
        fclose(f);
    expect_error(path, TX_TABLE_CSV, TX_EINPUT, ": file larger than 1073741824 bytes", 0);

    /* a row over 1 MiB, plain or from a quote never closed */
    strcpy(s, "fr,en\nzone,");
    memset(s + 11, 'a', big);
    memcpy(s + 11 + big, "\n", 2);
    write_file(path, s, strlen(s));
    expect_error(path, TX_TABLE_CSV, TX_EINPUT, ":2: row longer than 1048576 bytes", 0);
    s[11] = '"';
    write_file(path, s, strlen(s));
    expect_error(path, TX_TABLE_CSV, TX_EINPUT,
                 ":2: row longer than 1048576 bytes (unterminated quote?)", 0);

    /* too many columns */
    strcpy(s, "fr,en");
    for (i = 0; i < 300; i++)
        strcat(s, ",x");
    strcat(s, "\n");
    write_file(path, s, strlen(s));
    expect_error(path, TX_TABLE_CSV, TX_EINPUT, ":1: more than 256 fields", 0);

    /* binary data read as TSV */
    write_file(path, "fr\ten\n\x7f" "ELF\x02\x01\x01\x00\x00\t\x03\n", 15);
    expect_error(path, TX_TABLE_TSV, TX_EINPUT, ":2: NUL byte (binary data?)", 0);

    /* old Mac line ends (lone CR) count as lines */
    strcpy(s, "fr\ten\rpaix\tpeace\rzone\t\xff\r");
    write_file(path, s, strlen(s));
    expect_error(path, TX_TABLE_TSV, TX_EINPUT, ":3: invalid UTF-8", 1);

    free(s);
}

/* A CRLF whose CR ends one chunk and LF starts the next is one line end. */
static void test_chunk_boundary(void)
{
    const char *path = tmp_path(0, "chunk.csv");
    char *s = malloc(70000);
    size_t n;
    size_t at;

    n = (size_t)sprintf(s, "fr,en,context\r\nun,one,");
    at = 65535; /* index of the CR: the last byte of the first chunk */
    memset(s + n, 'x', at - n);
    n = at;
    n += (size_t)sprintf(s + n, "\r\ndeux,two,\"a\r\nb\"\r\ntrois,three,\"\r\n\xc0\"\r\n");
    check(s[65535] == '\r' && s[65536] == '\n', "layout");
    write_file(path, s, n);
    expect_error(path, TX_TABLE_CSV, TX_EINPUT, ":6: invalid UTF-8", 2);

    /* the same with the LF as the last byte of the chunk and the CR before it */
    n = (size_t)sprintf(s, "fr,en,context\r\nun,one,");
    memset(s + n, 'x', 65534 - n);
    n = 65534;
    n += (size_t)sprintf(s + n, "\r\ndeux,two,\"\xc0\"\r\n");
    write_file(path, s, n);
    expect_error(path, TX_TABLE_CSV, TX_EINPUT, ":3: invalid UTF-8", 1);
    free(s);
}

static void test_writer_errors(void)
{
    static const tx_concept_term bad_src[] = { { .text = "zone\xc3" } };
    static const tx_concept_term ok_src[] = { { .text = "zone" } };
    tx_concept bad = { .id = "c1", .src_lang = "fr", .tgt_lang = "en", .src = bad_src,
                       .n_src = 1 };
    tx_table_writer *w = NULL;
    tx_error err;
    FILE *f;
    size_t len;
    char *s;

    f = fopen(tmp_path(0, "w.csv"), "wb");
    check(tx_table_writer_new(f, TX_TABLE_CSV, "fr", "FR", 0, &w, &err) == TX_EINVAL,
          "same language");
    check(w == NULL, "no writer");
    check(tx_table_writer_new(f, TX_TABLE_CSV, "fr,x", "en", 0, &w, &err) == TX_EINVAL,
          "bad language");
    check(tx_table_writer_new(f, TX_TABLE_CSV, "fr", "en", 0, &w, &err) == TX_OK, "%s",
          err.msg);
    check(tx_table_write(w, &bad, &err) == TX_OK, "bad UTF-8 repaired: %s", err.msg);
    bad.src = ok_src;
    bad.score = NAN;
    check(tx_table_write(w, &bad, &err) == TX_EINVAL, "NaN refused");
    bad.score = 1;
    bad.n_src = 0;
    check(tx_table_write(w, &bad, &err) == TX_EINVAL, "no source term refused");
    bad.n_src = 1;
    bad.id = NULL;
    check(tx_table_write(w, &bad, &err) == TX_OK, "%s", err.msg);
    check(tx_table_writer_finish(w, &err) == TX_OK, "%s", err.msg);
    check(tx_table_write(w, &bad, &err) == TX_EINVAL, "write after finish");
    tx_table_writer_free(w);
    tx_table_writer_free(NULL);
    fclose(f);
    s = check_read_file(tmp_path(0, "w.csv"), &len);
    check_str(s, CSV_HEADER
                 ",zone" REPL ",,,,,,,,,,,,,0.0000,0,,\r\n,zone,,,,,,,,,,,,,1.0000,0,,\r\n");
    free(s);

    /* a full disk shows up at the latest in finish */
    f = fopen("/dev/full", "wb");
    if (f) {
        tx_status rc;

        setvbuf(f, NULL, _IOFBF, 1 << 16);
        check(tx_table_writer_new(f, TX_TABLE_JSON, "fr", "en", 0, &w, &err) == TX_OK, "%s",
              err.msg);
        rc = tx_table_write(w, &concepts[0], &err);
        if (rc == TX_OK)
            rc = tx_table_writer_finish(w, &err);
        check(rc == TX_EIO, "full disk: %d", rc);
        tx_table_writer_free(w);
        fclose(f);
    }

    check(tx_table_read(DATA "rfc4180.csv", TX_TABLE_JSON, "fr", "en", NULL, NULL, &err)
          == TX_EINVAL, "JSON is not read");
    check(tx_table_read(DATA "rfc4180.csv", TX_TABLE_CSV, "fr", "fr", NULL, NULL, &err)
          == TX_EINVAL, "same languages");
    check(tx_table_read(DATA "rfc4180.csv", TX_TABLE_CSV, "fr", "en", NULL, NULL, &err)
          == TX_OK, "fn may be NULL: %s", err.msg);
}

static void test_stop(void)
{
    collected *col = calloc(1, sizeof *col);
    tx_error err;

    col->stop_after = 2;
    check(read_file(DATA "rfc4180.csv", TX_TABLE_CSV, col, &err) == TX_OK, "%s", err.msg);
    check(col->n == 2, "%lu rows", col->n);
    free(col);
}

/* Numbers use '.' whatever the locale. */
static void test_locale(void)
{
    static const char *const names[] = { "fr_FR.UTF-8", "de_DE.UTF-8", "fr_FR.utf8",
                                         "de_DE.utf8", "ru_RU.UTF-8" };
    const char *path = tmp_path(0, "locale.csv");
    collected *col;
    tx_error err;
    size_t i;
    size_t len;
    char *s;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (setlocale(LC_NUMERIC, names[i]) && strcmp(localeconv()->decimal_point, ".") != 0)
            break;
    if (i == sizeof names / sizeof names[0]) {
        setlocale(LC_NUMERIC, "C");
        printf("test_table: no locale with a decimal comma, locale test skipped\n");
        return;
    }
    col = calloc(1, sizeof *col);
    check(write_concepts(path, TX_TABLE_CSV, concepts, 1, &err) == TX_OK, "%s", err.msg);
    s = check_read_file(path, &len);
    check(s && strstr(s, ",12.3456,14,"), "score written with a point under %s", names[i]);
    free(s);
    check(read_file(path, TX_TABLE_CSV, col, &err) == TX_OK, "%s", err.msg);
    check(col->rows[0].score == 12.3456, "score %f", col->rows[0].score);
    setlocale(LC_NUMERIC, "C");
    free(col);
}

static int have_python(void)
{
    return system("command -v python3 >/dev/null 2>&1") == 0;
}

static void test_json(void)
{
    const char *path = tmp_path(0, "concepts.json");
    char cmd[1024];
    tx_error err;

    check(write_concepts(path, TX_TABLE_JSON, concepts, N_CONCEPTS, &err) == TX_OK, "%s",
          err.msg);
    if (!have_python()) {
        printf("test_table: python3 not found, JSON parse check skipped\n");
        return;
    }
    snprintf(cmd, sizeof cmd,
             "python3 -c \"import json,sys; json.load(open(sys.argv[1]))\" '%s'", path);
    check(system(cmd) == 0, "python3 cannot parse %s", path);
    /* and the values come back as written */
    snprintf(cmd, sizeof cmd,
             "python3 -c \"import json,sys; d=json.load(open(sys.argv[1], encoding='utf-8'));"
             "assert len(d)==5;"
             "assert d[0]['fr']['term']=='zone de paix, de confiance et de coop\\u00e9ration';"
             "assert d[0]['fr']['context'].endswith('puis\\r\\nil est parti.\\nFin');"
             "assert d[1]['en'][1]=={'term':'preventative diplomacy','status':'forbidden'};"
             "assert d[1]['en'][0]['source']=='un-en.txt';"
             "assert d[2]['en']==[] and d[2]['fr']['status'] is None;"
             "assert d[3]['fr']['context'].startswith('\\u0395');"
             "assert '\\x01\\x1f\\u2028 a\\rb' in d[3]['fr']['context'];"
             "assert d[3]['frequency']==123456789012 and d[3]['score']==1234567.8912;"
             "assert d[4]['fr']['term']=='\\\"Ceinture\\\" verte' and d[4]['id']=='c5'\" '%s'",
             path);
    check(system(cmd) == 0, "python3: values in %s differ", path);

    path = tmp_path(0, "none.json");
    check(write_concepts(path, TX_TABLE_JSON, concepts, 0, &err) == TX_OK, "%s", err.msg);
    snprintf(cmd, sizeof cmd,
             "python3 -c \"import json,sys; assert json.load(open(sys.argv[1]))==[]\" '%s'",
             path);
    check(system(cmd) == 0, "python3: empty array in %s", path);
}

/* ---- repairs, formulas, characters, encodings, line reading ---- */

/* What the writers cannot write as it is, they repair rather than refuse; CSV
 * and TSV read back, so an export always imports again. */
static void test_repairs(void)
{
    static const tx_concept_term src[] = {
        { .text = "a\x01" "b\xC3(\xC0\xAF" "c", .status = "approved", .pos = "no\x1Bun",
          .context = "x\xEF\xBF\xBEy\xEF\xBF\xBFz\xED\xA0\x80w\x7F\xC2\x85 \t\r\n",
          .source = "f\xE9.txt" },
    };
    static const tx_concept_term tgt[] = { { .text = "t\x02" } };
    static const tx_concept c = { .id = "c1", .src_lang = "fr", .tgt_lang = "en", .src = src,
                                  .n_src = 1, .tgt = tgt, .n_tgt = 1, .score = 1, .freq = 2 };
    const char *path = tmp_path(0, "repair.csv");
    collected *col = calloc(1, sizeof *col);
    tx_error err;
    size_t len;
    char *s;

    check(write_concepts(path, TX_TABLE_CSV, &c, 1, &err) == TX_OK, "%s", err.msg);
    s = check_read_file(path, &len);
    check_str(s, CSV_HEADER
                 ",a" REPL "b" REPL "(" REPL REPL "c,approved,t" REPL ",,,,,,no" REPL "un,,,,,"
                 "1.0000,2,\"x" REPL "y" REPL "z" REPL REPL REPL "w\x7F\xC2\x85 \t\r\n\",f"
                 REPL ".txt\r\n");
    free(s);
    check(read_file(path, TX_TABLE_CSV, col, &err) == TX_OK, "read back: %s", err.msg);
    check(col->n == 1, "%lu rows", col->n);
    check_str(col->rows[0].src, "a" REPL "b" REPL "(" REPL REPL "c");
    check_str(col->rows[0].source, "f" REPL ".txt");

    path = tmp_path(0, "repair.tsv");
    check(write_concepts(path, TX_TABLE_TSV, &c, 1, &err) == TX_OK, "%s", err.msg);
    s = check_read_file(path, &len);
    check(s && strstr(s, "\tx" REPL "y" REPL "z" REPL REPL REPL "w\x7F\xC2\x85   \tf"),
          "TSV: %s", s ? s : "(none)");
    free(s);
    check(read_file(path, TX_TABLE_TSV, col, &err) == TX_OK, "read back: %s", err.msg);

    /* JSON escapes the controls and the non-characters exactly */
    path = tmp_path(0, "repair.json");
    check(write_concepts(path, TX_TABLE_JSON, &c, 1, &err) == TX_OK, "%s", err.msg);
    s = check_read_file(path, &len);
    check_str(s, "[\n{\"id\": \"c1\", \"fr\": {\"term\": \"a\\u0001b" REPL "(" REPL REPL
                 "c\", \"status\": \"approved\", \"pos\": \"no\\u001bun\", \"context\": "
                 "\"x\\ufffey\\uffffz" REPL REPL REPL
                 "w\x7F\xC2\x85 \\u0009\\u000d\\u000a\", \"source\": \"f" REPL
                 ".txt\"}, \"en\": [{\"term\": \"t\\u0002\", \"status\": null}], "
                 "\"score\": 1.0000, \"frequency\": 2}\n]\n");
    free(s);
    free(col);
}

/* Cells a spreadsheet would run get a ', which the reader takes off again. */
static void test_formulas(void)
{
    static const tx_concept_term f_src1[] = {
        { .text = "=1+1", .status = "approved", .pos = "'=noun", .context = "@SUM(A1)",
          .source = "-cmd.txt", .note = "+note", .usage = "=u" },
    };
    static const tx_concept_term f_tgt1[] = { { .text = "+x", .status = "approved",
                                                .note = "@tr" } };
    static const tx_concept_term f_src2[] = {
        { .text = "\tterme", .context = "'plain", .source = "a=b" },
    };
    static const tx_concept_term f_tgt2[] = { { .text = "\rx" } };
    static const tx_concept_term f_src3[] = {
        { .text = "''@y", .pos = "-", .context = "'", .source = "'-1" },
    };
    static const tx_concept cs[] = {
        { .id = "c1", .src_lang = "fr", .tgt_lang = "en", .src = f_src1, .n_src = 1,
          .tgt = f_tgt1, .n_tgt = 1, .score = -2.5, .freq = 3, .term_id = 3,
          .definition = "-def", .domain = "@dom" },
        { .id = "c2", .src_lang = "fr", .tgt_lang = "en", .src = f_src2, .n_src = 1,
          .tgt = f_tgt2, .n_tgt = 1 },
        { .id = "c3", .src_lang = "fr", .tgt_lang = "en", .src = f_src3, .n_src = 1 },
    };
    static const char *const exts[] = { "csv", "tsv" };
    collected *col = calloc(1, sizeof *col);
    tx_error err;
    size_t len;
    char *s;
    int k;

    check(write_concepts(tmp_path(0, "f.csv"), TX_TABLE_CSV, cs, 3, &err) == TX_OK, "%s",
          err.msg);
    s = check_read_file(tmp_path(0, "f.csv"), &len);
    check_str(s, CSV_HEADER
                 "3,'=1+1,approved,'+x,approved,'@tr,'+note,'-def,'@dom,''=noun,'=u,,,,"
                 "-2.5000,3,'@SUM(A1),'-cmd.txt\r\n"
                 ",'\tterme,,\"'\rx\",,,,,,,,,,,0.0000,0,'plain,a=b\r\n"
                 ",'''@y,,,,,,,,'-,,,,,0.0000,0,',''-1\r\n");
    free(s);
    check(write_concepts(tmp_path(0, "f.tsv"), TX_TABLE_TSV, cs, 3, &err) == TX_OK, "%s",
          err.msg);
    s = check_read_file(tmp_path(0, "f.tsv"), &len);
    /* TSV makes the tab and the CR spaces, which spreadsheets do not run */
    check_str(s, TSV_HEADER
                 "3\t'=1+1\tapproved\t'+x\tapproved\t'@tr\t'+note\t'-def\t'@dom\t''=noun\t"
                 "'=u\t\t\t\t-2.5000\t3\t'@SUM(A1)\t'-cmd.txt\n"
                 "\t terme\t\t x\t\t\t\t\t\t\t\t\t\t\t0.0000\t0\t'plain\ta=b\n"
                 "\t'''@y\t\t\t\t\t\t\t\t'-\t\t\t\t\t0.0000\t0\t'\t''-1\n");
    free(s);

    /* back exactly as written, and write -> read -> write is byte-identical */
    for (k = 0; k < 2; k++) {
        tx_table_format fmt = k ? TX_TABLE_TSV : TX_TABLE_CSV;
        char name[16];
        FILE *f;

        snprintf(name, sizeof name, "f.%s", exts[k]);
        f = fopen(tmp_path(1, "f2"), "wb");
        col->w = NULL;
        check(tx_table_writer_new(f, fmt, "fr", "en", 0, &col->w, &err) == TX_OK, "%s",
              err.msg);
        check(read_file(tmp_path(0, name), fmt, col, &err) == TX_OK, "%s", err.msg);
        check(tx_table_writer_finish(col->w, &err) == TX_OK, "%s", err.msg);
        tx_table_writer_free(col->w);
        col->w = NULL;
        fclose(f);
        check(check_same_file(tmp_path(0, name), tmp_path(1, "f2")), "%s: round trip differs",
              name);
        check(col->n == 3, "%lu rows", col->n);
        check_str(col->rows[0].src, "=1+1");
        check_str(col->rows[0].tgt, "+x");
        check_str(col->rows[0].context, "@SUM(A1)");
        check_str(col->rows[0].source, "-cmd.txt");
        check_str(col->rows[0].pos, "'=noun");
        check(col->rows[0].score == -2.5, "score %f", col->rows[0].score);
        check_str(col->rows[0].note, "+note");
        check_str(col->rows[0].usage, "=u");
        check_str(col->rows[0].definition, "-def");
        check_str(col->rows[0].domain, "@dom");
        check_str(col->rows[0].tgt_note[0], "@tr");
        check(col->rows[0].term_id == 3, "id %" PRId64, col->rows[0].term_id);
        check_str(col->rows[1].context, "'plain");
        check_str(col->rows[1].source, "a=b");
        check_str(col->rows[2].src, "''@y");
        check_str(col->rows[2].context, "'");
        check_str(col->rows[2].source, "'-1");
        check_str(col->rows[2].pos, "-");
        if (fmt == TX_TABLE_CSV) {
            check_str(col->rows[1].src, "\tterme");
            check_str(col->rows[1].tgt, "\rx");
        } else {
            check_str(col->rows[1].src, " terme");
            check_str(col->rows[1].tgt, " x");
        }
    }

    /* one ' comes off only before what would run; the <tgt>_alt column is not ours */
    s = "fr,en,en_alt\n''=x,'x,'=y\n'=,',z\n";
    write_file(tmp_path(0, "hand.csv"), s, strlen(s));
    check(read_file(tmp_path(0, "hand.csv"), TX_TABLE_CSV, col, &err) == TX_OK, "%s",
          err.msg);
    check(col->n == 2, "%lu rows", col->n);
    check_str(col->rows[0].src, "'=x");
    check_str(col->rows[0].tgt, "'x");
    check(col->rows[0].n_tgt == 2, "n_tgt %zu", col->rows[0].n_tgt);
    check_str(col->rows[1].src, "=");
    check_str(col->rows[1].tgt, "'");
    free(col);
}

/* Characters XML forbids are refused in any cell, with their line. */
static void test_forbidden_characters(void)
{
    collected *col = calloc(1, sizeof *col);
    tx_error err;
    size_t off = 0;
    uint32_t cp = 0;

    expect_error(DATA "control-char.csv", TX_TABLE_CSV, TX_EINPUT,
                 ":4: control character U+0001 is not allowed in a glossary", 1);
    expect_error(DATA "non-character.csv", TX_TABLE_CSV, TX_EINPUT,
                 ":2: non-character U+FFFF is not allowed in a glossary", 0);
    write_file(tmp_path(0, "ctl.tsv"), "fr\ten\x1f\npaix\tpeace\n", 18);
    expect_error(tmp_path(0, "ctl.tsv"), TX_TABLE_TSV, TX_EINPUT,
                 ":1: control character U+001F is not allowed in a glossary", 0);
    /* DEL and C1 controls are XML characters */
    check(read_file(DATA "del-c1.csv", TX_TABLE_CSV, col, &err) == TX_OK, "%s", err.msg);
    check_str(col->rows[0].context, "a\x7f" "b\xc2\x85" "c");

    check(tx_text_find_bad("ab\xEF\xBF\xBE", 5, &off, &cp) == 1 && off == 2 &&
              cp == 0xFFFE,
          "U+FFFE at %zu: %x", off, (unsigned)cp);
    check(tx_text_find_bad("a\tb\r\n\x7F\xC2\x80\xEF\xBF\xBD", 11, &off, &cp) == 0,
          "tab, CR, LF, DEL, C1, U+FFFD pass");
    check(tx_text_find_bad("\xEF\xBF", 2, &off, &cp) == 0, "cut at the end");
    free(col);
}

/* The line each row starts on reaches the callback (for the importer's notices). */
static void test_row_lines(void)
{
    collected *col = calloc(1, sizeof *col);
    tx_error err;

    check(read_file(DATA "rfc4180.csv", TX_TABLE_CSV, col, &err) == TX_OK, "%s",
          err.msg);
    check(col->rows[0].line == 2 && col->rows[1].line == 3 && col->rows[2].line == 7 &&
          col->rows[3].line == 8 && col->rows[4].line == 10,
          "lines %lu %lu %lu %lu %lu", col->rows[0].line, col->rows[1].line,
          col->rows[2].line, col->rows[3].line, col->rows[4].line);
    free(col);
}

/* Append `s` (UTF-8) to `out` as UTF-16LE; returns the bytes added. */
static size_t utf16le(unsigned char *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;

    while (*p) {
        uint32_t c;
        int k;

        if (*p < 0x80) {
            c = *p++;
            k = 0;
        } else if (*p < 0xE0) {
            c = *p++ & 0x1Fu;
            k = 1;
        } else if (*p < 0xF0) {
            c = *p++ & 0x0Fu;
            k = 2;
        } else {
            c = *p++ & 0x07u;
            k = 3;
        }
        while (k--)
            c = (c << 6) | (*p++ & 0x3Fu);
        if (c >= 0x10000) {
            uint32_t hi = 0xD800 + ((c - 0x10000) >> 10);

            out[n++] = (unsigned char)(hi & 0xFF);
            out[n++] = (unsigned char)(hi >> 8);
            c = 0xDC00 + ((c - 0x10000) & 0x3FF);
        }
        out[n++] = (unsigned char)(c & 0xFF);
        out[n++] = (unsigned char)(c >> 8);
    }
    return n;
}

/* UTF-16 (a spreadsheet's "Unicode text") and UTF-32 with a BOM. */
static void test_utf16(void)
{
    collected *col = calloc(1, sizeof *col);
    unsigned char *b = malloc(80000);
    tx_error err;
    size_t n;

    /* tab-separated although named .csv, CRLF, a quoted two-line cell, 😀 */
    check(read_file(DATA "utf16le-tab.csv", TX_TABLE_CSV, col, &err) == TX_OK, "%s",
          err.msg);
    check(col->n == 3, "%lu rows", col->n);
    check_str(col->rows[0].src, "diplomatie préventive");
    check_str(col->rows[0].tgt, "preventive diplomacy");
    check_str(col->rows[0].status, "approved");
    check_str(col->rows[0].context, "La \"diplomatie\"\r\npréventive 😀");
    check_str(col->rows[1].src, "État membre");
    check_str(col->rows[2].context, "Une zone, de paix");
    check(col->rows[0].line == 2 && col->rows[1].line == 4 && col->rows[2].line == 5,
          "lines %lu %lu %lu", col->rows[0].line, col->rows[1].line, col->rows[2].line);
    check(read_file(DATA "utf16be.tsv", TX_TABLE_TSV, col, &err) == TX_OK, "%s",
          err.msg);
    check(col->n == 2, "%lu rows", col->n);
    check_str(col->rows[0].src, "œuvre");
    check_str(col->rows[1].tgt, "Member State");
    expect_error(DATA "utf16-invalid.csv", TX_TABLE_CSV, TX_EINPUT,
                 ":3: invalid UTF-16LE", 1);

    /* a surrogate pair across the reader's 64 KiB chunk, lines counted after it */
    b[0] = 0xFF;
    b[1] = 0xFE;
    n = 2 + utf16le(b + 2, "fr,en,context\r\nun,one,");
    while (n < 65534)
        n += utf16le(b + n, "x");
    n += utf16le(b + n, "😀\r\ndeux,two,\"a\r\nb\"\r\ntrois,three,\x01\r\n");
    check(b[65534] == 0x3D && b[65535] == 0xD8, "layout %02x %02x", b[65534], b[65535]);
    write_file(tmp_path(0, "big16.csv"), (const char *)b, n);
    expect_error(tmp_path(0, "big16.csv"), TX_TABLE_CSV, TX_EINPUT,
                 ":5: control character U+0001 is not allowed in a glossary", 2);
    b[n - 6] = 'y'; /* the U+0001 */
    write_file(tmp_path(0, "big16.csv"), (const char *)b, n);
    check(read_file(tmp_path(0, "big16.csv"), TX_TABLE_CSV, col, &err) == TX_OK, "%s",
          err.msg);
    check(col->n == 3 && strcmp(col->rows[1].context, "a\r\nb") == 0, "%lu rows",
          col->n);
    check(col->rows[2].line == 5, "line %lu", col->rows[2].line);

    /* a truncated last unit; UTF-32BE */
    memcpy(b, "\xFE\xFF\0f\0r\0,\0e\0n\0\n\0a\0,\0b\0", 19);
    write_file(tmp_path(0, "odd.csv"), (const char *)b, 19);
    expect_error(tmp_path(0, "odd.csv"), TX_TABLE_CSV, TX_EINPUT, ":2: invalid UTF-16BE",
                 0);
    write_file(tmp_path(0, "u32.csv"),
               "\0\0\xFE\xFF\0\0\0f\0\0\0r\0\0\0,\0\0\0e\0\0\0n"
               "\0\0\0\n\0\0\0a\0\0\0,\0\0\0b",
               40);
    check(read_file(tmp_path(0, "u32.csv"), TX_TABLE_CSV, col, &err) == TX_OK, "%s",
          err.msg);
    check(col->n == 1 && strcmp(col->rows[0].tgt, "b") == 0, "UTF-32BE: %lu rows",
          col->n);
    free(b);
    free(col);
}

typedef struct lines {
    unsigned long n;
    char text[8][64];
    unsigned long lineno[8];
} lines;

static int on_line(char *line, size_t len, unsigned long lineno, void *arg)
{
    lines *l = arg;

    if (l->n < 8) {
        snprintf(l->text[l->n], sizeof l->text[0], "%s", line);
        l->lineno[l->n] = lineno;
    }
    check(strlen(line) == len, "length %zu for '%s'", len, line);
    l->n++;
    return 0;
}

/* Read `path` line by line and expect `want_rc` with message path + `want_msg`. */
static void expect_lines_error(const char *path, unsigned long long max,
                               tx_status want_rc, const char *want_msg)
{
    lines l;
    char want[512];
    tx_error err;
    tx_status rc;

    memset(&l, 0, sizeof l);
    snprintf(want, sizeof want, "%s%s", path, want_msg);
    tx_error_clear(&err);
    rc = tx_read_lines(path, max, on_line, &l, &err);
    check(rc == want_rc, "%s: status %d, want %d (%s)", path, rc, want_rc, err.msg);
    check_str(err.msg, want);
}

/* Bounded text files line by line (dictionaries): what is refused, and where. */
static void test_read_lines(void)
{
    const char *path = tmp_path(0, "dict.tsv");
    const char *text = "\xEF\xBB\xBFpaix\tpeace\r\n\r\nété\tsummer\rzone\tzone";
    size_t big = TX_TABLE_MAX_ROW + 10;
    char *s;
    lines l;
    tx_error err;

    memset(&l, 0, sizeof l);
    write_file(path, text, strlen(text));
    check(tx_read_lines(path, 1000, on_line, &l, &err) == TX_OK, "%s", err.msg);
    check(l.n == 4, "%lu lines", l.n);
    check_str(l.text[0], "paix\tpeace");
    check_str(l.text[1], "");
    check_str(l.text[2], "été\tsummer");
    check_str(l.text[3], "zone\tzone");
    check(l.lineno[3] == 4, "line %lu", l.lineno[3]);
    memset(&l, 0, sizeof l);
    check(tx_read_lines(DATA "utf16be.tsv", 1000, on_line, &l, &err) == TX_OK,
          "%s", err.msg);
    check(l.n == 3 && strcmp(l.text[1], "œuvre\twork") == 0, "UTF-16: %lu lines", l.n);

    expect_lines_error(DATA "latin1.tsv", 1000, TX_EINPUT, ":2: invalid UTF-8");
    expect_lines_error(DATA "binary.csv", 1000, TX_EINPUT,
                       ":2: NUL byte (binary data?)");
    expect_lines_error(TX_TEST_DATA "/table", 1000, TX_EIO, ": Is a directory");
    expect_lines_error(path, 38, TX_EINPUT, ": file larger than 38 bytes");
    expect_lines_error("/dev/zero", 1 << 20, TX_EINPUT, ":1: NUL byte (binary data?)");
    expect_lines_error(DATA "missing.tsv", 1000, TX_EIO, ": No such file or directory");

    /* one line over 1 MiB */
    s = malloc(big);
    memset(s, 'a', big);
    write_file(path, s, big);
    expect_lines_error(path, 1 << 30, TX_EINPUT, ":1: line longer than 1048576 bytes");
    /* a pipe has no size: the bytes are counted as they come (yes(1) never stops) */
    if (system("command -v yes >/dev/null 2>&1") == 0) {
        FILE *p = popen("yes 2>/dev/null", "r");
        char dev[64];

        if (p) {
            snprintf(dev, sizeof dev, "/dev/fd/%d", fileno(p));
            expect_lines_error(dev, 1 << 20, TX_EINPUT,
                               ": file larger than 1048576 bytes");
            pclose(p);
        }
    }
    free(s);
}

static long max_rss_kib(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* 100,000 rows written and read back, memory not growing with the file. */
static void test_many_rows(void)
{
    enum { N = 100000 };
    const char *path = tmp_path(0, "many.csv");
    tx_concept_term src = { .status = "candidate", .pos = "noun", .source = "doc.txt" };
    tx_concept_term tgt = { .text = NULL };
    tx_concept c = { .src_lang = "fr", .tgt_lang = "en", .src = &src, .n_src = 1,
                     .tgt = &tgt, .n_tgt = 1 };
    char term[64];
    char trans[64];
    char context[256];
    tx_table_writer *w = NULL;
    collected *col = calloc(1, sizeof *col);
    long rss_before;
    tx_error err;
    FILE *f;
    int i;

    f = fopen(path, "wb");
    check(tx_table_writer_new(f, TX_TABLE_CSV, "fr", "en", 0, &w, &err) == TX_OK, "%s",
          err.msg);
    src.text = term;
    tgt.text = trans;
    src.context = context;
    for (i = 1; i <= N; i++) {
        snprintf(term, sizeof term, "terme numéro %d", i);
        snprintf(trans, sizeof trans, "term number %d", i);
        snprintf(context, sizeof context, "Le terme numéro %d, \"cité\" ici,\r\napparaît "
                 "dans une phrase assez longue pour que le fichier pèse quelques dizaines "
                 "de mégaoctets au total.", i);
        c.score = i / 8.0;
        c.freq = (uint64_t)i;
        if (tx_table_write(w, &c, &err) != TX_OK) {
            check(0, "write %d: %s", i, err.msg);
            break;
        }
    }
    check(tx_table_writer_finish(w, &err) == TX_OK, "%s", err.msg);
    tx_table_writer_free(w);
    fclose(f);

    rss_before = max_rss_kib();
    check(read_file(path, TX_TABLE_CSV, col, &err) == TX_OK, "%s", err.msg);
    check(col->n == N, "%lu rows", col->n);
    check_str(col->last_id, "c100000");
    check_str(col->last_src, "terme numéro 100000");
    check(col->last_score == 12500.0 && col->last_freq == N, "last numbers");
    /* the file is ~20 MB; a reader holding it would raise the peak well over this */
    check(max_rss_kib() - rss_before < 8 * 1024, "peak memory grew by %ld KiB",
          max_rss_kib() - rss_before);
    free(col);
}

/* ---- the review sheet: headers, statuses, rows of one concept, OmegaT ---- */

typedef struct notices {
    char text[1024]; /* the notices, each followed by '\n' */
    int n;
} notices;

static int on_notice(tx_status rc, const char *msg, void *arg)
{
    notices *n = arg;
    size_t len = strlen(n->text);

    (void)rc;
    snprintf(n->text + len, sizeof n->text - len, "%s\n", msg);
    n->n++;
    return 0;
}

/* Read `path` as `fmt` for src -> tgt into col, notices into *nt (may be NULL). */
static tx_status read_sheet(const char *path, FILE *f, tx_table_format fmt, const char *src,
                            const char *tgt, collected *col, notices *nt, tx_error *err)
{
    tx_table_in in;

    memset(&in, 0, sizeof in);
    in.path = path;
    in.f = f;
    in.fmt = fmt;
    in.src_lang = src;
    in.tgt_lang = tgt;
    if (nt) {
        memset(nt, 0, sizeof *nt);
        in.notice = on_notice;
        in.notice_arg = nt;
    }
    memset(col->rows, 0, sizeof col->rows);
    col->n = 0;
    tx_error_clear(err);
    return tx_table_read_from(&in, collect, col, err);
}

/* Write `data` to tmp file `name` and read it as `fmt`, fr -> en. */
static tx_status read_text(const char *name, const char *data, tx_table_format fmt,
                           collected *col, notices *nt, tx_error *err)
{
    const char *path = tmp_path(2, name);

    write_file(path, data, strlen(data));
    return read_sheet(path, NULL, fmt, "fr", "en", col, nt, err);
}

/* Headers of other tools: the two term columns by language code or name,
 * source/target, po2csv's; a header it cannot map names what it expected. */
static void test_headers(void)
{
    static const struct {
        const char *header, *src, *tgt;
    } cases[] = {
        { "term,translation\n", "fr", "en" },
        { "fr,en\n", "fr", "en" },
        { "en,fr\n", "en", "fr" },
        { "fr-FR,en-GB\n", "fr", "en" },
        { "French,English\n", "fr", "en" },
        { "English,French\n", "en", "fr" },
        { "français,anglais\n", "fr", "en" },
        { "source,target\n", "fr", "en" },
        { "Source Term,Target Term\n", "fr", "en" },
        { "source_term,target_term\n", "fr", "en" },
    };
    collected *col = calloc(1, sizeof *col);
    notices nt;
    tx_error err;
    char data[256];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* the row holds the French term first when the header's first column is French */
        int fr_first = strncmp(cases[i].header, "en", 2) != 0 &&
                       strncmp(cases[i].header, "English", 7) != 0;
        snprintf(data, sizeof data, "%s%s\n", cases[i].header,
                 fr_first ? "paix,peace" : "peace,paix");
        check(read_text("h.csv", data, TX_TABLE_CSV, col, &nt, &err) == TX_OK, "%s: %s",
              cases[i].header, err.msg);
        check(col->n == 1, "%s: %lu concepts", cases[i].header, col->n);
        check_str(col->rows[0].src, "paix");
        check_str(col->rows[0].tgt, "peace");
        check(nt.n == 0, "%s: notices %s", cases[i].header, nt.text);
    }
    /* English,French read for en -> fr: the English column is the term's */
    write_file(tmp_path(2, "ef.csv"), "English,French\npeace,paix\n", 26);
    check(read_sheet(tmp_path(2, "ef.csv"), NULL, TX_TABLE_CSV, "en", "fr", col, NULL,
                     &err) == TX_OK, "%s", err.msg);
    check_str(col->rows[0].src, "peace");
    check_str(col->rows[0].tgt, "paix");

    /* translate-toolkit's po2csv, a real file: location is not kept, and said once */
    check(read_sheet(DATA "po2csv.csv", NULL, TX_TABLE_CSV, "fr", "en", col, &nt, &err) ==
          TX_OK, "%s", err.msg);
    check(col->n == 3, "po2csv: %lu concepts", col->n);
    check_str(col->rows[0].src, "diplomatie préventive");
    check_str(col->rows[0].tgt, "preventive diplomacy");
    check_str(col->rows[0].source, "(null)"); /* "source" is the term here */
    check_str(col->rows[2].src, "zone de paix, de confiance et de coopération");
    check(nt.n == 1, "po2csv notices: %s", nt.text);
    check(strstr(nt.text, "po2csv.csv: column 'location' not kept") != NULL, "%s", nt.text);

    /* unknown columns: each told once, whatever the rows */
    check(read_text("u.csv", "term,translation,comments,Note,x\na,b,c,d,e\nf,g,h,i,j\n",
                    TX_TABLE_CSV, col, &nt, &err) == TX_OK, "%s", err.msg);
    check(nt.n == 2, "%d notices: %s", nt.n, nt.text);
    check(strstr(nt.text, "u.csv: column 'comments' not kept\n") != NULL, "%s", nt.text);
    check(strstr(nt.text, "u.csv: column 'x' not kept\n") != NULL, "%s", nt.text);
    check_str(col->rows[1].note, "i");

    /* what cannot be mapped is an error naming what was expected */
    check(read_text("bad.csv", "mot,traduction\na,b\n", TX_TABLE_CSV, col, &nt, &err) ==
          TX_EINPUT, "unmapped header");
    check(strstr(err.msg, "bad.csv:1: cannot tell the columns") &&
          strstr(err.msg, "'term', 'source term', 'fr', french") &&
          strstr(err.msg, "'translation', 'target term', 'en', english"), "%s", err.msg);
    /* an id column stands for the translation column: a sheet of edits */
    check(read_text("id.csv", "id,term,note\n12,paix,=x\n", TX_TABLE_CSV, col, NULL, &err) ==
          TX_OK, "%s", err.msg);
    check(col->rows[0].term_id == 12 && col->rows[0].n_tgt == 0, "id %" PRId64,
          col->rows[0].term_id);
    check(read_text("id2.csv", "id,term\n#7,paix\n", TX_TABLE_CSV, col, NULL, &err) == TX_OK,
          "%s", err.msg);
    check(col->rows[0].term_id == 7, "#7: %" PRId64, col->rows[0].term_id);
    check(read_text("id3.csv", "id,term\n7x,paix\n", TX_TABLE_CSV, col, NULL, &err) ==
          TX_EINPUT, "bad id");
    check(strstr(err.msg, "id3.csv:2: id '7x' is not a term id") != NULL, "%s", err.msg);
    free(col);
}

/* A status column is the term's; a translation's is its own column's, and a
 * rejected or forbidden one never becomes approved. */
static void test_translation_status(void)
{
    collected *col = calloc(1, sizeof *col);
    tx_error err;

    /* the bug: this stored "mask layer" as an approved translation */
    check(read_text("m.csv", "fr,en,status\nmasque de calque,mask layer,rejected\n"
                             "calque,layer,approved\ncanal,channel,\nfiltre,filter,candidate\n",
                    TX_TABLE_CSV, col, NULL, &err) == TX_OK, "%s", err.msg);
    check(col->n == 4, "%lu", col->n);
    check_str(col->rows[0].status, "rejected");
    check_str(col->rows[0].tgt_status[0], "candidate");
    check_str(col->rows[1].tgt_status[0], "(null)"); /* the importer's default: approved */
    check_str(col->rows[2].tgt_status[0], "(null)");
    check_str(col->rows[3].tgt_status[0], "candidate");

    check(read_text("t.csv", "term,translation,status,translation_status,translation note\n"
                             "masque,mask,approved,rejected,a calque\n"
                             "calque,layer,rejected,APPROVED,\n"
                             "canal,channel,approved,Forbidden,\n"
                             "filtre,filter,rejected,,\n",
                    TX_TABLE_CSV, col, NULL, &err) == TX_OK, "%s", err.msg);
    check_str(col->rows[0].status, "approved");
    check_str(col->rows[0].tgt_status[0], "forbidden");
    check_str(col->rows[0].tgt_note[0], "a calque");
    check_str(col->rows[1].status, "rejected");
    check_str(col->rows[1].tgt_status[0], "approved");
    check_str(col->rows[1].tgt_note[0], "");
    check_str(col->rows[2].tgt_status[0], "forbidden");
    check_str(col->rows[3].tgt_status[0], "candidate");
    check(read_text("t2.csv", "term,translation,translation_status\na,b,maybe\n",
                    TX_TABLE_CSV, col, NULL, &err) == TX_EINPUT, "bad status");
    check(strstr(err.msg, "t2.csv:2: unknown translation status 'maybe'") != NULL, "%s",
          err.msg);
    free(col);
}

/* Rows of one concept: adjacent, the same id and term, term cells empty or
 * the same; an id apart is an error; a review field's empty cell is "". */
static void test_concept_rows(void)
{
    collected *col = calloc(1, sizeof *col);
    tx_error err;

    check(read_text("r.csv", "id,term,status,translation,translation_status,note\n"
                             "3,paix,approved,peace,approved,une note\n"
                             "3,paix,,quiet,forbidden,\n"
                             "3,paix,approved,calm,candidate,une note\n"
                             ",guerre,,war,,\n"
                             ",guerre,,conflict,,\n"
                             ",guerre,rejected,fight,,\n"
                             "4,trêve,,,,\n",
                    TX_TABLE_CSV, col, NULL, &err) == TX_OK, "%s", err.msg);
    check(col->n == 4, "%lu concepts", col->n);
    check(col->rows[0].n_tgt == 3, "%zu translations", col->rows[0].n_tgt);
    check_str(col->rows[0].tgt_text[1], "quiet");
    check_str(col->rows[0].tgt_status[1], "forbidden");
    check_str(col->rows[0].tgt_status[2], "candidate");
    check_str(col->rows[0].note, "une note");
    check(col->rows[0].line == 2, "line %lu", col->rows[0].line);
    check(col->rows[1].n_tgt == 2, "no id, same term: %zu", col->rows[1].n_tgt);
    check_str(col->rows[1].note, ""); /* said empty */
    check_str(col->rows[2].status, "rejected"); /* another status: another concept */
    check(col->rows[2].line == 7, "line %lu", col->rows[2].line);
    check(col->rows[3].n_tgt == 0 && col->rows[3].term_id == 4, "trêve");
    /* without ids, rows that say more than a translation are entries of their own
     * (EuroVoc has two concepts labelled "prospective", one after the other) */
    check(read_text("ev.tsv", "fr_pref\ten_pref\ten_alt\nprospective\tforward studies\t\n"
                              "prospective\tforesight\tstrategic foresight\n",
                    TX_TABLE_TSV, col, NULL, &err) == TX_OK, "%s", err.msg);
    check(col->n == 2, "EuroVoc: %lu concepts", col->n);
    check(col->rows[1].n_tgt == 2, "its alternative: %zu", col->rows[1].n_tgt);
    /* a column the file lacks is NULL: not said */
    check(read_text("r2.csv", "term,translation\npaix,peace\n", TX_TABLE_CSV, col, NULL,
                    &err) == TX_OK, "%s", err.msg);
    check_str(col->rows[0].note, "(null)");
    check_str(col->rows[0].tgt_note[0], "(null)");

    check(read_text("r3.csv", "id,term,translation\n3,paix,peace\n4,guerre,war\n"
                              "3,paix,calm\n", TX_TABLE_CSV, col, NULL, &err) == TX_EINPUT,
          "id apart");
    check(strstr(err.msg, "r3.csv:4: id 3 is on an earlier row too") != NULL, "%s", err.msg);
    check(col->n == 2, "the concepts before: %lu", col->n);
    free(col);
}

/* The byte-order mark: written on request (not in JSON), skipped on reading. */
static void test_bom(void)
{
    static const tx_table_format fmts[] = { TX_TABLE_CSV, TX_TABLE_TSV, TX_TABLE_OMEGAT,
                                            TX_TABLE_JSON };
    collected *col = calloc(1, sizeof *col);
    tx_table_writer *w = NULL;
    tx_error err;
    size_t i, len;
    char *s;

    for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
        const char *path = tmp_path(0, "bom.out");
        FILE *f = fopen(path, "wb");

        check(tx_table_writer_new(f, fmts[i], "fr", "en", TX_TABLE_BOM, &w, &err) == TX_OK,
              "%s", err.msg);
        check(tx_table_write(w, &concepts[0], &err) == TX_OK, "%s", err.msg);
        check(tx_table_writer_finish(w, &err) == TX_OK, "%s", err.msg);
        tx_table_writer_free(w);
        fclose(f);
        s = check_read_file(path, &len);
        if (fmts[i] == TX_TABLE_JSON)
            check(s && s[0] == '[', "JSON has no BOM");
        else
            check(s && len > 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 &&
                      (s[3] == 'i' || s[3] == '#'), "format %d: no BOM", (int)fmts[i]);
        free(s);
        if (fmts[i] == TX_TABLE_JSON)
            continue;
        check(read_sheet(path, NULL, fmts[i], "fr", "en", col, NULL, &err) == TX_OK, "%s",
              err.msg);
        check(col->n == 1, "%lu", col->n);
        check_str(col->rows[0].src, "zone de paix, de confiance et de coopération");
    }
    free(col);
}

/* OmegaT's glossary: written without rejected terms and forbidden
 * translations; read by extension (.utf8) or, for a .txt, by content. */
static void test_omegat(void)
{
    collected *col = calloc(1, sizeof *col);
    const char *path = tmp_path(0, "g.utf8");
    tx_error err;
    size_t len;
    char *s;
    FILE *f;

    check(write_concepts(path, TX_TABLE_OMEGAT, concepts, N_CONCEPTS, &err) == TX_OK, "%s",
          err.msg);
    s = check_read_file(path, &len);
    check_str(s, "# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
                 "zone de paix, de confiance et de coopération\t"
                 "zone of peace, trust and cooperation\t=voir ZPC\n"
                 "diplomatie préventive\tpreventive diplomacy\n"
                 "\"Ceinture\" verte\t\"green\" belt\n");
    free(s);
    check(read_sheet(path, NULL, TX_TABLE_OMEGAT, "fr", "en", col, NULL, &err) == TX_OK,
          "%s", err.msg);
    check(col->n == 3, "%lu", col->n);
    check_str(col->rows[0].note, "=voir ZPC"); /* no formula escape in OmegaT's files */
    check_str(col->rows[0].tgt, "zone of peace, trust and cooperation");
    check_str(col->rows[1].note, "(null)");
    check_str(col->rows[2].src, "\"Ceinture\" verte");

    /* a .txt: no header, tab-separated, is OmegaT's; a comma in a term is no CSV */
    check(read_text("o.txt", "paix, sécurité\tpeace and security\tnote\nguerre\twar\n",
                    TX_TABLE_TEXT, col, NULL, &err) == TX_OK, "%s", err.msg);
    check(col->n == 2, "%lu", col->n);
    check_str(col->rows[0].src, "paix, sécurité");
    check_str(col->rows[0].note, "note");
    check_str(col->rows[1].tgt, "war");
    check(read_text("o2.txt", "# comment\nparc\tpark\n", TX_TABLE_TEXT, col, NULL, &err) ==
          TX_OK, "%s", err.msg);
    check(col->n == 1, "%lu", col->n);
    /* a .txt with a header is a sheet, comma- or tab-separated */
    check(read_text("s.txt", "fr\ten\tstatus\nparc\tpark\trejected\n", TX_TABLE_TEXT, col,
                    NULL, &err) == TX_OK, "%s", err.msg);
    check_str(col->rows[0].status, "rejected");
    check(read_text("s2.txt", "term,translation\nparc,park\n", TX_TABLE_TEXT, col, NULL,
                    &err) == TX_OK, "%s", err.msg);
    check_str(col->rows[0].tgt, "park");

    /* from a FILE* (standard input), named in messages by path */
    f = fopen(tmp_path(2, "o.txt"), "rb");
    check(read_sheet("stdin", f, TX_TABLE_TEXT, "fr", "en", col, NULL, &err) == TX_OK, "%s",
          err.msg);
    check(col->n == 2, "%lu", col->n);
    fclose(f);
    write_file(tmp_path(2, "bad.txt"), "a\tb\n\tc\n", 7);
    f = fopen(tmp_path(2, "bad.txt"), "rb");
    check(read_sheet("stdin", f, TX_TABLE_TEXT, "fr", "en", col, NULL, &err) == TX_EINPUT,
          "empty term");
    check_str(err.msg, "stdin:2: empty term");
    fclose(f);
    free(col);
}

int main(void)
{
    char cmd[256];

    snprintf(tmp_dir, sizeof tmp_dir, "%s/test_table.XXXXXX", check_tmp_dir());
    if (!mkdtemp(tmp_dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_golden();
    test_layout();
    test_round_trip(TX_TABLE_CSV, "csv");
    test_round_trip(TX_TABLE_TSV, "tsv");
    test_rfc4180();
    test_spreadsheet();
    test_hostile();
    test_generated();
    test_chunk_boundary();
    test_writer_errors();
    test_stop();
    test_locale();
    test_json();
    test_repairs();
    test_formulas();
    test_forbidden_characters();
    test_row_lines();
    test_utf16();
    test_read_lines();
    test_many_rows();
    test_headers();
    test_translation_status();
    test_concept_rows();
    test_bom();
    test_omegat();
    if (check_failures == 0) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_dir);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", tmp_dir);
    } else {
        fprintf(stderr, "files kept in %s\n", tmp_dir);
    }
    return check_done();
}
