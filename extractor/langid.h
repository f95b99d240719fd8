/* langid.h: language identification per paragraph (libexttextcat).
 *
 * A text stage: given the cleaned text of a document (one paragraph per
 * line, cleanup.h; a line "\f" is a page marker) and the corpus language, drop
 * the paragraphs that are confidently in another language, which are not
 * evidence for the corpus language's terms.  Which fingerprints are compared
 * is data: the profile's settings textcat and textcat-others (lang.h).
 *
 * A paragraph is judged on its first TX_LANGID_SAMPLE bytes, by textcat's
 * n-gram rank distance to each fingerprint; it is "other" when a fingerprint
 * of another language is nearer than the corpus language's by more than 6 %
 * (langid.c says why), "unsure" when nearer by less.  A paragraph shorter
 * than TX_LANGID_MIN_BYTES, or unsure, is not judged alone: it takes the
 * verdict of its judged neighbours (dropped only when those on both sides,
 * or the only one, are "other"), or, in a document without any judged
 * paragraph, that of the whole document.  A paragraph whose words are mostly
 * the corpus language's stopwords is its language without textcat (the fast
 * path, tx_langid_stop_share()).
 *
 * Thread safety: libexttextcat keeps no global state; a fingerprint that has
 * been read is only read by fp_Compare(), so one tx_langid is shared by all
 * the threads of a run, and each thread has its own tx_langid_cache. */
#ifndef TX_LANGID_H
#define TX_LANGID_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"
#include "tx.h"

/* Bytes of a paragraph judged (its start), and the fewest judged alone. */
#define TX_LANGID_SAMPLE 320
#define TX_LANGID_MIN_BYTES 60
/* A paragraph whose words are at least this share stopwords of the corpus
 * language is judged the corpus language without textcat. */
#define TX_LANGID_STOP_SHARE 0.35
/* Bytes of a paragraph (its start) whose stopwords are counted. */
#define TX_LANGID_STOP_SAMPLE 160

typedef struct tx_langid tx_langid;

/* The fingerprints of profile `l` read from `dir` (NULL: libexttextcat's
 * folder) into *out; *out is NULL when the profile names none.  TX_EINPUT
 * naming the file when a fingerprint cannot be read, TX_ENOMEM.  The caller
 * frees *out with tx_langid_free(). */
tx_status tx_langid_new(const tx_lang *l, const char *dir, tx_langid **out,
                        tx_error *err);
void tx_langid_free(tx_langid *id);

/* Verdicts on a paragraph. */
typedef enum tx_langid_verdict {
    TX_LANGID_SHORT = 0, /* too short to judge alone */
    TX_LANGID_SAME,      /* the corpus language, or not told apart from it */
    TX_LANGID_OTHER,     /* confidently another language */
    TX_LANGID_UNSURE     /* another language, but not by the margin: the
                          * filter treats it as a short paragraph */
} tx_langid_verdict;

/* Judge `len` bytes of UTF-8 `text` (its first TX_LANGID_SAMPLE bytes),
 * however short (TX_LANGID_SHORT only when it has no letters); the filter
 * below does not judge a paragraph of fewer than TX_LANGID_MIN_BYTES alone. */
tx_langid_verdict tx_langid_judge(const tx_langid *id, const char *text, size_t len);

/* The share of the words of `text`'s first TX_LANGID_STOP_SAMPLE bytes (*n
 * of them, if n) that are
 * stopwords of the corpus language: the fast path of the filter, which
 * judges a paragraph whose share is at least TX_LANGID_STOP_SHARE the corpus
 * language without textcat (docs/performance.md: measured on UN text). */
double tx_langid_stop_share(const tx_langid *id, const char *text, size_t len, size_t *n);

/* Verdicts of one thread remembered by the hash of the paragraph's sample
 * (boilerplate and repeated paragraphs are judged once): a fixed table. */
typedef struct tx_langid_cache {
    uint64_t key[4096]; /* hash | 1, 0 = empty */
    unsigned char verdict[4096];
} tx_langid_cache;

/* Drop from `text` (*len bytes, NUL-terminated, '\n'-terminated lines) the
 * paragraphs in another language, in place, adding to *n_dropped how many;
 * `cache` (may be NULL) is the calling thread's.  Returns TX_OK or TX_ENOMEM
 * (text unchanged). */
tx_status tx_langid_filter(const tx_langid *id, tx_langid_cache *cache, char *text,
                           size_t *len, uint64_t *n_dropped, tx_error *err);

#endif
