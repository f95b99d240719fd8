/* tokenize.h: sentences and word tokens, with ICU break iterators.
 *
 * Input is cleaned text (tx_cleanup()): one paragraph per line.  Each paragraph
 * is split into sentences (ICU sentence break iterator) and words (ICU word
 * break iterator), then adjusted for terminology work: the elided articles
 * and pronouns of the language profile are split off ("l'Organisation" ->
 * "l'" + "Organisation"),
 * words joined by hyphens stay one token ("socio-économique"), and runs such as
 * document symbols ("73/338", "A/RES/73/338") become one NUMBER token.  Every
 * token keeps its surface form and a case-folded form for comparison. */
#ifndef TX_TOKENIZE_H
#define TX_TOKENIZE_H

#include <stddef.h>

#include "lang.h"
#include "tx.h"

/* Bounds that keep what one sentence costs small whatever the input: a
 * "sentence" of more tokens (a list of lines without punctuation joined into
 * one paragraph, a table) is cut into sentences of this many, and a
 * paragraph of more bytes is read in pieces of at most this size, cut after
 * a space.  No real sentence comes near either. */
#define TX_MAX_SENTENCE_TOKENS 512
#define TX_MAX_PARAGRAPH ((size_t)1 << 20)

typedef enum tx_tok_kind {
    TX_TOK_WORD = 1, /* letters (maybe with inner hyphens or apostrophes) */
    TX_TOK_NUMBER,   /* digits, or a code/symbol mixing digits, '/', '-' */
    TX_TOK_PUNCT     /* one punctuation or symbol character */
} tx_tok_kind;

enum {
    TX_TOK_ELIDED = 1u << 0,        /* elided form ending in an apostrophe: l' d' qu' */
    TX_TOK_UPPER_INITIAL = 1u << 1, /* first letter is upper or title case */
    TX_TOK_SPACE_BEFORE = 1u << 2,  /* white space separates it from the previous token */
    TX_TOK_ALL_UPPER = 1u << 3      /* every letter upper case (acronyms: OCS, ONUDC) */
};

typedef struct tx_token {
    const char *surface; /* points into the sentence text; not NUL-terminated */
    size_t len;          /* bytes of surface */
    const char *fold;    /* case-folded form, fold_len bytes (not always NUL-terminated) */
    size_t fold_len;
    size_t start, end;   /* byte offsets of the surface in the sentence text */
    tx_tok_kind kind;
    unsigned flags;      /* TX_TOK_* bits */
} tx_token;

typedef struct tx_sentence {
    const char *text;      /* the sentence, trimmed; not NUL-terminated */
    size_t len;
    const tx_token *tokens;
    size_t n_tokens;
} tx_sentence;

typedef struct tx_tokenizer tx_tokenizer;

/* Create a tokenizer for the language of profile `l` (ICU's rules for its
 * tag, its elisions), which must outlive it.  The caller frees it with
 * tx_tokenizer_free().  One per thread. */
tx_status tx_tokenizer_new(const tx_lang *l, tx_tokenizer **out, tx_error *err);
void tx_tokenizer_free(tx_tokenizer *tok);

/* Start on `len` bytes of `text` (UTF-8, one paragraph per line).  The text is
 * borrowed: it must stay valid and unchanged while sentences are read. */
void tx_tokenizer_set_text(tx_tokenizer *tok, const char *text, size_t len);

/* Read the next sentence into *out (NULL at the end of the text).  The
 * sentence and its tokens are owned by `tok` and valid until the next call.
 * Returns TX_OK, or TX_ENOMEM / TX_EINPUT (an ICU failure, in the message). */
tx_status tx_tokenizer_next(tx_tokenizer *tok, const tx_sentence **out, tx_error *err);

/* Is `len` bytes of UTF-8 its own case folding (no capitals: "diplomatie",
 * not "Nations" nor "pH")?  Simple folding, one character at a time. */
int tx_is_folded(const char *s, size_t len);

/* Number of word and number tokens produced since tx_tokenizer_set_text(). */
size_t tx_tokenizer_n_words(const tx_tokenizer *tok);

#endif
