/* tokenize.c: ICU sentence and word breaking, tuned for term extraction.
 *
 * Each paragraph is converted to UTF-16 once, with a map from UTF-16 units
 * back to UTF-8 byte offsets, so that tokens can point into the caller's UTF-8
 * text.  ICU's UErrorCode never leaves this file. */
#include "tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "error.h"

typedef struct rawtok {
    int32_t s16, e16;   /* UTF-16 span in the paragraph */
    tx_tok_kind kind;
    unsigned flags;
    size_t fold_off;    /* in tok->folds */
    size_t fold_len;
} rawtok;

/* Case folding of the Latin letters (U+0000..U+024F), where each folds to
 * one character: most words of European languages fold through this table
 * without calling ICU.  Other characters take ICU's full case folding. */
#define LATIN_END 0x250

struct tx_tokenizer {
    char lang[TX_LANGTAG_MAX]; /* ICU locale: the profile's tag */
    UChar latin_fold[LATIN_END];   /* 0: no single-character folding */
    unsigned char latin_case[LATIN_END]; /* 1 upper/title, 2 lower, 0 neither */
    unsigned char latin_space[LATIN_END]; /* u_isUWhiteSpace() */
    const char *const *elisions; /* elided prefixes, with their apostrophe */
    size_t max_elision;          /* bytes of the longest */
    UBreakIterator *words;
    UBreakIterator *sents;
    const char *text;
    size_t len;
    size_t pos;                  /* start of the next paragraph in text */
    const char *para;            /* current paragraph */
    size_t para_len;
    UChar *u16;
    int32_t n16;
    size_t u16_cap;
    int32_t *map;                /* UTF-16 index -> UTF-8 offset in para */
    size_t map_cap;
    rawtok *raw;
    size_t n_raw, raw_cap, raw_i;
    rawtok *out;                 /* fold_and_split()'s output, then swapped */
    size_t out_cap;
    int32_t *bounds;             /* sentence boundaries, UTF-16 */
    size_t n_bounds, bounds_cap, bound_i;
    tx_token *toks;
    size_t toks_cap;
    tx_buf folds;
    UChar fold16[256];
    tx_sentence sent;
    size_t n_words;
};

tx_status tx_tokenizer_new(const tx_lang *l, tx_tokenizer **out, tx_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    tx_tokenizer *tok;

    *out = NULL;
    tok = calloc(1, sizeof *tok);
    if (!tok)
        return tx_fail(err, TX_ENOMEM, "cannot allocate tokenizer");
    snprintf(tok->lang, sizeof tok->lang, "%s", tx_lang_code(l));
    tok->elisions = tx_lang_elisions(l, &tok->max_elision);
    for (UChar32 c = 0; c < LATIN_END; c++) {
        UChar in[1] = {(UChar)c}, f[4];
        UErrorCode e = U_ZERO_ERROR;
        int32_t n = u_strFoldCase(f, 4, in, 1, U_FOLD_CASE_DEFAULT, &e);
        tok->latin_fold[c] = U_SUCCESS(e) && n == 1 && f[0] < 0x800 ? f[0] : 0;
        tok->latin_case[c] = u_isupper(c) || u_istitle(c) ? 1 : u_islower(c) ? 2 : 0;
        tok->latin_space[c] = (unsigned char)u_isUWhiteSpace(c);
    }
    tx_buf_init(&tok->folds);
    tok->words = ubrk_open(UBRK_WORD, tok->lang, NULL, 0, &uerr);
    if (U_SUCCESS(uerr))
        tok->sents = ubrk_open(UBRK_SENTENCE, tok->lang, NULL, 0, &uerr);
    if (U_FAILURE(uerr)) {
        tx_tokenizer_free(tok);
        return tx_fail(err, TX_EINPUT, "cannot open ICU break iterators for '%s': %s",
                       tx_lang_code(l), u_errorName(uerr));
    }
    *out = tok;
    return TX_OK;
}

void tx_tokenizer_free(tx_tokenizer *tok)
{
    if (!tok)
        return;
    if (tok->words)
        ubrk_close(tok->words);
    if (tok->sents)
        ubrk_close(tok->sents);
    free(tok->u16);
    free(tok->map);
    free(tok->raw);
    free(tok->out);
    free(tok->bounds);
    free(tok->toks);
    tx_buf_release(&tok->folds);
    free(tok);
}

void tx_tokenizer_set_text(tx_tokenizer *tok, const char *text, size_t len)
{
    tok->text = text;
    tok->len = len;
    tok->pos = 0;
    tok->n_raw = tok->raw_i = 0;
    tok->n_bounds = tok->bound_i = 0;
    tok->n_words = 0;
}

size_t tx_tokenizer_n_words(const tx_tokenizer *tok)
{
    return tok->n_words;
}

int tx_is_folded(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        UChar32 c;
        if ((unsigned char)s[i] < 0x80) {
            if (s[i] >= 'A' && s[i] <= 'Z')
                return 0;
            i++;
            continue;
        }
        U8_NEXT(s, i, len, c);
        if (c >= 0 && u_foldCase(c, U_FOLD_CASE_DEFAULT) != c)
            return 0;
    }
    return 1;
}

/* UTF-8 -> UTF-16 with the offset map.  Invalid bytes (the decoder should
 * have removed them) become U+FFFD. */
static tx_status to_utf16(tx_tokenizer *tok)
{
    const unsigned char *s = (const unsigned char *)tok->para;
    size_t n = tok->para_len, i = 0;
    int32_t j = 0;

    if (n + 1 > (size_t)INT32_MAX / 2)
        return TX_EINPUT;
    if (tx_grow((void **)&tok->u16, &tok->u16_cap, n + 1, sizeof(UChar), 64) < 0)
        return TX_ENOMEM;
    if (tx_grow((void **)&tok->map, &tok->map_cap, n + 1, sizeof *tok->map, 64) < 0)
        return TX_ENOMEM;
    while (i < n) {
        uint32_t c = s[i];
        size_t k = 1;
        if (c >= 0xF0 && i + 3 < n && (s[i + 1] & 0xC0) == 0x80 &&
            (s[i + 2] & 0xC0) == 0x80 && (s[i + 3] & 0xC0) == 0x80) {
            c = (c & 7) << 18 | (s[i + 1] & 0x3Fu) << 12 | (s[i + 2] & 0x3Fu) << 6 |
                (s[i + 3] & 0x3Fu);
            k = 4;
        } else if (c >= 0xE0 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
                   (s[i + 2] & 0xC0) == 0x80) {
            c = (c & 15) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu);
            k = 3;
        } else if (c >= 0xC0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            c = (c & 31) << 6 | (s[i + 1] & 0x3Fu);
            k = 2;
        } else if (c >= 0x80) {
            c = 0xFFFD;
        }
        if (c >= 0x10000 && c <= 0x10FFFF) {
            tok->map[j] = (int32_t)i;
            tok->u16[j++] = (UChar)(0xD800 + ((c - 0x10000) >> 10));
            tok->map[j] = (int32_t)i;
            tok->u16[j++] = (UChar)(0xDC00 + ((c - 0x10000) & 0x3FF));
        } else {
            tok->map[j] = (int32_t)i;
            tok->u16[j++] = (UChar)(c > 0xFFFF ? 0xFFFD : c);
        }
        i += k;
    }
    tok->map[j] = (int32_t)n;
    tok->n16 = j;
    return TX_OK;
}

static tx_status add_raw(tx_tokenizer *tok, int32_t s16, int32_t e16, tx_tok_kind kind,
                         unsigned flags)
{
    rawtok *r;

    if (tx_grow((void **)&tok->raw, &tok->raw_cap, tok->n_raw + 1, sizeof *tok->raw, 64) < 0)
        return TX_ENOMEM;
    r = &tok->raw[tok->n_raw++];
    r->s16 = s16;
    r->e16 = e16;
    r->kind = kind;
    r->flags = flags;
    r->fold_off = r->fold_len = 0;
    return TX_OK;
}

static int is_joiner(UChar c)
{
    return c == '-' || c == '/' || c == 0x2010 || c == 0x2011;
}

/* Merge "socio" "-" "économique" and "73" "/" "338" into single tokens. */
static void join_compounds(tx_tokenizer *tok)
{
    size_t w = 0;

    for (size_t r = 0; r < tok->n_raw; r++) {
        rawtok cur = tok->raw[r];
        while (cur.kind != TX_TOK_PUNCT && r + 2 < tok->n_raw) {
            rawtok *p = &tok->raw[r + 1], *nx = &tok->raw[r + 2];
            if (p->kind != TX_TOK_PUNCT || p->e16 - p->s16 != 1 ||
                !is_joiner(tok->u16[p->s16]) || (p->flags & TX_TOK_SPACE_BEFORE) ||
                nx->kind == TX_TOK_PUNCT || (nx->flags & TX_TOK_SPACE_BEFORE))
                break;
            if (tok->u16[p->s16] == '/' || nx->kind == TX_TOK_NUMBER)
                cur.kind = TX_TOK_NUMBER;
            cur.e16 = nx->e16;
            r += 2;
        }
        tok->raw[w++] = cur;
    }
    tok->n_raw = w;
}

/* Do all of u[0..n) fold through the Latin table? */
static int is_latin(const tx_tokenizer *tok, const UChar *u, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        if (u[i] >= LATIN_END || !tok->latin_fold[u[i]])
            return 0;
    return 1;
}

/* Append the case-folded UTF-8 form of raw token `r` to tok->folds. */
static tx_status fold(tx_tokenizer *tok, rawtok *r)
{
    const UChar *u = tok->u16 + r->s16;
    int32_t n = r->e16 - r->s16;
    UErrorCode uerr = U_ZERO_ERROR;
    UChar *f = tok->fold16;
    int32_t fn, n8 = 0;
    int upper = 0, lower = 0;

    r->fold_off = tok->folds.len;
    if (is_latin(tok, u, n)) {
        /* Latin letters fold to U+0000..U+024F: one or two UTF-8 bytes each. */
        if (tx_buf_grow(&tok->folds, 2 * (size_t)n + 1) != TX_OK)
            return TX_ENOMEM;
        for (int32_t i = 0; i < n; i++) {
            UChar c = tok->latin_fold[u[i]];
            upper += tok->latin_case[u[i]] == 1;
            lower += tok->latin_case[u[i]] == 2;
            if (c < 0x80) {
                tok->folds.data[tok->folds.len++] = (char)c;
            } else {
                tok->folds.data[tok->folds.len++] = (char)(0xC0 | (c >> 6));
                tok->folds.data[tok->folds.len++] = (char)(0x80 | (c & 0x3F));
            }
        }
    } else {
        for (int32_t i = 0; i < n; i++) {
            if (u_isupper(u[i]) || u_istitle(u[i]))
                upper++;
            else if (u_islower(u[i]))
                lower++;
        }
        fn = u_strFoldCase(f, (int32_t)(sizeof tok->fold16 / sizeof(UChar)), u, n,
                           U_FOLD_CASE_DEFAULT, &uerr);
        if (U_FAILURE(uerr) || fn > (int32_t)(sizeof tok->fold16 / sizeof(UChar))) {
            /* Over-long token: keep it unfolded rather than fail the document. */
            f = (UChar *)u;
            fn = n;
            uerr = U_ZERO_ERROR;
        }
        u_strToUTF8(NULL, 0, &n8, f, fn, &uerr);
        uerr = U_ZERO_ERROR;
        if (tx_buf_grow(&tok->folds, (size_t)n8 + 1) != TX_OK)
            return TX_ENOMEM;
        u_strToUTF8(tok->folds.data + tok->folds.len, n8 + 1, &n8, f, fn, &uerr);
        if (U_FAILURE(uerr))
            return TX_EINPUT;
        tok->folds.len += (size_t)n8;
    }
    tok->folds.data[tok->folds.len++] = '\0';
    r->fold_len = tok->folds.len - 1 - r->fold_off;
    if (n > 0 && (u[0] < LATIN_END ? tok->latin_case[u[0]] == 1
                                   : u_isupper(u[0]) || u_istitle(u[0])))
        r->flags |= TX_TOK_UPPER_INITIAL;
    if (upper >= 2 && lower == 0)
        r->flags |= TX_TOK_ALL_UPPER;
    return TX_OK;
}

/* Length of the elided prefix that starts `f` (with more letters after it), or 0. */
static size_t elision_prefix(const tx_tokenizer *tok, const char *f, size_t len)
{
    if (len < 3 || !memchr(f, '\'', len < tok->max_elision ? len : tok->max_elision))
        return 0;
    for (const char *const *e = tok->elisions; *e; e++) {
        size_t n = strlen(*e);
        if (len > n && memcmp(f, *e, n) == 0)
            return n;
    }
    return 0;
}

static int is_elision(const tx_tokenizer *tok, const char *f, size_t len)
{
    for (const char *const *e = tok->elisions; *e; e++)
        if (strlen(*e) == len + 1 && memcmp(f, *e, len) == 0)
            return 1;
    return 0;
}

/* Fold every word and split elided articles: "l'Organisation" -> "l'" "Organisation";
 * a bare "l" followed by an apostrophe ("l' Asie") becomes "l'". */
static tx_status fold_and_split(tx_tokenizer *tok)
{
    size_t n = tok->n_raw, w = 0, p;
    rawtok *swap;
    tx_status rc;

    tx_buf_reset(&tok->folds);
    /* A split adds one token per word at most. */
    if (tx_grow((void **)&tok->out, &tok->out_cap, 2 * n + 1, sizeof *tok->out, 64) < 0)
        return TX_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        rawtok r = tok->raw[i];
        if ((rc = fold(tok, &r)) != TX_OK)
            return rc;
        if (r.kind == TX_TOK_WORD && i + 1 < n && tok->raw[i + 1].kind == TX_TOK_PUNCT &&
            tok->u16[tok->raw[i + 1].s16] == '\'' &&
            !(tok->raw[i + 1].flags & TX_TOK_SPACE_BEFORE) &&
            is_elision(tok, tok->folds.data + r.fold_off, r.fold_len)) {
            /* "l" + "'": one elided token; the apostrophe token goes.  r's fold
             * is the last in tok->folds: replace its NUL by the apostrophe. */
            r.e16 = tok->raw[++i].e16;
            tok->folds.len--;
            if ((rc = tx_buf_add(&tok->folds, "'", 2)) != TX_OK)
                return rc;
            r.fold_len++;
            r.flags |= TX_TOK_ELIDED;
        } else if (r.kind == TX_TOK_WORD &&
                   (p = elision_prefix(tok, tok->folds.data + r.fold_off, r.fold_len))) {
            /* The prefix is ASCII letters and an apostrophe in the fold and in
             * the surface alike, so p UTF-16 units = p bytes. */
            rawtok rest = r;
            r.e16 = r.s16 + (int32_t)p;
            r.flags = (r.flags & (TX_TOK_SPACE_BEFORE | TX_TOK_UPPER_INITIAL)) | TX_TOK_ELIDED;
            r.fold_len = p;
            rest.s16 += (int32_t)p;
            rest.flags &= ~(unsigned)(TX_TOK_SPACE_BEFORE | TX_TOK_UPPER_INITIAL);
            rest.fold_off += p;
            rest.fold_len -= p;
            if (rest.e16 > rest.s16 &&
                (u_isupper(tok->u16[rest.s16]) || u_istitle(tok->u16[rest.s16])))
                rest.flags |= TX_TOK_UPPER_INITIAL;
            tok->out[w++] = r;
            r = rest;
        }
        tok->out[w++] = r;
    }
    swap = tok->raw;
    tok->raw = tok->out;
    tok->out = swap;
    p = tok->raw_cap;
    tok->raw_cap = tok->out_cap;
    tok->out_cap = p;
    tok->n_raw = w;
    return TX_OK;
}

/* Where a paragraph of `len` bytes at `p` longer than TX_MAX_PARAGRAPH is cut:
 * after the last space before the limit, else at the last character start. */
static size_t paragraph_cut(const char *p, size_t len)
{
    size_t cut = TX_MAX_PARAGRAPH;

    if (len <= cut)
        return len;
    while (cut > TX_MAX_PARAGRAPH / 2 && p[cut - 1] != ' ')
        cut--;
    if (p[cut - 1] != ' ')
        for (cut = TX_MAX_PARAGRAPH; cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80;)
            cut--;
    return cut;
}

static tx_status load_paragraph(tx_tokenizer *tok, tx_error *err)
{
    UErrorCode uerr = U_ZERO_ERROR;
    const char *nl;
    int32_t prev, cur;
    int space = 1;
    tx_status rc;

    tok->para = tok->text + tok->pos;
    nl = memchr(tok->para, '\n', tok->len - tok->pos);
    tok->para_len = nl ? (size_t)(nl - tok->para) : tok->len - tok->pos;
    if (tok->para_len > TX_MAX_PARAGRAPH) { /* the rest is the next "paragraph" */
        tok->para_len = paragraph_cut(tok->para, tok->para_len);
        nl = NULL;
    }
    tok->pos += tok->para_len + (nl ? 1 : 0);
    tok->n_raw = tok->raw_i = 0;
    tok->n_bounds = tok->bound_i = 0;
    if ((rc = to_utf16(tok)) != TX_OK)
        return tx_fail(err, rc, rc == TX_ENOMEM ? "out of memory" : "paragraph too long");

    ubrk_setText(tok->words, tok->u16, tok->n16, &uerr);
    if (U_FAILURE(uerr))
        return tx_fail(err, TX_EINPUT, "ICU word break failed: %s", u_errorName(uerr));
    prev = ubrk_first(tok->words);
    while ((cur = ubrk_next(tok->words)) != UBRK_DONE) {
        int32_t st = ubrk_getRuleStatus(tok->words);
        if (st >= UBRK_WORD_NUMBER && st < UBRK_WORD_NUMBER_LIMIT) {
            rc = add_raw(tok, prev, cur, TX_TOK_NUMBER, space ? TX_TOK_SPACE_BEFORE : 0);
            space = 0;
        } else if (st >= UBRK_WORD_LETTER) {
            rc = add_raw(tok, prev, cur, TX_TOK_WORD, space ? TX_TOK_SPACE_BEFORE : 0);
            space = 0;
        } else {
            rc = TX_OK;
            for (int32_t i = prev; i < cur && rc == TX_OK; i++) {
                UChar c = tok->u16[i];
                if (c < LATIN_END ? tok->latin_space[c] : u_isUWhiteSpace(c) || c == 0xFEFF) {
                    space = 1;
                } else if (U16_IS_TRAIL(c)) {
                    continue;
                } else {
                    int32_t e = U16_IS_LEAD(c) && i + 1 < cur ? i + 2 : i + 1;
                    rc = add_raw(tok, i, e, TX_TOK_PUNCT, space ? TX_TOK_SPACE_BEFORE : 0);
                    space = 0;
                }
            }
        }
        if (rc != TX_OK)
            return tx_fail(err, rc, "out of memory");
        prev = cur;
    }
    join_compounds(tok);
    if ((rc = fold_and_split(tok)) != TX_OK)
        return tx_fail(err, rc, "cannot fold case");

    ubrk_setText(tok->sents, tok->u16, tok->n16, &uerr);
    if (U_FAILURE(uerr))
        return tx_fail(err, TX_EINPUT, "ICU sentence break failed: %s", u_errorName(uerr));
    for (cur = ubrk_first(tok->sents); cur != UBRK_DONE; cur = ubrk_next(tok->sents)) {
        if (tx_grow((void **)&tok->bounds, &tok->bounds_cap, tok->n_bounds + 1,
                 sizeof *tok->bounds, 64) < 0)
            return tx_fail(err, TX_ENOMEM, "out of memory");
        tok->bounds[tok->n_bounds++] = cur;
    }
    return TX_OK;
}

tx_status tx_tokenizer_next(tx_tokenizer *tok, const tx_sentence **out, tx_error *err)
{
    tx_status rc;

    *out = NULL;
    for (;;) {
        while (tok->bound_i + 1 < tok->n_bounds) {
            int32_t b = tok->bounds[tok->bound_i + 1];
            size_t first = tok->raw_i, n = 0;
            while (tok->raw_i < tok->n_raw && tok->raw[tok->raw_i].s16 < b &&
                   tok->raw_i - first < TX_MAX_SENTENCE_TOKENS)
                tok->raw_i++;
            /* A sentence longer than that goes on as the next one. */
            if (tok->raw_i == tok->n_raw || tok->raw[tok->raw_i].s16 >= b)
                tok->bound_i++;
            n = tok->raw_i - first;
            if (n == 0)
                continue;
            if (tx_grow((void **)&tok->toks, &tok->toks_cap, n, sizeof *tok->toks, 64) < 0)
                return tx_fail(err, TX_ENOMEM, "out of memory");
            size_t s8 = (size_t)tok->map[tok->raw[first].s16];
            size_t e8 = (size_t)tok->map[tok->raw[first + n - 1].e16];
            for (size_t i = 0; i < n; i++) {
                const rawtok *r = &tok->raw[first + i];
                tx_token *t = &tok->toks[i];
                t->start = (size_t)tok->map[r->s16] - s8;
                t->end = (size_t)tok->map[r->e16] - s8;
                t->surface = tok->para + s8 + t->start;
                t->len = t->end - t->start;
                t->fold = tok->folds.data + r->fold_off;
                t->fold_len = r->fold_len;
                t->kind = r->kind;
                t->flags = r->flags;
                if (r->kind != TX_TOK_PUNCT)
                    tok->n_words++;
            }
            tok->sent.text = tok->para + s8;
            tok->sent.len = e8 - s8;
            tok->sent.tokens = tok->toks;
            tok->sent.n_tokens = n;
            *out = &tok->sent;
            return TX_OK;
        }
        if (tok->pos >= tok->len)
            return TX_OK;
        if ((rc = load_paragraph(tok, err)) != TX_OK)
            return rc;
    }
}
