# shellcheck shell=sh
# wrap.sh PROGRAM ARGS...: run PROGRAM under the command prefix in
# $TX_TEST_WRAPPER (unset or empty: run it as is).  ctest starts every unit
# test and fuzz replay program through this script, and tests/cli/lib.sh every
# termex process, so that e.g.
#   TX_TEST_WRAPPER="valgrind --quiet --error-exitcode=99 --log-fd=9 ..." ctest
# runs the whole suite under valgrind (scripts/valgrind does exactly that).
#
# When a wrapper is set, file descriptor 9 is open for its reports (valgrind
# --log-fd=9): it is the file $TX_TEST_WRAPPER_LOG when that is set and
# writable (lib.sh sets it: a CLI test fails when anything was written there),
# else this process's stderr.  Exit status 99 is reserved for the wrapper's
# errors (valgrind --error-exitcode=99): no test expects it from a program.
#
# The script ends in exec, so the process keeps this script's PID: a test
# that kills it (cli/crash.sh) kills the wrapped program.
set -f # the wrapper is split into words, never globbed
# ctest points TMPDIR into the build tree (BUILD/tmp): make it if it is gone.
if [ -n "${TMPDIR:-}" ]; then mkdir -p "$TMPDIR"; fi
if [ -n "${TX_TEST_WRAPPER:-}" ]; then
    if [ -n "${TX_TEST_WRAPPER_LOG:-}" ] && [ -w "$TX_TEST_WRAPPER_LOG" ]; then
        exec 9>>"$TX_TEST_WRAPPER_LOG"
    else
        exec 9>&2
    fi
    # shellcheck disable=SC2086 # a command prefix: word splitting wanted
    exec $TX_TEST_WRAPPER "$@"
fi
exec "$@"
