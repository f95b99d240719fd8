/* alignInt.h: the pieces of the align run shared between its files (align.c,
 * align_dict.c), as SQLite's vdbeInt.h is.  Not for use outside glossary/. */
#ifndef TX_ALIGNINT_H
#define TX_ALIGNINT_H

#include "error.h"
#include "pipeline.h"
#include "strmap.h"
#include "tx.h"

/* The bilingual lists given with --dict: whole terms, and the one-word
 * entries again as word translations for the composition score. */
typedef struct tx_align_dict {
    tx_strmap terms; /* source key -> its target keys (at most 8) */
    tx_strmap words; /* "source stem<TAB>target stem" -> non-NULL */
} tx_align_dict;

void tx_align_dict_init(tx_align_dict *d);
void tx_align_dict_release(tx_align_dict *d);

/* Add the entries of the list at `path` to `d`, keyed as the pipelines `src`
 * and `tgt` key candidates; the EuroVoc header is matched against o->src_lang
 * and o->tgt_lang.  TSV: "source<TAB>target" per line, or EuroVoc's columns (a
 * header line naming fr_pref/en_pref and fr_alt/en_alt, alternatives joined by
 * " | ").  A UTF-8 (or UTF-16 with a BOM) text file of at most 64 MiB: a
 * directory, binary data or invalid UTF-8 is refused with the file and line
 * (see tx_read_lines()). */
tx_status tx_align_dict_load(tx_align_dict *d, tx_pipeline *src, tx_pipeline *tgt,
                             const tx_align_opts *o, const char *path, tx_error *err);

/* Does the list give the target key `tgt_key` for the source key `src_key`? */
int tx_align_dict_has(const tx_align_dict *d, const char *src_key, const char *tgt_key);

/* Does it give the target stem `es` for the source stem `fs` (one-word entries)? */
int tx_align_dict_word(const tx_align_dict *d, const char *fs, const char *es);

#endif
