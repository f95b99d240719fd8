/* tx.h: public interface of termex, the terminology extraction library.
 *
 * A program opens a glossary database with tx_store_open(), feeds documents to
 * tx_extract_run() and reads the ranked terms back with tx_store_list_terms() and
 * tx_store_get_term().  Anything not declared here is internal and may change.
 * No ICU, SQLite or libstemmer header is needed to use this one.
 *
 * libtermex is not installed: `cmake --install` installs the termex program,
 * its language data and its man pages, not this header or a library (no
 * pkg-config file), since the interface still changes from one revision to
 * the next.  Programs in this tree (the CLI, the tests) link the static
 * library the build makes. */
#ifndef TX_H
#define TX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- version --------------------------------------------------------------- */

/* The one place the version is written: CMakeLists.txt reads these three
 * lines (as zstd's CMake reads zstd.h), and `termex --version` prints them. */
#define TX_VERSION_MAJOR 0
#define TX_VERSION_MINOR 1
#define TX_VERSION_PATCH 0

#define TX_VERSION_NUMBER \
    (TX_VERSION_MAJOR * 10000 + TX_VERSION_MINOR * 100 + TX_VERSION_PATCH)
#define TX_QUOTE_(x) #x
#define TX_EXPAND_AND_QUOTE_(x) TX_QUOTE_(x)
#define TX_VERSION_STRING \
    TX_EXPAND_AND_QUOTE_(TX_VERSION_MAJOR.TX_VERSION_MINOR.TX_VERSION_PATCH)

/* The version of the library linked, as "MAJOR.MINOR.PATCH": static, never
 * NULL.  A program compares it with TX_VERSION_STRING, the version of the
 * header it was built with. */
const char *tx_version(void);

/* ---- errors ---------------------------------------------------------------- */

typedef enum tx_status {
    TX_OK = 0,
    TX_ENOMEM,    /* allocation failed */
    TX_EIO,       /* read or write failed (errno text in the message) */
    TX_EINPUT,    /* malformed input: invalid UTF-8, binary file, ... */
    TX_EDB,       /* the glossary database reported an error */
    TX_EINVAL,    /* the caller passed a bad argument or option */
    TX_ENOTFOUND, /* no such term, file, language */
    TX_EPARTIAL,  /* the run finished but some inputs were skipped (see messages) */
    TX_ESTOPPED,  /* a progress or notice callback stopped the run: nothing written */
    TX_ESTALE     /* the term changed since the version an edit was made on */
} tx_status;

/* Static English text for `rc`; never NULL. */
const char *tx_strerror(tx_status rc);

/* Callbacks: every callback (the tx_*_fn types below) returns int, 0 to go on
 * and non-zero to stop the call that made it.  One that hands out results
 * (terms, written forms, lines, issues) ends the iteration, and the function
 * returns TX_OK with what was handed out so far; one that reports on a run
 * (progress, notices) cancels the run, which then writes nothing and returns
 * TX_ESTOPPED.  A callback's arguments are valid during the call only. */

/* Copy `s` (NUL-terminated, any bytes) into `out` (`size` bytes; 0 = only
 * measure) as valid UTF-8 that is safe on a terminal and in XML: invalid
 * bytes, C0 controls (newline and tab included) and DEL become \xNN, C1
 * controls and U+FFFE, U+FFFF become \uNNNN; the rest is copied.  The result
 * is NUL-terminated and cut at a character boundary when `size` is too small;
 * returns the length the whole result needs (as snprintf() does). */
size_t tx_escape_text(char *out, size_t size, const char *s);

/* Copy `s` into `out` as a JSON string (RFC 8259), quotes included, or as
 * null when `s` is NULL: " and \ get a backslash; control characters (newline
 * and tab included), U+2028 and U+2029 (line ends to JavaScript before
 * ES2019), U+FFFE and U+FFFF become \u00XX or \uXXXX (lower-case hex); each
 * byte that starts no valid UTF-8 sequence becomes U+FFFD; the rest is
 * copied.  Every termex JSON output is written so.  `out`, `size` and the
 * result as for tx_escape_text(); a cut result ends before a whole character
 * or escape. */
size_t tx_escape_json(char *out, size_t size, const char *s);

/* Copy `s` into `out` as one TSV field, the way every termex TSV output writes
 * it: TSV cannot quote, so each tab, CR, LF and CRLF becomes one space; the
 * rest is copied.  `out`, `size` and the result as for tx_escape_text(). */
size_t tx_escape_tsv(char *out, size_t size, const char *s);

/* Optional detail for fallible functions, which take `tx_error *err` last.
 * NULL means "status only". */
typedef struct tx_error {
    tx_status code;
    char msg[512]; /* e.g. "corpus/a.txt: invalid UTF-8 at byte 1234" */
} tx_error;

/* ---- the glossary database ------------------------------------------------- */

typedef struct tx_store tx_store; /* opaque: one SQLite glossary file */

/* Open (creating and migrating if needed) the glossary at `path`.
 * The caller owns *out and closes it with tx_store_close(). */
tx_status tx_store_open(const char *path, tx_store **out, tx_error *err);

/* Open the glossary at `path` for reading only, for commands that never
 * write (list, show, export, check): it works on a file or directory we may
 * not write (a read-only checkout or mount; there the file is read as it is
 * on disk), and it never creates or changes the file, except that a glossary
 * of an older schema is upgraded first, which needs write access.  A missing
 * file is TX_ENOTFOUND; an empty file, a directory or another program's
 * database is TX_EINPUT or TX_EDB.  The caller closes *out with
 * tx_store_close(); writing through it fails. */
tx_status tx_store_open_read(const char *path, tx_store **out, tx_error *err);

/* Copy the glossary's source language, a canonical BCP 47 tag, into `lang`
 * (`size` bytes): the one its extraction runs keep, else the one most of its
 * terms are in; "" for a glossary without one yet.  TX_EINVAL when `size`
 * is too small. */
tx_status tx_store_lang(tx_store *st, char *lang, size_t size, tx_error *err);

/* Close `st`; NULL is a no-op.  An open transaction is rolled back. */
void tx_store_close(tx_store *st);

typedef enum tx_sort { TX_SORT_SCORE, TX_SORT_FREQ, TX_SORT_ALPHA } tx_sort;

/* A term's status.  Extraction finds candidates; an imported term is
 * approved unless its file says otherwise. */
typedef enum tx_term_status {
    TX_TERM_CANDIDATE = 0, /* "candidate": found, not reviewed */
    TX_TERM_APPROVED,      /* "approved": listed and exported whatever its scores */
    TX_TERM_REJECTED       /* "rejected": a form not to use, still exported */
} tx_term_status;

/* The name the glossary stores and every output writes for `status`
 * ("candidate", "approved", "rejected"): a static string, NULL for a value
 * that is no status. */
const char *tx_term_status_name(tx_term_status status);

/* Set *out to the status named `name` (as tx_term_status_name() writes it,
 * case included); 0, or -1 (and *out unchanged) when `name` is NULL or names
 * no status. */
int tx_term_status_from_name(const char *name, tx_term_status *out);

/* One glossary term as read back from the store (plain data). */
typedef struct tx_term {
    int64_t id;
    const char *canonical; /* preferred written form, UTF-8 NFC */
    const char *key;       /* comparison key: stems and normalised function words */
    const char *lang;      /* the term's language, a BCP 47 tag ("fr") */
    tx_term_status status;
    unsigned n_words;      /* words, punctuation excluded */
    unsigned n_content;    /* content (non-function) words */
    uint64_t freq;         /* occurrences in the corpus, all variants */
    unsigned df;           /* documents it occurs in */
    double cvalue;         /* C-value (Frantzi et al. 2000) */
    double score;          /* final ranking score, see README */
    const char *translation; /* best translation, or NULL (lists only) */
    int listed;            /* `termex list` shows it (see README, scores) */
} tx_term;

/* Called once per term; a non-zero return stops the iteration (and is returned
 * as TX_OK).  `t` and its strings are valid only during the call. */
typedef int (*tx_term_fn)(const tx_term *t, void *arg);

/* Call `fn` for the `top` best listed terms (0 = all) in `sort` order. */
tx_status tx_store_list_terms(tx_store *st, tx_sort sort, unsigned top,
                              tx_term_fn fn, void *arg, tx_error *err);

/* The thresholds a term must pass to be listed.  A glossary keeps its own
 * (tx_extract_run() records them and changes them when asked); a view of the
 * list may narrow them (tx_store_list_view()). */
typedef struct tx_listing {
    unsigned min_freq;  /* occurrences in the corpus, at least (default 2) */
    unsigned min_words; /* content words, at least (default 2) */
    unsigned max_words; /* content words, at most (default 8) */
} tx_listing;

/* A view of the listed terms that changes nothing stored. */
typedef struct tx_list_view {
    /* Only the listed terms that these thresholds list too; 0 in a field is
     * the glossary's own value.  The glossary's thresholds decided which
     * terms are listed at all, so a view can only narrow the list: a lower
     * value than the glossary's shows the same terms. */
    tx_listing listing;
    int status; /* only terms of this tx_term_status; -1: any */
} tx_list_view;

/* tx_store_list_terms() through `view` (NULL: all listed terms); `top`
 * counts the terms the view shows. */
tx_status tx_store_list_view(tx_store *st, tx_sort sort, unsigned top,
                             const tx_list_view *view, tx_term_fn fn, void *arg,
                             tx_error *err);

/* Called once per written form of a term; a non-zero return stops the
 * iteration (and is returned as TX_OK).  `surface` is valid only during the call. */
typedef int (*tx_variant_fn)(const char *surface, uint64_t count, void *arg);

/* Call `fn` for each written form of term `term_id` (a tx_term's id) seen in
 * the corpus, most frequent first; the canonical form is one of them unless
 * the term was imported or a user chose its form.  May be called from a
 * tx_term_fn. */
tx_status tx_store_list_variants(tx_store *st, int64_t term_id, tx_variant_fn fn,
                                 void *arg, tx_error *err);

/* Details of one term for `termex show`; strings owned by the tx_term_info
 * and freed by tx_term_info_free(). */
typedef struct tx_variant {
    char *surface;
    uint64_t count;
} tx_variant;

typedef struct tx_term_doc {
    char *path;
    uint64_t count;
} tx_term_doc;

typedef struct tx_context {
    char *path;     /* document the sentence comes from */
    char *sentence; /* the cleaned sentence around the occurrence */
    unsigned page;  /* its page in the document (PDF), from 1; 0 = unknown */
} tx_context;

typedef struct tx_translation {
    char *lang;
    char *text;
    double score;
    char *method;      /* how it was found, e.g. "cooccurrence+cognate" */
    unsigned n_segments; /* supporting segment pairs */
    char *example_src; /* one supporting pair, or NULL */
    char *example_tgt;
    int status;        /* a tx_tr_status (declared with the review below) */
    char *note;        /* the reviewer's note, or NULL */
} tx_translation;

typedef struct tx_relation {
    char *kind;      /* "elliptic": an elliptic term a coordinated term implies */
    char *text;      /* the other term's canonical form, or its written form */
    int in_glossary; /* the other term is itself in the glossary */
} tx_relation;

typedef struct tx_term_info {
    tx_term term;               /* its strings point into this struct's storage */
    char *strings;              /* storage for term.canonical/key/lang */
    tx_variant *variants;       /* most frequent first */
    size_t n_variants;
    tx_term_doc *docs;          /* by descending count */
    size_t n_docs;
    tx_context *contexts;
    size_t n_contexts;
    tx_translation *translations;
    size_t n_translations;
    tx_relation *relations;
    size_t n_relations;
} tx_term_info;

/* Look `text` up (by canonical form, any variant, or its normalised key) and fill
 * *out; TX_ENOTFOUND when the glossary has no such term.  The caller owns *out.
 * The key is computed with the profile of the glossary's source language
 * from the default places (tx_lang_check()). */
tx_status tx_store_get_term(tx_store *st, const char *text, tx_term_info **out,
                            tx_error *err);
/* The same with the profiles of `data_dir` (NULL: the default places). */
tx_status tx_store_lookup_term(tx_store *st, const char *text, const char *data_dir,
                               tx_term_info **out, tx_error *err);
void tx_term_info_free(tx_term_info *info);

/* Start a read transaction, so that the reads until tx_store_end_read() see
 * one snapshot of the glossary whatever other processes commit meanwhile
 * (tx_store_get_term() takes one of its own).  Inside a transaction already,
 * nothing starts and *began is 0; pass *began on to tx_store_end_read(),
 * which then leaves that transaction alone. */
tx_status tx_store_begin_read(tx_store *st, int *began, tx_error *err);
void tx_store_end_read(tx_store *st, int began);

/* ---- review: a person's decisions ------------------------------------------ */

/* Every decision below is made on one term, named by its id (tx_term.id;
 * tx_review_find() turns what a user typed into one), and recorded in the
 * term's history with who made it and when.  Each runs in a transaction of
 * its own, or in the caller's (tx_review_begin()).  Extraction never undoes a
 * decision: it adds counts and contexts, and leaves the status, the entry
 * form a person set, the fields and the translations a person gave alone. */

/* A translation's status, per target language. */
typedef enum tx_tr_status {
    TX_TR_CANDIDATE = 0, /* "candidate": found by alignment, not reviewed */
    TX_TR_APPROVED,      /* "approved": the translation to use */
    TX_TR_FORBIDDEN      /* "forbidden": a translation not to use (check names it) */
} tx_tr_status;

/* The stored and written name of `s`; NULL for a value that is no status. */
const char *tx_tr_status_name(tx_tr_status s);
/* Set *out to the status named `name`; 0, or -1 when it names none. */
int tx_tr_status_from_name(const char *name, tx_tr_status *out);

/* The fields a person sets on a term (or, for the term data, on a
 * translation).  Their names are the CLI's, the CSV sheet's column names and
 * the keys of `termex show --format json`. */
typedef enum tx_field {
    TX_FIELD_FORM = 0,   /* "form": the entry form (the term as written) */
    TX_FIELD_NOTE,       /* "note" */
    TX_FIELD_DEFINITION, /* "definition" */
    TX_FIELD_DOMAIN,     /* "domain": TBX subjectField */
    TX_FIELD_POS,        /* "pos": TBX partOfSpeech ("noun", "verb", ...) */
    TX_FIELD_USAGE,      /* "usage": a usage note */
    TX_FIELD_GENDER,     /* "gender": TBX grammaticalGender */
    TX_FIELD_GEO,        /* "geo": TBX geographicalUsage */
    TX_FIELD_TYPE,       /* "type": TBX termType */
    TX_FIELD_COUNT
} tx_field;

const char *tx_field_name(tx_field f);
int tx_field_from_name(const char *name, tx_field *out);

/* Who decides, and on what.  `user` is recorded in the history (NULL: the
 * login name, else "unknown").  `version` is the term's version the person
 * saw (tx_term_review.version); a decision on a term changed since is refused
 * with TX_ESTALE and a message naming the change; 0: whatever the version.
 * The time recorded is now, UTC, or SOURCE_DATE_EPOCH when it is set (so that
 * a scripted session gives the same file each time).  Inside a
 * tx_review_begin() transaction a term's version steps once, however many
 * decisions it gets there, and `version` is compared with the one it had
 * before the transaction: the group is one change. */
typedef struct tx_review {
    const char *user;
    int64_t version;
} tx_review;

/* What review adds to a term (tx_review_get()); strings NULL when unset. */
typedef struct tx_term_review {
    int64_t version;   /* bumped by every decision */
    int form_locked;   /* a person set the entry form */
    const char *fields[TX_FIELD_COUNT]; /* [TX_FIELD_FORM] is the canonical form */
} tx_term_review;

/* Find the term a user means by `text`: "#12" (or "12" when no term is
 * written so) is an id; else as tx_store_lookup_term() does (canonical form,
 * a variant, case-insensitively, then the key computed with the profiles of
 * `data_dir`, NULL for the default places).  TX_ENOTFOUND with a message
 * naming `text` when there is none. */
tx_status tx_review_find(tx_store *st, const char *text, const char *data_dir,
                         int64_t *id, tx_error *err);

/* Group several decisions into one transaction: all are kept or none.
 * tx_review_end(st, 1) commits, tx_review_end(st, 0) rolls back.  A failed
 * decision inside leaves nothing and the others stand until the end.
 * TX_EINVAL when a transaction is open already (tx_review_begin()) or none
 * is (tx_review_end()).  Without one, each decision commits on its own; a
 * decision made while the caller holds a transaction of the store (an
 * import) joins it. */
tx_status tx_review_begin(tx_store *st, tx_error *err);
tx_status tx_review_end(tx_store *st, int commit, tx_error *err);

/* Set the status of term `id`.  An approved term is listed and exported
 * whatever its score; a rejected one is listed as rejected (whatever its
 * score too: rescoring keeps both listed) and exported only when asked, as
 * deprecatedTerm; TX_TERM_CANDIDATE resets the decision, and leaves the term
 * listed or not as it is until the next extraction rescores it. */
tx_status tx_review_status(tx_store *st, int64_t id, tx_term_status status,
                           const tx_review *r, tx_error *err);

/* Set field `f` of term `id` to `value` (NULL or "": cleared; the entry form
 * cannot be cleared: TX_EINVAL).  Setting the entry form locks it:
 * extraction no longer chooses it (tx_review_unlock_form() lets it again).
 * A form that is another term's entry form, case aside, is refused
 * (TX_EINVAL, naming it: merge the two instead).  A value is valid UTF-8 of characters XML
 * allows, 64 KiB at most, and the form one line (no tab or line break):
 * else TX_EINVAL. */
tx_status tx_review_set(tx_store *st, int64_t id, tx_field f, const char *value,
                        const tx_review *r, tx_error *err);
/* Let extraction choose the entry form of term `id` again; it is chosen
 * from the written forms at once (an approved term's stays). */
tx_status tx_review_unlock_form(tx_store *st, int64_t id, const tx_review *r,
                                tx_error *err);

/* Give term `id` translation `text` into `lang` with `status`: added if the
 * term has no such translation (as the reviewer's, score 1), else its status
 * changed (an aligned one keeps its evidence).  `note` (may be NULL:
 * unchanged; "": cleared) is the translation's note.  Alignment run again
 * replaces only its own candidates. */
tx_status tx_review_translation(tx_store *st, int64_t id, const char *lang,
                                const char *text, tx_tr_status status, const char *note,
                                const tx_review *r, tx_error *err);
/* Remove translation `text` into `lang` of term `id` (TX_ENOTFOUND: none). */
tx_status tx_review_remove_translation(tx_store *st, int64_t id, const char *lang,
                                       const char *text, const tx_review *r,
                                       tx_error *err);

/* Merge term `from` into term `into`, one concept: `into` keeps its entry
 * form, status and fields (a field it lacks is taken from `from`), and gains
 * the other's written forms (as variants), counts, documents, contexts,
 * links and translations (a status set on either is kept, approved and
 * forbidden winning over candidate; `into`'s when both set one); `from`'s
 * entry form becomes a written form of `into`; `from` is deleted, and a later
 * extraction that finds it adds to `into`.  Both histories go on under `into`.
 * TX_EINVAL for one term, or terms of two languages; `r`'s version is
 * `into`'s. */
tx_status tx_review_merge(tx_store *st, int64_t into, int64_t from, const tx_review *r,
                          tx_error *err);

/* Delete term `id` and everything that hangs on it (variants, contexts,
 * links, translations); its history stays, with the deletion.  A later
 * extraction that finds it again adds it back as a candidate (reject a term
 * to keep it out of the glossary). */
tx_status tx_review_delete(tx_store *st, int64_t id, const tx_review *r, tx_error *err);

/* Read what review holds on term `id` into *out (strings valid until the
 * next call on `st`: copy them). */
tx_status tx_review_get(tx_store *st, int64_t id, tx_term_review *out, tx_error *err);

/* One line of a term's history. */
typedef struct tx_history {
    const char *at;     /* UTC, ISO 8601 ("2026-12-07T20:31:00Z"), or a date */
    const char *who;
    const char *action; /* "approve", "reject", "reset"; "form", "unlock-form";
                         * "set-FIELD", "clear-FIELD" (tx_field_name():
                         * "set-note", ...); on a translation "translate"
                         * (approved), "forbid", "suggest" (candidate),
                         * "remove-translation"; "merge", "delete", "import",
                         * or an imported TBX transaction: "origination",
                         * "modification" */
    const char *detail; /* the new value; "LANG: TEXT" for a translation; the
                         * merged term, "FORM (#ID)"; may be NULL */
} tx_history;

/* Call `fn` for each line of the history of term `id`, oldest first. */
tx_status tx_review_history(tx_store *st, int64_t id,
                            int (*fn)(const tx_history *h, void *arg), void *arg,
                            tx_error *err);

/* ---- extraction ------------------------------------------------------------ */

/* Progress report: `done` of `total` inputs handled, `bytes` read so far.  A
 * non-zero return cancels the run (TX_ESTOPPED, see "Callbacks" above). */
typedef int (*tx_progress_fn)(size_t done, size_t total, uint64_t bytes, void *arg);

/* Called for each input that is skipped (unreadable, not text, ...) or
 * already in the glossary; `msg` names the file and the problem.  A non-zero
 * return cancels the run (TX_ESTOPPED). */
typedef int (*tx_notice_fn)(tx_status rc, const char *msg, void *arg);

/* Limits of the extraction options: content words per term (min_words,
 * max_words) and worker threads (jobs).  Other runs look for terms of at most
 * TX_MAX_WORDS words too. */
#define TX_MAX_WORDS 32
#define TX_MAX_JOBS 256

/* The source language of a new glossary when none is given. */
#define TX_DEFAULT_LANG "fr"

/* How the text of a document is cut into paragraphs, the units no term
 * crosses.  AUTO: paragraphs are rebuilt from the lines of plain text (its
 * lines broken mid-sentence are joined); the text of PDF, DOCX, HTML and
 * other documents a reader turns into text, and the segments of bilingual
 * files, stay one paragraph per line.  PARAGRAPHS: paragraphs are rebuilt in
 * the documents too (not in bilingual files, whose segments are never
 * joined).  LINES: one paragraph per line for plain text too (a list of UI
 * strings, one per line). */
typedef enum tx_segment_mode {
    TX_SEGMENT_AUTO = 0,
    TX_SEGMENT_PARAGRAPHS,
    TX_SEGMENT_LINES
} tx_segment_mode;

/* A glossary keeps its settings: its source language, the profile it was
 * extracted with and its listing thresholds (tx_listing).  In the options of
 * a run, NULL or 0 means "the glossary's" (for a new glossary: "fr", 2, 2,
 * 8); a threshold given that differs from the glossary's replaces it, for
 * this run and later ones (tx_extract_stats.replaced says which); a language
 * other than the glossary's is refused (TX_EINVAL, nothing written): a
 * glossary has one source language. */
typedef struct tx_extract_opts {
    const char *lang;       /* a BCP 47 tag, "fr", "EN", "fr-CA"; NULL: the glossary's */
    const char *data_dir;   /* where the profiles <lang>/ live; NULL = default places */
    unsigned min_freq;      /* listed terms occur at least this often (0: the glossary's) */
    unsigned min_words;     /* content words per term, at least (0: the glossary's) */
    unsigned max_words;     /* content words per term, at most (0: the glossary's;
                             * TX_MAX_WORDS at most) */
    unsigned jobs;          /* worker threads (default 1, TX_MAX_JOBS at most) */
    unsigned max_contexts;  /* example sentences kept per term (default 5) */
    /* Memory for the candidate tables of the run, in bytes (default 1 GiB; 0
     * = no limit).  When the tables outgrow it, the rarest candidates seen so
     * far (seen once, then twice, ...) are dropped: counts stay exact for the
     * terms that are kept, but a term whose occurrences are spread thinly
     * over a very large run can be missed (see tx_extract_stats.n_pruned). */
    uint64_t max_memory;
    /* Files found by walking a directory are read when their path relative
     * to the directory walked, or their base name, matches one of `include`
     * (all, when there is none) and none of `exclude` (fnmatch() globs; a
     * directory matching `exclude` is not walked).  Files named in `paths`
     * are always read. */
    const char *const *include;
    size_t n_include;
    const char *const *exclude;
    size_t n_exclude;
    tx_segment_mode segment; /* how text is cut into paragraphs (default auto) */
    int target_side;        /* bilingual files (XLIFF, TMX, PO): read the target side */
    int report_ignored;     /* report each file skipped quietly (an image, a
                               stylesheet, a font...) through `notice`, with TX_OK */
    /* Paragraphs confidently in another language than the corpus's are not
     * term evidence and are skipped, when the language's profile names a
     * fingerprint (setting textcat; tx_extract_stats.n_other_lang); set to
     * keep them. */
    int keep_other_languages;
    /* A paragraph found in at least max(3, half) of the run's documents
     * (running headers, navigation, "Report a documentation error") counts
     * once, not once per document (tx_extract_stats.n_boilerplate); set to
     * count every copy. */
    int keep_boilerplate;
    /* The reference profile of general language that termhood is measured
     * against (docs/design.md, step 7): a file `termex reference` wrote,
     * "default" (the language profile's reference.txt, none if it has none)
     * or "none"; NULL: the glossary's choice, else "default".  The glossary
     * remembers it for later runs. */
    const char *reference;
    /* Tuning: the phrase's share of termhood against its words' (default
     * 0.5) and the termhood in bits below which a term is not listed
     * (default 4.0); used only with a reference profile. */
    double termhood_weight;
    double termhood_min;
    /* Tuning: a one-word term's ranking score is multiplied by this (default,
     * and 0: TX_DEFAULT_ONE_WORD_WEIGHT of score.h, 0.15); the list's content
     * is the same. */
    double one_word_weight;
    tx_progress_fn progress;
    tx_notice_fn notice;
    void *cb_arg;
} tx_extract_opts;

/* Fill `o` with the defaults documented above (the glossary's settings). */
void tx_extract_opts_init(tx_extract_opts *o);

/* ---- reference profiles of general language (termex reference) ---------- */

typedef struct tx_reference_opts {
    tx_extract_opts extract;  /* how the documents are read: lang, data_dir, jobs,
                               * segment, callbacks...; its thresholds and
                               * reference are set by tx_reference_write() */
    unsigned min_count;       /* multiword keys seen at least this often (default 3) */
    unsigned max_words;       /* multiword keys of at most this many content words (3) */
    const char *const *sources; /* the "# source:" lines (none: one that counts
                                 * the documents) */
    size_t n_sources;
} tx_reference_opts;

/* Fill `o` with the defaults above. */
void tx_reference_opts_init(tx_reference_opts *o);

/* Extract the documents at `paths` as `termex extract --min-words 1` would,
 * into a temporary glossary in $TMPDIR (or /tmp), and write the reference
 * profile of their language to `out` (format: extractor/reference.h; written
 * to a temporary file beside it, then renamed): every one-word key, and the
 * multiword keys of the limits of `o`.  *n_keys (may be NULL) gets the number
 * of keys written.  TX_OK, TX_EPARTIAL (written; some inputs could not be
 * read), or the run's or the file's error (nothing written). */
tx_status tx_reference_write(const char *const *paths, size_t n_paths,
                             const tx_reference_opts *o, const char *out,
                             uint64_t *n_keys, tx_error *err);

/* TX_OK when termex can read language `lang`, a BCP 47 tag (case and '_' /
 * '-' do not matter: "fr", "EN", "fr_CA"): `data_dir` (NULL: the default
 * places) has a valid profile for it, <tag>/profile.txt or that of its
 * language, <language>/profile.txt, naming a Snowball stemmer libstemmer has;
 * else TX_EINVAL, TX_ENOTFOUND or TX_EINPUT ("file:line: ...") saying what is
 * wrong.  The default places, searched in turn: $TERMEX_DATA_DIR;
 * share/termex/stopwords of the prefix the running program is installed in
 * (found from the program, so a moved prefix still works); stopwords/ beside
 * the program (the uninstalled build); the data folder of the prefix termex
 * was configured for.  A command checks its languages with this before it
 * opens, and so creates, a glossary.  The glossary keeps a tag in canonical
 * form ("en", "fr-CA"): every command takes the same language however it is
 * written. */
tx_status tx_lang_check(const char *lang, const char *data_dir, tx_error *err);

/* Summary of a run, filled by tx_extract_run(). */
typedef struct tx_extract_stats {
    size_t n_inputs;     /* files (and stdin) considered */
    size_t n_added;      /* documents added to the glossary */
    size_t n_known;      /* skipped: same content already in the glossary, or
                            in an earlier input of this run */
    size_t n_failed;     /* skipped: could not be read or decoded */
    size_t n_ignored;    /* skipped quietly: images, stylesheets, scripts, fonts,
                            audio, video, archives found in the inputs */
    char formats[160];   /* documents added per format, "3 PDF, 9 HTML", when
                            they are not all plain text; else "" */
    uint64_t n_bytes;    /* bytes of the added documents */
    uint64_t n_tokens;   /* word tokens of the added documents */
    size_t n_terms;      /* listed terms in the glossary after the run */
    size_t n_candidates; /* distinct candidates found in the added documents */
    double t_process;    /* seconds: reading, decoding, tokenizing, candidates */
    double t_store;      /* seconds: merging the candidates into the glossary */
    double t_score;      /* seconds: rescoring the whole glossary, committing */
    uint64_t n_pruned;   /* candidates dropped to stay within max_memory, or 0 */
    unsigned prune_freq; /* the most frequent of them had been seen this often */
    unsigned n_prunes;   /* times the tables were pruned */
    tx_listing listing;  /* the thresholds the run listed with, kept by the glossary */
    tx_listing replaced; /* for each threshold the options changed, the glossary's
                            value before the run; 0: not changed */
    uint64_t n_other_lang;    /* paragraphs skipped: in another language */
    uint64_t n_boilerplate;   /* distinct paragraphs counted once as boilerplate */
    uint64_t n_boilerplate_occ; /* their copies not counted */
} tx_extract_stats;

/* Extract terms from `paths` (files, directories walked recursively, or "-" for
 * standard input) into `st`, then rescore the whole glossary; one transaction,
 * so a failure leaves the database as it was.  Returns TX_OK, TX_EPARTIAL when
 * some inputs were skipped (each reported through opts->notice) but the others
 * were stored, or an error with nothing written. */
tx_status tx_extract_run(tx_store *st, const char *const *paths, size_t n_paths,
                         const tx_extract_opts *opts, tx_extract_stats *stats,
                         tx_error *err);

/* ---- alignment: translations from parallel text ---- */

typedef enum tx_parallel_kind {
    TX_PARALLEL_TMX,   /* a TMX file (src); languages picked by xml:lang */
    TX_PARALLEL_LINES, /* two line-aligned files: line i of src = line i of tgt */
    TX_PARALLEL_DOCS,  /* two documents, or two directories whose files pair by
                        * name, not sentence-aligned: aligned here */
    TX_PARALLEL_XLIFF  /* an XLIFF 1.2 or 2.0 file (src): source and target */
} tx_parallel_kind;

typedef struct tx_parallel_input {
    tx_parallel_kind kind;
    const char *src; /* the TMX file, or the source-language file or directory */
    const char *tgt; /* the target-language file or directory (NULL for TMX) */
} tx_parallel_input;

typedef struct tx_align_opts {
    const char *src_lang;        /* language of the glossary's terms (default "fr") */
    const char *tgt_lang;        /* language of the translations (default "en") */
    const char *data_dir;        /* stop lists; NULL = default places */
    const char *const *dicts;    /* bilingual lists (TSV: source<TAB>target, or the
                                  * EuroVoc layout with fr_pref/en_pref columns) */
    size_t n_dicts;
    double min_bead_score;       /* document pairs: sentence beads below are dropped (0.3) */
    double min_doc_score;        /* document pairs: a pair aligned worse is dropped (0.2) */
    unsigned max_alternatives;   /* alternatives kept besides the best (3) */
    tx_notice_fn notice;         /* skipped inputs, document pair scores */
    void *cb_arg;
} tx_align_opts;

void tx_align_opts_init(tx_align_opts *o);

typedef struct tx_align_stats {
    size_t n_segments_read;  /* segment pairs read from the inputs */
    size_t n_segments_new;   /* of which were not in the glossary yet */
    size_t n_segments;       /* segment pairs in the glossary for the language pair */
    size_t n_dropped;        /* document sentence beads dropped as unreliable */
    size_t n_terms;          /* listed terms of the source language */
    size_t n_terms_seen;     /* of which occur in the segments */
    size_t n_translated;     /* of which got a translation */
    double seconds;
} tx_align_stats;

/* Read the parallel inputs into the glossary's segments, then (re)compute the
 * translations of every listed source-language term from all the segments of
 * the language pair, in one transaction: on error the glossary is unchanged.
 * A malformed input is an error (nothing written), naming file and line. */
tx_status tx_align_run(tx_store *st, const tx_parallel_input *inputs, size_t n_inputs,
                       const tx_align_opts *opts, tx_align_stats *stats, tx_error *err);

/* ---- exchange: TBX, CSV, TSV, JSON ---- */

typedef enum tx_format {
    TX_FORMAT_TBX,     /* TBX-Basic, ISO 30042:2019 (DCA style); CLI "tbx2019" */
    TX_FORMAT_TBX2008, /* TBX-Basic 2008, <martif>: what OmegaT 3.6 and
                        * translate-toolkit read; the default, CLI "tbx" */
    TX_FORMAT_CSV,     /* RFC 4180, UTF-8, header row */
    TX_FORMAT_TSV,
    TX_FORMAT_JSON,    /* an array of concepts (export only) */
    TX_FORMAT_OMEGAT   /* OmegaT's glossary: tab-separated source, target,
                        * comment; no header (.txt, .utf8) */
} tx_format;

typedef struct tx_export_opts {
    tx_format format;      /* default TX_FORMAT_TBX2008 */
    const char *src_lang;  /* terms of this language (default "fr") */
    const char *tgt_lang;  /* translations into this one (default "en") */
    int approved_only;     /* only approved terms (default: listed and approved) */
    int with_rejected;     /* rejected terms too, as deprecatedTerm (default 0) */
    double min_score;      /* only terms scoring at least this (default 0) */
    const char *title;     /* for the TBX header (default "termex glossary") */
    int bom;               /* CSV/TSV: start with a UTF-8 byte-order mark */
    int no_source;         /* leave out where each context comes from */
} tx_export_opts;

void tx_export_opts_init(tx_export_opts *o);

/* Write the glossary to `path` (NULL: standard output), streaming, in
 * alphabetical order of the terms.  A regular file (or a new path) is written
 * as an unnamed file beside it, renamed over it only when complete: a failed
 * or interrupted export leaves neither a half-written file nor a temporary
 * one.  A device or FIFO is written in place; the glossary itself or its
 * -wal/-shm/-journal (by identity, whatever the name), a directory or a
 * dangling link are refused with TX_EINVAL before anything is written, and
 * so are a src_lang the glossary has no term in and a tgt_lang it has no
 * translation into (when it has translations), the message naming the
 * languages it has.  *n_written (may be NULL) receives the number of
 * concepts. */
tx_status tx_export_run(tx_store *st, const char *path, const tx_export_opts *opts,
                        size_t *n_written, tx_error *err);

typedef struct tx_import_opts {
    const char *src_lang;  /* default "fr" */
    const char *tgt_lang;  /* default "en" */
    const char *data_dir;  /* stop lists (term keys are computed as extraction does) */
    tx_notice_fn notice;   /* each row or entry skipped, named with its file and
                            * line ("terms.csv:12: ..."), and what the file
                            * held that the glossary does not keep; NULL = not
                            * reported */
    void *cb_arg;
    const char *user;      /* recorded in the terms' history (see tx_review) */
    /* Language codes of the file that termex does not know, mapped: each
     * "CODE=TAG" ("xx=en"), for a TBX's xml:lang and a CSV/TSV header's
     * cells; without a mapping such a code is an error. */
    const char *const *lang_map;
    size_t n_lang_map;
} tx_import_opts;

void tx_import_opts_init(tx_import_opts *o);

typedef struct tx_import_stats {
    size_t n_concepts;     /* read from the file */
    size_t n_new;          /* terms created */
    size_t n_merged;       /* terms already in the glossary */
    size_t n_skipped;      /* rows (TBX: entries) skipped, each reported through
                            * tx_import_opts.notice: no word in the source term */
} tx_import_stats;

/* Import a TBX (2019 or 2008), CSV, TSV or OmegaT file into the glossary (by
 * its extension: .csv, .tsv or .tab, .utf8 OmegaT's, .txt a review sheet when
 * its first line is a header, else OmegaT's; by its content otherwise: TBX
 * when it starts with '<'), `path` "-" standard input, in one
 * transaction: on any error (a malformed or hostile file, invalid UTF-8, a
 * character XML forbids) nothing is written, and the message names the file
 * and line.  A row whose source term has no word is skipped and reported
 * through opts->notice; the others are committed and the result is then
 * TX_EPARTIAL. */
tx_status tx_import_run(tx_store *st, const char *path, const tx_import_opts *opts,
                        tx_import_stats *stats, tx_error *err);

/* ---- small text lists ---- */

/* Called for each line: `line` (NUL-terminated, valid UTF-8, without its line
 * end, `len` bytes; the callee may modify it) is valid during the call only.
 * A non-zero return stops the reading (TX_OK). */
typedef int (*tx_line_fn)(char *line, size_t len, unsigned long lineno, void *arg);

/* Read the text file at `path` line by line, for small lists (bilingual
 * dictionaries, lists of exceptions): lines end at LF, CRLF or CR, empty lines
 * are passed too.  A BOM decides the encoding (UTF-8, UTF-16, UTF-32), as for
 * an imported CSV file.  Memory holds one line.  Refused: a directory (TX_EIO,
 * "PATH: Is a directory"); a file of more than `max_bytes` bytes, counted as it
 * is read, so a pipe or /dev/zero is stopped too (TX_EINPUT, "PATH: file larger
 * than N bytes"); with "PATH:LINE: ...", a NUL byte (binary data), invalid
 * UTF-8 (a Latin-1 file), a line longer than 1 MiB.  TX_EIO when the file
 * cannot be read, TX_ENOMEM.  Lines before the error have been passed to
 * `fn`. */
tx_status tx_read_lines(const char *path, unsigned long long max_bytes, tx_line_fn fn,
                        void *arg, tx_error *err);

/* ---- checking translations against the glossary ---- */

typedef struct tx_check_issue {
    const char *kind;     /* "missing": the target holds no accepted translation;
                           * "forbidden": the target uses a forbidden
                           * translation (even beside an accepted one);
                           * "inconsistent": the file translates the term in
                           * several ways (a summary, after the segments);
                           * tx_check_corpus(): "mixed", "undefined", "shortened" */
    const char *file;     /* the input it was found in */
    const char *ref;      /* "line 12", "tu 42", "unit u7"; NULL for summaries */
    const char *term;     /* the glossary term (canonical form) */
    const char *expected; /* the accepted translation(s), " | "-separated */
    const char *found;    /* what the target uses instead, when it is a known
                           * variant ("missing"); the forbidden form as the
                           * target writes it ("forbidden"); or the counts of
                           * each form for summaries */
    const char *src;      /* the segment pair, NULL for summaries */
    const char *tgt;
} tx_check_issue;

/* Called for each issue, in file order; the strings are valid during the call.
 * A non-zero return stops the check, which then returns TX_OK. */
typedef int (*tx_check_fn)(const tx_check_issue *issue, void *arg);

typedef struct tx_check_opts {
    const char *src_lang;        /* default "fr" */
    const char *tgt_lang;        /* default "en" */
    const char *data_dir;
    const char *const *ignore;   /* accepted exceptions: a term ("diplomatie
                                  * préventive"), or a term and a ref separated
                                  * by a tab ("diplomatie préventive\tline 12") */
    size_t n_ignore;
    tx_notice_fn notice;
    void *cb_arg;
} tx_check_opts;

void tx_check_opts_init(tx_check_opts *o);

typedef struct tx_check_stats {
    size_t n_segments;     /* segment pairs checked */
    size_t n_occurrences;  /* glossary terms found in their sources */
    size_t n_issues;       /* issues reported (ignored ones excluded) */
    size_t n_ignored;
    size_t n_terms;        /* glossary terms with an accepted or forbidden translation */
} tx_check_stats;

/* Check the translations in `inputs` (TMX, line-aligned files, XLIFF) against
 * the glossary: for each segment whose source holds a glossary term (matched
 * by stems, so inflected forms count; rejected terms are not checked), an
 * issue "forbidden" when the target uses one of the term's forbidden
 * translations (TX_TR_FORBIDDEN; matched by stems too, and not counted when it
 * is part of an accepted one used there: "diplomacy" in "preventive
 * diplomacy"), else "missing" when it holds none of its accepted translations
 * (the approved ones, TX_TR_APPROVED, whatever found them; for a term without
 * any, the candidates the aligner scored 0.5 or more; never a forbidden one);
 * then one issue per term translated in several ways across the inputs.
 * Nothing is written to the glossary.
 * Streams: memory does not grow with the number of segments.  It holds the
 * glossary's terms and translations (a use counter per translation, a
 * last-seen mark per distinct translation key), the segment pair at hand, per
 * language a table of the word forms met, started afresh past 8 MiB, and per
 * line-aligned file a block of whole lines of about 1 MiB (or one longer
 * line); these files are read twice, first to count their lines.  TMX and
 * XLIFF are read one unit at a time.  Read whole instead: line-aligned files
 * that are not plain UTF-8 (UTF-16, an 8-bit charset, control characters) or
 * not regular files (pipes), up to 1 GiB each, and document pairs
 * (TX_PARALLEL_DOCS), which are aligned whole. */
tx_status tx_check_run(tx_store *st, const tx_parallel_input *inputs, size_t n_inputs,
                       const tx_check_opts *opts, tx_check_fn fn, void *arg,
                       tx_check_stats *stats, tx_error *err);

/* Check the corpus itself: for each glossary term with an acronym defined in
 * the documents ("Office des Nations Unies contre la drogue et le crime
 * (ONUDC)"), an issue per document that mixes the full form and the acronym
 * (kind "mixed": found = the counts of each form there) and per document that
 * uses the acronym without the full form (kind "undefined"), and per
 * document using a name beside a shorter listed name that begins it (kind
 * "shortened"); rejected terms are not checked; `file` is the document.
 * Nothing is written. */
tx_status tx_check_corpus(tx_store *st, const tx_check_opts *opts, tx_check_fn fn,
                          void *arg, tx_check_stats *stats, tx_error *err);

#ifdef __cplusplus
}
#endif
#endif /* TX_H */
