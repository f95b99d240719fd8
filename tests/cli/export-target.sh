# export-target.sh: what `export -o` may write.  Never the glossary (or its
# -wal/-shm), whatever the path names it by; a regular file or a new path is
# replaced whole and only once complete, and an interruption leaves neither a
# half-written target nor a temporary file; a device or FIFO is written in
# place, never replaced; a link to our standard output is standard output;
# `-o -` is standard output.
. "$(dirname "$0")/lib.sh"
S=$DATA/seeds
DB=$WORK/g.db
expect_exit 0 "$TERMEX" extract -q --db "$DB" "$S"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0
cp "$WORK/out" "$WORK/list.tsv"
intact() { # intact WHAT: the glossary still lists what it did
    expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0
    cmp -s "$WORK/out" "$WORK/list.tsv" || fail "$1: the glossary changed or is gone"
}

# 1. The glossary itself, by any name: refused before anything is written.
mkdir -p "$WORK/sub"
ln "$DB" "$WORK/hard.db" 2>/dev/null || cp "$DB" "$WORK/hard.db"
ln -s "$DB" "$WORK/link.db"
for target in "$DB" "$WORK/sub/../g.db" "$WORK/link.db" "$DB-wal" "$DB-shm" "$DB-journal"; do
    expect_exit 2 "$TERMEX" export --db "$DB" -o "$target"
    expect_grep "$WORK/err" "glossary itself" "export -o $target: refused"
    intact "export -o $target"
done
if [ "$(stat -c %i "$DB")" = "$(stat -c %i "$WORK/hard.db")" ]; then
    expect_exit 2 "$TERMEX" export --db "$DB" -o "$WORK/hard.db"
    expect_grep "$WORK/err" "glossary itself" "export -o a hard link to it: refused"
    intact "export -o a hard link"
fi
# the default --db, from its directory
cp "$DB" "$WORK/sub/glossary.db"
(cd "$WORK/sub" && "$TERMEX" export -o glossary.db) >"$WORK/out" 2>"$WORK/err"
[ $? = 2 ] || fail "export -o glossary.db (the default --db): not refused"
(cd "$WORK/sub" && "$TERMEX" list --format tsv --no-header --top 0) >"$WORK/out" 2>&1
cmp -s "$WORK/out" "$WORK/list.tsv" || fail "export -o glossary.db destroyed the default glossary"

# 2. Special files are written in place, never replaced.
if [ "$(id -u)" = 0 ] && mknod "$WORK/mynull" c 1 3 2>/dev/null; then
    expect_exit 0 "$TERMEX" export --db "$DB" -o "$WORK/mynull"
    [ -c "$WORK/mynull" ] || fail "export -o a character device replaced it"
else
    echo "skipped: export to a character device (not root)"
fi
mkfifo "$WORK/fifo"
# (the reader gives up if the export never opens the FIFO: a test, not a hang)
timeout 60 cat "$WORK/fifo" >"$WORK/fifo.out" &
expect_exit 0 "$TERMEX" export --db "$DB" -o "$WORK/fifo"
wait
[ -p "$WORK/fifo" ] || fail "export -o a FIFO replaced it"
expect_grep "$WORK/fifo.out" "diplomatie préventive" "export -o a FIFO: written"
# a link to our standard output: standard output, and the link stays
ln -s /proc/self/fd/1 "$WORK/stdout-link"
expect_exit 0 "$TERMEX" export --db "$DB" -o "$WORK/stdout-link"
[ -L "$WORK/stdout-link" ] || fail "export -o a link to stdout replaced the link"
expect_grep "$WORK/out" "diplomatie préventive" "export -o a link to stdout: on stdout"
# a directory is refused
expect_exit 2 "$TERMEX" export --db "$DB" -o "$WORK/sub"
expect_grep "$WORK/err" "a directory" "export -o a directory"

# 3. -o - is standard output, not a file named "-".
(cd "$WORK" && "$TERMEX" export --db "$DB" -o - >"$WORK/dash.out" 2>"$WORK/err") ||
    fail "export -o -: $(head -c 300 "$WORK/err")"
[ -e "$WORK/-" ] && fail "export -o - created a file named '-'"
expect_grep "$WORK/dash.out" "diplomatie préventive" "export -o -: on stdout"

# 4. A regular file through a symbolic link: the file is replaced, the link
# stays a link; an existing file keeps its permissions.
echo old >"$WORK/real.tbx"
chmod 600 "$WORK/real.tbx"
ln -s real.tbx "$WORK/via-link.tbx"
expect_exit 0 "$TERMEX" export --db "$DB" -o "$WORK/via-link.tbx"
[ -L "$WORK/via-link.tbx" ] || fail "export -o a link to a file replaced the link"
expect_grep "$WORK/real.tbx" "diplomatie préventive" "export -o a link: the file written"
[ "$(stat -c %a "$WORK/real.tbx")" = 600 ] || fail "the file's mode changed: $(stat -c %a "$WORK/real.tbx")"
ln -s nowhere/x.tbx "$WORK/dangling.tbx"
expect_exit 2 "$TERMEX" export --db "$DB" -o "$WORK/dangling.tbx"
expect_grep "$WORK/err" "symbolic link to a missing file" "export -o a dangling link"

# 5. Interrupted: no temporary file left, the target as it was.  A large
# glossary (imported) makes the export last; SIGINT and SIGTERM land at
# spread-out moments of it.
if [ "$WRAPPED" = 1 ]; then ROWS=3000; KILLS=4; else ROWS=40000; KILLS=12; fi
python3 - "$WORK/big.csv" "$ROWS" <<'EOF'
import random, sys
random.seed(3)
w = ("gestion paquet système fichier réseau noyau pilote sécurité utilisateur serveur "
     "client base données diplomatie coopération zone paix confiance").split()
with open(sys.argv[1], "w") as f:
    f.write("fr,en,status,score,frequency,context,source,pos\n")
    for i in range(int(sys.argv[2])):
        t = " ".join(random.choice(w) for _ in range(3)) + " %d" % i
        f.write('%s,term %d,approved,1,2,"Une phrase avec %s dedans.",doc%d.txt,\n'
                % (t, i, t, i % 50))
EOF
expect_exit 0 "$TERMEX" import --db "$WORK/big.db" "$WORK/big.csv"
echo "the target before" >"$WORK/t.tbx"
start=$(date +%s%N)
expect_exit 0 "$TERMEX" export --db "$WORK/big.db" -o "$WORK/full.tbx"
dur=$((($(date +%s%N) - start) / 1000000))
echo "an uninterrupted export: $dur ms"
k=1
left=0
while [ "$k" -le "$KILLS" ]; do
    if [ $((k % 2)) = 0 ]; then sig=INT; else sig=TERM; fi
    delay=$((dur * k / (KILLS + 2)))
    # A background job starts with SIGINT ignored: give the export the
    # default action back, as it has in a terminal.
    python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' "$TERMEX" export --db "$WORK/big.db" -o "$WORK/t.tbx" \
        >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v ms="$delay" 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -s "$sig" "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null
    for tmp in "$WORK"/t.tbx.tmp.*; do
        [ -e "$tmp" ] || continue
        left=$((left + 1))
        fail "SIG$sig after $delay ms left $tmp"
        rm -f "$tmp"
    done
    if ! cmp -s "$WORK/t.tbx" "$WORK/full.tbx" && [ "$(cat "$WORK/t.tbx")" != "the target before" ]; then
        fail "SIG$sig after $delay ms: the target is neither the old file nor the export"
    fi
    echo "the target before" >"$WORK/t.tbx"
    k=$((k + 1))
done
echo "$KILLS interrupted exports: $left temporary file(s) left"
finish
