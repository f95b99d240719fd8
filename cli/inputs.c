/* inputs.c: the parallel-input options that align and check share. */
#include "inputs.h"

#include <stdlib.h>

#include "cli.h"

int cli_inputs_init(const char *cmd, cli_inputs *in, int argc)
{
    in->n = 0;
    in->pending = NULL;
    if (!(in->v = calloc((size_t)argc + 1, sizeof *in->v))) {
        cli_error(cmd, "out of memory");
        return -1;
    }
    return 0;
}

void cli_inputs_release(cli_inputs *in)
{
    free(in->v);
    in->v = NULL;
    in->n = 0;
}

int cli_inputs_add(const char *cmd, cli_inputs *in, cli_input_opt opt, const char *arg)
{
    switch (opt) {
    case CLI_TMX:
    case CLI_XLIFF:
        in->v[in->n].kind = opt == CLI_TMX ? TX_PARALLEL_TMX : TX_PARALLEL_XLIFF;
        in->v[in->n++].src = arg;
        return 0;
    case CLI_SRC_FILE:
        if (in->pending) {
            cli_error(cmd, "--src-file '%s' has no --tgt-file", in->pending);
            return -1;
        }
        in->pending = arg;
        return 0;
    case CLI_TGT_FILE:
        if (!in->pending) {
            cli_error(cmd, "--tgt-file '%s' needs a --src-file before it", arg);
            return -1;
        }
        in->v[in->n].kind = TX_PARALLEL_LINES;
        in->v[in->n].src = in->pending;
        in->v[in->n++].tgt = arg;
        in->pending = NULL;
        return 0;
    }
    return -1;
}

int cli_inputs_done(const char *cmd, const cli_inputs *in)
{
    if (in->pending) {
        cli_error(cmd, "--src-file '%s' has no --tgt-file", in->pending);
        return -1;
    }
    return 0;
}
