# readonly.sh: the commands that only read (list, show, export, check) work on
# a glossary they may not write (a read-only checkout, directory or mount)
# and never write to it: not a schema into an empty file, not a -wal.  A
# glossary name SQLite would take for something else is refused.
. "$(dirname "$0")/lib.sh"
S=$(cd "$DATA/seeds" && pwd)
expect_exit 0 "$TERMEX" extract -q --db "$WORK/base.db" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/base.db" --format tsv --no-header --top 0
cp "$WORK/out" "$WORK/base.tsv"

# readers DIR DB WHO: every reader works on DB (in DIR) as WHO, which is a
# command prefix ("" or setpriv ...); the directory's files are unchanged.
readers() {
    dir=$1 db=$2 who=$3
    # sizes and names; in a directory it may write, SQLite keeps a -shm and an
    # empty -wal for a reader (a non-empty -wal would be a write)
    ls -l "$dir" | sed 's/[^ ]* *[^ ]* *//' | grep -v -e '-shm$' -e ' 0 .*-wal$' \
        >"$WORK/before.ls"
    expect_exit 0 $who "$TERMEX" list --db "$db" --format tsv --no-header --top 0
    cmp -s "$WORK/out" "$WORK/base.tsv" || fail "$dir: list differs: $(head -c 300 "$WORK/err")"
    expect_exit 0 $who "$TERMEX" show --db "$db" "diplomatie préventive"
    expect_grep "$WORK/out" "contexts:" "$dir: show"
    expect_exit 0 $who "$TERMEX" export --db "$db" --format tbx
    expect_grep "$WORK/out" "diplomatie préventive" "$dir: export"
    # check as a CI gate: 0 or 1 (problems found), never 2 (could not run)
    $who "$TERMEX" check --db "$db" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    [ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "$dir: check exit $rc: $(head -c 300 "$WORK/err")"
    expect_no_grep "$WORK/err" "readonly" "$dir: check"
    ls -l "$dir" | sed 's/[^ ]* *[^ ]* *//' | grep -v -e '-shm$' -e ' 0 .*-wal$' \
        >"$WORK/after.ls"
    cmp -s "$WORK/before.ls" "$WORK/after.ls" ||
        fail "$dir: the readers changed the directory: $(diff "$WORK/before.ls" "$WORK/after.ls")"
    cmp -s "$db" "$WORK/base.db" || fail "$dir: the readers changed the glossary"
}

# 1. A read-only directory (and file) of another user: root writes through
# file modes, so run as nobody.
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ] &&
    $NOBODY "$TERMEX" --help >/dev/null 2>&1 && $NOBODY test -r "$WORK/base.db"; then
    for mode in "444 555" "644 555" "444 755"; do
        set -- $mode
        d=$WORK/ro-$1-$2
        mkdir -p "$d"
        cp "$WORK/base.db" "$d/g.db"
        chown -R 65534:65534 "$d"
        chmod "$1" "$d/g.db"
        chmod "$2" "$d"
        readers "$d" "$d/g.db" "$NOBODY"
        chmod 755 "$d"
    done
else
    echo "skipped: read-only directory as another user (needs root and setpriv)"
fi

# 2. A read-only mount.
MNT=$WORK/mnt
mkdir -p "$MNT"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64m tmpfs "$MNT" 2>/dev/null; then
    trap 'umount "$MNT" 2>/dev/null' EXIT INT TERM
    cp "$WORK/base.db" "$MNT/g.db"
    if mount -o remount,ro "$MNT" 2>/dev/null; then
        readers "$MNT" "$MNT/g.db" ""
        # a writer says why it cannot
        expect_exit 1 "$TERMEX" extract -q --db "$MNT/g.db" "$S/000_ebfd1786662cfdea.txt"
        expect_grep "$WORK/err" "g.db" "read-only mount: the writer names the glossary"
    else
        echo "skipped: read-only mount (cannot remount)"
    fi
    umount "$MNT"
    trap - EXIT INT TERM
else
    echo "skipped: read-only mount (cannot mount a tmpfs here)"
fi

# 3. An empty file is not a glossary for a reader, which leaves it empty.
for cmd in list show export check; do
    : >"$WORK/empty.db"
    if [ "$cmd" = show ]; then set -- "diplomatie préventive"; else set --; fi
    "$TERMEX" "$cmd" --db "$WORK/empty.db" "$@" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    [ "$rc" = 0 ] && fail "$cmd on an empty file: exit 0"
    expect_grep "$WORK/err" "empty" "$cmd on an empty file: says so"
    [ -s "$WORK/empty.db" ] && fail "$cmd wrote into an empty file"
    [ -e "$WORK/empty.db-wal" ] && fail "$cmd created empty.db-wal"
done
# A reader on a missing file creates nothing.
expect_exit 1 "$TERMEX" export --db "$WORK/none.db"
[ -e "$WORK/none.db" ] && fail "export created a glossary"

# 4. ":memory:" is SQLite's in-memory database: a glossary that would vanish.
for cmd in extract list; do
    if [ "$cmd" = extract ]; then set -- "$S"; else set --; fi
    "$TERMEX" "$cmd" --db ':memory:' "$@" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    [ "$rc" = 0 ] && fail "$cmd --db :memory: exit 0"
    expect_grep "$WORK/err" "in-memory database" "$cmd --db :memory:: says why"
    expect_no_grep "$WORK/err" "not an error" "$cmd --db :memory:"
done
# ... but a file of that name is a file.
(cd "$WORK" && "$TERMEX" extract -q --db ./:memory: "$S") >"$WORK/out" 2>"$WORK/err" ||
    fail "extract --db ./:memory: failed: $(head -c 300 "$WORK/err")"
[ -s "$WORK/:memory:" ] || fail "./:memory: is not a file"

# 5. An older glossary is upgraded by a reader that may write; one that may
# not be written cannot be read, and says why.
cp "$DATA/glossary-v1.db" "$WORK/old.db"
expect_exit 0 "$TERMEX" list --db "$WORK/old.db" --format tsv --no-header --top 0
[ "$(sqlite3 "$WORK/old.db" 'PRAGMA user_version')" -gt 1 ] || fail "old glossary not upgraded"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
    d=$WORK/ro-old
    mkdir -p "$d"
    cp "$DATA/glossary-v1.db" "$d/g.db"
    chown -R 65534:65534 "$d"
    chmod 444 "$d/g.db"
    chmod 555 "$d"
    expect_exit 1 $NOBODY "$TERMEX" list --db "$d/g.db"
    expect_grep "$WORK/err" "older than this termex" "old read-only glossary: says why"
    cmp -s "$d/g.db" "$DATA/glossary-v1.db" || fail "old read-only glossary changed"
    chmod 755 "$d"
fi
finish
