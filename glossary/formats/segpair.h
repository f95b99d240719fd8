/* segpair.h: a pair of segments, as the translation files' readers hand it out.
 *
 * tmx.c and xliff.c read different formats into this one pair, and
 * parallel.c takes it from either. */
#ifndef TX_SEGPAIR_H
#define TX_SEGPAIR_H

typedef struct tx_segment_pair {
    const char *src;  /* source-language text, UTF-8, inline codes removed, XML
                       * white space folded (see the reader) */
    const char *tgt;  /* target-language text, likewise */
    const char *id;   /* TMX: the tu's tuid; XLIFF: the 1.2 trans-unit id or the
                       * 2.0 unit id (+ "/SEGMENT" when a unit has several);
                       * NULL when there is none */
    unsigned line;    /* line of the TMX <tu>, XLIFF 1.2 <trans-unit> or 2.0
                       * <segment> (see the reader for big files) */
} tx_segment_pair;

/* Called for each pair; the pair and its strings are owned by the reader and
 * valid during the call only (copy to keep).  A non-zero return stops the
 * reading (the reader then returns TX_OK). */
typedef int (*tx_segment_pair_fn)(const tx_segment_pair *pair, void *arg);

#endif
