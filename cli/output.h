/* output.h: printing helpers shared by list and show. */
#ifndef TX_OUTPUT_H
#define TX_OUTPUT_H

#include <stdio.h>

/* Write `s` as a JSON string literal (with quotes; null when `s` is NULL), as
 * tx_escape_json() says. */
void out_json_string(FILE *f, const char *s);

/* Write `s` as one TSV field: tabs and line ends become spaces (tx_escape_tsv()). */
void out_tsv_field(FILE *f, const char *s);

/* Write `s` padded with spaces to `width` columns (counting code points). */
void out_padded(FILE *f, const char *s, int width);

/* Columns `s` takes on a terminal (code points; combining marks count 0). */
int out_width(const char *s);

/* 0 when `path` exists; else print "termex CMD: cannot open ..." and return -1.
 * Reading commands must not create an empty glossary by mistake. */
int out_db_exists(const char *cmd, const char *path);

#endif
