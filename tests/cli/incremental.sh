# incremental.sh: re-running adds new documents, skips known ones by content,
# and rescores the whole glossary: extracting A then B gives the same glossary
# as extracting A and B at once.
. "$(dirname "$0")/lib.sh"
S=$DATA/seeds

expect_exit 0 "$TERMEX" extract -q --db "$WORK/ab.db" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/ab.db" --format tsv --top 0
cp "$WORK/out" "$WORK/ab.tsv"

expect_exit 0 "$TERMEX" extract -q --db "$WORK/inc.db" "$S/000_ebfd1786662cfdea.txt" \
    "$S/001_1373e69d97608cbc.txt"
expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --top 0
cp "$WORK/out" "$WORK/a.tsv"
# The same content under another name is skipped.
cp "$S/000_ebfd1786662cfdea.txt" "$WORK/copy.txt"
expect_exit 0 "$TERMEX" extract --db "$WORK/inc.db" "$WORK/copy.txt"
expect_grep "$WORK/err" "already in the glossary" "known document skipped"
expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --top 0
cmp -s "$WORK/out" "$WORK/a.tsv" || fail "re-running a known document changed the glossary"
# The rest of the documents.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/inc.db" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --top 0
cmp -s "$WORK/out" "$WORK/ab.tsv" ||
    fail "incremental glossary differs from the one-run glossary: $(diff "$WORK/out" "$WORK/ab.tsv" | head -5)"
[ "$(wc -l <"$WORK/ab.tsv")" -gt 50 ] || fail "too few terms: $(wc -l <"$WORK/ab.tsv")"

# --jobs 2 gives the same glossary as one thread.
expect_exit 0 "$TERMEX" extract -q --jobs 2 --db "$WORK/j2.db" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/j2.db" --format tsv --top 0
cmp -s "$WORK/out" "$WORK/ab.tsv" || fail "--jobs 2 differs from --jobs 1"
# ... down to the variants, example sentences and links it keeps.
content()
{
    sqlite3 "$1" "SELECT t.key, v.surface, v.count, v.first_seen FROM variants v
                      JOIN terms t ON t.id = v.term_id ORDER BY 1, 2;
                  SELECT t.key, s.text FROM contexts c JOIN terms t ON t.id = c.term_id
                      JOIN sentences s ON s.id = c.sentence_id ORDER BY 1, 2;
                  SELECT t.key, r.kind, r.other_key, r.other_surface FROM relations r
                      JOIN terms t ON t.id = r.term_id ORDER BY 1, 2, 3;"
}
if command -v sqlite3 >/dev/null 2>&1; then
    content "$WORK/ab.db" >"$WORK/ab.content" || fail "cannot read ab.db"
    content "$WORK/j2.db" >"$WORK/j2.content" || fail "cannot read j2.db"
    [ "$(grep -c . "$WORK/ab.content")" -gt 100 ] || fail "too little content read"
    cmp -s "$WORK/ab.content" "$WORK/j2.content" ||
        fail "--jobs 2 keeps other examples or links: $(diff "$WORK/ab.content" "$WORK/j2.content" | head -4)"
fi

# extract skips SQLite's per-insert foreign key checks (it writes the parents
# itself): every reference it wrote must still hold.
if command -v sqlite3 >/dev/null 2>&1; then
    for db in ab inc j2; do
        fk=$(sqlite3 "$WORK/$db.db" 'PRAGMA foreign_key_check' 2>&1)
        [ -z "$fk" ] || fail "$db.db: dangling references: $(printf '%s' "$fk" | head -3)"
    done
fi

# A run that fails changes nothing.
cp "$WORK/inc.db" "$WORK/before.db"
expect_exit 1 "$TERMEX" extract -q --db "$WORK/inc.db" --data-dir "$WORK/nowhere" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --top 0
cmp -s "$WORK/out" "$WORK/ab.tsv" || fail "a failed run changed the glossary"
# `list` reads while `extract` holds its write transaction: the extraction
# waits on a FIFO (the transaction is open before any input is read).
if command -v mkfifo >/dev/null 2>&1; then
    mkfifo "$WORK/fifo"
    "$TERMEX" extract -q --db "$WORK/inc.db" "$WORK/fifo" 2>"$WORK/fifo.err" &
    pid=$!
    sleep 1
    expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --top 0
    cmp -s "$WORK/out" "$WORK/ab.tsv" || fail "list during extract saw a changed glossary"
    cat "$DATA/input/cp1252.txt" >"$WORK/fifo"
    wait $pid || fail "extract from the FIFO failed: $(cat "$WORK/fifo.err")"
    expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --top 0
fi
finish
