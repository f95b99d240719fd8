# exchange.sh: termex export and import.  Every export format is checked (TBX
# by the standards' validate-tbx, CSV/TSV by shape, JSON by a parser), OmegaT
# must find "diplomatie préventive" with its English equivalent in our TBX
# 2008, export -> import into an empty glossary -> export gives the same file,
# and hostile or broken files are refused with nothing written.
. "$(dirname "$0")/lib.sh"
P=$DATA/parallel
STD=${STANDARDS_DIR:-$(dirname "$0")/../../../shared/standards}
DB=$WORK/g.db

# The seeds' glossary, with English equivalents from the parallel fixture.
expect_exit 0 "$TERMEX" extract -q --db "$DB" "$DATA/seeds"
expect_exit 0 "$TERMEX" align -q --db "$DB" --src-file "$P/un-fr.txt" --tgt-file "$P/un-en.txt"

for fmt in tbx tbx2008 csv tsv json; do
    expect_exit 0 "$TERMEX" export --db "$DB" --format "$fmt" -o "$WORK/g.$fmt"
    [ -s "$WORK/g.$fmt" ] || fail "export --format $fmt wrote nothing"
    expect_grep "$WORK/g.$fmt" "diplomatie préventive" "export $fmt has the term"
    expect_grep "$WORK/g.$fmt" "preventive diplomacy" "export $fmt has the translation"
done
# An acronym defined in the seeds is a term of its concept (TBX termType).
grep -A2 "<term>ONUDC</term>" "$WORK/g.tbx" | grep -q 'termNote type="termType">acronym<' ||
    fail "the acronym ONUDC is not exported as a term of its concept"
# stdout gives the same bytes as -o
"$TERMEX" export --db "$DB" --format csv >"$WORK/stdout.csv" || fail "export to stdout"
cmp -s "$WORK/stdout.csv" "$WORK/g.csv" || fail "export to stdout differs from -o"
head -n 1 "$WORK/g.csv" | grep -q '^fr,en,status,score,frequency,context' ||
    fail "CSV header: $(head -n 1 "$WORK/g.csv")"
grep -q '^diplomatie préventive,preventive diplomacy,' "$WORK/g.csv" ||
    fail "CSV row for diplomatie préventive"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d) > 50, len(d)' \
        "$WORK/g.json" || fail "JSON export does not parse"
fi

# The standards' validator (RELAX NG + Schematron).
if [ -x "$STD/validate-tbx" ] && command -v java >/dev/null 2>&1; then
    "$STD/validate-tbx" "$WORK/g.tbx" >"$WORK/v.out" 2>&1 ||
        fail "TBX 2019 export is not valid: $(tail -5 "$WORK/v.out")"
    "$STD/validate-tbx" "$WORK/g.tbx2008" >"$WORK/v.out" 2>&1 ||
        fail "TBX 2008 export is not valid: $(tail -5 "$WORK/v.out")"
else
    echo "skipped: TBX validation (no $STD/validate-tbx or no java; scripts/setup --test-tools)"
fi

# OmegaT, a real CAT tool, reads our TBX 2008 and matches the term in a seed sentence.
if [ -x "$STD/omegat/omegat-glossary-check" ] && command -v omegat >/dev/null 2>&1; then
    grep -h "diplomatie préventive" "$DATA"/seeds/*.txt | head -n 1 >"$WORK/sentence.txt"
    cp "$WORK/g.tbx2008" "$WORK/glossary.tbx"
    "$STD/omegat/omegat-glossary-check" "$WORK/glossary.tbx" "$WORK/sentence.txt" \
        >"$WORK/omegat.out" 2>&1 || fail "OmegaT could not load the glossary: $(tail -5 "$WORK/omegat.out")"
    # "SEGMENT <sentence> => term -> translation; ...": OmegaT's own matcher.
    grep '^SEGMENT' "$WORK/omegat.out" | grep -q "[>;] diplomatie préventive -> preventive diplomacy" ||
        fail "OmegaT did not match diplomatie préventive: $(grep '^SEGMENT' "$WORK/omegat.out" | head -3)"
else
    echo "skipped: OmegaT check (omegat is not installed here; scripts/setup --test-tools tries it)"
fi

# Round trips: export -> import into an empty glossary -> export = the same file.
for fmt in tbx tbx2008 csv tsv; do
    rm -f "$WORK/rt.db"*
    expect_exit 0 "$TERMEX" import -q --db "$WORK/rt.db" "$WORK/g.$fmt"
    expect_exit 0 "$TERMEX" export --db "$WORK/rt.db" --format "$fmt" -o "$WORK/rt.$fmt"
    cmp -s "$WORK/g.$fmt" "$WORK/rt.$fmt" ||
        fail "round trip $fmt differs: $(diff "$WORK/g.$fmt" "$WORK/rt.$fmt" | head -6)"
done
# Imported entries are approved terms with their translations, and merged.
rm -f "$WORK/m.db"*
printf 'fr\ten\nzones de paix\tzone of peace\n' >"$WORK/z.tsv"
expect_exit 0 "$TERMEX" import --db "$WORK/m.db" "$WORK/z.tsv"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/m.db" "$DATA/seeds"
expect_exit 0 "$TERMEX" import --db "$WORK/m.db" "$WORK/z.tsv"
expect_grep "$WORK/err" "0 new terms, 1 merged" "re-import merges"
expect_exit 0 "$TERMEX" show --db "$WORK/m.db" "zone de paix"
expect_grep "$WORK/out" "approved" "imported term approved"
expect_grep "$WORK/out" "zone of peace" "imported translation"
n=$(grep -c "zone of peace" "$WORK/out")
[ "$n" -eq 1 ] || fail "the imported translation is there $n times"

# Hostile and broken files: refused, named, nothing written.
"$TERMEX" list --db "$DB" --format tsv --top 0 --with-translations >"$WORK/before"
for bad in billion-laughs.tbx external-entity.tbx wrong-root.tbx malformed.tbx; do
    [ -f "$DATA/tbx/$bad" ] || { fail "fixture tbx/$bad missing"; continue; }
    expect_exit 1 "$TERMEX" import --db "$DB" "$DATA/tbx/$bad"
    expect_grep "$WORK/err" "$bad" "import $bad names the file"
    expect_no_grep "$WORK/err" "root:x:0:0" "no file content leaks"
done
printf 'fr,en\nzone de paix,zone of peace\nzone de confiance,\377\376 bad\n' >"$WORK/bad.csv"
expect_exit 1 "$TERMEX" import --db "$DB" "$WORK/bad.csv"
expect_grep "$WORK/err" "bad.csv:3" "invalid UTF-8 in CSV: file and line"
"$TERMEX" list --db "$DB" --format tsv --top 0 --with-translations >"$WORK/after"
cmp -s "$WORK/before" "$WORK/after" || fail "a refused import changed the glossary"

# EuroVoc, a real 7,000-concept FR-EN list (when the shared corpus is here).
EV=$(dirname "$0")/../../../shared/corpus/eurovoc/eurovoc-fr-en.tsv
if [ -f "$EV" ]; then
    rm -f "$WORK/ev.db"*
    expect_exit 0 "$TERMEX" import --db "$WORK/ev.db" "$EV"
    expect_grep "$WORK/err" "7317 concepts" "EuroVoc concepts read"
    expect_exit 0 "$TERMEX" show --db "$WORK/ev.db" "zone de paix"
    expect_grep "$WORK/out" "peace zone" "EuroVoc translation"
else
    echo "skipped: EuroVoc import (no ../shared/corpus/eurovoc)"
fi

expect_exit 2 "$TERMEX" export --format xml
expect_exit 2 "$TERMEX" import
finish
