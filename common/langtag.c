/* langtag.c: language tags (BCP 47): canonical form, matching. */
#include "langtag.h"

#include <string.h>

/* The byte as compared: ASCII lower case, '_' read as '-'. */
static int fold(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 'a';
    return c == '_' ? '-' : c;
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

int tx_langtag_canon(const char *tag, char *out, size_t size)
{
    char buf[TX_LANGTAG_MAX];
    size_t n = 0, start = 0;
    int private_part = 0; /* after a singleton ("x-", "u-"): all lower case */

    if (!tag || !out)
        return -1;
    for (;;) {
        size_t len = 0, i;
        int letters = 1;

        while (is_alpha((unsigned char)tag[start + len]) ||
               is_digit((unsigned char)tag[start + len]))
            letters &= is_alpha((unsigned char)tag[start + len++]);
        if (len < 1 || len > 8 || (start == 0 && (len < 2 || !letters)) ||
            n + len + (start > 0) >= sizeof buf)
            return -1;
        if (start > 0)
            buf[n++] = '-';
        for (i = 0; i < len; i++) {
            int c = fold((unsigned char)tag[start + i]);
            /* Region ("GB") upper case, script ("Latn") title case, before
             * any singleton and never as the language itself. */
            if (start > 0 && !private_part && letters &&
                ((len == 2) || (len == 4 && i == 0)))
                c = c - 'a' + 'A';
            buf[n++] = (char)c;
        }
        if (start > 0 && len == 1)
            private_part = 1;
        start += len;
        if (tag[start] == '\0')
            break;
        if (tag[start] != '-' && tag[start] != '_')
            return -1;
        start++;
    }
    buf[n] = '\0';
    if (n + 1 > size)
        return -1;
    memcpy(out, buf, n + 1);
    return 0;
}

const char *tx_langtag_norm(const char *tag, char buf[TX_LANGTAG_MAX])
{
    return tx_langtag_canon(tag, buf, TX_LANGTAG_MAX) == 0 ? buf : tag;
}

size_t tx_langtag_primary_len(const char *tag)
{
    size_t n = 0;

    while (tag[n] && tag[n] != '-' && tag[n] != '_')
        n++;
    return n;
}

int tx_langtag_match(const char *have, const char *want)
{
    size_t n = tx_langtag_primary_len(want);
    size_t i;

    if (n == 0 || tx_langtag_primary_len(have) != n)
        return 0;
    for (i = 0; i < n; i++)
        if (fold((unsigned char)have[i]) != fold((unsigned char)want[i]))
            return 0;
    for (; have[i] || want[i]; i++)
        if (fold((unsigned char)have[i]) != fold((unsigned char)want[i]))
            return 1;
    return 2;
}

int tx_langtag_same(const char *a, const char *b)
{
    for (; *a || *b; a++, b++)
        if (fold((unsigned char)*a) != fold((unsigned char)*b))
            return 0;
    return 1;
}
