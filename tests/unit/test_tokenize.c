/* test_tokenize.c: sentences, words, elision, compounds on real UN sentences. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tokenize.h"

/* Tokens of the whole text joined by '|', sentences separated by " // ". */
static char *tokens_of(tx_tokenizer *tok, const char *text, int folded)
{
    static char out[4096];
    const tx_sentence *s;
    tx_error err;
    size_t n = 0;

    out[0] = '\0';
    tx_tokenizer_set_text(tok, text, strlen(text));
    while (tx_tokenizer_next(tok, &s, &err) == TX_OK && s) {
        if (n)
            n += (size_t)snprintf(out + n, sizeof out - n, " // ");
        for (size_t i = 0; i < s->n_tokens; i++)
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", i ? "|" : "",
                                  (int)(folded ? s->tokens[i].fold_len : s->tokens[i].len),
                                  folded ? s->tokens[i].fold : s->tokens[i].surface);
    }
    return out;
}

int main(void)
{
    tx_lang *fr;
    tx_tokenizer *tok;
    tx_error err;
    const tx_sentence *s;

    /* The tokenizer takes its elisions from the French profile. */
    check(tx_lang_load("fr", TX_DATA_DIR, &fr, &err) == TX_OK, "%s", err.msg);
    if (!fr)
        return check_done();
    check(tx_tokenizer_new(fr, &tok, &err) == TX_OK, "%s", err.msg);

    /* Elision split; apostrophe forms are unified by the decoder before this. */
    check_str(tokens_of(tok, "l'Organisation de Shanghai pour la coopération", 0),
              "l'|Organisation|de|Shanghai|pour|la|coopération");
    check_str(tokens_of(tok, "jusqu'à présent, lorsqu'il s'agit d'adopter", 0),
              "jusqu'|à|présent|,|lorsqu'|il|s'|agit|d'|adopter");
    /* Words that merely contain an apostrophe stay whole. */
    check_str(tokens_of(tok, "aujourd'hui", 0), "aujourd'hui");
    /* Case folding keeps accents, and the surface keeps case. */
    check_str(tokens_of(tok, "L'Assemblée générale", 1), "l'|assemblée|générale");
    check_str(tokens_of(tok, "ÉTATS MEMBRES", 1), "états|membres");
    /* Words that are their own case folding, as extract's noun rule asks. */
    check(tx_is_folded("diplomatie", 10) && tx_is_folded("préventive", 11) &&
              tx_is_folded("socio-économique", 17) && tx_is_folded("", 0),
          "lower-case words are folded");
    check(!tx_is_folded("Nations", 7) && !tx_is_folded("État", 5) &&
              !tx_is_folded("pH", 2) && !tx_is_folded("ΣΥΝΘΗΚΗ", 14),
          "words with capitals are not");
    /* Hyphenated words and document symbols are single tokens. */
    check_str(tokens_of(tok, "la vie socio-économique à Addis-Abeba", 0),
              "la|vie|socio-économique|à|Addis-Abeba");
    check_str(tokens_of(tok, "sa résolution 73/338 du 12 septembre 2019", 0),
              "sa|résolution|73/338|du|12|septembre|2019");
    /* Sentences; a line end is a paragraph (and so a sentence) boundary. */
    check_str(tokens_of(tok, "La Conférence a réuni des délégations. Elle a adopté "
                             "une déclaration.\nDéveloppement durable",
                        0),
              "La|Conférence|a|réuni|des|délégations|. // Elle|a|adopté|une|"
              "déclaration|. // Développement|durable");

    /* Flags and offsets. */
    {
        static const char t[] = "  Centre régional des Nations Unies (ONUDC)";
        tx_tokenizer_set_text(tok, t, strlen(t));
    }
    check(tx_tokenizer_next(tok, &s, &err) == TX_OK && s, "no sentence");
    if (s) {
        check(s->n_tokens == 8, "got %zu tokens", s->n_tokens);
        check(s->tokens[0].flags & TX_TOK_UPPER_INITIAL, "Centre is capitalized");
        check(!(s->tokens[1].flags & TX_TOK_UPPER_INITIAL), "régional is not");
        check(s->tokens[6].flags & TX_TOK_ALL_UPPER, "ONUDC is an acronym");
        check(s->tokens[5].kind == TX_TOK_PUNCT, "( is punctuation");
        check(memcmp(s->text + s->tokens[1].start, "régional", 9 - 1) == 0, "offsets");
        check(s->tokens[1].end - s->tokens[1].start == strlen("régional"), "byte length");
    }
    check(tx_tokenizer_n_words(tok) == 6, "got %zu words", tx_tokenizer_n_words(tok));

    /* Empty and blank text: no sentence. */
    /* A page break line "\f" (line-mode clean-up) is an empty paragraph. */
    check_str(tokens_of(tok, "Un texte.\n\f\nUne suite.\n", 0), "Un|texte|. // Une|suite|.");
    tx_tokenizer_set_text(tok, "\f\n", 2);
    check(tx_tokenizer_next(tok, &s, &err) == TX_OK && !s, "a page break has no sentence");
    check(tx_tokenizer_n_words(tok) == 0, "a page break has no words");
    tx_tokenizer_set_text(tok, "\n \n", 3);
    check(tx_tokenizer_next(tok, &s, &err) == TX_OK && !s, "blank text has no sentence");

    tx_tokenizer_free(tok);
    tx_lang_free(fr);
    return check_done();
}
