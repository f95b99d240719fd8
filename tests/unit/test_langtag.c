/* test_langtag.c: language tags, canonical form and matching (common/langtag.c). */
#include <string.h>

#include "check.h"
#include "langtag.h"

static void check_canon(const char *tag, const char *want)
{
    char out[TX_LANGTAG_MAX];
    int rc = tx_langtag_canon(tag, out, sizeof out);

    if (want)
        check(rc == 0 && strcmp(out, want) == 0, "'%s': got %s, want '%s'", tag,
              rc == 0 ? out : "an error", want);
    else
        check(rc == -1, "'%s' accepted as '%s'", tag, out);
}

static void test_canon(void)
{
    char small[3], buf[TX_LANGTAG_MAX], tag[80];

    check_canon("fr", "fr");
    check_canon("EN", "en");
    check_canon("fr-FR", "fr-FR");
    check_canon("fr_fr", "fr-FR");
    check_canon("EN_gb", "en-GB");
    check_canon("SR-LATN-rs", "sr-Latn-RS");
    check_canon("zh-hant", "zh-Hant");
    check_canon("es-419", "es-419");
    check_canon("de-CH-1996", "de-CH-1996");
    check_canon("en-US-x-TWAIN", "en-US-x-twain");
    check_canon("de-u-co-PHONEBK", "de-u-co-phonebk");
    check_canon("ast", "ast");
    /* Not well-formed. */
    check_canon(NULL, NULL);
    check_canon("", NULL);
    check_canon("f", NULL);
    check_canon("f1", NULL);
    check_canon("12", NULL);
    check_canon("fr-", NULL);
    check_canon("-fr", NULL);
    check_canon("fr--FR", NULL);
    check_canon("fr FR", NULL);
    check_canon("fr/../en", NULL);
    check_canon("fr-abcdefghi", NULL);
    check_canon("français", NULL);
    memset(tag, 'a', sizeof tag);
    for (size_t i = 2; i + 1 < sizeof tag; i += 2)
        tag[i] = '-';
    tag[sizeof tag - 1] = '\0';
    check_canon(tag, NULL); /* too long */
    check(tx_langtag_canon("fr-FR", small, sizeof small) == -1, "no room");
    check_str(tx_langtag_norm("FR_ca", buf), "fr-CA");
    check_str(tx_langtag_norm("not a tag", buf), "not a tag");
}

static void test_match(void)
{
    check(tx_langtag_primary_len("fr-CA") == 2, "fr-CA");
    check(tx_langtag_primary_len("fr_CA") == 2, "fr_CA");
    check(tx_langtag_primary_len("ast") == 3, "ast");
    check(tx_langtag_primary_len("") == 0, "empty");
    check(tx_langtag_match("en-GB", "en-gb") == 2, "whole tag");
    check(tx_langtag_match("en_GB", "EN-gb") == 2, "'_' is '-'");
    check(tx_langtag_match("en-US", "en-gb") == 1, "primary subtag");
    check(tx_langtag_match("en", "en-GB") == 1, "primary subtag, shorter");
    check(tx_langtag_match("EN-us", "en") == 1, "primary subtag, longer");
    check(tx_langtag_match("eng", "en") == 0, "another language");
    check(tx_langtag_match("fr", "en") == 0, "another language");
    check(tx_langtag_match("fr", "") == 0, "nothing asked");
    check(tx_langtag_same("fr_CA", "FR-ca"), "same");
    check(!tx_langtag_same("fr", "fr-CA"), "not the same");
}

int main(void)
{
    test_canon();
    test_match();
    return check_done();
}
