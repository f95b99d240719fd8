# names.sh: file names that are not UTF-8 or hold control characters.  The
# glossary stores a document's name as valid UTF-8 (the odd bytes escaped as
# \xNN, the raw bytes kept in documents.raw_path), so one such name never
# makes an export fail; messages never send a control character to the
# terminal (a newline in a name would forge a line).
. "$(dirname "$0")/lib.sh"
S=$DATA/seeds
D=$WORK/docs
mkdir -p "$D"
# A Latin-1 name, as an old archive or a Windows share gives it.
latin1=$(printf 'r\351solution.txt')
cp "$S/000_ebfd1786662cfdea.txt" "$D/$latin1"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/g.db" "$D"
expect_exit 0 "$TERMEX" show --db "$WORK/g.db" "diplomatie préventive"
expect_grep "$WORK/out" 'r\xE9solution.txt' "the name is shown escaped"
[ "$(sqlite3 "$WORK/g.db" "SELECT hex(raw_path) FROM documents")" = \
    "$(printf '%s' "$D/$latin1" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" ] ||
    fail "the raw bytes of the name are not kept"
for f in tbx tbx2008 csv tsv json; do
    expect_exit 0 "$TERMEX" export --db "$WORK/g.db" --format "$f" -o "$WORK/out.$f"
    if [ "$f" = json ]; then want='r\\xE9solution.txt'; else want='r\xE9solution.txt'; fi
    expect_grep "$WORK/out.$f" "$want" "export $f: the name, escaped"
done
if command -v iconv >/dev/null 2>&1; then
    for f in tbx csv json; do
        iconv -f UTF-8 -t UTF-8 "$WORK/out.$f" >/dev/null 2>&1 || fail "export $f is not UTF-8"
    done
fi
# The TBX of such a name is validated on a golden file (export/odd-names, by
# cli.corpus.standards).

# A glossary written before names were escaped upgrades: the name becomes
# valid, and the glossary exports again.
cp "$DATA/glossary-v1.db" "$WORK/old.db"
sqlite3 "$WORK/old.db" "UPDATE documents SET path = CAST(X'2F746D702F72E9736F6C7574696F6E2E747874' AS TEXT)
    WHERE id = (SELECT min(id) FROM documents)" || fail "cannot plant a Latin-1 name"
expect_exit 0 "$TERMEX" import --db "$WORK/old.db" "$DATA/table/golden.csv"
expect_exit 0 "$TERMEX" export --db "$WORK/old.db" --format tbx -o "$WORK/old.tbx"
[ "$(sqlite3 "$WORK/old.db" "SELECT path FROM documents WHERE raw_path IS NOT NULL")" = \
    '/tmp/r\xE9solution.txt' ] || fail "the old name is not escaped on upgrade"

# Control characters in a name reach neither the terminal nor the glossary.
ESC=$(printf '\033')
evil=$(printf 'evil\nforged: error\033[31m.txt')
printf 'La diplomatie préventive. La diplomatie préventive.\n' >"$D/$evil"
: >"$D/$(printf 'empty\nforged: error.txt')"
printf 'x\000y' >"$D/$(printf 'bin\033]0;title\007.dat')"
expect_exit 1 "$TERMEX" extract --db "$WORK/h.db" "$D"
grep -q "$ESC" "$WORK/err" && fail "an escape character reached the terminal"
grep -q '^forged' "$WORK/err" && fail "a newline in a name forged a line"
expect_grep "$WORK/err" "empty\\x0Aforged: error.txt': no text" "the name, escaped, in messages"
expect_grep "$WORK/err" 'bin\x1B]0;title\x07.dat: binary data' "the binary file's name, escaped"
expect_exit 0 "$TERMEX" export --db "$WORK/h.db" --format tbx -o "$WORK/h.tbx"
grep -q "$ESC" "$WORK/h.tbx" && fail "an escape character reached the TBX file"
expect_grep "$WORK/h.tbx" 'evil\x0Aforged: error\x1B[31m.txt' "the name, escaped, in TBX"
finish
