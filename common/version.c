/* version.c: the library's version, for a program to check against tx.h. */
#include "tx.h"

const char *tx_version(void)
{
    return TX_VERSION_STRING;
}
