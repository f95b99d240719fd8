# crash.sh: crash safety.  One run is one transaction: an `extract` or an
# `import` killed with SIGKILL at any point leaves the glossary either exactly
# as it was or exactly as an uninterrupted run leaves it, and never corrupt.
# A read-only database or a full disk makes the run fail cleanly (exit 1, a
# message naming the file) and changes nothing.
#   TX_CRASH_RUNS (default 50; 5 under TX_TEST_WRAPPER, where valgrind makes
#   each run 50-100 times longer): kills per command.
. "$(dirname "$0")/lib.sh"
S=$DATA/seeds
if [ "$WRAPPED" = 1 ]; then RUNS=${TX_CRASH_RUNS:-5}; else RUNS=${TX_CRASH_RUNS:-50}; fi
DB=$WORK/run.db

# state DB OUT: the glossary as a term list plus the document count.
state() {
    "$TERMEX" list --db "$1" --format tsv --no-header --top 0 --with-translations >"$2" 2>"$WORK/state.err" ||
        fail "list failed on $1: $(head -c 400 "$WORK/state.err")"
    printf 'documents\t%s\n' "$(sqlite3 "$1" 'select count(*) from documents')" >>"$2"
}

# fresh SRC: $DB becomes a copy of SRC (no WAL left from an earlier run).
fresh() {
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
    cp "$1" "$DB"
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# The larger input: shuffled concatenations of the seeds (each file distinct),
# plus the UN Parallel Corpus devset when the shared corpus is there.
mkdir -p "$WORK/big"
for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
    cat "$S"/*.txt | awk -v s="$k" 'BEGIN { srand(s) } { printf "%.9f\t%s\n", rand(), $0 }' |
        sort -k1,1 | cut -f2- >"$WORK/big/shuf$k.txt"
done
UNPC=$SHARED/corpus/unpc-devset/UNv1.0.devset.fr
if [ -r "$UNPC" ]; then
    cp "$UNPC" "$WORK/big/unpc.fr.txt"
else
    echo "note: $UNPC not found, using the shuffled seeds only" >&2
fi
set -- "$S/002_4c466e311da07bb0.txt" "$S/003_b64de43eda6f6da3.txt" \
    "$S/004_08fd0699280038d4.txt" "$WORK/big"

# Baseline: the first two seeds.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/base.db" "$S/000_ebfd1786662cfdea.txt" \
    "$S/001_1373e69d97608cbc.txt"
state "$WORK/base.db" "$WORK/base.state"

# Uninterrupted run on the rest, timed.
fresh "$WORK/base.db"
t0=$(now_ms)
expect_exit 0 "$TERMEX" extract -q --db "$DB" "$@"
t1=$(now_ms)
DUR=$((t1 - t0))
state "$DB" "$WORK/after.state"
cp "$DB" "$WORK/full.db"
cmp -s "$WORK/base.state" "$WORK/after.state" && fail "the extraction changed nothing"
echo "uninterrupted extract: ${DUR} ms"

# check_state WHAT BEFORE AFTER: $DB is intact and equals BEFORE or AFTER.
# Sets $WHICH to before/after/other.
check_state() {
    WHICH=other
    ic=$(sqlite3 "$DB" 'PRAGMA integrity_check' 2>&1)
    [ "$ic" = ok ] || fail "$1: integrity_check: $(echo "$ic" | head -5)"
    state "$DB" "$WORK/now.state"
    if cmp -s "$WORK/now.state" "$2"; then
        WHICH=before
    elif cmp -s "$WORK/now.state" "$3"; then
        WHICH=after
    else
        fail "$1: the glossary is neither the state before nor after the run:" \
            "$(diff "$WORK/now.state" "$3" | head -6)"
        cp "$DB" "$WORK/bad-$(basename "$2" .state)-$RUN.db"
    fi
}

# crash_loop NAME SRC_DB BEFORE AFTER DURATION_MS CMD...: RUNS times, run CMD on
# a copy of SRC_DB, SIGKILL it after a random delay in [0, DURATION], check.
crash_loop() {
    name=$1 src=$2 before=$3 after=$4 dur=$5
    shift 5
    nb=0 na=0
    RUN=1
    while [ "$RUN" -le "$RUNS" ]; do
        fresh "$src"
        delay=$(awk -v s="$RUN" -v d="$dur" 'BEGIN { srand(s); printf "%.3f", rand() * d / 1000 }')
        "$@" >/dev/null 2>"$WORK/kill.err" &
        pid=$!
        sleep "$delay"
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        check_state "$name killed after ${delay}s (run $RUN)" "$before" "$after"
        case $WHICH in
        before) nb=$((nb + 1)) ;;
        after) na=$((na + 1)) ;;
        esac
        RUN=$((RUN + 1))
    done
    echo "$name: $RUNS kills, $nb left the state before, $na the state after"
}

crash_loop extract "$WORK/base.db" "$WORK/base.state" "$WORK/after.state" "$DUR" \
    "$TERMEX" extract -q --db "$DB" "$@"

# Import: the full glossary exported as TSV, imported into the baseline.
expect_exit 0 "$TERMEX" export --db "$WORK/full.db" --format tsv --status all -o "$WORK/full.tsv"
[ "$(wc -l <"$WORK/full.tsv")" -gt 200 ] || fail "export too small: $(wc -l <"$WORK/full.tsv") lines"
fresh "$WORK/base.db"
t0=$(now_ms)
expect_exit 0 "$TERMEX" import --db "$DB" "$WORK/full.tsv"
t1=$(now_ms)
IDUR=$((t1 - t0))
state "$DB" "$WORK/imported.state"
cmp -s "$WORK/base.state" "$WORK/imported.state" && fail "the import changed nothing"
echo "uninterrupted import: ${IDUR} ms"
crash_loop import "$WORK/base.db" "$WORK/base.state" "$WORK/imported.state" "$IDUR" \
    "$TERMEX" import --db "$DB" "$WORK/full.tsv"

# Read-only database.  Root writes through file modes, so run as nobody.
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
if ! command -v setpriv >/dev/null 2>&1; then
    echo "skipped: read-only tests (no setpriv)"
elif ! $NOBODY "$TERMEX" --help >/dev/null 2>&1 ||
    ! $NOBODY test -r "$S/002_4c466e311da07bb0.txt"; then
    echo "skipped: read-only tests (cannot run termex or read the data as uid 65534)"
else
    # ro_case NAME DBMODE DIRMODE
    ro_case() {
        d=$WORK/ro-$1
        rm -rf "$d"
        mkdir "$d"
        cp "$WORK/base.db" "$d/g.db"
        chown -R 65534:65534 "$d"
        chmod "$2" "$d/g.db"
        chmod "$3" "$d"
        expect_exit 1 $NOBODY "$TERMEX" extract -q --db "$d/g.db" "$S/002_4c466e311da07bb0.txt"
        expect_grep "$WORK/err" "g.db" "read-only ($1): message names the file"
        cp "$WORK/err" "$WORK/ro-$1.err"
        chmod 755 "$d"
        chmod 644 "$d/g.db"
        cmp -s "$d/g.db" "$WORK/base.db" || fail "read-only ($1): the database file changed"
        # SQLite may leave an empty -wal and the -shm; a non-empty one is a write.
        [ -s "$d/g.db-wal" ] && fail "read-only ($1): left a non-empty g.db-wal"
        [ -e "$d/g.db-journal" ] && fail "read-only ($1): left g.db-journal"
        DB=$d/g.db
        check_state "read-only ($1)" "$WORK/base.state" "$WORK/base.state"
        DB=$WORK/run.db
        rm -rf "$d"
    }
    ro_case file 444 755
    ro_case file-and-dir 444 555
    ro_case dir 644 555
fi

# Full disk: a small tmpfs holding the baseline and little more.
MNT=$WORK/mnt
mkdir -p "$MNT"
kb=$(($(wc -c <"$WORK/base.db") / 1024 + 200))
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o "size=${kb}k" tmpfs "$MNT" 2>/dev/null; then
    trap 'umount "$MNT" 2>/dev/null' EXIT INT TERM
    cp "$WORK/base.db" "$MNT/g.db"
    expect_exit 1 "$TERMEX" extract -q --db "$MNT/g.db" "$@"
    cp "$WORK/err" "$WORK/full-disk.err"
    if ! grep -qi -e "disk is full" -e "no space" -e "disk full" "$WORK/err"; then
        fail "full disk: the message does not say the disk is full: $(head -c 400 "$WORK/err")"
    fi
    expect_grep "$WORK/err" "g.db" "full disk: message names the file"
    DB=$MNT/g.db
    check_state "full disk" "$WORK/base.state" "$WORK/base.state"
    DB=$WORK/run.db
    umount "$MNT" || fail "cannot unmount $MNT"
    trap - EXIT INT TERM
else
    echo "skipped: full-disk test (cannot mount a small tmpfs here)"
fi
rmdir "$MNT" 2>/dev/null
finish
