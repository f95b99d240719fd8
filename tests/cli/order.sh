# order.sh: the glossary does not depend on the order documents come in, nor on
# how they are shared among runs or threads: every tie (variants of equal
# count, example sentences, the written form of a link, which acronyms and
# elliptic terms a term keeps) is broken by content, not by first sight.
# The whole of what a user sees (dump_glossary in lib.sh: list with
# variants, JSON and TBX exports, show) must be byte-identical.
# Boilerplate (a paragraph in most documents of a run, counted once) is found
# within a run, so the comparisons across runs keep every copy
# (--keep-boilerplate); step 7 checks that within one run it does not depend
# on the order or the threads either.
. "$(dirname "$0")/lib.sh"
S=$DATA/seeds
D=$WORK/docs
mkdir -p "$D"
cp "$S"/*.txt "$D/"
# Ties made on purpose, across documents: two spellings of one term once
# each, the same sentence in two documents, one name with two acronyms, a
# coordination written with and without a capital.
cat >"$D/t1.txt" <<'EOF'
La mise en œuvre du programme régional de coopération est engagée.
L'Office des Nations Unies contre la drogue et le crime (ONUDC) soutient le programme régional de coopération.
Les zones de paix, de confiance et de coopération sont saluées.
Le Centre régional pour la diplomatie préventive se réunit chaque année.
EOF
cat >"$D/t2.txt" <<'EOF'
La mise en œuvre des programmes régionaux de coopération est engagée.
L'Office des Nations Unies contre la drogue et le crime (UNODC) soutient les programmes régionaux de coopération.
Zones de paix, de confiance et de coopération : un rapport.
Le Centre régional pour la diplomatie préventive se réunit chaque année.
EOF
cat >"$D/t3.txt" <<'EOF'
Le Centre régional pour la diplomatie préventive se réunit chaque année.
Le programme régional de coopération et la zone de paix, de confiance et de coopération.
L'Office des Nations Unies contre la drogue et le crime aide la zone de confiance.
EOF
FILES=$(cd "$D" && ls)
rev_files=$(printf '%s\n' $FILES | sort -r)

# dump DB OUT: dump_glossary, and the terms with links made above.
dump() {
    dump_glossary "$1" "$2"
    for t in "Office des Nations Unies contre la drogue et le crime" \
        "zones de paix, de confiance et de coopération" "programme régional de coopération"; do
        "$TERMEX" show --db "$1" "$t" >>"$2" 2>&1
    done
}

run_into() { # run_into DB ARGS...: one extract run
    db=$1
    shift
    expect_exit 0 "$TERMEX" extract -q --min-freq 1 --keep-boilerplate --db "$db" "$@"
}

# 1. One run, in name order: the reference.
# shellcheck disable=SC2086
run_into "$WORK/ref.db" "$D"
dump "$WORK/ref.db" "$WORK/ref.dump"
[ "$(grep -c . "$WORK/ref.dump")" -gt 500 ] || fail "the reference dump is too small"
expect_grep "$WORK/ref.dump" "abbreviation: ONUDC" "an acronym is linked"
expect_grep "$WORK/ref.dump" "elliptic: zone de confiance" "an elliptic term is linked"

same() { # same NAME DB: DB's dump must be the reference's
    dump "$2" "$WORK/$1.dump"
    cmp -s "$WORK/ref.dump" "$WORK/$1.dump" ||
        fail "$1: the glossary differs from one run in name order:" \
            "$(diff "$WORK/ref.dump" "$WORK/$1.dump" | head -8)"
}

# 2. One run, in reverse order.
set --
for f in $rev_files; do set -- "$@" "$D/$f"; done
run_into "$WORK/rev.db" "$@"
same reverse "$WORK/rev.db"

# 3. One run per document, in reverse order.
for f in $rev_files; do run_into "$WORK/each.db" "$D/$f"; done
same one-run-each "$WORK/each.db"

# 4. Two runs: the second half of the names first.
n=$(printf '%s\n' $FILES | wc -l)
set --
for f in $(printf '%s\n' $FILES | tail -n $((n / 2))); do set -- "$@" "$D/$f"; done
run_into "$WORK/two.db" "$@"
set --
for f in $(printf '%s\n' $FILES | head -n $((n - n / 2))); do set -- "$@" "$D/$f"; done
run_into "$WORK/two.db" "$@"
same two-runs "$WORK/two.db"

# 5. Two threads, reverse order.
set --
for f in $rev_files; do set -- "$@" "$D/$f"; done
run_into "$WORK/jobs.db" --jobs 2 "$@"
same jobs-2 "$WORK/jobs.db"

# 6. Two writers at once, each with half the documents: serialised in
# whichever order, the glossary of one run.
if [ "$WRAPPED" = 1 ]; then ROUNDS=1; else ROUNDS=3; fi
r=1
while [ "$r" -le "$ROUNDS" ]; do
    rm -f "$WORK/conc.db" "$WORK/conc.db-wal" "$WORK/conc.db-shm"
    set --
    for f in $(printf '%s\n' $FILES | head -n $((n / 2))); do set -- "$@" "$D/$f"; done
    "$TERMEX" extract -q --min-freq 1 --keep-boilerplate --db "$WORK/conc.db" "$@" \
        2>"$WORK/c1.err" &
    p1=$!
    set --
    for f in $(printf '%s\n' $FILES | tail -n $((n - n / 2))); do set -- "$@" "$D/$f"; done
    "$TERMEX" extract -q --min-freq 1 --keep-boilerplate --db "$WORK/conc.db" "$@" \
        2>"$WORK/c2.err" &
    p2=$!
    wait "$p1" || fail "concurrent round $r: first writer failed: $(head -c 300 "$WORK/c1.err")"
    wait "$p2" || fail "concurrent round $r: second writer failed: $(head -c 300 "$WORK/c2.err")"
    same "concurrent-$r" "$WORK/conc.db"
    r=$((r + 1))
done

# 7. Boilerplate counted once, in one run: name order, reverse order and two
# threads give one glossary.  Three of the five seeds (the resolutions) open
# with the same line ("L'Assemblée générale,"): boilerplate is found, so this
# compares something.
expect_exit 0 "$TERMEX" extract --min-freq 1 --db "$WORK/bp.db" "$S"
expect_grep "$WORK/err" "counted once" "boilerplate is found in the seeds"
dump "$WORK/bp.db" "$WORK/bp.dump"
set --
for f in $(cd "$S" && ls | sort -r); do set -- "$@" "$S/$f"; done
for jobs in 1 2; do
    rm -f "$WORK/bpr.db"
    expect_exit 0 "$TERMEX" extract -q --min-freq 1 --jobs $jobs --db "$WORK/bpr.db" "$@"
    dump "$WORK/bpr.db" "$WORK/bpr.raw"
    sed "s|$WORK/bpr.db|$WORK/bp.db|g" "$WORK/bpr.raw" >"$WORK/bpr.dump" # messages name it
    cmp -s "$WORK/bp.dump" "$WORK/bpr.dump" ||
        fail "boilerplate, reverse order, --jobs $jobs: the glossary differs:" \
            "$(diff "$WORK/bp.dump" "$WORK/bpr.dump" | head -8)"
done
finish
