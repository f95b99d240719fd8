# install.sh: an installed termex works with the checkout gone.  The build is
# installed (cmake --install) into a prefix under the build tree, the prefix
# is moved, and README command 1's extraction runs with the moved program,
# from a folder with no stopwords/ and without TERMEX_DATA_DIR; its list is
# the build-tree program's, byte for byte.  No path of the source or build
# tree is in the installed program.
#   sh install.sh TERMEX DATA WORK CMAKE BUILD_DIR SOURCE_DIR VERSION [SANITIZED]
. "$(dirname "$0")/lib.sh"
CMAKE=$4
BUILD=$5
SRC=$6
VERSION=$7
SANITIZED=${8:-OFF}
WRAP="sh $(cd "$(dirname "$0")/.." && pwd)/wrap.sh"
S=$(cd "$DATA/seeds" && pwd)
case $TERMEX in /*) ;; *) TERMEX=$(pwd)/$TERMEX ;; esac # the test changes directory
unset TERMEX_DATA_DIR

expect_exit 0 "$CMAKE" --install "$BUILD" --prefix "$WORK/prefix"
for f in bin/termex share/termex/stopwords/fr/profile.txt share/termex/stopwords/en/profile.txt; do
    [ -e "$WORK/prefix/$f" ] || fail "not installed: $f"
done
if [ -e "$BUILD/man/termex.1" ]; then
    for page in termex termex-extract termex-list termex-show termex-align \
        termex-check termex-export termex-import termex-review termex-approve \
        termex-reject termex-reset termex-set termex-translate termex-merge termex-delete; do
        [ -s "$WORK/prefix/share/man/man1/$page.1" ] || fail "man page not installed: $page.1"
    done
else
    echo "skipped: man pages (pandoc was not found when the build was configured)"
fi

# The prefix moves; the checkout is out of reach from where termex runs.
mv "$WORK/prefix" "$WORK/moved"
mkdir "$WORK/run"
BIN=$WORK/moved/bin/termex
cd "$WORK/run" || exit 1
expect_exit 0 $WRAP "$BIN" --version
[ "$(cat "$WORK/out")" = "termex $VERSION" ] || fail "installed --version: $(cat "$WORK/out")"
expect_exit 0 $WRAP "$BIN" extract -q --db glossary.db "$S"
expect_exit 0 $WRAP "$BIN" list --db glossary.db --top 40
cp "$WORK/out" "$WORK/installed.list"
expect_grep "$WORK/installed.list" "diplomatie préventive" "installed list"
[ "$(wc -l <"$WORK/installed.list")" = 41 ] ||
    fail "installed list: $(wc -l <"$WORK/installed.list") lines, not a header and 40 terms"
# The same glossary as the build tree's program makes (which finds the
# data through the build's link to the source stopwords/).
expect_exit 0 "$TERMEX" extract -q --db "$WORK/build.db" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/build.db" --top 40
cmp -s "$WORK/out" "$WORK/installed.list" ||
    fail "installed and build-tree lists differ: $(diff "$WORK/out" "$WORK/installed.list" | head -5)"

# The data came from the moved prefix: without it, no language profile is found
# (unless one is installed in the configured prefix on this machine).
mv "$WORK/moved/share/termex" "$WORK/moved/share/termex.away"
"$BIN" extract -q --db nodata.db "$S" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" = 0 ]; then
    echo "skipped: data-less check (a stop list is installed in the configured prefix here)"
else
    [ "$rc" = 2 ] || fail "without its data: exit $rc, want 2"
    expect_grep "$WORK/err" "no language profile for 'fr'" "without its data"
    expect_no_grep "$WORK/err" "$SRC" "without its data: a source path"
fi
mv "$WORK/moved/share/termex.away" "$WORK/moved/share/termex"
# TERMEX_DATA_DIR and --data-dir still come first.
mkdir "$WORK/empty"
expect_exit 2 env TERMEX_DATA_DIR="$WORK/empty" $WRAP "$BIN" extract -q --db x.db \
    --data-dir "$WORK/empty" "$S"
expect_grep "$WORK/err" "$WORK/empty/fr/profile.txt" "--data-dir is the only place searched"

# No path of the source or build tree is compiled in (__FILE__ and the debug
# information are mapped to relative paths; the data is found at run time).
# A sanitized build (TX_SANITIZE, a test build never installed for use) is the
# exception: gcc writes the source file names of ASan's and UBSan's
# diagnostics unmapped, so there the run above is the whole check.
case $SANITIZED in
ON|on|1|TRUE|true|YES|yes)
    echo "install.sh: sanitized build: the check for source paths in the program is skipped" >&2
    finish ;;
esac
n=$(grep -c -F -a "$SRC" "$BIN")
[ "$n" = 0 ] || fail "the installed program holds the source path '$SRC' ($n lines)"
n=$(grep -c -F -a "$BUILD" "$BIN")
[ "$n" = 0 ] || fail "the installed program holds the build path '$BUILD' ($n lines)"
finish
