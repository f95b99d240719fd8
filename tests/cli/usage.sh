# usage.sh: help texts, exit codes for usage errors, reading commands on a
# missing glossary.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "$TERMEX" --help
expect_grep "$WORK/out" "extract" "command list"
for cmd in extract list show; do
    expect_exit 0 "$TERMEX" "$cmd" --help
    expect_grep "$WORK/out" "usage: termex $cmd" "$cmd --help"
done
expect_exit 2 "$TERMEX"
expect_exit 2 "$TERMEX" frobnicate
expect_grep "$WORK/err" "'frobnicate' is not a termex command" "unknown command"
expect_exit 2 "$TERMEX" extract
expect_grep "$WORK/err" "no input given" "extract without input"
expect_exit 2 "$TERMEX" extract --min-freq zero x.txt
expect_grep "$WORK/err" "--min-freq: 'zero' is not a number" "bad number"
expect_exit 2 "$TERMEX" extract --bogus x.txt
expect_exit 2 "$TERMEX" extract --min-words 4 --max-words 2 x.txt
expect_exit 2 "$TERMEX" list --sort size
expect_exit 2 "$TERMEX" list --format xml
expect_exit 2 "$TERMEX" show

# Reading commands do not create a glossary by mistake.
expect_exit 1 "$TERMEX" list --db "$WORK/none.db"
expect_grep "$WORK/err" "none.db" "missing db named"
[ -e "$WORK/none.db" ] && fail "list created a database"

# An unknown language is a usage error that names it, found before the
# glossary is opened: none is created.
expect_exit 2 "$TERMEX" extract --db "$WORK/nolang.db" --lang xx "$DATA/seeds"
expect_grep "$WORK/err" "'xx'" "unknown language named"
expect_no_grep "$WORK/err" "unchanged" "unknown language: no claim about a glossary"
[ -e "$WORK/nolang.db" ] && fail "--lang xx created a glossary"

# A file that is not a glossary.
printf 'not a database, just text\n%.0s' $(seq 1 200) >"$WORK/notdb.db"
expect_exit 1 "$TERMEX" list --db "$WORK/notdb.db"
expect_grep "$WORK/err" "notdb.db" "bad db named"

# Numbers: NaN passes every comparison, so "nan" and "inf" are refused.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/n.db" "$DATA/seeds/000_ebfd1786662cfdea.txt"
for v in nan inf -inf 1e999 12x ""; do
    expect_exit 2 "$TERMEX" export --db "$WORK/n.db" --min-score "$v"
    expect_grep "$WORK/err" "--min-score" "export --min-score '$v' refused"
    expect_exit 2 "$TERMEX" align --db "$WORK/n.db" --min-bead-score "$v" \
        --src-file "$DATA/parallel/un-fr.txt" --tgt-file "$DATA/parallel/un-en.txt"
    expect_grep "$WORK/err" "--min-bead-score" "align --min-bead-score '$v' refused"
done
expect_exit 0 "$TERMEX" export --db "$WORK/n.db" --min-score -1.5e2
finish
