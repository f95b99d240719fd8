# walk.sh: what `extract` does with what it finds in a folder.  A symbolic
# link loop is walked once, a FIFO or a device in a folder is skipped (only
# regular files are read from a walk; a FIFO named on the command line is
# read as a stream), and the glossary's own files are never read as
# documents, wherever they are.  Each must neither hang nor fail the run.
. "$(dirname "$0")/lib.sh"
S=$DATA/seeds
# A hang must fail the test, not block it: valgrind is 50-100 times slower.
if [ "$WRAPPED" = 1 ]; then LIMIT=900; else LIMIT=60; fi
run() { # run EXIT ARGS...: termex ARGS under a time limit
    want=$1
    shift
    expect_exit "$want" timeout "$LIMIT" "$TERMEX" "$@"
}

# 1. Two links to "." inside the folder: 2^40 paths once, now one walk.
mkdir -p "$WORK/loop"
cp "$S/000_ebfd1786662cfdea.txt" "$WORK/loop/"
ln -s . "$WORK/loop/a"
ln -s . "$WORK/loop/b"
run 0 extract --db "$WORK/loop.db" "$WORK/loop"
expect_grep "$WORK/err" "1 document(s) added" "loop: the document once"
expect_grep "$WORK/err" "loop/a': the directory" "loop: the link is named"
expect_grep "$WORK/err" "walked once" "loop: says the directory is walked once"
expect_no_grep "$WORK/err" "Too many levels" "loop: no path through the loop"

# 2. A FIFO in a walked folder is skipped, not opened (which blocks).
mkdir -p "$WORK/fifo"
cp "$S/001_1373e69d97608cbc.txt" "$WORK/fifo/"
mkfifo "$WORK/fifo/pipe"
run 0 extract --db "$WORK/fifo.db" "$WORK/fifo"
expect_grep "$WORK/err" "pipe': a FIFO, not a document, skipped" "FIFO in a folder: skipped"
expect_grep "$WORK/err" "1 document(s) added" "FIFO in a folder: the document is read"

# ... but one named on the command line is read as a stream.
mkfifo "$WORK/named-pipe"
cat "$S/002_4c466e311da07bb0.txt" >"$WORK/named-pipe" &
run 0 extract -q --db "$WORK/named.db" "$WORK/named-pipe"
wait
run 0 list --db "$WORK/named.db" --format tsv --no-header --top 0
expect_grep "$WORK/out" "Asie centrale" "a named FIFO is read"

# 3. A character device in a folder (as root: mknod) is skipped.
if [ "$(id -u)" = 0 ] && mkdir -p "$WORK/dev" && mknod "$WORK/dev/zero" c 1 5 2>/dev/null; then
    cp "$S/003_b64de43eda6f6da3.txt" "$WORK/dev/"
    run 0 extract --db "$WORK/dev.db" "$WORK/dev"
    expect_grep "$WORK/err" "a character device, not a document, skipped" "device skipped"
else
    echo "skipped: device node in a folder (not root)"
fi

# 4. The glossary inside the folder it is extracted from: its file, -wal and
# -shm are skipped on every run, named or not; no "binary data" error.
mkdir -p "$WORK/inside"
cp "$S"/*.txt "$WORK/inside/"
run 0 extract --db "$WORK/inside/g.db" "$WORK/inside"
expect_no_grep "$WORK/err" "binary" "glossary inside: not read"
run 0 extract --db "$WORK/inside/g.db" "$WORK/inside"
expect_no_grep "$WORK/err" "binary" "glossary inside, second run: not read"
expect_grep "$WORK/err" "g.db': the glossary itself, skipped" "glossary inside: said"
expect_grep "$WORK/err" "5 already known" "glossary inside: the documents are known"
# named on the command line, by another path to it
run 0 extract --db "$WORK/inside/g.db" "$WORK/inside/../inside/g.db"
expect_grep "$WORK/err" "the glossary itself, skipped" "glossary named: skipped"
# a copy of the glossary elsewhere is just a binary file
cp "$WORK/inside/g.db" "$WORK/copy.db"
run 1 extract --db "$WORK/inside/g.db" "$WORK/copy.db"
expect_grep "$WORK/err" "copy.db: skipped: SQLite database, not a document" \
    "a copy is not the glossary"
finish
