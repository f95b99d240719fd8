/* langcode.c: ISO 639 language codes (langcode.h). */
#include "langcode.h"

#include <string.h>

#include "langtag.h"

/* ISO 639-1, in order, two letters each. */
static const char iso639_1[] =
    "aaabaeafakamanarasavayazbabebgbhbibmbnbobrbscacechcocrcscucvcydadedvdz"
    "eeeleneoeseteufafffifjfofrfygagdglgngugvhahehihohrhthuhyhziaidieigiiikin"
    "ioisitiuiwjajijvkakgkikjkkklkmknkokrkskukvkwkylalblglilnloltlulvmgmhmimk"
    "mlmnmomrmsmtmynanbndnengnlnnnonrnvnyocojomorospapiplpsptqurmrnrorurwsasc"
    "sdsesgshsiskslsmsnsosqsrssstsusvswtatetgthtitktltntotrtstttwtyugukuruzve"
    "vivowawoxhyiyozazhzu";

int tx_langcode_known(const char *tag)
{
    char low[4];
    size_t n = tag ? tx_langtag_primary_len(tag) : 0;

    if (n < 2 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = tag[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c < 'a' || c > 'z')
            return 0;
        low[i] = c;
    }
    low[n] = '\0';
    if (n == 3)
        return strcmp(low, "und") != 0 && strcmp(low, "mis") != 0 &&
               strcmp(low, "mul") != 0 && strcmp(low, "zxx") != 0 &&
               !(low[0] == 'q' && low[1] >= 'a' && low[1] <= 't');
    for (size_t i = 0; i + 1 < sizeof iso639_1; i += 2)
        if (iso639_1[i] == low[0] && iso639_1[i + 1] == low[1])
            return 1;
    return 0;
}
