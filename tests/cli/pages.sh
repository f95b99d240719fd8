# pages.sh: `show` names the document and page of each context.  A text file
# with form feeds (pdftotext's output) has pages, counted from the "\f" lines
# tx_cleanup() leaves in the text (the segmented text of a PDF has the same
# lines: docread.h); its running header goes; a text without form feeds has
# no page.  Through `show` and `show --format json`, on a new glossary and on
# one upgraded from schema 10 (no page column: its old contexts have none).
. "$(dirname "$0")/lib.sh"
DB=$WORK/g.db
P=$WORK/report.txt
Q=$WORK/plain.txt

page() { # page N: one page of the report, with its running header and footer
    printf 'Rapport annuel\n\n'
    case $1 in
    1) printf 'La gestion des ressources en eau est une priorité.\n\n' ;;
    2) printf 'Le programme de gestion des ressources en eau couvre les zones arides.\n\n' ;;
    3) printf 'Un suivi de la gestion des ressources en eau est publié.\n\n' ;;
    esac
    printf 'Page %s sur 3\n\f' "$1"
}
{ page 1; page 2; page 3; } >"$P"
printf 'La gestion des ressources en eau reste un sujet.\n' >"$Q"

expect_exit 0 "$TERMEX" extract --db "$DB" --min-freq 1 "$P" "$Q"
expect_exit 0 "$TERMEX" show --db "$DB" "gestion des ressources en eau"
expect_grep "$WORK/out" "($P, p. 1)" "page 1"
expect_grep "$WORK/out" "($P, p. 2)" "page 2"
expect_grep "$WORK/out" "($Q)" "no page in a text without form feeds"
expect_no_grep "$WORK/out" "($Q, p." "a page in a text without form feeds"
expect_exit 0 "$TERMEX" show --db "$DB" --format json "gestion des ressources en eau"
expect_grep "$WORK/out" '"page": 2' "json page"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --top 0
expect_no_grep "$WORK/out" "Rapport annuel" "the running header is a term"
[ "$(sqlite3 "$DB" 'SELECT max(page) FROM sentences')" = 3 ] || fail "pages stored: $(sqlite3 "$DB" 'SELECT page, text FROM sentences')"

# A glossary of schema 10 that may not be written is read as it is (no page);
# root reads through file modes as nobody, as settings.sh does.
OLD=$WORK/old.db
cp "$DB" "$OLD"
sqlite3 "$OLD" "DROP TABLE words; DELETE FROM meta WHERE key = 'reference'; ALTER TABLE sentences DROP COLUMN page; PRAGMA user_version = 10" >/dev/null
WHO=
if [ "$(id -u)" = 0 ]; then
    NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
    if command -v setpriv >/dev/null 2>&1 && $NOBODY "$TERMEX" --help >/dev/null 2>&1; then
        WHO=$NOBODY
    else
        WHO=skip
    fi
fi
if [ "$WHO" != skip ]; then
    mkdir -p "$WORK/ro"
    cp "$OLD" "$WORK/ro/g.db"
    chmod 444 "$WORK/ro/g.db"
    chmod 555 "$WORK/ro"
    chmod 755 "$WORK"
    expect_exit 0 $WHO "$TERMEX" show --db "$WORK/ro/g.db" "gestion des ressources en eau"
    expect_grep "$WORK/out" "($P)" "read-only schema 10"
    expect_no_grep "$WORK/out" ", p. " "a page in a read-only schema 10 glossary"
    [ "$(sqlite3 "$WORK/ro/g.db" 'PRAGMA user_version')" = 10 ] || fail "read-only v10 upgraded"
    chmod 755 "$WORK/ro"
else
    echo "skipped: a read-only schema 10 glossary (root without setpriv)"
fi

# One that may be written is upgraded: its sentences have page 0, shown as none.
expect_exit 0 "$TERMEX" show --db "$OLD" "gestion des ressources en eau"
expect_grep "$WORK/out" "($P)" "an old context"
expect_no_grep "$WORK/out" ", p. " "a page on an old context"
[ "$(sqlite3 "$OLD" 'PRAGMA user_version')" -ge 11 ] || fail "old glossary not upgraded"
finish
