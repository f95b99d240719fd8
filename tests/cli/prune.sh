# prune.sh: extraction within a memory budget (--max-memory).  A budget far
# below what the seeds need forces the rarest candidates out: that must be
# reported, the frequent terms must survive with counts never above the exact
# ones, and the default budget must change nothing on a small corpus.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$TERMEX" extract --max-memory 0 --db "$WORK/ref.db" "$DATA/seeds"
expect_no_grep "$WORK/err" "memory limit" "no limit, no pruning"
expect_exit 0 "$TERMEX" list --db "$WORK/ref.db" --top 0 --format tsv --no-header
cut -f2,3 "$WORK/out" >"$WORK/ref.tsv"

# The default budget (1 GiB) is far above what five documents need.
expect_exit 0 "$TERMEX" extract --db "$WORK/default.db" "$DATA/seeds"
expect_no_grep "$WORK/err" "memory limit" "default budget"
expect_exit 0 "$TERMEX" list --db "$WORK/default.db" --top 0 --format tsv --no-header
cut -f2,3 "$WORK/out" >"$WORK/default.tsv"
cmp -s "$WORK/ref.tsv" "$WORK/default.tsv" || fail "the default budget changed the glossary"

# 1 MiB: the seeds' candidates outgrow it, so rare ones are dropped.
expect_exit 0 "$TERMEX" extract --max-memory 1 --db "$WORK/small.db" "$DATA/seeds"
expect_grep "$WORK/err" "memory limit reached" "pruning reported"
expect_grep "$WORK/err" "raise --max-memory" "pruning names the option"
expect_exit 0 "$TERMEX" list --db "$WORK/small.db" --top 0 --format tsv --no-header
cut -f2,3 "$WORK/out" >"$WORK/small.tsv"
n_ref=$(wc -l <"$WORK/ref.tsv")
n_small=$(wc -l <"$WORK/small.tsv")
[ "$n_small" -lt "$n_ref" ] || fail "pruning dropped nothing ($n_small vs $n_ref terms)"
[ "$n_small" -gt 50 ] || fail "pruning left only $n_small terms"

# Counts can only be lower than the exact ones (occurrences before a prune
# are lost), never higher.
awk -F'\t' 'NR == FNR { ref[$1] = $2; next }
            ($1 in ref) && $2 + 0 > ref[$1] + 0 { print $1 ": " $2 " > " ref[$1] }' \
    "$WORK/ref.tsv" "$WORK/small.tsv" >"$WORK/over"
[ ! -s "$WORK/over" ] || fail "counts above the exact ones: $(head -3 "$WORK/over")"

# The frequent terms survive, in the top 40.
expect_exit 0 "$TERMEX" list --db "$WORK/small.db" --top 40 --format tsv --no-header
cut -f2 "$WORK/out" | tr 'A-Z' 'a-z' >"$WORK/top40"
for term in "diplomatie préventive" \
    "organisation de shanghai pour la coopération" \
    "centre régional des nations unies pour la diplomatie préventive en asie centrale" \
    "développement durable"; do
    grep -qxF "$term" "$WORK/top40" || fail "'$term' is not in the pruned top 40"
done

# With several jobs, each worker prunes what it has read: the documents are
# shared out the same way every time, so the same run gives the same glossary.
for i in 1 2 3; do
    expect_exit 0 "$TERMEX" extract --jobs 2 --max-memory 1 --db "$WORK/jobs$i.db" "$DATA/seeds"
    expect_grep "$WORK/err" "memory limit reached" "pruning with two jobs"
    expect_exit 0 "$TERMEX" list --db "$WORK/jobs$i.db" --top 0 --format tsv --no-header
    cp "$WORK/out" "$WORK/jobs$i.tsv"
    [ "$i" = 1 ] || cmp -s "$WORK/jobs1.tsv" "$WORK/jobs$i.tsv" ||
        fail "two runs with --jobs 2 that prune listed different terms"
done

expect_exit 2 "$TERMEX" extract --max-memory lots --db "$WORK/x.db" "$DATA/seeds"
expect_grep "$WORK/err" "--max-memory" "bad value named"
[ ! -e "$WORK/x.db" ] || fail "a usage error created the database"
finish
