# incremental.sh: re-running adds new documents, skips known ones by content,
# and rescores the whole glossary: extracting A then B gives the same glossary
# as extracting A and B at once.
. "$(dirname "$0")/lib.sh"
S=$DATA/seeds

expect_exit 0 "$TERMEX" extract -q --db "$WORK/ab.db" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/ab.db" --format tsv --no-header --top 0
cp "$WORK/out" "$WORK/ab.tsv"
# Boilerplate is what repeats across the documents of one run (the seeds'
# "L'Assemblée générale," line): runs of a few documents each cannot see it,
# so the incremental glossary is compared with one run that keeps it.
expect_exit 0 "$TERMEX" extract -q --keep-boilerplate --db "$WORK/abk.db" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/abk.db" --format tsv --no-header --top 0
cp "$WORK/out" "$WORK/abk.tsv"

expect_exit 0 "$TERMEX" extract -q --keep-boilerplate --db "$WORK/inc.db" \
    "$S/000_ebfd1786662cfdea.txt" \
    "$S/001_1373e69d97608cbc.txt"
expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --no-header --top 0
cp "$WORK/out" "$WORK/a.tsv"
# The same content under another name is skipped.
cp "$S/000_ebfd1786662cfdea.txt" "$WORK/copy.txt"
expect_exit 0 "$TERMEX" extract --db "$WORK/inc.db" "$WORK/copy.txt"
expect_grep "$WORK/err" "already in the glossary" "known document skipped"
expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --no-header --top 0
cmp -s "$WORK/out" "$WORK/a.tsv" || fail "re-running a known document changed the glossary"
# The rest of the documents.
expect_exit 0 "$TERMEX" extract -q --keep-boilerplate --db "$WORK/inc.db" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --no-header --top 0
cmp -s "$WORK/out" "$WORK/abk.tsv" ||
    fail "incremental glossary differs from the one-run glossary: $(diff "$WORK/out" "$WORK/abk.tsv" | head -5)"
[ "$(wc -l <"$WORK/ab.tsv")" -gt 50 ] || fail "too few terms: $(wc -l <"$WORK/ab.tsv")"

# --jobs 2 gives the same glossary as one thread.
expect_exit 0 "$TERMEX" extract -q --jobs 2 --db "$WORK/j2.db" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/j2.db" --format tsv --no-header --top 0
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

# The same content twice in one run: the first path in input order is the
# document, whatever the number of jobs, and the other is named as its copy.
# The copy opens the second worker's share (shares are runs of about equal
# bytes: 1-big.txt alone is about half), so that worker reaches it first.
mkdir -p "$WORK/dup"
cat "$S/000_ebfd1786662cfdea.txt" "$S/001_1373e69d97608cbc.txt" \
    "$S/002_4c466e311da07bb0.txt" "$S/004_08fd0699280038d4.txt" >"$WORK/dup/1-big.txt"
cp "$S/003_b64de43eda6f6da3.txt" "$WORK/dup/2-first.txt"
cp "$S/003_b64de43eda6f6da3.txt" "$WORK/dup/3-copy.txt"
cat "$S/004_08fd0699280038d4.txt" "$S/001_1373e69d97608cbc.txt" \
    "$S/002_4c466e311da07bb0.txt" >"$WORK/dup/4-last.txt"
for j in 1 2 2 2; do
    rm -f "$WORK/dup.db" "$WORK/dup.db-wal" "$WORK/dup.db-shm"
    expect_exit 0 "$TERMEX" extract --jobs "$j" --db "$WORK/dup.db" "$WORK/dup"
    expect_grep "$WORK/err" "3-copy.txt': same content as '$WORK/dup/2-first.txt', skipped" \
        "--jobs $j: the copy named"
    if command -v sqlite3 >/dev/null 2>&1; then
        p=$(sqlite3 "$WORK/dup.db" "SELECT group_concat(path, ' ') FROM
                                    (SELECT path FROM documents ORDER BY path)")
        case $p in
        *1-big.txt*2-first.txt*4-last.txt) ;;
        *) fail "--jobs $j: documents recorded: $p" ;;
        esac
    fi
done

# Files over 64 KiB of equal size: a copy is found by its whole content, and
# one that differs only in its last byte is a document of its own.
mkdir -p "$WORK/dup2"
cat "$S"/*.txt "$S"/*.txt >"$WORK/dup2/5-long.txt"
cp "$WORK/dup2/5-long.txt" "$WORK/dup2/6-long-copy.txt"
n=$(wc -c <"$WORK/dup2/5-long.txt")
[ "$n" -gt 65536 ] || fail "the seeds are too short for this case: $n bytes"
{ head -c $((n - 1)) "$WORK/dup2/5-long.txt"; printf 'X'; } >"$WORK/dup2/7-long-other.txt"
expect_exit 0 "$TERMEX" extract --jobs 2 --db "$WORK/dup2.db" "$WORK/dup2"
expect_grep "$WORK/err" "6-long-copy.txt': same content as '$WORK/dup2/5-long.txt', skipped" \
    "long copy named"
expect_grep "$WORK/err" "2 document(s) added" "long files"

# extract skips SQLite's per-insert foreign key checks (it writes the parents
# itself): every reference it wrote must still hold.
if command -v sqlite3 >/dev/null 2>&1; then
    for db in ab inc j2; do
        fk=$(sqlite3 "$WORK/$db.db" 'PRAGMA foreign_key_check' 2>&1)
        [ -z "$fk" ] || fail "$db.db: dangling references: $(printf '%s' "$fk" | head -3)"
    done
fi

# A lower-case term is listed only if the corpus writes its first word after
# a determiner somewhere (build_terms.c, noun_start()).  Here "portant" follows
# nouns only, until another document has "le portant": in the same run, or in
# a later one (the glossary keeps the nouns of earlier runs), on any worker.
mkdir -p "$WORK/nouns"
printf '%s\n' "Les États adoptent des mesures portant atteinte aux droits." \
    "Ils votent des lois portant atteinte aux droits." \
    "Ces textes portant atteinte aux droits sont rares." >"$WORK/nouns/a.txt"
printf '%s\n' "Le portant de la tente est solide." "Le portant résiste au vent." \
    >"$WORK/nouns/b.txt"
T="portant atteinte aux droits"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/n1.db" "$WORK/nouns/a.txt"
expect_exit 0 "$TERMEX" list --db "$WORK/n1.db" --format tsv --no-header --top 0
expect_no_grep "$WORK/out" "	$T	" "a term opening on a participle is listed"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/n1.db" "$WORK/nouns/b.txt"
expect_exit 0 "$TERMEX" list --db "$WORK/n1.db" --format tsv --no-header --top 0
expect_grep "$WORK/out" "	$T	" "the noun of a later run"
cp "$WORK/out" "$WORK/n1.tsv"
for jobs in 1 2; do
    expect_exit 0 "$TERMEX" extract -q --jobs $jobs --db "$WORK/n2-$jobs.db" \
        "$WORK/nouns/a.txt" "$WORK/nouns/b.txt"
    expect_exit 0 "$TERMEX" list --db "$WORK/n2-$jobs.db" --format tsv --no-header --top 0
    cmp -s "$WORK/out" "$WORK/n1.tsv" ||
        fail "--jobs $jobs, one run: not the list of two runs: $(diff "$WORK/n1.tsv" "$WORK/out" | head -5)"
done

# A glossary from before the nouns were kept (schema 1 here, with a document)
# cannot know its old documents' nouns: it keeps listing without the rule.
cp "$DATA/glossary-v1.db" "$WORK/old.db"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/old.db" "$WORK/nouns/a.txt"
expect_exit 0 "$TERMEX" list --db "$WORK/old.db" --format tsv --no-header --top 0
expect_grep "$WORK/out" "	$T	" "an upgraded glossary lists without the nouns-first rule"

# Its terms were keyed by Snowball stems (before schema 12): it keeps them so.
# Its later runs, `show` and imports make the same keys, so that no term is
# split in two ("Assemblée générale" under "assembl général" only).
cp "$DATA/glossary-v1.db" "$WORK/stems.db"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/stems.db" "$S"
q() { sqlite3 "$1" "$2"; }
[ "$(q "$WORK/stems.db" "SELECT value FROM meta WHERE key = 'keys'")" = stems ] ||
    fail "an old glossary's keys not marked as stems"
[ "$(q "$WORK/stems.db" "SELECT count(*) FROM terms WHERE canonical LIKE 'assemblée générale'")" = 1 ] ||
    fail "an old glossary: a term split in two: $(q "$WORK/stems.db" "SELECT key FROM terms WHERE canonical LIKE 'assemblée générale'")"
[ "$(q "$WORK/stems.db" "SELECT freq > 1 FROM terms WHERE key = 'assembl général'")" = 1 ] ||
    fail "an old glossary: the old term not counted on"
expect_exit 0 "$TERMEX" show --db "$WORK/stems.db" "Assemblée générale"
expect_grep "$WORK/out" "Assemblée générale" "show on an old glossary"
# A new glossary's keys are the lexicon's lemmas.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/lemmas.db" "$S"
[ "$(q "$WORK/lemmas.db" "SELECT count(*) FROM meta WHERE key = 'keys'")" = 0 ] ||
    fail "a new glossary marked"
[ "$(q "$WORK/lemmas.db" "SELECT count(*) FROM terms WHERE key = 'assembl général'")" = 0 ] ||
    fail "a new glossary has stem keys"

# A run that cannot start changes nothing (the missing stop lists are found
# before the glossary is opened: a usage error).
cp "$WORK/inc.db" "$WORK/before.db"
expect_exit 2 "$TERMEX" extract -q --db "$WORK/inc.db" --data-dir "$WORK/nowhere" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --no-header --top 0
cmp -s "$WORK/out" "$WORK/abk.tsv" || fail "a failed run changed the glossary"
# `list` reads while `extract` holds its write transaction: the extraction
# waits on a FIFO (the transaction is open before any input is read).
if command -v mkfifo >/dev/null 2>&1; then
    mkfifo "$WORK/fifo"
    "$TERMEX" extract -q --db "$WORK/inc.db" "$WORK/fifo" 2>"$WORK/fifo.err" &
    pid=$!
    sleep 1
    expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --no-header --top 0
    cmp -s "$WORK/out" "$WORK/abk.tsv" || fail "list during extract saw a changed glossary"
    cat "$DATA/input/cp1252.txt" >"$WORK/fifo"
    wait $pid || fail "extract from the FIFO failed: $(cat "$WORK/fifo.err")"
    expect_exit 0 "$TERMEX" list --db "$WORK/inc.db" --format tsv --no-header --top 0
fi
finish
