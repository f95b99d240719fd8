# exchange.sh: termex export and import.  Every export format is checked (CSV/TSV
# by shape, JSON by a parser; TBX by the standards' validate-tbx and OmegaT in
# cli.corpus.standards, on the golden exports), export -> import into an empty
# glossary -> export gives the same file, and hostile or broken files are
# refused with nothing written.
. "$(dirname "$0")/lib.sh"
P=$DATA/parallel
DB=$WORK/g.db

# The seeds' glossary, with English equivalents from the parallel fixture.
expect_exit 0 "$TERMEX" extract -q --db "$DB" "$DATA/seeds"
expect_exit 0 "$TERMEX" align -q --db "$DB" --src-file "$P/un-fr.txt" --tgt-file "$P/un-en.txt"

for fmt in tbx tbx2019 tbx2008 csv tsv json; do
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
head -n 1 "$WORK/g.csv" | grep -q '^id,term,status,translation,translation_status,' ||
    fail "CSV header: $(head -n 1 "$WORK/g.csv")"
grep -q '^[0-9]*@[0-9a-f]*,diplomatie préventive,[a-z]*,preventive diplomacy,' "$WORK/g.csv" ||
    fail "CSV row for diplomatie préventive"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d) > 50, len(d)' \
        "$WORK/g.json" || fail "JSON export does not parse"
fi

# The standards' validator and OmegaT read the golden TBX exports instead
# (tests/cli/golden/export/, cli.corpus.standards): they need ../shared.

# Round trips: export -> import into an empty glossary -> export = the same file.
for fmt in tbx tbx2019 tbx2008 csv tsv; do
    rm -f "$WORK/rt.db"*
    expect_exit 0 "$TERMEX" import -q --db "$WORK/rt.db" "$WORK/g.$fmt"
    expect_exit 0 "$TERMEX" export --db "$WORK/rt.db" --format "$fmt" -o "$WORK/rt.$fmt"
    # the review sheet's id column is each glossary's own term id
    if [ "$fmt" = csv ] || [ "$fmt" = tsv ]; then
        for f in g rt; do
            sed 's/^[0-9]*@[0-9a-f]*//' "$WORK/$f.$fmt" >"$WORK/$f-noid.$fmt"
        done
        cmp -s "$WORK/g-noid.$fmt" "$WORK/rt-noid.$fmt" ||
            fail "round trip $fmt differs: $(diff "$WORK/g-noid.$fmt" "$WORK/rt-noid.$fmt" | head -6)"
        continue
    fi
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
"$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --with-translations >"$WORK/before"
for bad in billion-laughs.tbx external-entity.tbx wrong-root.tbx malformed.tbx; do
    [ -f "$DATA/tbx/$bad" ] || { fail "fixture tbx/$bad missing"; continue; }
    expect_exit 1 "$TERMEX" import --db "$DB" "$DATA/tbx/$bad"
    expect_grep "$WORK/err" "$bad" "import $bad names the file"
    expect_no_grep "$WORK/err" "root:x:0:0" "no file content leaks"
done
printf 'fr,en\nzone de paix,zone of peace\nzone de confiance,\377\376 bad\n' >"$WORK/bad.csv"
expect_exit 1 "$TERMEX" import --db "$DB" "$WORK/bad.csv"
expect_grep "$WORK/err" "bad.csv:3" "invalid UTF-8 in CSV: file and line"
"$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --with-translations >"$WORK/after"
cmp -s "$WORK/before" "$WORK/after" || fail "a refused import changed the glossary"

# EuroVoc, a real 7,000-concept list, is imported by cli.corpus.eurovoc.

expect_exit 2 "$TERMEX" export --format xml
expect_exit 2 "$TERMEX" import
finish
