# table-safety.sh: what import and export do with hostile or damaged text.
#   A. control characters: refused on import (file, line, code point), repaired
#      on export (a glossary may hold them), so that TBX stays valid;
#   B. rows whose source term has no word: skipped and reported, exit 1;
#   C. cells a spreadsheet would run as formulas: escaped with ', exactly undone;
#   D. UTF-16 CSV with a BOM (a spreadsheet's "Unicode text");
#   E. align --dict and check --ignore: a directory, /dev/zero, an endless pipe,
#      binary data and Latin-1 are refused, memory bounded.
# Each check prints its name, and "-> failed" when it failed.
. "$(dirname "$0")/lib.sh"
DB=$WORK/g.db
N=0
START=0

# begin NAME: start a check (and close the one before).
begin() {
    end_check
    N=$((N + 1))
    START=$FAILS
    echo "check $N: $*"
}
end_check() {
    if [ "$N" -gt 0 ] && [ "$FAILS" -gt "$START" ]; then
        echo "check $N: -> failed"
    fi
}

# bounded CMD...: run termex with a time limit and a memory limit (when the
# program runs under one: not under valgrind or AddressSanitizer), so that a
# program reading without end cannot take the machine with it.
LIMIT_MEM=0
if [ "$WRAPPED" = 0 ] &&
    (ulimit -v 2000000 2>/dev/null && exec "$TERMEX" --help) >/dev/null 2>&1; then
    LIMIT_MEM=1
fi
bounded() {
    if [ "$LIMIT_MEM" = 1 ]; then
        (ulimit -v 2000000 2>/dev/null; exec timeout 30 "$@")
    else
        timeout 300 "$@"
    fi
}

# The bytes XML forbids (C0 but tab, LF, CR; U+FFFE, U+FFFF as UTF-8), and bytes
# that are not UTF-8, must not be in FILE.
no_bad_bytes() {
    if LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037]')" "$1"; then
        fail "$2 holds a control character"
    fi
    if LC_ALL=C grep -q "$(printf '\357\277[\276\277]')" "$1"; then
        fail "$2 holds U+FFFE or U+FFFF"
    fi
    if command -v iconv >/dev/null 2>&1 &&
        ! iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; then
        fail "$2 is not valid UTF-8"
    fi
}

expect_exit 0 "$TERMEX" extract -q --db "$DB" "$DATA/seeds"
"$TERMEX" list --db "$DB" --format tsv --no-header --top 0 >"$WORK/before"

begin "A1 import refuses a control character, with file, line and code point"
printf 'fr,en,status\ndiplomatie\001 préventive,preventive diplomacy,approved\n' \
    >"$WORK/c.csv"
expect_exit 1 "$TERMEX" import --db "$DB" "$WORK/c.csv"
expect_grep "$WORK/err" "c.csv:2" "the file and line"
expect_grep "$WORK/err" "U+0001" "the code point"
printf 'fr\ten\tcontext\nzone de paix\tzone of peace\tune ligne\n%s\n' \
    "$(printf 'zone\tzone\tx\357\277\277')" >"$WORK/f.tsv"
expect_exit 1 "$TERMEX" import --db "$DB" "$WORK/f.tsv"
expect_grep "$WORK/err" "f.tsv:3" "U+FFFF: the file and line"
expect_grep "$WORK/err" "U+FFFF" "U+FFFF: the code point"
"$TERMEX" list --db "$DB" --format tsv --no-header --top 0 >"$WORK/after"
cmp -s "$WORK/before" "$WORK/after" || fail "a refused import changed the glossary"

begin "A2 a glossary holding control characters and a non-UTF-8 file name exports"
# A document named in Latin-1 and, when a SQLite shell is here, a term and a
# context with control characters, as an older termex imported them, and
# document paths that are not UTF-8, as an older termex stored them.
D=$WORK/dirty
mkdir -p "$D/docs"
for f in "$DATA"/seeds/*.txt; do cp "$f" "$D/docs/"; done
first=$(ls "$D/docs" | head -n 1)
mv "$D/docs/$first" "$D/docs/rapport-$(printf '\351t\351').txt"
expect_exit 0 "$TERMEX" extract -q --db "$D/g.db" "$D/docs"
if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 "$D/g.db" "UPDATE terms SET canonical = canonical || char(1) || char(65535)
                       WHERE canonical = 'diplomatie préventive';
                       UPDATE sentences SET text = char(27) || '[31m' || text;
                       UPDATE documents
                       SET path = CAST(X'2F746D702F72E974E92E747874' AS TEXT);" ||
        fail "sqlite3 could not damage the glossary"
else
    echo "  note: no sqlite3, only the file name is damaged"
fi
for fmt in tbx tbx2008 csv tsv json; do
    expect_exit 0 "$TERMEX" export --db "$D/g.db" --format "$fmt" -o "$D/g.$fmt"
    [ -s "$D/g.$fmt" ] && no_bad_bytes "$D/g.$fmt" "export $fmt"
done
if command -v sqlite3 >/dev/null 2>&1; then
    R=$(printf '\357\277\275') # U+FFFD
    # (the source column names the document, not the folder it was read in)
    expect_grep "$D/g.csv" ",r${R}t$R.txt" "a non-UTF-8 path written with U+FFFD"
fi
# (The TBX of such a glossary is validated on a golden file, export/odd-names,
# by cli.corpus.standards.)
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' \
        "$D/g.json" 2>"$WORK/py.err" ||
        fail "JSON does not parse: $(tail -1 "$WORK/py.err")"
fi
# and what was exported imports again
expect_exit 0 "$TERMEX" import -q --db "$D/rt.db" "$D/g.csv"
expect_exit 0 "$TERMEX" import -q --db "$D/rt2.db" "$D/g.tbx"

begin "B rows whose source term has no word are skipped, named, and exit 1"
printf 'fr,en,status\n!!!,x,approved\n   ,y,approved\n%s\n' \
    "mesures de confiance,confidence-building measures," >"$WORK/s.csv"
expect_exit 1 "$TERMEX" import --db "$DB" "$WORK/s.csv"
expect_grep "$WORK/err" "s.csv:2: source term '!!!' has no word, row skipped" \
    "'!!!' named"
expect_grep "$WORK/err" "s.csv:3: source term is blank, row skipped" "blanks named"
expect_grep "$WORK/err" "2 skipped" "the summary counts them"
expect_exit 0 "$TERMEX" show --db "$DB" "mesures de confiance"
expect_grep "$WORK/out" "confidence-building measures" "the other row is imported"
cat >"$WORK/s.tbx" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1"><langSec xml:lang="fr">
      <termSec><term>zone de paix</term></termSec></langSec></conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="fr"><termSec><term>%%%</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c3">
      <langSec xml:lang="de"><termSec><term>Friedenszone</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
EOF
expect_exit 1 "$TERMEX" import --db "$DB" "$WORK/s.tbx"
expect_grep "$WORK/err" "s.tbx:7: source term '%%%' has no word, entry skipped" \
    "TBX entry named"
# an entry of other languages only is a selection: said, not an error
expect_grep "$WORK/err" "s.tbx:10: 1 entry has no 'fr' term, skipped" \
    "TBX entry without the source language"

begin "C cells a spreadsheet would run are escaped, and the round trip is exact"
F=$WORK/formula
mkdir -p "$F/docs"
cp "$DATA"/seeds/*.txt "$F/docs/"
first=$(ls "$F/docs" | head -n 1)
mv "$F/docs/$first" "$F/docs/=HYPERLINK(1).txt"
# relative paths: the document path, the "source" column, starts with =
(cd "$F/docs" && "$TERMEX" extract -q --db ../g.db *.txt >/dev/null 2>&1) || true
printf 'fr,en,status,context\n@SUM(zone franche),+zone,approved,-1 et =2\n' >"$F/f.csv"
printf '%s\n' "''=déjà échappé,x,approved,'-y" >>"$F/f.csv"
expect_exit 0 "$TERMEX" import -q --db "$F/g.db" "$F/f.csv"
expect_exit 0 "$TERMEX" export --db "$F/g.db" --format csv -o "$F/g.csv"
expect_grep "$F/g.csv" "'@SUM(zone franche),approved,'+zone,approved," \
    "term and translation escaped"
expect_grep "$F/g.csv" ",'-1 et =2," "context escaped"
expect_grep "$F/g.csv" "''=déjà échappé," "a ' already there is escaped too"
if grep -q "HYPERLINK" "$F/g.csv"; then
    expect_grep "$F/g.csv" ",'=HYPERLINK(1).txt" "the file name (source column) escaped"
fi
if LC_ALL=C grep -q '\(^\|,\)[=+@-]' "$F/g.csv"; then
    fail "a cell starts with = + - @: $(LC_ALL=C grep -m1 '\(^\|,\)[=+@-]' "$F/g.csv")"
fi
for fmt in csv tsv; do
    expect_exit 0 "$TERMEX" export --db "$F/g.db" --format "$fmt" -o "$F/a.$fmt"
    rm -f "$F/rt.db"*
    expect_exit 0 "$TERMEX" import -q --db "$F/rt.db" "$F/a.$fmt"
    expect_exit 0 "$TERMEX" export --db "$F/rt.db" --format "$fmt" -o "$F/b.$fmt"
    # the sheet's ids are each glossary's own (id@mark): compared without them
    for f in a b; do
        sed 's/^[0-9]*@[0-9a-f]*//' "$F/$f.$fmt" >"$F/$f-noid.$fmt"
    done
    cmp -s "$F/a-noid.$fmt" "$F/b-noid.$fmt" ||
        fail "round trip $fmt differs: $(diff "$F/a-noid.$fmt" "$F/b-noid.$fmt" | head -6)"
done
expect_exit 0 "$TERMEX" show --db "$F/rt.db" "@SUM(zone franche)"
expect_grep "$F/a.tsv" "'@SUM(zone franche)" "TSV escaped too"
expect_grep "$WORK/out" "+zone" "the translation comes back without its '"
expect_no_grep "$WORK/out" "'+zone" "the translation comes back without its '"

begin "D a UTF-16 CSV with a BOM (spreadsheet 'Unicode text') is read, lines right"
cp "$DATA/table/utf16le-tab.csv" "$WORK/u.csv"
expect_exit 0 "$TERMEX" import --db "$WORK/u.db" "$WORK/u.csv"
expect_grep "$WORK/err" "3 concepts" "three rows read"
expect_exit 0 "$TERMEX" show --db "$WORK/u.db" "diplomatie préventive"
expect_grep "$WORK/out" "preventive diplomacy" "its translation"
# the same as .txt, UTF-16BE, with a row to skip on line 3
printf 'fr\ten\ndéveloppement durable\tsustainable development\n!!!\tx\n' |
    iconv -f UTF-8 -t UTF-16BE >"$WORK/raw"
{ printf '\376\377'; cat "$WORK/raw"; } >"$WORK/u.txt"
expect_exit 1 "$TERMEX" import --db "$WORK/u.db" "$WORK/u.txt"
expect_grep "$WORK/err" "u.txt:3: source term '!!!' has no word" "UTF-16 line numbers"
expect_grep "$WORK/err" "1 new terms" "the good row"

begin "E1 align --dict: directory, /dev/zero, endless pipe, binary, Latin-1 refused"
mkdir -p "$WORK/dir"
printf 'paix\tpeace\n\177ELF\002\001\000\000\n' >"$WORK/bin.tsv"
expect_exit 1 "$TERMEX" align --db "$DB" --dict "$WORK/dir"
expect_grep "$WORK/err" "Is a directory" "a directory"
expect_exit 1 bounded "$TERMEX" align --db "$DB" --dict /dev/zero
expect_grep "$WORK/err" "/dev/zero:1: NUL byte" "/dev/zero"
yes '#' 2>/dev/null | bounded "$TERMEX" align --db "$DB" --dict /dev/stdin \
    >"$WORK/out" 2>"$WORK/err"
rc=$?
[ "$rc" = 1 ] || fail "endless pipe: exit $rc (want 1)"
expect_grep "$WORK/err" "larger than 67108864 bytes" "an endless pipe stops at 64 MiB"
expect_exit 1 "$TERMEX" align --db "$DB" --dict "$WORK/bin.tsv"
expect_grep "$WORK/err" "bin.tsv:2: NUL byte" "binary data"
expect_exit 1 "$TERMEX" align --db "$DB" --dict "$DATA/table/latin1.tsv"
expect_grep "$WORK/err" "latin1.tsv:2: invalid UTF-8" "Latin-1"

begin "E2 check --ignore: directory, /dev/zero, endless pipe, binary, Latin-1 refused"
expect_exit 2 "$TERMEX" check --db "$DB" --ignore "$WORK/dir"
expect_grep "$WORK/err" "dir: Is a directory" "a directory"
expect_exit 2 bounded "$TERMEX" check --db "$DB" --ignore /dev/zero
expect_grep "$WORK/err" "/dev/zero:1: NUL byte" "/dev/zero"
yes '#' 2>/dev/null | bounded "$TERMEX" check --db "$DB" --ignore /dev/stdin \
    >"$WORK/out" 2>"$WORK/err"
rc=$?
[ "$rc" = 2 ] || fail "endless pipe: exit $rc (want 2)"
expect_grep "$WORK/err" "larger than 16777216 bytes" "an endless pipe stops at 16 MiB"
expect_exit 2 "$TERMEX" check --db "$DB" --ignore "$WORK/bin.tsv"
expect_grep "$WORK/err" "bin.tsv:2: NUL byte" "binary data"
expect_exit 2 "$TERMEX" check --db "$DB" --ignore "$DATA/table/latin1.tsv"
expect_grep "$WORK/err" "latin1.tsv:2: invalid UTF-8" "Latin-1"

end_check
finish
