# bad-input.sh: invalid UTF-8, binary, empty, missing and Windows-1252 files.
# A bad file is named on stderr (with the byte offset where it applies) and
# skipped; the other files are used; the exit status says something failed.
. "$(dirname "$0")/lib.sh"
IN=$DATA/input
DB=$WORK/g.db

expect_exit 1 "$TERMEX" extract -q --db "$DB" "$IN/invalid-utf8.txt"
expect_grep "$WORK/err" "invalid-utf8.txt" "invalid UTF-8 names the file"
expect_grep "$WORK/err" "byte" "invalid UTF-8 gives the offset"

expect_exit 1 "$TERMEX" extract -q --db "$DB" "$IN/binary.bin"
expect_grep "$WORK/err" "binary.bin: skipped: gzip archive, not a document termex reads" \
    "archive named on the command line: said"

expect_exit 1 "$TERMEX" extract -q --db "$DB" "$WORK/does-not-exist.txt"
expect_grep "$WORK/err" "does-not-exist.txt" "missing file named"
expect_grep "$WORK/err" "No such file" "missing file reason"

# An empty file is not an error: there is just nothing in it.
expect_exit 0 "$TERMEX" extract --db "$DB" "$IN/empty.txt"
expect_grep "$WORK/err" "no text" "empty file reported"

# Windows-1252 is detected and converted: the term comes out in UTF-8.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/cp.db" --min-freq 1 "$IN/cp1252.txt"
expect_exit 0 "$TERMEX" list --db "$WORK/cp.db" --format tsv --no-header --top 0
expect_grep "$WORK/out" "coopération" "cp1252 decoded"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/u16.db" --min-freq 1 "$IN/utf16le-bom.txt"
expect_exit 0 "$TERMEX" list --db "$WORK/u16.db" --format tsv --no-header --top 0
expect_grep "$WORK/out" "coopération" "UTF-16 decoded"

# Good and bad together: the good documents are stored, exit status 1.
mkdir -p "$WORK/mixed"
cp "$IN/binary.bin" "$IN/invalid-utf8.txt" "$DATA/seeds/"*.txt "$WORK/mixed/"
expect_exit 1 "$TERMEX" extract --db "$WORK/mixed.db" "$WORK/mixed"
# binary.bin is a gzip archive: in a folder, skipped quietly and counted
expect_no_grep "$WORK/err" "binary.bin" "mixed: archive not named"
expect_grep "$WORK/err" "1 non-document file(s) ignored" "mixed: archive counted"
expect_grep "$WORK/err" "5 document(s) added" "mixed: seeds added"
expect_exit 0 "$TERMEX" list --db "$WORK/mixed.db" --format tsv --no-header
expect_grep "$WORK/out" "diplomatie préventive" "mixed: seeds extracted"

# Characters XML forbids in a document (U+FFFE, U+FFFF, a stray C0 control)
# become spaces: every export of the glossary still works and validates.
{
    printf 'La zone\357\277\276de paix est saluée.\nLa zone de paix\357\277\277 et la zone\001de paix.\n'
    # (more text: a control character in fewer than 1 in 100 is not binary data)
    for i in 1 2 3 4 5 6 7 8; do echo "La coopération régionale en Asie centrale progresse."; done
} >"$WORK/nonchar.txt"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/nonchar.db" --min-freq 1 "$WORK/nonchar.txt"
for f in tbx tbx2008 csv json; do
    expect_exit 0 "$TERMEX" export --db "$WORK/nonchar.db" --format "$f" -o "$WORK/nonchar.$f"
done
expect_grep "$WORK/nonchar.tbx" "zone de paix" "non-characters: the term exported"
if LC_ALL=C grep -q "$(printf '\357\277[\276\277]')" "$WORK/nonchar.tbx"; then
    fail "a non-character reached the TBX file"
fi

# Standard input.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/stdin.db" - <"$DATA/seeds/000_ebfd1786662cfdea.txt"
expect_exit 0 "$TERMEX" list --db "$WORK/stdin.db" --format tsv --no-header
expect_grep "$WORK/out" "zone de paix, de confiance et de coopération" "stdin"
finish
