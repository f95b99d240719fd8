/* test_escape.c: the one JSON and TSV writer (common/escape.c): what each
 * character becomes, NULL, measuring, and results cut to fit. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "escape.h"
#include "tx.h"

static void test_json(void)
{
    char out[256];
    size_t n;

    n = tx_escape_json(out, sizeof out, "a\"b\\c/d");
    check_str(out, "\"a\\\"b\\\\c/d\"");
    check(n == strlen(out), "length %zu", n);
    /* controls as \u00XX, DEL and C1 raw, U+2028/2029/FFFE/FFFF escaped */
    tx_escape_json(out, sizeof out, "\t\n\r\x01\x1f\x7f\xc2\x85");
    check_str(out, "\"\\u0009\\u000a\\u000d\\u0001\\u001f\x7f\xc2\x85\"");
    tx_escape_json(out, sizeof out, "x\xe2\x80\xa8y\xe2\x80\xa9z\xef\xbf\xbe\xef\xbf\xbf");
    check_str(out, "\"x\\u2028y\\u2029z\\ufffe\\uffff\"");
    /* a byte that starts no valid sequence becomes U+FFFD; the rest stays UTF-8 */
    tx_escape_json(out, sizeof out, "\xe9t\xc3\xa9 \xed\xa0\x80 \xf0\x9f\x98\x80");
    check_str(out, "\"\xef\xbf\xbdt\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd "
                   "\xf0\x9f\x98\x80\"");
    n = tx_escape_json(out, sizeof out, NULL);
    check_str(out, "null");
    check(n == 4, "null: %zu", n);
    check(tx_escape_json(NULL, 0, "\xe2\x80\xa8") == 8, "measure");
    /* cut: never half an escape or half a character */
    n = tx_escape_json(out, 6, "ab\ncd");
    check_str(out, "\"ab");
    check(n == 12, "needed %zu", n);
    n = tx_escape_json(out, 4, "\xc3\xa9\xc3\xa9");
    check_str(out, "\"\xc3\xa9");
}

static void test_tsv(void)
{
    char out[64];
    size_t n;

    n = tx_escape_tsv(out, sizeof out, "a\tb\nc\r\nd\re\n\r");
    check_str(out, "a b c d e  ");
    check(n == 11, "length %zu", n);
    tx_escape_tsv(out, sizeof out, "\"quoted\",\xe2\x80\xa8");
    check_str(out, "\"quoted\",\xe2\x80\xa8");
    n = tx_escape_tsv(out, 3, "abcd");
    check_str(out, "ab");
    check(n == 4, "needed %zu", n);
}

static void test_buf(void)
{
    tx_buf b = TX_BUF_INIT;

    check(tx_buf_addstr(&b, "[") == TX_OK, "addstr");
    check(tx_json_add_str(&b, "\xe2\x80\xa9") == TX_OK, "json");
    check(tx_buf_addch(&b, ',') == TX_OK, "addch");
    check(tx_json_add_str(&b, NULL) == TX_OK, "null");
    check(tx_buf_addch(&b, ',') == TX_OK, "addch");
    check(tx_tsv_add_field(&b, "x\r\ny") == TX_OK, "tsv");
    check_str(tx_buf_str(&b), "[\"\\u2029\",null,x y");
    check(b.len == strlen(tx_buf_str(&b)), "len %zu", b.len);
    tx_buf_release(&b);
}

int main(void)
{
    test_json();
    test_tsv();
    test_buf();
    return check_done();
}
