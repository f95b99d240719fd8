/* datadir.h: where the language data (the stopwords/ folder) is looked for.
 *
 * Nothing here names the source tree: an installed termex finds its data
 * relative to its own executable, so the prefix can be moved, and the
 * uninstalled build finds the link to the source stopwords/ that the build
 * makes beside the program (CMakeLists.txt). */
#ifndef TX_DATADIR_H
#define TX_DATADIR_H

#include <stddef.h>

#define TX_DATA_DIRS_MAX 5

/* Fill `dirs` with the folders to search for language data, best first, and
 * return how many there are (at least 1):
 *   - `data_dir` alone, when it is not NULL (--data-dir: no fallback);
 *   - else $TERMEX_DATA_DIR when it is set and not empty;
 *   - <bindir>/<TX_BIN_TO_DATA_DIR>, the bindir being the folder of the running
 *     program (/proc/self/exe, symbolic links resolved): ../share/termex/stopwords
 *     in an installed prefix, wherever the prefix was moved;
 *   - <bindir>/stopwords: what the build makes beside the uninstalled program;
 *   - TX_INSTALL_DATA_DIR, the data folder of the configured prefix.
 * The two folders found from the program are listed only when they exist.
 * The strings are borrowed: `data_dir`, the environment's, or static ones
 * computed once per process (thread-safe); they stay valid until the
 * environment changes. */
size_t tx_data_dirs(const char *data_dir, const char *dirs[TX_DATA_DIRS_MAX]);

#endif
