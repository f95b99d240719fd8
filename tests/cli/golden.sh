# golden.sh: golden-file tests of the command line, after zstd's tests/cli-tests.
#   sh golden.sh [--update] TERMEX DATA_DIR WORK_DIR [GROUP | GROUP/CASE]...
# runs every case of the GROUPs named (default: all) and fails when one differs.
#
# A case is tests/cli/golden/GROUP/CASE.cmd, a shell snippet that sh runs in a
# fresh empty directory WORK_DIR/GROUP/CASE/ with
#   termex        first on PATH (also in $TERMEX; wrapped under TX_TEST_WRAPPER)
#   $DATA         the fixtures (tests/data), to copy from: a case copies its inputs
#                 into its directory and names them by relative paths, so that no
#                 absolute path reaches the output
#   LC_ALL=C, TZ=UTC, TERMEX_DATA_DIR unset
# and holding a copy of what GROUP/setup (when there is one) left in its own
# directory: the setup runs once per group, in the same environment; its output
# is not compared, but its failure fails the group's cases.  Beside the case:
#   CASE.out   the expected standard output, byte for byte
#   CASE.exit  the expected exit status of the snippet (that of its last command)
#   CASE.err   the expected standard error (optional: compared only when present)
# A mismatch prints a unified diff (expected, then actual) and the case fails.
#
# --update writes what the program does now into CASE.out and CASE.exit (and
# CASE.err when it exists: create an empty one to start comparing stderr), and
# says which files changed; review them with `git diff` before committing.
# `cmake --build BUILD --target golden-update` runs it on every group.
set -u
update=0
if [ "${1:-}" = "--update" ]; then
    update=1
    shift
fi
if [ $# -lt 3 ]; then
    echo "usage: sh golden.sh [--update] TERMEX DATA_DIR WORK_DIR [GROUP | GROUP/CASE]..." >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
golden=$here/golden
# Absolute paths: the cases run in their own directories.
termex_abs=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
data_abs=$(cd "$2" && pwd)
mkdir -p "$3" || exit 2
work_abs=$(cd "$3" && pwd)
shift 3
cases_wanted="$*"
set -- "$termex_abs" "$data_abs" "$work_abs"
. "$here/lib.sh"

# termex on PATH: the program, or lib.sh's script that wraps it.
mkdir -p "$WORK/bin"
ln -s "$TERMEX" "$WORK/bin/termex"
unset TERMEX_DATA_DIR
N_CASES=0
N_UPDATED=0

# show_diff WHAT EXPECTED ACTUAL: the difference, at most 80 lines of it.
show_diff() {
    echo "  $1 differs (--- expected, +++ actual):" >&2
    diff -u "$2" "$3" | head -n 80 | sed 's/^/  /' >&2
}

# put ACTUAL EXPECTED: --update: copy ACTUAL over EXPECTED if they differ.
put() {
    if ! cmp -s "$1" "$2"; then
        cp "$1" "$2"
        echo "updated: ${2#"$golden/"}"
        N_UPDATED=$((N_UPDATED + 1))
    fi
}

# in_env DIR SCRIPT: run the shell snippet SCRIPT in DIR as the cases run.
in_env() {
    (cd "$1" && PATH=$WORK/bin:$PATH TERMEX=$WORK/bin/termex DATA=$DATA \
        LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=1700000000 TERMEX_USER=golden exec sh "$2")
}

# setup_group GROUP: run GROUP/setup once, in WORK/GROUP.setup/.  Status 1 when
# it failed (said once).
setup_group() {
    sdir=$WORK/$1.setup
    if [ -f "$sdir.failed" ]; then return 1; fi
    if [ -d "$sdir" ]; then return 0; fi
    mkdir -p "$sdir"
    if ! in_env "$sdir" "$golden/$1/setup" >"$sdir.log" 2>&1; then
        fail "$1/setup failed; its output:"
        sed 's/^/  /' "$sdir.log" | head -n 20 >&2
        : >"$sdir.failed"
        return 1
    fi
}

# run_case FILE.cmd: run one case and compare (or update) its results.
run_case() {
    cmd=$1
    base=${cmd%.cmd}
    name=${base#"$golden/"}
    group=${name%%/*}
    dir=$WORK/$name
    N_CASES=$((N_CASES + 1))
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ -f "$golden/$group/setup" ]; then
        setup_group "$group" || return
        cp -R "$WORK/$group.setup/." "$dir/"
    fi
    in_env "$dir" "$cmd" >"$dir.out" 2>"$dir.err"
    echo $? >"$dir.exit"
    if [ "$update" = 1 ]; then
        put "$dir.out" "$base.out"
        put "$dir.exit" "$base.exit"
        if [ -f "$base.err" ]; then put "$dir.err" "$base.err"; fi
        return
    fi
    before=$FAILS
    if [ ! -f "$base.out" ]; then
        fail "$name: no $name.out (run golden.sh --update to make it)"
    elif ! cmp -s "$base.out" "$dir.out"; then
        fail "$name: standard output differs"
        show_diff stdout "$base.out" "$dir.out"
    fi
    if [ -f "$base.exit" ]; then want=$(cat "$base.exit"); else want=0; fi
    if [ "$(cat "$dir.exit")" != "$want" ]; then
        fail "$name: exit status $(cat "$dir.exit"), want $want"
    fi
    if [ -f "$base.err" ] && ! cmp -s "$base.err" "$dir.err"; then
        fail "$name: standard error differs"
        show_diff stderr "$base.err" "$dir.err"
    elif [ "$FAILS" -gt "$before" ] && [ -s "$dir.err" ]; then
        echo "  its standard error:" >&2
        sed 's/^/  /' "$dir.err" | head -n 20 >&2
    fi
    if [ "$FAILS" = "$before" ]; then echo "ok: $name"; fi
}

if [ -z "$cases_wanted" ]; then
    cases_wanted=$(cd "$golden" && for d in */; do printf '%s ' "${d%/}"; done)
fi
for want in $cases_wanted; do
    if [ -f "$golden/$want.cmd" ]; then
        run_case "$golden/$want.cmd"
    elif [ -d "$golden/$want" ]; then
        found=0
        for cmd in "$golden/$want"/*.cmd; do
            [ -f "$cmd" ] || continue
            found=1
            run_case "$cmd"
        done
        [ "$found" = 1 ] || fail "$want: no case (*.cmd) in $golden/$want"
    else
        fail "$want: no such group or case in $golden"
    fi
done
if [ "$update" = 1 ]; then
    echo "$N_CASES case(s) run, $N_UPDATED file(s) updated"
fi
finish
