/* show_print.c: a term as `termex show` prints it, text or JSON. */
#define _GNU_SOURCE /* strdup */
#include "show.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

/* The review fields of term `id`, copied out (tx_review_get()'s strings last
 * until the next call on the store). */
typedef struct review_copy {
    tx_term_review rv;
    char *fields[TX_FIELD_COUNT];
} review_copy;

static tx_status review_read(tx_store *st, int64_t id, review_copy *c, tx_error *err)
{
    tx_status rc = tx_review_get(st, id, &c->rv, err);

    memset(c->fields, 0, sizeof c->fields);
    if (rc != TX_OK)
        return rc;
    for (int f = 0; f < TX_FIELD_COUNT; f++)
        if (c->rv.fields[f] && !(c->fields[f] = strdup(c->rv.fields[f]))) {
            snprintf(err->msg, sizeof err->msg, "out of memory");
            return err->code = TX_ENOMEM;
        }
    return TX_OK;
}

static void review_release(review_copy *c)
{
    for (int f = 0; f < TX_FIELD_COUNT; f++)
        free(c->fields[f]);
}

/* ---- text ---- */

static int history_text(const tx_history *h, void *arg)
{
    ++*(size_t *)arg;
    printf("  %s %s %s%s%s\n", h->at, h->who, h->action, h->detail ? "  " : "",
           h->detail ? h->detail : "");
    return 0;
}

static void review_text(const tx_term_info *info, const review_copy *c)
{
    printf("\nreview:\n");
    printf("  %-10s  %s (%s)\n", "form", info->term.canonical,
           c->rv.form_locked ? "set by a person" : "chosen by extraction");
    for (int f = TX_FIELD_FORM + 1; f < TX_FIELD_COUNT; f++)
        printf("  %-10s  %s\n", tx_field_name((tx_field)f), c->fields[f] ? c->fields[f] : "-");
    printf("  %-10s  %lld\n", "version", (long long)c->rv.version);
}

static void translations_text(const tx_term_info *info)
{
    printf("\ntranslations:\n");
    if (!info->n_translations)
        printf("  (none yet)\n");
    for (size_t i = 0; i < info->n_translations; i++) {
        const tx_translation *tr = &info->translations[i];
        printf("  %s%s  %s  [%s]  (score %.3f, %s, %u segment pair%s)\n",
               i ? "  " : "* ", tr->lang, tr->text,
               tx_tr_status_name((tx_tr_status)tr->status), tr->score,
               tr->method ? tr->method : "", tr->n_segments,
               tr->n_segments == 1 ? "" : "s");
        if (tr->note)
            printf("      note: %s\n", tr->note);
        /* The best one's evidence: one supporting segment pair. */
        if (i == 0 && tr->example_src && tr->example_tgt)
            printf("      %s\n      %s\n", tr->example_src, tr->example_tgt);
    }
}

tx_status show_text(tx_store *st, const tx_term_info *info, tx_error *err)
{
    const tx_term *t = &info->term;
    size_t n_history = 0;
    review_copy c;
    tx_status rc;

    if ((rc = review_read(st, t->id, &c, err)) != TX_OK)
        goto done;
    printf("%s\n", t->canonical);
    printf("  language   %s\n  status     %s\n  key        %s\n", t->lang,
           tx_term_status_name(t->status), t->key);
    printf("  frequency  %llu in %u document(s)\n", (unsigned long long)t->freq, t->df);
    printf("  words      %u (%u content)\n", t->n_words, t->n_content);
    printf("  C-value    %.3f\n  score      %.3f\n", t->cvalue, t->score);
    printf("  listed     %s\n", t->listed ? "yes"
                                 : "no (too rare, a fragment of longer terms, or not "
                                   "opening on a noun)");
    review_text(info, &c);
    printf("\nvariants:\n");
    for (size_t i = 0; i < info->n_variants; i++)
        printf("  %6llu  %s\n", (unsigned long long)info->variants[i].count,
               info->variants[i].surface);
    printf("\ndocuments:\n");
    for (size_t i = 0; i < info->n_docs; i++)
        printf("  %6llu  %s\n", (unsigned long long)info->docs[i].count, info->docs[i].path);
    printf("\ncontexts:\n");
    /* the document, and the page where it has pages (PDF) */
    for (size_t i = 0; i < info->n_contexts; i++) {
        printf("  - %s\n    (%s", info->contexts[i].sentence, info->contexts[i].path);
        if (info->contexts[i].page)
            printf(", p. %u", info->contexts[i].page);
        printf(")\n");
    }
    if (info->n_relations)
        printf("\nrelated terms:\n");
    for (size_t i = 0; i < info->n_relations; i++)
        printf("  %s: %s%s\n", info->relations[i].kind, info->relations[i].text,
               info->relations[i].in_glossary ? "" : " (not in the glossary)");
    translations_text(info);
    printf("\nhistory:\n");
    rc = tx_review_history(st, t->id, history_text, &n_history, err);
    if (rc == TX_OK && !n_history)
        printf("  (no decision yet)\n");
done:
    review_release(&c);
    return rc;
}

/* ---- JSON ---- */

/* Print `"name": value` (a JSON string or null), after a comma unless first. */
static void jfield(const char *name, const char *v, int first)
{
    printf("%s\"%s\": ", first ? "" : ", ", name);
    out_json_string(stdout, v);
}

typedef struct hist_json {
    size_t n;
} hist_json;

static int history_json(const tx_history *h, void *arg)
{
    hist_json *j = arg;

    printf("%s\n    {", j->n++ ? "," : "");
    jfield("at", h->at, 1);
    jfield("who", h->who, 0);
    jfield("action", h->action, 0);
    jfield("detail", h->detail, 0);
    printf("}");
    return 0;
}

static void lists_json(const tx_term_info *info)
{
    printf(",\n  \"variants\": [");
    for (size_t i = 0; i < info->n_variants; i++) {
        printf("%s{", i ? ", " : "");
        jfield("form", info->variants[i].surface, 1);
        printf(", \"count\": %llu}", (unsigned long long)info->variants[i].count);
    }
    printf("],\n  \"documents\": [");
    for (size_t i = 0; i < info->n_docs; i++) {
        printf("%s{", i ? ", " : "");
        jfield("path", info->docs[i].path, 1);
        printf(", \"count\": %llu}", (unsigned long long)info->docs[i].count);
    }
    printf("],\n  \"contexts\": [");
    for (size_t i = 0; i < info->n_contexts; i++) {
        printf("%s\n    {", i ? "," : "");
        jfield("sentence", info->contexts[i].sentence, 1);
        jfield("path", info->contexts[i].path, 0);
        if (info->contexts[i].page) /* only documents with pages have it */
            printf(", \"page\": %u", info->contexts[i].page);
        printf("}");
    }
    printf("%s],\n  \"related\": [", info->n_contexts ? "\n  " : "");
    for (size_t i = 0; i < info->n_relations; i++) {
        printf("%s{", i ? ", " : "");
        jfield("kind", info->relations[i].kind, 1);
        jfield("text", info->relations[i].text, 0);
        printf(", \"in_glossary\": %s}", info->relations[i].in_glossary ? "true" : "false");
    }
    printf("],\n  \"translations\": [");
    for (size_t i = 0; i < info->n_translations; i++) {
        const tx_translation *tr = &info->translations[i];

        printf("%s\n    {", i ? "," : "");
        jfield("lang", tr->lang, 1);
        jfield("text", tr->text, 0);
        printf(", \"score\": %.4f", tr->score);
        jfield("status", tx_tr_status_name((tx_tr_status)tr->status), 0);
        if (tr->note)
            jfield("note", tr->note, 0);
        jfield("method", tr->method, 0);
        printf(", \"segments\": %u}", tr->n_segments);
    }
    printf("%s]", info->n_translations ? "\n  " : "");
}

tx_status show_json(tx_store *st, const tx_term_info *info, tx_error *err)
{
    const tx_term *t = &info->term;
    hist_json h = {0};
    review_copy c;
    tx_status rc;

    if ((rc = review_read(st, t->id, &c, err)) != TX_OK)
        goto done;
    printf("{");
    jfield("term", t->canonical, 1);
    jfield("lang", t->lang, 0);
    jfield("status", tx_term_status_name(t->status), 0);
    jfield("key", t->key, 0);
    printf(",\n  \"id\": %lld, \"freq\": %llu, \"docs\": %u, \"words\": %u, "
           "\"content_words\": %u, \"cvalue\": %.4f, \"score\": %.4f, \"listed\": %s,\n  "
           "\"version\": %lld, \"form_locked\": %s",
           (long long)t->id, (unsigned long long)t->freq, t->df, t->n_words, t->n_content,
           t->cvalue, t->score, t->listed ? "true" : "false", (long long)c.rv.version,
           c.rv.form_locked ? "true" : "false");
    for (int f = 0; f < TX_FIELD_COUNT; f++)
        jfield(tx_field_name((tx_field)f), f == TX_FIELD_FORM ? t->canonical : c.fields[f],
               0);
    lists_json(info);
    printf(",\n  \"history\": [");
    rc = tx_review_history(st, t->id, history_json, &h, err);
    printf("%s]}\n", h.n ? "\n  " : "");
done:
    review_release(&c);
    return rc;
}
