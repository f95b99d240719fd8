/* outfile.h: an output file that is complete or absent, and never the wrong file.
 *
 * `termex export -o FILE` writes through this.  What FILE is decides how:
 * - a new path or a regular file (also through a symbolic link, which stays
 *   a link to the new file): the output goes to an unnamed file in the same
 *   directory (O_TMPFILE), which is given a temporary name and renamed over
 *   FILE only once complete and on disk; interrupted at any moment before,
 *   nothing is left.  Where the file system has no O_TMPFILE, a named
 *   temporary file (FILE.tmp.XXXXXX) is used instead, which a kill during the
 *   write leaves behind;
 * - a character device or a FIFO (/dev/null, a named pipe): written in place,
 *   never replaced;
 * - the file our standard output already is (/dev/stdout, /proc/self/fd/1):
 *   standard output;
 * - the glossary itself or one of its -wal, -shm, -journal files (by device and
 *   inode, whatever the name), a directory, a block device or a symbolic link
 *   to nothing: refused (TX_EINVAL), before anything is written. */
#ifndef TX_OUTFILE_H
#define TX_OUTFILE_H

#include <stdio.h>

#include "tx.h"

typedef struct tx_outfile {
    FILE *f;        /* write the output here */
    int kind;       /* how it is published (outfile.c) */
    char *target;   /* the file renamed over at the end (rename kinds) */
    char *tmp;      /* the named temporary file, if one exists */
    const char *name; /* as the caller gave it, for messages (borrowed) */
} tx_outfile;

/* Prepare `o` to write `path` (NULL: standard output) as described above;
 * `st` (may be NULL) is the glossary the output must not overwrite.  On
 * TX_OK write to o->f, then call tx_outfile_commit() or tx_outfile_abort();
 * on failure nothing was created and `o` needs no call.  `path` must outlive
 * `o`. */
tx_status tx_outfile_open(tx_outfile *o, const char *path, tx_store *st, tx_error *err);

/* Finish the output: flush it, put a file on disk and rename it over its
 * target (signals that would stop the program are held while it is linked
 * and renamed).  On failure the target is unchanged and nothing temporary is
 * left.  Either way `o` is released. */
tx_status tx_outfile_commit(tx_outfile *o, tx_error *err);

/* Give the output up: close it and remove anything temporary; the target is
 * unchanged (a device or FIFO has had what was written).  Releases `o`. */
void tx_outfile_abort(tx_outfile *o);

#endif
