# check-memory.sh: termex check streams.  The peak memory (RSS) of a check
# must not grow with its input: it holds the glossary, not the file.  Each
# input kind (line-aligned files, TMX, XLIFF) is checked at two sizes whose
# every line brings new words (the adversarial case: a vocabulary that keeps
# growing), and the large run may use at most MARGIN_KB more than the small
# one.  Comparing two runs of one machine keeps the test independent of its
# speed and of what the program needs to start (ICU's data, SQLite).
#
# The margin: what a check may legitimately hold more after 200,000 segments
# than after 20,000 is its candidate finders' tables of word forms, which
# start afresh at 8 MiB each (FINDER_MAX_BYTES in glossary/checker.c; the
# small runs have filled much of them already), and allocator slack: 2 to 6
# MiB measured.  20 MiB covers that with room to spare, and is far below what
# memory that grows with the input takes here (over 1 KB a segment: the
# checker that kept every target candidate and read line-aligned files whole
# took 280 to 340 MiB more for the large runs).
. "$(dirname "$0")/lib.sh"
DB=$WORK/g.db
MARGIN_KB=20480
if [ "$WRAPPED" = 1 ]; then
    # Under valgrind RSS measures valgrind: run small inputs for its reports.
    SMALL=200
    LARGE=2000
else
    SMALL=20000
    LARGE=200000
fi

# gen N: N segment pairs as line-aligned files, TMX and XLIFF 2.0 ($WORK/N.*).
# Line i has a word of its own ("bacedi"), and a number, on both sides; every
# 100th target drops the glossary's translation (a planted problem).
gen() {
    awk -v n="$1" -v p="$WORK/$1" '
    function word(i,   w) {
        w = ""
        do {
            w = w substr("bcdfghjklmnpqrstvwxz", i % 20 + 1, 1) \
                substr("aeiou", int(i / 20) % 5 + 1, 1)
            i = int(i / 100)
        } while (i > 0)
        return w
    }
    BEGIN {
        tmx = p ".tmx"
        xlf = p ".xlf"
        print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" > tmx
        print "<tmx version=\"1.4\"><header srclang=\"fr\" datatype=\"plaintext\"" \
              " segtype=\"sentence\" adminlang=\"en\" o-tmf=\"none\"" \
              " creationtool=\"check-memory.sh\" creationtoolversion=\"1\"/><body>" > tmx
        print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" > xlf
        print "<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\"" \
              " srcLang=\"fr\" trgLang=\"en\"><file id=\"f1\">" > xlf
        for (i = 1; i <= n; i++) {
            w = word(i)
            fr = "La diplomatie préventive du x" w " est un outil numéro " i "."
            en = (i % 100 ? "Preventive diplomacy" : "Pre-emptive tactics") \
                 " of x" w " is tool number " i "."
            print fr > (p ".fr")
            print en > (p ".en")
            print "<tu tuid=\"" i "\"><tuv xml:lang=\"fr\"><seg>" fr "</seg></tuv>" \
                  "<tuv xml:lang=\"en\"><seg>" en "</seg></tuv></tu>" > tmx
            print "<unit id=\"u" i "\"><segment><source>" fr "</source><target>" en \
                  "</target></segment></unit>" > xlf
        }
        print "</body></tmx>" > tmx
        print "</file></xliff>" > xlf
    }' || fail "cannot generate $1 segment pairs"
}

# run KIND N: check input KIND of N segment pairs; its peak RSS (KB) in $RSS.
run() {
    case $1 in
    lines) set -- "$2" --src-file "$WORK/$2.fr" --tgt-file "$WORK/$2.en" ;;
    tmx) set -- "$2" --tmx "$WORK/$2.tmx" ;;
    xliff) set -- "$2" --xliff "$WORK/$2.xlf" ;;
    esac
    n=$1
    shift
    RSS=
    if [ "$WRAPPED" = 1 ]; then
        expect_exit 1 "$TERMEX" check --db "$DB" "$@"
    else
        expect_exit 1 /usr/bin/time -f %M -o "$WORK/rss" "$TERMEX" check --db "$DB" "$@"
        # GNU time writes "Command exited with non-zero status 1" first.
        RSS=$(tail -n 1 "$WORK/rss")
    fi
    # Every segment was read, and the planted problems found.
    expect_grep "$WORK/err" "check: $n segment pairs, $n glossary term occurrences," \
        "$* read whole"
    expect_grep "$WORK/err" " $((n / 100)) problem(s)" "$* planted problems"
}

# AddressSanitizer keeps freed blocks in a quarantine (256 MiB) to catch their
# use after free, so that a sanitized build's RSS grows with the number of
# allocations until the quarantine is full: turn it off here (the other
# checks stay on).  The option means nothing to a build without ASan.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
export ASAN_OPTIONS
if [ "$WRAPPED" = 0 ] && ! /usr/bin/time -f %M -o "$WORK/rss" true 2>/dev/null; then
    fail "GNU time is needed as /usr/bin/time (Debian package 'time'," \
        "see scripts/setup)"
    finish
fi
printf 'fr,en,status\ndiplomatie préventive,preventive diplomacy,approved\n' \
    >"$WORK/g.csv"
expect_exit 0 "$TERMEX" import -q --db "$DB" "$WORK/g.csv"
gen "$SMALL"
gen "$LARGE"
for kind in lines tmx xliff; do
    run "$kind" "$SMALL"
    small=$RSS
    run "$kind" "$LARGE"
    large=$RSS
    if [ "$WRAPPED" = 1 ]; then
        echo "$kind: $SMALL and $LARGE segment pairs checked; RSS not compared under" \
            "TX_TEST_WRAPPER"
        continue
    fi
    case "$small,$large" in
    ,* | *, | *[!0-9,]*)
        fail "$kind: no peak RSS from GNU time ('$small', '$large')"
        continue
        ;;
    esac
    echo "$kind: peak RSS $small KB for $SMALL segment pairs, $large KB for $LARGE"
    [ $((large - small)) -le "$MARGIN_KB" ] ||
        fail "$kind: peak RSS grows with the input: $small KB for $SMALL segment" \
            "pairs, $large KB for $LARGE (more than $MARGIN_KB KB apart)"
done
rm -f "$WORK/$SMALL".* "$WORK/$LARGE".* # 80 MB of inputs
finish
