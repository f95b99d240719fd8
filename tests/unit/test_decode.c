/* test_decode.c: unit tests for tx_decode() and tx_utf8_check().
 * Fixtures in tests/data/input/ (also used by the CLI tests) hold one French
 * text in several encodings, plus damaged, binary and empty files. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "decode.h"

/* A string literal and its length in bytes (literals may hold NULs). */
#define LIT(s) s, sizeof(s) - 1

/* The text of cp1252.txt, utf16le-bom.txt and utf8-bom.txt once decoded
 * (’ has become '). */
static const char fixture_text[] =
    "Zone de paix, de confiance et de coopération de l'Asie centrale\n"
    "L'Assemblée générale, considérant la mise en œuvre du Programme de "
    "développement durable à l'horizon 2030 : « paix et sécurité ».\n";

/* Decode `len` bytes; returns the status and leaves the text (or NULL) in *out. */
static tx_status decode(const char *data, size_t len, char **out, tx_error *err)
{
    size_t out_len = 0;
    tx_status rc;

    err->code = TX_OK;
    err->msg[0] = '\0';
    rc = tx_decode("test", data, len, out, &out_len, err);
    if (rc == TX_OK)
        check(strlen(*out) == out_len, "length %zu, strlen %zu", out_len, strlen(*out));
    else
        check(*out == NULL, "output left on error");
    return rc;
}

/* Decode a string and compare with the expected text. */
static void check_decode(const char *in, size_t len, const char *want)
{
    tx_error err;
    char *out = NULL;
    tx_status rc = decode(in, len, &out, &err);

    check(rc == TX_OK, "decoding '%s' failed: %s", want, err.msg);
    if (rc == TX_OK)
        check_str(out, want);
    free(out);
}

/* Decode a string that must fail with TX_EINPUT and message `want`. */
static void check_decode_error(const char *in, size_t len, const char *want)
{
    tx_error err;
    char *out = NULL;
    tx_status rc = decode(in, len, &out, &err);

    check(rc == TX_EINPUT, "want TX_EINPUT for '%s', got %d", want, (int)rc);
    check_str(err.msg, want);
    free(out);
}

/* Decode a fixture under tests/data/input/, named as in messages. */
static tx_status decode_fixture(const char *name, char **out, tx_error *err)
{
    char path[1024];
    size_t len = 0;
    size_t out_len = 0;
    char *data;
    tx_status rc;

    snprintf(path, sizeof path, "%s/input/%s", TX_TEST_DATA, name);
    data = check_read_file(path, &len);
    check(data != NULL, "cannot read %s", path);
    if (!data)
        return TX_EIO;
    err->msg[0] = '\0';
    rc = tx_decode(name, data, len, out, &out_len, err);
    free(data);
    return rc;
}

static void test_fixtures(void)
{
    static const char *const same_text[] = { "cp1252.txt", "utf16le-bom.txt",
                                             "utf8-bom.txt" };
    tx_error err;
    char *out = NULL;

    for (size_t i = 0; i < sizeof same_text / sizeof *same_text; i++) {
        tx_status rc = decode_fixture(same_text[i], &out, &err);

        check(rc == TX_OK, "%s: %s", same_text[i], err.msg);
        if (rc == TX_OK)
            check_str(out, fixture_text);
        free(out);
        out = NULL;
    }

    check(decode_fixture("empty.txt", &out, &err) == TX_OK, "empty.txt: %s", err.msg);
    check_str(out, "");
    free(out);
    out = NULL;

    /* The bad byte is the 0xE0 that replaced the ’ of "l’horizon". */
    check(decode_fixture("invalid-utf8.txt", &out, &err) == TX_EINPUT, "invalid-utf8");
    check_str(err.msg, "invalid-utf8.txt: invalid UTF-8 at byte 110");
    check(out == NULL, "output on error");

    /* A gzip file: the flags byte at offset 3 is 0. */
    check(decode_fixture("binary.bin", &out, &err) == TX_EINPUT, "binary.bin");
    check_str(err.msg, "binary.bin: binary data (NUL byte at offset 3)");
    check(out == NULL, "output on error");
}

static void test_utf8(void)
{
    /* Valid UTF-8 is taken as it is. */
    check_decode(LIT("Addis-Abeba"), "Addis-Abeba");
    check_decode(LIT("coopération régionale"),
                 "coopération régionale");
    /* NFC: e + combining acute -> é; NFC text stays as it is. */
    check_decode(LIT("coope\xCC\x81ration"), "coopération");
    check_decode(LIT("Ouzbe\xCC\x81kistan, Tu\xCC\x88rkiye"), "Ouzbékistan, Türkiye");
    /* Singletons NFC replaces, beside characters that need nothing (the
     * apostrophe, a no-break space): OHM SIGN -> omega, KELVIN SIGN -> K. */
    check_decode(LIT("l\xE2\x80\x99unit\xC3\xA9\xC2\xA0: 10 \xE2\x84\xA6, 300 \xE2\x84\xAA"),
                 "l'unité : 10 \xCE\xA9, 300 K");
    /* Apostrophes. */
    check_decode(LIT("l\xE2\x80\x99" "Asie l\xE2\x80\x98" "Asie l\xCA\xBC" "Asie"),
                 "l'Asie l'Asie l'Asie");
    /* No-break spaces of French typography; other fixed spaces. */
    check_decode(LIT("anglais\xC2\xA0: paix\xE2\x80\xAF; fin\xE2\x80\x89!"),
                 "anglais : paix ; fin !");
    /* Line ends; BOM and soft hyphens dropped; form feeds kept. */
    check_decode(LIT("a\r\nb\rc\nd\r\n\r\ne"), "a\nb\nc\nd\n\ne");
    check_decode(LIT("\xEF\xBB\xBF" "d\xC3\xA9velop\xC2\xADpement\f"), "développement\f");
    /* The non-characters XML forbids are spaces: a context must go into TBX. */
    check_decode(LIT("zone\xEF\xBF\xBE" "de\xEF\xBF\xBFpaix"), "zone de paix");
    /* A stray control character among a hundred is a space. */
    {
        char text[201];

        memset(text, 'a', 200);
        text[50] = '\x01';
        text[200] = '\0';
        {
            char want[201];

            memcpy(want, text, sizeof want);
            want[50] = ' ';
            check_decode(text, 200, want);
        }
    }
}

static void test_errors(void)
{
    /* Mostly UTF-8 with one bad byte: the offset of that byte. */
    check_decode_error(LIT("r\xC3\xA9gion \xE9t\xC3\xA9"),
                       "test: invalid UTF-8 at byte 8");
    /* Overlong, surrogate and truncated sequences. */
    check_decode_error(LIT("\xC3\xA9 \xC0\xAF"), "test: invalid UTF-8 at byte 3");
    check_decode_error(LIT("\xC3\xA9 \xED\xA0\x80"), "test: invalid UTF-8 at byte 3");
    check_decode_error(LIT("\xC3\xA9 \xE2\x80"), "test: invalid UTF-8 at byte 3");
    /* A BOM says UTF-8: no guessing then. */
    check_decode_error(LIT("\xEF\xBB\xBF" "caf\xE9"), "test: invalid UTF-8 at byte 6");
    /* NUL bytes that are not UTF-16. */
    check_decode_error(LIT("PK\x03\x04\x14\0\x08\0"),
                       "test: binary data (NUL byte at offset 5)");
    check_decode_error(LIT("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
                       "test: binary data (NUL byte at offset 8)");
    /* Many control characters without a NUL. */
    check_decode_error(LIT("ab\x01\x02\x03\x04\x05\x06" "cdefgh"),
                       "test: binary data (control character 0x01 at offset 2)");
    /* Control characters in UTF-16 and UTF-32: offsets in the file. */
    check_decode_error(LIT("\xFF\xFE" "a\0\x01\0\x02\0"),
                       "test: binary data (control character 0x01 at offset 4)");
    check_decode_error(LIT("\xFF\xFE\0\0" "a\0\0\0\x01\0\0\0"),
                       "test: binary data (control character 0x01 at offset 8)");
    /* A lone surrogate in UTF-16LE: its offset in the file. */
    check_decode_error(LIT("\xFF\xFE" "a\0\x00\xD8" "b\0"),
                       "test: invalid UTF-16LE at byte 4");
}

static void test_other_encodings(void)
{
    /* BOM-less UTF-16LE ("paix") and UTF-16BE. */
    check_decode(LIT("p\0a\0i\0x\0"), "paix");
    check_decode(LIT("\0p\0a\0i\0x"), "paix");
    /* UTF-16BE, UTF-32LE and UTF-32BE with a BOM. */
    check_decode(LIT("\xFE\xFF\0\xC9\0t\0a\0t"), "État");
    check_decode(LIT("\xFF\xFE\0\0\xE9\0\0\0t\0\0\0\xE9\0\0\0"), "été");
    check_decode(LIT("\0\0\xFE\xFF\0\0\0\xE9\0\0\0t\0\0\0\xE9"), "été");
    /* Nothing but a BOM. */
    check_decode(LIT("\xEF\xBB\xBF"), "");
    check_decode(LIT("\xFF\xFE"), "");
    check_decode(LIT("\0\0\xFE\xFF"), "");
    /* A supplementary character through UTF-16 surrogates. */
    check_decode(LIT("\xFF\xFE\x3D\xD8\x00\xDE"), "\xF0\x9F\x98\x80");
    /* Windows-1252: é, œ and the C1-range ’ and « ». */
    check_decode(LIT("mise en \x9Cuvre d\x92une coop\xE9ration \xAB paix \xBB"),
                 "mise en œuvre d'une coopération « paix »");
    /* ISO-8859-15: œ at 0xBD, no C1 byte. */
    check_decode(LIT("mise en \xBDuvre de l'\xE9tat"), "mise en œuvre de l'état");
}

/* Long inputs go through NFC in chunks: characters to compose, CRLF pairs and
 * multibyte characters fall on every chunk boundary somewhere. */
static void test_chunks(void)
{
    const char unit[] = "de\xCC\x81veloppement\r\n"; /* 17 bytes -> "développement\n" */
    const char done[] = "développement\n";
    size_t n = 12000;
    char *in = malloc(n * (sizeof unit - 1) + 1);
    char *want = malloc(n * (sizeof done - 1) + 1);
    tx_error err;
    char *out = NULL;

    if (!in || !want) {
        check(0, "out of memory");
        free(in);
        free(want);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        memcpy(in + i * (sizeof unit - 1), unit, sizeof unit - 1);
        memcpy(want + i * (sizeof done - 1), done, sizeof done - 1);
    }
    want[n * (sizeof done - 1)] = '\0';
    check(decode(in, n * (sizeof unit - 1), &out, &err) == TX_OK, "%s", err.msg);
    if (out)
        check(strcmp(out, want) == 0, "chunked NFC output differs");
    free(out);
    free(in);
    free(want);
}

static void test_utf8_check(void)
{
    size_t bad = 0;

    check(tx_utf8_check("", 0, &bad) == TX_OK, "empty");
    check(tx_utf8_check("a\0b", 3, NULL) == TX_OK, "NUL is valid UTF-8");
    check(tx_utf8_check("\xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF", 9, &bad) == TX_OK, "4-byte");
    check(tx_utf8_check("abcdefghij\xF4\x90\x80\x80", 14, &bad) == TX_EINPUT
              && bad == 10, "above U+10FFFF at %zu", bad);
    check(tx_utf8_check("abc\xE0\x9F\x80", 6, &bad) == TX_EINPUT && bad == 3,
          "overlong 3-byte at %zu", bad);
    check(tx_utf8_check("\xC3", 1, &bad) == TX_EINPUT && bad == 0, "truncated");
    check(tx_utf8_check("\xF8\x88\x80\x80\x80", 5, &bad) == TX_EINPUT && bad == 0,
          "5-byte form");
}

static void test_no_err(void)
{
    char *out = (char *)"x";
    size_t len = 7;

    /* err may be NULL. */
    check(tx_decode("x", "\xC3\xA9\xE9", 3, &out, &len, NULL) == TX_EINPUT, "no err");
    check(out == NULL && len == 0, "outputs reset");
}

int main(void)
{
    test_fixtures();
    test_utf8();
    test_errors();
    test_other_encodings();
    test_chunks();
    test_utf8_check();
    test_no_err();
    return check_done();
}
