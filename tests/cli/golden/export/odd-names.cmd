# Names and text an older termex could store: a document named in Latin-1 (kept
# escaped as \xNN), one whose stored path is not UTF-8 (written as U+FFFD), a term
# holding U+0001 and U+FFFF, contexts starting with ESC: every format exports,
# the controls replaced (JSON escapes them).  cli.corpus.standards validates the
# two TBX outputs below.  (After tests/cli/names.sh and table-safety.sh.)
cp "$DATA/parallel/un-fr.txt" "$(printf 'r\351solution.txt')"
printf '%s\n' "La zone de paix d'Asie centrale est un objectif." \
    "Une zone de paix suppose la confiance." >report.txt
termex extract -q --db odd.db "$(printf 'r\351solution.txt')" report.txt
sqlite3 odd.db "UPDATE terms SET canonical = canonical || char(1) || char(65535)
                WHERE canonical = 'diplomatie préventive';
                UPDATE sentences SET text = char(27) || '[31m' || text
                WHERE text LIKE '%diplomatie préventive%';
                UPDATE documents SET path = CAST(X'2F746D702F72E974E92E747874' AS TEXT)
                WHERE path = 'report.txt';
                UPDATE meta SET value = '0123abcd' WHERE key = 'uid';"
for f in tbx2019 tbx2008 csv tsv json; do
    echo "==> $f"
    termex export --db odd.db --format $f
done
