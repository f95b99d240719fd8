# concurrency.sh: two `extract` runs on one glossary at once both succeed (the
# busy timeout makes the second wait; no "database is locked"), and the result
# holds every document and equals the glossary of one run on all of them (in
# either order: the writers are serialised in whichever order they commit).
# `list` run while an extraction holds its write transaction always succeeds.
# Boilerplate (a paragraph in most documents of a run, counted once) is found
# within a run, and two writers are two runs: every extraction here keeps every
# copy (--keep-boilerplate), so that they compare with one run.
#   TX_CONC_RUNS (default 5; 2 under TX_TEST_WRAPPER): rounds of the
#   two-writer test.
. "$(dirname "$0")/lib.sh"
S=$DATA/seeds
# Under a wrapper (valgrind: 50-100 times slower) each writer gets one shuffled
# copy of the seeds instead of three: the runs still overlap, and a writer
# holds the write lock well within the other's 10 s busy timeout.
if [ "$WRAPPED" = 1 ]; then
    RUNS=${TX_CONC_RUNS:-2}
    SHUFFLES="1 4"
else
    RUNS=${TX_CONC_RUNS:-5}
    SHUFFLES="1 2 3 4 5 6"
fi

# Inputs: two sets of distinct documents, each with shuffled copies of the
# seeds so that the runs last long enough to overlap.
mkdir -p "$WORK/a" "$WORK/b"
for k in $SHUFFLES; do
    if [ "$k" -le 3 ]; then d=a; else d=b; fi
    cat "$S"/*.txt | awk -v s="$k" 'BEGIN { srand(s) } { printf "%.9f\t%s\n", rand(), $0 }' |
        sort -k1,1 | cut -f2- >"$WORK/$d/shuf$k.txt"
done
cp "$S/000_ebfd1786662cfdea.txt" "$S/002_4c466e311da07bb0.txt" "$S/004_08fd0699280038d4.txt" "$WORK/a/"
cp "$S/001_1373e69d97608cbc.txt" "$S/003_b64de43eda6f6da3.txt" "$WORK/b/"
NA=$(ls "$WORK/a" | wc -l)
NB=$(ls "$WORK/b" | wc -l)

# The references: everything in one run, in either order.  Two writers are
# serialised, and which one commits first is up to the scheduler; the
# glossary does not depend on that order (every tie is broken by content),
# so both orders, and the two writers, must give the same glossary.
# Each reference is also dumped whole (dump_glossary: variants, example
# sentences, acronyms, show), which must not depend on the order either.
ref() { # ref NAME INPUT...: $WORK/NAME.tsv is the list after one run on INPUT...
    n=$1
    shift
    expect_exit 0 "$TERMEX" extract -q --keep-boilerplate --db "$WORK/$n.db" "$@"
    expect_exit 0 "$TERMEX" list --db "$WORK/$n.db" --format tsv --no-header --top 0
    cp "$WORK/out" "$WORK/$n.tsv"
    dump_glossary "$WORK/$n.db" "$WORK/$n.dump"
}
ref one-ab "$WORK/a" "$WORK/b"
ref one-ba "$WORK/b" "$WORK/a"
[ "$(wc -l <"$WORK/one-ab.tsv")" -gt 50 ] || fail "too few terms: $(wc -l <"$WORK/one-ab.tsv")"
cmp -s "$WORK/one-ab.dump" "$WORK/one-ba.dump" ||
    fail "the glossary depends on the order of the documents:" \
        "$(diff "$WORK/one-ab.dump" "$WORK/one-ba.dump" | head -4)"

# Base for the "existing glossary" rounds: one other document.
printf '%s\n' "Le Conseil de sécurité a examiné la question de la diplomatie préventive." \
    "Le Conseil de sécurité a adopté la résolution sur la diplomatie préventive." >"$WORK/extra.txt"
expect_exit 0 "$TERMEX" extract -q --keep-boilerplate --db "$WORK/base.db" "$WORK/extra.txt"
ref one-extra-ab "$WORK/extra.txt" "$WORK/a" "$WORK/b"
ref one-extra-ba "$WORK/extra.txt" "$WORK/b" "$WORK/a"
cmp -s "$WORK/one-extra-ab.dump" "$WORK/one-extra-ba.dump" ||
    fail "the glossary depends on the order of the documents:" \
        "$(diff "$WORK/one-extra-ab.dump" "$WORK/one-extra-ba.dump" | head -4)"

# two_writers NAME DB WANT_DOCS WANT_DUMP
two_writers() {
    "$TERMEX" extract -q --keep-boilerplate --db "$2" "$WORK/a" >"$WORK/wa.out" 2>"$WORK/wa.err" &
    pa=$!
    "$TERMEX" extract -q --keep-boilerplate --db "$2" "$WORK/b" >"$WORK/wb.out" 2>"$WORK/wb.err" &
    pb=$!
    wait "$pa"
    ra=$?
    wait "$pb"
    rb=$?
    [ "$ra" = 0 ] || fail "$1: first extract exit $ra: $(head -c 400 "$WORK/wa.err")"
    [ "$rb" = 0 ] || fail "$1: second extract exit $rb: $(head -c 400 "$WORK/wb.err")"
    expect_no_grep "$WORK/wa.err" "locked" "$1: first extract"
    expect_no_grep "$WORK/wb.err" "locked" "$1: second extract"
    ic=$(sqlite3 "$2" 'PRAGMA integrity_check' 2>&1)
    [ "$ic" = ok ] || fail "$1: integrity_check: $ic"
    n=$(sqlite3 "$2" 'select count(*) from documents')
    [ "$n" = "$3" ] || fail "$1: $n documents (want $3)"
    dump_glossary "$2" "$WORK/two.dump"
    cmp -s "$WORK/two.dump" "$4" ||
        fail "$1: the glossary differs from one run on all documents:" \
            "$(diff "$WORK/two.dump" "$4" | head -5)"
}

r=1
while [ "$r" -le "$RUNS" ]; do
    # Onto an existing glossary.
    rm -f "$WORK/c.db" "$WORK/c.db-wal" "$WORK/c.db-shm"
    cp "$WORK/base.db" "$WORK/c.db"
    two_writers "existing glossary, round $r" "$WORK/c.db" $((NA + NB + 1)) \
        "$WORK/one-extra-ab.dump"
    # Into a glossary that does not exist yet: both create it.
    rm -f "$WORK/n.db" "$WORK/n.db-wal" "$WORK/n.db-shm"
    two_writers "new glossary, round $r" "$WORK/n.db" $((NA + NB)) \
        "$WORK/one-ab.dump"
    r=$((r + 1))
done

# Many writers creating one new glossary at once: each must see it either
# empty or complete, never half made (a file with tables but no termex
# mark was once taken for another program's database).  Tiny documents, so
# the runs start together; the old race showed in about 1% of the runs.
# Under a wrapper: 2 rounds of 3 writers, each well within the others' busy
# timeout.
if [ "$WRAPPED" = 1 ]; then
    MANY_ROUNDS=2
    MANY=3
else
    MANY_ROUNDS=40
    MANY=6
fi
k=1
while [ "$k" -le "$MANY" ]; do
    echo "La diplomatie préventive, document $k, en Asie centrale." >"$WORK/many$k.txt"
    k=$((k + 1))
done
r=1
many_fail=0
while [ "$r" -le "$MANY_ROUNDS" ]; do
    rm -f "$WORK/m.db" "$WORK/m.db-wal" "$WORK/m.db-shm"
    pids=
    k=1
    while [ "$k" -le "$MANY" ]; do
        "$TERMEX" extract -q --keep-boilerplate --db "$WORK/m.db" "$WORK/many$k.txt" 2>"$WORK/m$k.err" &
        pids="$pids $!"
        k=$((k + 1))
    done
    k=1
    for p in $pids; do
        if ! wait "$p"; then
            many_fail=$((many_fail + 1))
            fail "$MANY writers, round $r, writer $k failed: $(head -c 300 "$WORK/m$k.err")"
        fi
        k=$((k + 1))
    done
    n=$(sqlite3 "$WORK/m.db" 'select count(*) from documents')
    [ "$n" = "$MANY" ] || fail "$MANY writers, round $r: $n documents (want $MANY)"
    r=$((r + 1))
done
echo "$MANY writers creating one glossary, $MANY_ROUNDS rounds: $many_fail failed"

# `list` while an extraction runs: every one succeeds and sees either the
# glossary before or the one after, never anything else.
rm -f "$WORK/l.db" "$WORK/l.db-wal" "$WORK/l.db-shm"
cp "$WORK/base.db" "$WORK/l.db"
expect_exit 0 "$TERMEX" list --db "$WORK/l.db" --format tsv --no-header --top 0
cp "$WORK/out" "$WORK/l-before.tsv"
"$TERMEX" extract -q --keep-boilerplate --db "$WORK/l.db" "$WORK/a" "$WORK/b" 2>"$WORK/lx.err" &
px=$!
i=1
nb=0
na=0
while [ "$i" -le 20 ]; do
    "$TERMEX" list --db "$WORK/l.db" --format tsv --no-header --top 0 >"$WORK/l.out" 2>"$WORK/l.err"
    rc=$?
    if [ "$rc" != 0 ]; then
        fail "list $i during extract: exit $rc: $(head -c 400 "$WORK/l.err")"
    elif cmp -s "$WORK/l.out" "$WORK/l-before.tsv"; then
        nb=$((nb + 1))
    elif cmp -s "$WORK/l.out" "$WORK/one-extra-ab.tsv"; then
        na=$((na + 1))
    else
        fail "list $i during extract saw neither the glossary before nor after"
    fi
    i=$((i + 1))
    sleep 0.05
done
wait "$px" || fail "extract during lists failed: $(head -c 400 "$WORK/lx.err")"
echo "20 lists during an extraction: $nb saw the glossary before, $na after"
[ "$nb" -gt 0 ] || echo "note: the extraction ended before the first list"
finish
