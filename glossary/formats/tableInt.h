/* tableInt.h: what the CSV/TSV reader (table.c) and writer (tablewrite.c)
 * share: the columns and their header names, the language codes a header
 * may hold, the decimal point.  Internal to those two files. */
#ifndef TX_TABLEINT_H
#define TX_TABLEINT_H

/* Columns of the CSV and TSV layouts, in the order they are written. */
enum column {
    COL_SRC, COL_TGT, COL_STATUS, COL_SCORE, COL_FREQ, COL_CONTEXT, COL_SOURCE, COL_POS,
    N_COLS,
    COL_NONE = -1
};

/* Header names of the columns after the two language columns (NULL for those). */
extern const char *const tx_table_col_names[N_COLS];

/* Language codes become header cells and JSON keys, so they must need no
 * quoting: 1 when `s` is 1 to 64 ASCII letters, digits, '-' and '_'. */
int tx_table_valid_lang(const char *s);

/* The C locale's decimal point, which printf("%f") writes and strtod() reads. */
const char *tx_table_locale_point(void);

#endif
