# check.sh: termex check on fixtures with planted errors (tests/data/check):
# every planted error is reported, nothing is reported on the consistent
# control file, and precision and recall are printed.
. "$(dirname "$0")/lib.sh"
C=$DATA/check
DB=$WORK/g.db

# The glossary: approved translations, and forbidden ones ("preemptive
# diplomacy" is a deprecatedTerm), imported from TBX.  (Stems decide what
# matches: "preventative diplomacy" would pass, Snowball gives it the stems of
# "preventive diplomacy".)
expect_exit 0 "$TERMEX" import -q --db "$DB" "$C/glossary.tbx"

# The control file: consistent, exit 0, no report.
expect_exit 0 "$TERMEX" check --db "$DB" --src-file "$C/ok.fr" --tgt-file "$C/ok.en"
[ -s "$WORK/out" ] && fail "the consistent file got a report: $(head -5 "$WORK/out")"
expect_grep "$WORK/err" "0 problem(s)" "summary"

# The planted errors: exit 1, each one reported (TSV: kind, file, ref, term, ...).
expect_exit 1 "$TERMEX" check --db "$DB" --format tsv --src-file "$C/planted.fr" \
    --tgt-file "$C/planted.en"
awk -F'\t' '$1 == "missing" || $1 == "forbidden" { print $3 "\t" $4 }' "$WORK/out" |
    sort -u >"$WORK/found"
[ "$(sed -n 1p "$WORK/out")" = "$(printf 'kind\tfile\tref\tterm\texpected\tfound\tsource\ttarget')" ] ||
    fail "check tsv: no header line: $(sed -n 1p "$WORK/out")"
expect_exit 1 "$TERMEX" check --db "$DB" --format tsv --no-header --src-file "$C/planted.fr" \
    --tgt-file "$C/planted.en"
grep -q '^kind	' "$WORK/out" && fail "check tsv --no-header: a header line"
[ -s "$WORK/out" ] || fail "check tsv --no-header: no line"
grep -v '^#' "$C/planted.gold" | sort -u >"$WORK/gold"
tp=$(comm -12 "$WORK/found" "$WORK/gold" | wc -l)
n_found=$(wc -l <"$WORK/found")
n_gold=$(wc -l <"$WORK/gold")
echo "check on planted errors: $tp of $n_gold planted errors reported, $n_found reports:" \
    "precision $(awk -v a="$tp" -v b="$n_found" 'BEGIN { printf "%.2f", b ? a / b : 0 }')," \
    "recall $(awk -v a="$tp" -v b="$n_gold" 'BEGIN { printf "%.2f", b ? a / b : 0 }')"
[ "$tp" -eq "$n_gold" ] || fail "planted errors not reported: $(comm -13 "$WORK/found" "$WORK/gold")"
[ "$n_found" -eq "$tp" ] || fail "reports that are not planted errors: $(comm -23 "$WORK/found" "$WORK/gold")"
# The known wrong form is named, as the target writes it.
grep -q "^forbidden	.*	line 1	diplomatie préventive	preventive diplomacy	Preemptive diplomacy	" \
    "$WORK/out" || fail "the forbidden form is not named: $(grep 'line 1' "$WORK/out")"
# The term translated in several ways across the file, with counts.
awk -F'\t' '$1 == "inconsistent"' "$WORK/out" >"$WORK/incons"
grep -q "développement durable.*sustainable development x2.*durable development x2\|développement durable.*durable development x2.*sustainable development x2" "$WORK/incons" ||
    fail "développement durable's two translations are not summarised: $(cat "$WORK/incons")"

# Text and JSON formats, exceptions.
expect_exit 1 "$TERMEX" check --db "$DB" --src-file "$C/planted.fr" --tgt-file "$C/planted.en"
expect_grep "$WORK/out" "line 7: 'diplomatie préventive' is not translated as 'preventive diplomacy'" "text"
expect_grep "$WORK/out" "line 1: 'diplomatie préventive' is translated with the forbidden form 'Preemptive diplomacy' (use 'preventive diplomacy')" "text, forbidden"
expect_exit 1 "$TERMEX" check --db "$DB" --format json --src-file "$C/planted.fr" --tgt-file "$C/planted.en"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(i["kind"]=="missing" for i in d); assert any(i["kind"]=="forbidden" and i["found"]=="Preemptive diplomacy" for i in d)' \
        "$WORK/out" || fail "JSON report does not parse"
fi
# exceptions: "term<TAB>ref", or a whole term
grep -v '^#' "$C/planted.gold" | awk -F'\t' '{ print $2 "\t" $1 }' >"$WORK/ignore"
printf 'développement durable\nmesures de confiance\ndiplomatie préventive\n' >>"$WORK/ignore"
expect_exit 0 "$TERMEX" check --db "$DB" --ignore "$WORK/ignore" --src-file "$C/planted.fr" \
    --tgt-file "$C/planted.en"
expect_grep "$WORK/err" "0 problem(s)" "all exceptions ignored"

# XLIFF 1.2 and 2.0 (tests/data/xliff): consistent, then a planted error.
for v in 12 20; do
    expect_exit 0 "$TERMEX" check --db "$DB" --xliff "$DATA/xliff/un-fr-en-$v.xlf"
done
sed 's/Sustainable development/Durable development/' "$DATA/xliff/un-fr-en-20.xlf" >"$WORK/bad.xlf"
expect_exit 1 "$TERMEX" check --db "$DB" --xliff "$WORK/bad.xlf"
expect_grep "$WORK/out" "bad.xlf: unit" "XLIFF unit named"
expect_grep "$WORK/out" "'développement durable' is translated with the forbidden form 'Durable development'" "XLIFF planted error"
expect_exit 2 "$TERMEX" check --db "$DB" --xliff "$DATA/xliff/malformed.xlf"
expect_grep "$WORK/err" "malformed.xlf:" "malformed XLIFF named with its line"

# Could not run: exit 2, with the file named.
expect_exit 2 "$TERMEX" check --db "$DB" --tmx "$WORK/missing.tmx"
expect_grep "$WORK/err" "missing.tmx" "missing input named"
expect_exit 2 "$TERMEX" check --db "$WORK/none.db" --tmx "$DATA/tmx/un-fr-en.tmx"

# The corpus itself: acronyms defined in the seeds are linked to their full
# form (show lists them), and documents mixing the two forms are reported.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/seeds.db" "$DATA/seeds"
expect_exit 0 "$TERMEX" show --db "$WORK/seeds.db" "Office des Nations Unies contre la drogue et le crime"
expect_grep "$WORK/out" "abbreviation: ONUDC" "acronym linked"
expect_exit 1 "$TERMEX" check --db "$WORK/seeds.db" --format tsv
expect_grep "$WORK/out" "mixed	" "mixed forms reported"
expect_grep "$WORK/out" "002_4c466e311da07bb0.txt" "the document is named"
expect_grep "$WORK/out" "Office des Nations Unies contre la drogue et le crime (ONUDC)" "forms named"
# and a full name beside its shortened name in one document
expect_grep "$WORK/out" "shortened	" "shortened names reported"
finish
