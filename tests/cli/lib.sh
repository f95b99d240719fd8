# lib.sh: helpers for the CLI tests (sourced).  Each test is called as
#   sh TEST.sh TERMEX DATA_DIR WORK_DIR
# With $TX_TEST_WRAPPER set (a command prefix, e.g. "valgrind ..."; see
# tests/wrap.sh), $TERMEX becomes $WORK/termex, a script that runs the real
# program under the wrapper, so every "$TERMEX" of the tests is wrapped.  The
# wrapper's reports (valgrind --log-fd=9) go to $WORK/wrapper.log: finish()
# fails the test when that file is not empty, and a command that exits 99
# (valgrind --error-exitcode=99) is reported as a wrapper error.
#
# Temporary files go to $TMPDIR, which ctest sets to BUILD/tmp (made here if it
# is gone).  The test data outside the repository (corpus/, standards/) is
# $SHARED: $TX_SHARED_DIR, by default ../shared beside the checkout; a test that
# needs it calls need_shared, which skips the test visibly when it is absent.
set -u
TERMEX=$1
DATA=$2
WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
if [ -n "${TMPDIR:-}" ]; then mkdir -p "$TMPDIR"; fi
SHARED=${TX_SHARED_DIR:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}
FAILS=0
WRAPPED=0
if [ -n "${TX_TEST_WRAPPER:-}" ]; then
    WRAPPED=1
    TX_TEST_WRAPPER_LOG=$WORK/wrapper.log
    export TX_TEST_WRAPPER_LOG
    : >"$TX_TEST_WRAPPER_LOG"
    chmod 666 "$TX_TEST_WRAPPER_LOG" # crash.sh runs termex as nobody too
    printf '#!/bin/sh\nexec sh '\''%s'\'' '\''%s'\'' "$@"\n' \
        "$(cd "$(dirname "$0")/.." && pwd)/wrap.sh" "$TERMEX" >"$WORK/termex"
    chmod 755 "$WORK/termex"
    TERMEX=$WORK/termex
fi

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
        if [ "$WRAPPED" = 1 ] && [ "$got" = 99 ]; then
            fail "exit 99 (want $want), an error reported by TX_TEST_WRAPPER: $*"
        else
            fail "exit $got (want $want): $*"
        fi
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

# dump_glossary DB OUT: what a user sees of glossary DB, in OUT: the list
# with variants, the JSON and TBX exports (example sentences, sources,
# acronyms, translations) and `show` of the first SHOW_TERMS listed terms
# (default 40; 8 under a wrapper).  Two glossaries that should be the same
# compare by this.
dump_glossary() {
    if [ "$WRAPPED" = 1 ]; then shown=${SHOW_TERMS:-8}; else shown=${SHOW_TERMS:-40}; fi
    {
        "$TERMEX" list --db "$1" --variants --format tsv --no-header --top 0
        "$TERMEX" export --db "$1" --format json
        "$TERMEX" export --db "$1" --format tbx
        "$TERMEX" list --db "$1" --format tsv --no-header --top "$shown" | cut -f2 |
            while IFS= read -r t; do "$TERMEX" show --db "$1" "$t"; done
    } >"$2" 2>&1
}

# skip WHY: end the test as skipped (exit 77: SKIP_RETURN_CODE in
# tests/CMakeLists.txt), saying why on stderr.
skip() {
    echo "SKIP: $*" >&2
    exit 77
}

# need_shared PATH...: skip the test unless every $SHARED/PATH exists.
need_shared() {
    for p in "$@"; do
        [ -e "$SHARED/$p" ] ||
            skip "$SHARED/$p is not there (the shared test data; set TX_SHARED_DIR)"
    done
}

finish() {
    if [ "$WRAPPED" = 1 ] && [ -s "$TX_TEST_WRAPPER_LOG" ]; then
        fail "TX_TEST_WRAPPER reported errors ($TX_TEST_WRAPPER_LOG," \
            "$(grep -c '^==[0-9]*== [^ ]' "$TX_TEST_WRAPPER_LOG") report(s); the first 200 lines:"
        head -200 "$TX_TEST_WRAPPER_LOG" >&2
    fi
    if [ "$FAILS" -ne 0 ]; then
        echo "$FAILS check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
    exit 0
}
