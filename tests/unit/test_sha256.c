/* test_sha256.c: SHA-256 against the FIPS 180-4 examples, and the code using
 * the processor's SHA instructions (when there are any) against the plain C
 * code on every length around the block and padding boundaries. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sha256.h"

static void hash(const char *data, size_t len, char hex[65])
{
    tx_sha256_hex(data, len, hex);
}

static void known_answers(void)
{
    char hex[65];
    char *million = malloc(1000000);

    hash("", 0, hex);
    check_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    hash("abc", 3, hex);
    check_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
    check_str(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    check(million != NULL, "out of memory");
    if (million) {
        memset(million, 'a', 1000000);
        hash(million, 1000000, hex);
        check_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
    free(million);
}

int main(void)
{
    unsigned char data[300];
    char a[65], b[65];

    printf("SHA instructions: %s\n", tx_sha256_accel() ? "used" : "not available");
    known_answers();
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (unsigned char)(i * 131 + 7);
    for (size_t len = 0; len <= sizeof data; len++) {
        tx_sha256_set_accel(1);
        hash((const char *)data, len, a);
        tx_sha256_set_accel(0);
        hash((const char *)data, len, b);
        check(strcmp(a, b) == 0, "length %zu: %s vs plain %s", len, a, b);
    }
    /* The plain code alone also gives the known answers. */
    tx_sha256_set_accel(0);
    known_answers();
    tx_sha256_set_accel(1);
    return check_done();
}
