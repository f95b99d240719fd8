/* inputs.h: the parallel-input options that align and check share
 * (--tmx, --xliff, --src-file A --tgt-file B). */
#ifndef TX_CLI_INPUTS_H
#define TX_CLI_INPUTS_H

#include <stddef.h>

#include "tx.h"

typedef struct cli_inputs {
    tx_parallel_input *v; /* room for one per command-line word */
    size_t n;
    const char *pending;  /* a --src-file waiting for its --tgt-file */
} cli_inputs;

typedef enum cli_input_opt { CLI_TMX, CLI_XLIFF, CLI_SRC_FILE, CLI_TGT_FILE } cli_input_opt;

/* Set up `in` for `argc` words; -1 (message printed) when out of memory.
 * cli_inputs_release() frees it. */
int cli_inputs_init(const char *cmd, cli_inputs *in, int argc);
void cli_inputs_release(cli_inputs *in);

/* Record option `opt` with its argument; -1 with a message on misuse
 * ("--tgt-file needs a --src-file before it"). */
int cli_inputs_add(const char *cmd, cli_inputs *in, cli_input_opt opt, const char *arg);

/* After the options: -1 with a message when a --src-file has no --tgt-file. */
int cli_inputs_done(const char *cmd, const cli_inputs *in);

#endif
