/* show.h: printing a term for `termex show`, as text or JSON. */
#ifndef TX_CLI_SHOW_H
#define TX_CLI_SHOW_H

#include "tx.h"

/* Print `info` of glossary `st` with what review holds on it (fields,
 * version, history), as text or as one JSON object; TX_OK or the status of
 * the read that failed (message in *err). */
tx_status show_text(tx_store *st, const tx_term_info *info, tx_error *err);
tx_status show_json(tx_store *st, const tx_term_info *info, tx_error *err);

#endif
