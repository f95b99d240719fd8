/* candidates_coord.c: the candidate finder's coordinated terms ("zone de
 * paix, de confiance et de coopération", with the elliptic terms it implies)
 * and acronyms ("ONUDC", linked to the long form before its bracket).
 * tx_candidates_find() (candidates.c) calls them after the ordinary runs,
 * on the same classified sentence; both files share candidatesInt.h. */
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "candidates.h"
#include "candidatesInt.h"
#include "tokenize.h"
#include "tx.h"

/* ---- coordinated terms ---- */

/* Do the extensions [a, h) and (end, b] of the enumeration [h, end] keep to
 * the rules that ordinary runs follow?  The enumeration's own comma and
 * conjunction are fine by construction. */
static int extension_ok(const tx_candidates *c, const tx_sentence *s, size_t a, size_t h,
                        size_t end, size_t b)
{
    uint32_t preps[8]; /* key ids */
    size_t n_preps = 0;

    for (size_t j = a; j <= b; j++) {
        int outside = j < h || j > end;
        if (outside && j > a && tx_cand_article_breaks(c, j))
            return 0;
        if (c->info[j].cls != C_INNER)
            continue;
        if (c->info[j].role == 'c') {
            if (outside && !tx_cand_conjunction_ok(c, s, j, preps, n_preps))
                return 0;
        } else if (c->info[j].role == 'p' && n_preps < 8) {
            preps[n_preps++] = c->ids[j];
        }
    }
    return 1;
}

static int is_comma(const tx_sentence *s, size_t i)
{
    return i < s->n_tokens && s->tokens[i].kind == TX_TOK_PUNCT && s->tokens[i].len == 1 &&
           s->tokens[i].surface[0] == ',';
}

static int is_conj(const tx_candidates *c, const tx_sentence *s, size_t i)
{
    return i < s->n_tokens && c->info[i].role == 'c';
}

/* Parse "P [article] X" at *pos, where P's key id is `prep` and X is one or two
 * content words; on success *pos moves past X and the item spans [start, end]. */
static int parse_item(const tx_candidates *c, const tx_sentence *s, size_t *pos,
                      uint32_t prep, size_t *start, size_t *end)
{
    size_t i = *pos;

    if (i >= s->n_tokens || c->info[i].cls != C_INNER || c->ids[i] != prep)
        return 0;
    *start = i++;
    if (i < s->n_tokens && c->info[i].role == 'a')
        i++;
    if (i >= s->n_tokens || c->info[i].cls != C_CONTENT)
        return 0;
    i++;
    if (i < s->n_tokens && c->info[i].cls == C_CONTENT)
        i++; /* an adjective: "de sécurité régionale" */
    *end = i - 1;
    *pos = i;
    return 1;
}

/* Coordinated terms: HEAD P X1 (, P Xk)+ et P Xn, as in "zone de paix, de
 * confiance et de coopération".  Emits the whole term (and its extensions to
 * the left and right within the sentence) with the elliptic terms it implies. */
tx_status tx_cand_find_coordinations(tx_candidates *c, const tx_sentence *s)
{
    unsigned max_tokens = c->max_words * 3;

    for (size_t h = 0; h + 1 < s->n_tokens; h++) {
        size_t items_s[16], items_e[16], n_items = 0, pos = h + 1, commas = 0;
        uint32_t prep;
        int done = 0;

        if (c->info[h].cls != C_CONTENT || c->info[h + 1].cls != C_INNER)
            continue;
        prep = c->ids[h + 1];
        if (c->info[h + 1].role != 'p')
            continue;
        while (n_items < 16 &&
               parse_item(c, s, &pos, prep, &items_s[n_items], &items_e[n_items])) {
            n_items++;
            if (done)
                break;
            if (is_comma(s, pos)) {
                commas++;
                pos++;
            } else if (is_conj(c, s, pos)) {
                done = 1;
                pos++;
            } else {
                break;
            }
        }
        if (!done || commas == 0 || n_items < commas + 2)
            continue;
        /* The whole enumeration, [h, end]. */
        size_t end = items_e[n_items - 1];
        unsigned base_content = 1, base_words = 1;
        for (size_t i = h + 1; i <= end; i++) {
            if (c->info[i].cls == C_CONTENT)
                base_content++;
            if (c->info[i].cls != C_BREAK)
                base_words++;
        }
        if (base_content > c->max_words)
            continue;
        /* Elliptic terms: head + each item. */
        size_t ell_first = c->n_ells;
        for (size_t k = 0; k < n_items; k++) {
            ell_rec *e;
            if (tx_grow((void **)&c->ells, &c->ells_cap, c->n_ells + 1, sizeof *c->ells,
                        32) < 0)
                return TX_ENOMEM;
            e = &c->ells[c->n_ells++];
            tx_cand_key_reset(c);
            if (tx_cand_add_keys(c, h, h, 1) != TX_OK || tx_cand_add_keys(c, items_s[k], items_e[k], 1) != TX_OK)
                return TX_ENOMEM;
            e->lower_initial = !(s->tokens[h].flags & TX_TOK_UPPER_INITIAL);
            e->key_off = c->arena.len;
            if (tx_buf_add(&c->arena, tx_buf_str(&c->key), c->key.len + 1) != TX_OK)
                return TX_ENOMEM;
            e->surface_off = c->arena.len;
            if (tx_buf_add(&c->arena, s->tokens[h].surface, s->tokens[h].len) != TX_OK ||
                tx_buf_addch(&c->arena, ' ') != TX_OK ||
                tx_buf_add(&c->arena, s->tokens[items_s[k]].surface,
                           s->tokens[items_e[k]].end - s->tokens[items_s[k]].start) !=
                    TX_OK ||
                tx_buf_addch(&c->arena, '\0') != TX_OK)
                return TX_ENOMEM;
        }
        /* Left starts: h, then earlier content words reachable without a break. */
        unsigned left_content = 0, left_words = 0;
        for (size_t a = h + 1; a-- > 0;) {
            if (a < h) {
                if (c->info[a].cls == C_BREAK)
                    break;
                left_words++;
                if (c->info[a].cls == C_CONTENT)
                    left_content++;
                if (c->info[a].cls != C_CONTENT)
                    continue;
            }
            if (c->info[a].no_start)
                continue;
            if (base_content + left_content > c->max_words ||
                base_words + left_words > max_tokens)
                break;
            unsigned right_content = 0, right_words = 0;
            for (size_t b = end; b < s->n_tokens; b++) {
                if (b > end) {
                    if (c->info[b].cls == C_BREAK)
                        break;
                    right_words++;
                    if (c->info[b].cls == C_CONTENT)
                        right_content++;
                    if (c->info[b].cls != C_CONTENT)
                        continue;
                }
                unsigned nc = base_content + left_content + right_content;
                unsigned nw = base_words + left_words + right_words;
                if (nc > c->max_words || nw > max_tokens)
                    break;
                if (c->info[b].no_end || !extension_ok(c, s, a, h, end, b))
                    continue;
                tx_cand_key_reset(c);
                if (tx_cand_add_keys(c, a, b, c->string_keys) != TX_OK)
                    return TX_ENOMEM;
                int base = a == h && b == end;
                if (tx_cand_emit(c, a, b, nw, nc, base ? ell_first : 0,
                         base ? n_items : 0) != TX_OK)
                    return TX_ENOMEM;
            }
        }
        h = end; /* an item head cannot start another enumeration */
    }
    return TX_OK;
}

/* ---- acronyms ---- */

static int is_acronym(const tx_sentence *s, const tokinfo *in, size_t i)
{
    return s->tokens[i].kind == TX_TOK_WORD && (s->tokens[i].flags & TX_TOK_ALL_UPPER) &&
           in[i].cls == C_CONTENT && s->tokens[i].len >= 2 && s->tokens[i].len <= 12;
}

static int ascii_upper(int ch)
{
    return ch >= 'a' && ch <= 'z' ? ch - 32 : ch;
}

/* Do the initials of tokens [a, b] account for acronym token k?  Its first
 * letter must be the first word's initial and two thirds of its letters must
 * be initials of the content words, in any order ("Organisation de Shanghai
 * pour la coopération (OCS)": French acronyms need not follow the words). */
static int initials_match(const tx_candidates *c, const tx_sentence *s, size_t a, size_t b,
                          size_t k)
{
    const tx_token *acr = &s->tokens[k];
    char initials[64];
    size_t n = 0, hits = 0, letters = 0;

    for (size_t i = a; i <= b && n < sizeof initials; i++)
        if (c->info[i].cls == C_CONTENT)
            initials[n++] = (char)ascii_upper((unsigned char)s->tokens[i].surface[0]);
    if (!n || ascii_upper((unsigned char)acr->surface[0]) != initials[0])
        return 0;
    for (size_t j = 0; j < acr->len; j++) {
        char ch = (char)ascii_upper((unsigned char)acr->surface[j]);
        if (ch < 'A' || ch > 'Z')
            continue;
        letters++;
        for (size_t q = 0; q < n; q++)
            if (initials[q] == ch) {
                hits++;
                break;
            }
    }
    return letters >= 2 && 3 * hits >= 2 * letters;
}

/* Acronyms: each all-capital word is a candidate (if single words are not
 * already), and "LONG FORM (ACR)" links the longest fitting candidate ending
 * before the bracket to ACR. */
tx_status tx_cand_find_acronyms(tx_candidates *c, const tx_sentence *s)
{
    size_t n_runs = c->n_recs;

    for (size_t k = 0; k < s->n_tokens; k++) {
        if (!is_acronym(s, c->info, k))
            continue;
        if (c->min_words > 1) {
            tx_cand_key_reset(c);
            if (tx_cand_add_keys(c, k, k, c->string_keys) != TX_OK ||
                tx_cand_emit(c, k, k, 1, 1, 0, 0) != TX_OK)
                return TX_ENOMEM;
        }
        /* "... crime (ONUDC)": the bracket, then the acronym alone inside */
        if (k < 2 || k + 1 >= s->n_tokens || s->tokens[k - 1].len != 1 ||
            s->tokens[k - 1].surface[0] != '(' || s->tokens[k + 1].len != 1 ||
            s->tokens[k + 1].surface[0] != ')')
            continue;
        occ_rec *best = NULL;
        for (size_t r = 0; r < n_runs; r++) {
            occ_rec *rec = &c->recs[r];
            if (rec->occ.last + 2 != k)
                continue;
            if (initials_match(c, s, rec->occ.first, rec->occ.last, k) &&
                (!best || rec->occ.n_words > best->occ.n_words))
                best = rec;
        }
        if (best) {
            best->acr_tok = k + 1;
            best->acr_off = c->arena.len;
            if (tx_buf_add(&c->arena, s->tokens[k].surface, s->tokens[k].len) != TX_OK ||
                tx_buf_addch(&c->arena, '\0') != TX_OK)
                return TX_ENOMEM;
        }
    }
    return TX_OK;
}
