# lib.sh: helpers for the CLI tests (sourced).  Each test is called as
#   sh TEST.sh TERMEX DATA_DIR WORK_DIR
set -u
TERMEX=$1
DATA=$2
WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
FAILS=0

fail() {
    echo "FAIL: $*" >&2
    FAILS=$((FAILS + 1))
}

# expect_exit CODE CMD...: run CMD (stdout > $WORK/out, stderr > $WORK/err).
expect_exit() {
    want=$1
    shift
    "$@" >"$WORK/out" 2>"$WORK/err"
    got=$?
    if [ "$got" != "$want" ]; then
        fail "exit $got (want $want): $*"
        sed 's/^/  stderr: /' "$WORK/err" | head -20 >&2
    fi
}

# expect_grep FILE PATTERN WHAT: FILE must match the fixed string PATTERN.
expect_grep() {
    grep -qF -- "$2" "$1" || fail "$3: '$2' not in $(basename "$1"): $(head -c 600 "$1")"
}

expect_no_grep() {
    if grep -qF -- "$2" "$1"; then fail "$3: '$2' found in $(basename "$1")"; fi
}

finish() {
    if [ "$FAILS" -ne 0 ]; then
        echo "$FAILS check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
    exit 0
}
