/* fuzz_decode.c: tx_decode() on any bytes, then tx_cleanup() on the result. */
#include "fuzz.h"

#include "cleanup.h"
#include "decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = NULL, *clean = NULL;
    size_t text_len = 0, clean_len = 0;
    tx_error err;

    if (tx_decode("fuzz", (const char *)data, size, &text, &text_len, &err) != TX_OK)
        return 0;
    /* The promises of decode.h: NUL-terminated valid UTF-8. */
    if (text[text_len] != '\0' || tx_utf8_check(text, text_len, NULL) != TX_OK)
        abort();
    if (tx_cleanup(text, text_len, "fr", &clean, &clean_len, &err) == TX_OK) {
        /* cleanup.h: NUL-terminated, every line '\n'-terminated, none empty. */
        if (clean[clean_len] != '\0' || tx_utf8_check(clean, clean_len, NULL) != TX_OK)
            abort();
        free(clean);
    }
    free(text);
    return 0;
}
