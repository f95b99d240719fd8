/* concept.h: a glossary entry as it leaves termex and comes back in.
 *
 * One concept, its term in the source language and its equivalents in the
 * target language.  The exchange formats (tbx.c and tbxread.c for TBX 2019
 * and 2008, tablewrite.c and table.c for CSV, TSV and JSON) write and read
 * these; store.c produces them for export and takes them in on import. */
#ifndef TX_CONCEPT_H
#define TX_CONCEPT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "tx.h"

typedef struct tx_concept_term {
    const char *text;    /* the term as written (UTF-8) */
    const char *status;  /* "approved", "candidate", "rejected", or NULL (unknown) */
    const char *pos;     /* part of speech ("noun", ...), or NULL when unknown */
    const char *context; /* an example sentence, or NULL */
    const char *source;  /* where the context comes from (a document), or NULL */
    const char *type;    /* TBX termType: "acronym", "abbreviation", "fullForm",
                          * "shortForm", "variant", "phrase"; NULL when unknown */
    /* What a reviewer records (NULL when unset).  A target term's `status` is
     * a tx_tr_status name: "approved", "forbidden", "candidate".  Readers give
     * NULL for what the file does not say and "" for what it says is empty
     * (the review sheet's empty cell in a note column: clear it). */
    const char *note;    /* TBX note */
    const char *usage;   /* a usage note (TBX usageNote) */
    const char *gender;  /* TBX grammaticalGender: "masculine", ... */
    const char *geo;     /* TBX geographicalUsage: "Canada", "en-US", ... */
} tx_concept_term;

/* One TBX transaction (transacGrp): who did what to the entry, when. */
typedef struct tx_transaction {
    const char *type; /* "origination" or "modification" */
    const char *date; /* as written: "2007-07-22", "2026-12-07T20:31:00Z" */
    const char *who;  /* the responsibility, or NULL */
} tx_transaction;

/* A piece of TBX data that has no field of its own, passed through as read
 * (termLocation, customerSubset, projectSubset, xref, ref, the source of a
 * definition or of a term).  A ref's target is an entry id of the file it was
 * read from, kept as given: it names that file's entry, not an exported one. */
typedef struct tx_data_cat {
    const char *level;  /* "concept"; "definition" (in the concept definition's
                         * descripGrp); "term" (the entry term, src[0]);
                         * "translation" (tgt[tgt_index]) */
    const char *elem;   /* "termNote", "admin", "xref", "ref" */
    const char *type;   /* its type attribute ("termLocation", "source"), or NULL */
    const char *target; /* its target attribute (xref, ref), or NULL */
    const char *text;   /* its content */
    size_t tgt_index;   /* level "translation": which target term */
} tx_data_cat;

/* At most this many per concept, each of at most this many bytes (the rest is
 * reported as not kept). */
#define TX_DATA_CAT_MAX 64
#define TX_DATA_CAT_MAX_LEN 65536

typedef struct tx_concept {
    const char *id;               /* unique in a file: "c1", "c2", ... */
    const char *src_lang;         /* "fr" */
    const char *tgt_lang;         /* "en" */
    const tx_concept_term *src;   /* source-language terms, src[0] the entry's term */
    size_t n_src;                 /* >= 1 */
    const tx_concept_term *tgt;   /* target-language terms, best first (may be 0) */
    size_t n_tgt;
    double score;                 /* termex's ranking score; 0 when unknown */
    uint64_t freq;                /* corpus frequency; 0 when unknown */
    unsigned long line;           /* readers: the line its row or entry starts on,
                                   * for messages; 0 when not read from a file */
    int64_t term_id;              /* the glossary's term id (the review sheet's id
                                   * column, which import applies edits by);
                                   * 0 when unknown */
    const char *term_origin;      /* the mark of the glossary term_id belongs to
                                   * (tx_store_uid()): the sheet writes the id
                                   * as "12@3f9a0c1e", and import applies it
                                   * only to that glossary; NULL when unknown */
    const char *definition;       /* of the concept (TBX definition), or NULL */
    const char *domain;           /* TBX subjectField, or NULL */
    const tx_transaction *transactions; /* its history, oldest first */
    size_t n_transactions;
    const tx_data_cat *extra;     /* TBX data passed through, in file order */
    size_t n_extra;
    /* Readers: what the entry held that a glossary does not keep, one short
     * name each ("termLocation", "xref", "language de"), for the importer's
     * summary on stderr. */
    const char *const *unkept;
    size_t n_unkept;
} tx_concept;

/* Called for each concept read; the concept and its strings are valid during
 * the call only.  A non-zero return stops the reading. */
typedef int (*tx_concept_fn)(const tx_concept *c, void *arg);

/* Statuses in TBX's administrativeStatus picklist, and back:
 * approved <-> preferredTerm-admn-sts, candidate <-> admittedTerm-admn-sts,
 * rejected <-> deprecatedTerm-admn-sts (also supersededTerm-admn-sts on input).
 * A translation's "forbidden" is written deprecatedTerm-admn-sts too; a
 * reader maps it back through the term's side (rejected for a source term,
 * forbidden for a target one).  NULL when there is no such value. */
const char *tx_status_to_tbx(const char *status);
const char *tx_status_from_tbx(const char *admn);

/* ---- the characters a glossary holds (implemented in tablewrite.c) ----
 *
 * Glossary text is UTF-8 made of XML 1.0 characters, so that every export
 * format can carry it: no C0 control other than tab, LF and CR, no U+FFFE or
 * U+FFFF.  DEL and the C1 controls are XML characters and pass.  Importing
 * refuses text that breaks the rule; the writers repair it (a glossary made by
 * an older termex, or a document path that is not UTF-8, may still hold such
 * bytes) with tx_text_clean(). */

/* Find the first character of `len` bytes of valid UTF-8 `s` the rule forbids.
 * Returns 1 with its byte offset in *off and its code point in *cp, or 0. */
int tx_text_find_bad(const char *s, size_t len, size_t *off, uint32_t *cp);

/* How many bytes of `s` a message quotes ("%.*s"): at most 40, not cutting a
 * character. */
int tx_text_shown(const char *s);

/* Append the NUL-terminated `s` to `b`, each byte that starts no valid UTF-8
 * sequence (RFC 3629) and each character the rule forbids replaced by U+FFFD;
 * one linear pass.  TX_OK or TX_ENOMEM. */
tx_status tx_text_clean(tx_buf *b, const char *s);

#endif
