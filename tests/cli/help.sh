# help.sh: --version, termex help, termex help COMMAND, and the manual
# (docs/termex-<command>.1.md) names every command and every option.
#   sh help.sh TERMEX DATA WORK VERSION DOCS_DIR
. "$(dirname "$0")/lib.sh"
VERSION=$4
DOCS=$5

for v in --version -V; do
    expect_exit 0 "$TERMEX" "$v"
    [ "$(cat "$WORK/out")" = "termex $VERSION" ] ||
        fail "$v: '$(cat "$WORK/out")', want 'termex $VERSION' (include/tx.h)"
done
expect_exit 0 "$TERMEX" help
cp "$WORK/out" "$WORK/help"
expect_exit 0 "$TERMEX" --help
cmp -s "$WORK/out" "$WORK/help" || fail "'termex help' differs from 'termex --help'"
expect_exit 0 "$TERMEX" help help
cmp -s "$WORK/out" "$WORK/help" || fail "'termex help help' differs from 'termex help'"
expect_grep "$WORK/help" "termex help <command>" "help names 'help COMMAND'"

cmds=$(sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p' "$WORK/help" | grep -v '^help$')
[ "$(echo $cmds)" = "extract reference list show align check export import review approve reject reset set translate merge delete" ] ||
    fail "command list: $(echo $cmds)"
[ -s "$DOCS/termex.1.md" ] || fail "no docs/termex.1.md"
for cmd in $cmds; do
    expect_exit 0 "$TERMEX" help "$cmd"
    cp "$WORK/out" "$WORK/help-$cmd"
    expect_exit 0 "$TERMEX" "$cmd" --help
    cmp -s "$WORK/out" "$WORK/help-$cmd" || fail "'help $cmd' differs from '$cmd --help'"
    expect_grep "$WORK/help-$cmd" "usage: termex $cmd" "help $cmd"
    # The manual: a page per command, naming it and each of its options.
    page=$DOCS/termex-$cmd.1.md
    if [ ! -s "$page" ]; then
        fail "no manual page docs/termex-$cmd.1.md"
        continue
    fi
    expect_grep "$DOCS/termex.1.md" "(termex-$cmd.1.md)" "termex.1 links $cmd"
    for opt in $(grep -o -e '--[a-z][a-z-]*' "$WORK/help-$cmd" | sort -u); do
        expect_grep "$page" "**$opt**" "docs/termex-$cmd.1.md documents $opt"
    done
done

expect_exit 2 "$TERMEX" help frobnicate
expect_grep "$WORK/err" "'frobnicate' is not a termex command" "help of an unknown command"
expect_exit 2 "$TERMEX" help list show
expect_exit 2 "$TERMEX" frobnicate
expect_grep "$WORK/err" "see 'termex help'" "unknown command points to help"
finish
