# limits.sh: --max-memory holds whatever the input.  Short lines without
# sentence punctuation, which the clean-up joins into one huge "sentence",
# once peaked at ~245 times the input whatever the budget; a sentence is now
# cut at TX_MAX_SENTENCE_TOKENS tokens and a paragraph read in pieces of at
# most 1 MiB.  A device named as a document is refused from its first block,
# not after reading the 1 GiB a document may have.  Peak memory comes from
# GNU time (%M, KiB): a bound, not a speed, so it does not depend on the
# machine; under valgrind (TX_TEST_WRAPPER) the peaks are valgrind's and are
# not checked.
. "$(dirname "$0")/lib.sh"
TIME=/usr/bin/time
if [ "$WRAPPED" = 1 ]; then MB=1; else MB=6; fi
python3 - "$WORK/lines.txt" "$MB" <<'EOF'
import random, sys
random.seed(7)
words = ("gestion paquet système fichier réseau noyau pilote sécurité utilisateur "
         "mise jour serveur client base données").split()
with open(sys.argv[1], "w") as f:
    n = 0
    while n < int(sys.argv[2]) * 1000000:
        line = " ".join(random.choice(words) for _ in range(random.randint(2, 6)))
        f.write(line + "\n")
        n += len(line) + 1
EOF

# Under AddressSanitizer, memory is its shadow and red zones too, and freed
# blocks wait in a quarantine: no quarantine, and twice the bound.
BOUND=200
if ldd "$TERMEX" 2>/dev/null | grep -q libasan; then
    BOUND=400
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
    export ASAN_OPTIONS
fi

peak() { # peak FILE: the peak RSS GNU time wrote last in FILE, in MiB
    tail -n 1 "$1" | awk '{ printf "%d", $1 / 1024 }'
}

if [ "$WRAPPED" = 1 ] || ! [ -x "$TIME" ]; then
    expect_exit 0 "$TERMEX" extract -q --max-memory 64 --db "$WORK/l.db" "$WORK/lines.txt"
    echo "skipped: peak memory checks (under a wrapper, or no $TIME)"
else
    # 64 MiB for the candidates; the rest of the process (ICU's data, SQLite's
    # cache, the document and its decoded copies) adds well under 100 MiB on
    # this input.  Before the cap: over 2 GiB (2.5 GiB measured).
    expect_exit 0 "$TIME" -f '%M' "$TERMEX" extract -q --max-memory 64 --db "$WORK/l.db" \
        "$WORK/lines.txt"
    p=$(peak "$WORK/err")
    echo "long lines, $MB MB, --max-memory 64: peak $p MiB"
    [ "$p" -le "$BOUND" ] ||
        fail "--max-memory 64 on $MB MB of short lines: peak $p MiB (want <= $BOUND)"
fi
# No example sentence longer than a sentence may be (512 tokens of at most
# a few dozen bytes here).
longest=$(sqlite3 "$WORK/l.db" 'SELECT coalesce(max(length(text)), 0) FROM sentences')
[ "$longest" -le 20000 ] || fail "an example sentence of $longest characters"
[ "$(sqlite3 "$WORK/l.db" 'SELECT count(*) FROM sentences')" -gt 0 ] ||
    fail "no example sentence kept"

# /dev/zero named as a document: binary data at once, not 1 GiB later.
if [ -c /dev/zero ]; then
    if [ "$WRAPPED" = 1 ] || ! [ -x "$TIME" ]; then
        expect_exit 1 "$TERMEX" extract -q --db "$WORK/z.db" /dev/zero
    else
        expect_exit 1 "$TIME" -f '%M' "$TERMEX" extract -q --db "$WORK/z.db" /dev/zero
        p=$(peak "$WORK/err")
        echo "/dev/zero: peak $p MiB"
        [ "$p" -le 100 ] || fail "/dev/zero: peak $p MiB (want <= 100): read before refused"
    fi
    expect_grep "$WORK/err" "/dev/zero: binary data (NUL byte at offset 0)" "/dev/zero refused"
fi
# The limit is documented.
expect_exit 0 "$TERMEX" extract --help
expect_grep "$WORK/out" "1 GiB" "extract --help: the size limit"
finish
