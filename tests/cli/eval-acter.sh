# eval-acter.sh: scripts/eval-acter on a tiny fake ACTER tree (two domains)
# made here, scored from lists of a fake termex whose figures are worked out by
# hand below (P/R/F1 of all, single-word and multiword terms, canonical and all
# forms, P@100, --lodo's choices, --errors, --json); then the real termex on the
# same tree (a run goes through), Dutch without a profile (a clear error), ACTER
# absent (skipped, exit 0), and scripts/eval-seeds.
. "$(dirname "$0")/lib.sh"
SCRIPTS=$(cd "$(dirname "$0")/../../scripts" && pwd)
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3" >&2; exit 77; }

# The fake ACTER: fr/corp and fr/equi; en/corp and nl/corp are copies of fr/corp.
A=$WORK/acter
for d in fr/corp fr/equi en/corp nl/corp; do mkdir -p "$A/$d/texts" "$A/$d/terms"; done
printf 'Alpha beta. La eta theta et eta theta.\nEta  Theta, Iota.\n' >"$A/fr/corp/texts/corp_fr_01.txt"
printf 'one two three\n' >"$A/fr/equi/texts/equi_fr_01.txt"
printf 'alpha beta\tSpecific_Term\nalpha betas\tSpecific_Term\ngamma\tCommon_Term\neta theta\tSpecific_Term\nIota\tNamed_Entity\n' \
    >"$A/fr/corp/terms/corp_fr_terms_nes.tsv"
printf 'alpha beta\tSpecific_Term\nalpha betas\tSpecific_Term\ngamma\tCommon_Term\neta theta\tSpecific_Term\n' \
    >"$A/fr/corp/terms/corp_fr_terms.tsv"
printf 'one two\tx\nthree\tx\nfour five\tx\nsix\tNamed_Entity\n' >"$A/fr/equi/terms/equi_fr_terms_nes.tsv"
printf 'one two\tx\nthree\tx\nfour five\tx\n' >"$A/fr/equi/terms/equi_fr_terms.tsv"
for l in en nl; do
    cp "$A/fr/corp/texts/corp_fr_01.txt" "$A/$l/corp/texts/"
    cp "$A/fr/corp/terms/corp_fr_terms_nes.tsv" "$A/$l/corp/terms/corp_${l}_terms_nes.tsv"
    cp "$A/fr/corp/terms/corp_fr_terms.tsv" "$A/$l/corp/terms/corp_${l}_terms.tsv"
done

# The fake termex: extract writes "<domain>-<min-freq>" (default 2) to the
# database file; list prints the list of that name.
F=$WORK/fake
mkdir -p "$F"
cat >"$F/termex" <<'EOF'
#!/bin/sh
cmd=$1; shift
db=; mf=2; last=
while [ $# -gt 0 ]; do
    case $1 in
        --db) db=$2; shift ;;
        --min-freq) mf=$2; shift ;;
        --min-freq=*) mf=${1#*=} ;;
    esac
    last=$1; shift
done
case $cmd in
    extract) echo "$(basename "$(dirname "$last")")-$mf" >"$db" ;;
    list) cat "$(dirname "$0")/$(cat "$db").tsv" ;;
esac
EOF
chmod 755 "$F/termex"
# list FILE TERM[:FORMS]...: a `list --format tsv --variants` list.
list() {
    out=$1; shift
    printf 'rank\tterm\tfreq\tdocs\tcvalue\tscore\tstatus\tvariants\n' >"$F/$out.tsv"
    n=0
    for t in "$@"; do
        n=$((n + 1))
        term=${t%%:*}; forms=${t#*:}
        [ "$forms" = "$t" ] && forms="$term (2)"
        printf '%s\t%s\t2\t1\t1.0\t1.0\tcandidate\t%s\n' $n "$term" "$forms" >>"$F/$out.tsv"
    done
}
# corp, min-freq 2: canonical alpha beta, gamma, delta epsilon, Zeta.
#   gold (NE) 5 = sw {gamma, iota} + mw {alpha beta, alpha betas, eta theta}
#   canonical: TP 2: P 50.0 R 40.0 F1 44.4; sw 1/2, 1/2: 50.0; mw 1/2, 1/3: P 50.0 R 33.3 F1 40.0
#   all forms (+ alpha betas): TP 3 of 5: P R F1 60.0; mw 2/3, 2/3: 66.7; P@100 2.0 (2 of the 4 terms have a gold form)
#   gold without NE (4): canonical TP 2: P 50.0 R 50.0; sw 1/2 of gold sw 1: R 100.0
list corp-2 "alpha beta:alpha beta (3); Alpha betas (2)" gamma "delta epsilon" "Zeta:Zeta (2)"
list corp-1 "alpha beta:alpha beta (3); Alpha betas (2)" gamma "delta epsilon" Zeta j1 j2 j3 j4 j5
list corp-3 gamma
list equi-1 "one two" three "four five" six junk
list equi-2 "one two" three
list equi-3 "one two" three "four five" six

export ACTER_DIR=$A
expect_exit 0 python3 "$SCRIPTS/eval-acter" --termex "$F/termex" --domains corp --json "$WORK/c.json" --errors 3
cp "$WORK/out" "$WORK/corp"
row() { grep -F "$1" "$WORK/corp" | sed -n "${2}p" | tr -d ' '; }
# tables in order: all forms NE, canonical NE, all forms no NE, canonical no NE
[ "$(row 'corp (corruption)' 1)" = "|corp(corruption)|5|5|3|60.0|60.0|60.0|50.0|50.0|50.0|66.7|66.7|66.7|2.0|0.4|" ] ||
    fail "all forms, NE gold: $(row 'corp (corruption)' 1)"
[ "$(row 'corp (corruption)' 2)" = "|corp(corruption)|4|5|2|50.0|40.0|44.4|50.0|50.0|50.0|50.0|33.3|40.0|2.0|0.4|" ] ||
    fail "canonical, NE gold: $(row 'corp (corruption)' 2)"
[ "$(row 'corp (corruption)' 4)" = "|corp(corruption)|4|4|2|50.0|50.0|50.0|50.0|100.0|66.7|50.0|33.3|40.0|2.0|0.4|" ] ||
    fail "canonical, gold without NE: $(row 'corp (corruption)' 4)"
# --errors: false positives with their rank; misses by occurrences in the texts
expect_grep "$WORK/corp" "      3  delta epsilon" "first false positive"
expect_grep "$WORK/corp" "      4  zeta" "second false positive"
expect_grep "$WORK/corp" "      3  eta theta" "most frequent miss"
expect_grep "$WORK/corp" "      1  iota" "second miss"
python3 - "$WORK/c.json" <<'PY' || fail "--json figures"
import json, sys
d = json.load(open(sys.argv[1]))["languages"]["fr"]
f = d["micro"]["nes"]["all"]["figures"]
assert abs(f["all"]["F1"] - 60.0) < 1e-9 and abs(f["mw"]["P"] - 200 / 3) < 1e-9, f
c = d["domains"]["corp"]["terms"]["canonical"]["counts"]
assert (c["ext_all"], c["gold_all"], c["tp_all"], c["gold_sw"]) == (4, 4, 2, 1), c
assert d["errors"]["corp"]["missed"][0] == {"term": "eta theta", "freq": 3}, d["errors"]
PY

# --lodo: held out corp -> 3 (best on equi: F1 100), held out equi -> 2 (best on
# corp: 60.0); held-out micro: 3 extracted, 3 TP, 9 gold: P 100 R 33.3 F1 50.0;
# in hindsight 3: 5 extracted, 5 TP: P 100 R 55.6 F1 71.4.
expect_exit 0 python3 "$SCRIPTS/eval-acter" --termex "$F/termex" --domains corp,equi \
    --lodo '--min-freq=1,2,3' --json "$WORK/l.json"
tr -d ' ' <"$WORK/out" >"$WORK/lodo"
expect_grep "$WORK/lodo" "|--min-freq1|40.0|88.9|58.3|" "lodo grid, value 1"
expect_grep "$WORK/lodo" "|corp|--min-freq3|100.0|100.0|20.0|33.3|" "held out corp"
expect_grep "$WORK/lodo" "|equi|--min-freq2|60.0|100.0|50.0|66.7|" "held out equi"
expect_grep "$WORK/lodo" "|micro-averageheldout(honest)|||100.0|33.3|50.0|" "honest figure"
expect_grep "$WORK/lodo" "|bestinhindsight|--min-freq3||100.0|55.6|71.4|" "hindsight"
python3 - "$WORK/l.json" <<'PY' || fail "--lodo json"
import json, sys
d = json.load(open(sys.argv[1]))["languages"]["fr"]["lodo"]
assert {k: v["chosen"] for k, v in d["held_out"].items()} == \
    {"corp": "--min-freq 3", "equi": "--min-freq 2"}, d["held_out"]
assert abs(d["honest_micro"]["all"]["F1"] - 50.0) < 1e-9, d["honest_micro"]
PY
expect_exit 2 python3 "$SCRIPTS/eval-acter" --termex "$F/termex" --lodo 'min-freq'
expect_grep "$WORK/err" "want OPTION=VALUE" "bad --lodo"

# The real termex on the same tree runs through; Dutch has no profile.
expect_exit 0 python3 "$SCRIPTS/eval-acter" --termex "$TERMEX" --min-words 1 --min-freq 1
expect_grep "$WORK/out" "| micro-average" "real termex"
if [ ! -d "$(dirname "$0")/../../stopwords/nl" ]; then
    expect_exit 1 python3 "$SCRIPTS/eval-acter" --termex "$TERMEX" --lang nl
    expect_grep "$WORK/err" "no language profile for 'nl' (Dutch)" "nl without a profile"
    expect_exit 0 python3 "$SCRIPTS/eval-acter" --termex "$TERMEX" --lang all --domains corp
    expect_grep "$WORK/out" "nl (skipped: termex has no profile)" "--lang all skips nl"
fi
expect_exit 0 env ACTER_DIR="$WORK/none" python3 "$SCRIPTS/eval-acter" --termex "$TERMEX"
expect_grep "$WORK/out" "ACTER not found" "ACTER absent"

expect_exit 0 python3 "$SCRIPTS/eval-seeds" --termex "$TERMEX" --seeds "$DATA/seeds"
expect_grep "$WORK/out" "all 7 in the top 40" "eval-seeds"
expect_exit 1 python3 "$SCRIPTS/eval-seeds" --termex "$TERMEX" --seeds "$DATA/seeds" --max-words 3
expect_grep "$WORK/out" "NOT all in the top 40" "eval-seeds with a short --max-words"
finish
