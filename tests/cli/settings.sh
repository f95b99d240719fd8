# settings.sh: the glossary keeps its settings (source language, profile,
# listing thresholds).  An option not given takes the glossary's value; one
# given that differs replaces it, says so, and is kept for later runs; `list`
# filters a view without changing anything; a --lang other than the
# glossary's is a usage error with nothing written; `show` uses the
# glossary's language and --data-dir; an old glossary gets its settings.
. "$(dirname "$0")/lib.sh"
S=$(cd "$DATA/seeds" && pwd)
DB=$WORK/g.db
meta() { sqlite3 "$1" "SELECT value FROM meta WHERE key = '$2'"; }

# 1. A default run stores the defaults, silently.
expect_exit 0 "$TERMEX" extract --db "$DB" "$S"
expect_no_grep "$WORK/err" "replaces" "a first run"
[ "$(meta "$DB" lang)/$(meta "$DB" profile)" = "fr/fr" ] || fail "lang/profile not stored"
[ "$(meta "$DB" min_freq) $(meta "$DB" min_words) $(meta "$DB" max_words)" = "2 1 8" ] ||
    fail "thresholds not stored: $(sqlite3 "$DB" 'SELECT * FROM meta')"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0
cp "$WORK/out" "$WORK/list2.tsv"
awk -F'\t' '$3 < 5' "$WORK/list2.tsv" | grep -q . || fail "no term below 5 to test with"

# 2. --min-freq 5 with no new document lists the whole glossary again with 5,
# and says so.
expect_exit 0 "$TERMEX" extract --db "$DB" --min-freq 5 "$S"
expect_grep "$WORK/err" "termex extract: --min-freq 5 replaces the glossary's 2, kept for later runs" \
    "--min-freq 5"
expect_grep "$WORK/err" "0 document(s) added" "--min-freq 5, no new document"
[ "$(meta "$DB" min_freq)" = 5 ] || fail "min_freq 5 not stored"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0
cp "$WORK/out" "$WORK/list5.tsv"
awk -F'\t' '$3 < 5 && $7 != "approved"' "$WORK/list5.tsv" | grep -q . &&
    fail "--min-freq 5 lists a term seen fewer than 5 times"
[ "$(wc -l <"$WORK/list5.tsv")" -lt "$(wc -l <"$WORK/list2.tsv")" ] ||
    fail "--min-freq 5 did not shorten the list"
# -q: nothing said, even when a value changes.
cp "$DB" "$WORK/q.db"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/q.db" --min-freq 3 "$S"
[ -s "$WORK/err" ] && fail "-q printed: $(cat "$WORK/err")"

# 3. The next default run keeps 5, and says nothing of it.
expect_exit 0 "$TERMEX" extract --db "$DB" "$S"
expect_no_grep "$WORK/err" "replaces" "a default run after --min-freq 5"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0
cmp -s "$WORK/out" "$WORK/list5.tsv" || fail "the next default run did not keep 5"
# The same value again is no change.
expect_exit 0 "$TERMEX" extract --db "$DB" --min-freq 5 "$S"
expect_no_grep "$WORK/err" "replaces" "--min-freq 5 again"

# 4. list --min-freq is a view: nothing stored changes.  A stricter value
# narrows the list; a looser one than the glossary's shows the same list.
cp "$DB" "$WORK/before.db"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --min-freq 10
awk -F'\t' '$3 < 10 && $7 != "approved"' "$WORK/out" | grep -q . &&
    fail "list --min-freq 10 shows a term seen fewer than 10 times"
cut -f2- "$WORK/out" >"$WORK/view10"
awk -F'\t' '$3 >= 10' "$WORK/list5.tsv" | cut -f2- >"$WORK/want10"
cmp -s "$WORK/view10" "$WORK/want10" || fail "list --min-freq 10 is not the list cut at 10"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 3 --min-freq 10
[ "$(wc -l <"$WORK/out")" = 3 ] || fail "--top 3 with a view: $(wc -l <"$WORK/out") rows"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --min-freq 2
cmp -s "$WORK/out" "$WORK/list5.tsv" || fail "a looser view changed the list"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --min-words 3 --max-words 3
[ -s "$WORK/out" ] || fail "list --min-words 3 --max-words 3 is empty"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --status approved
[ -s "$WORK/out" ] && fail "--status approved lists candidates"
expect_exit 2 "$TERMEX" list --db "$DB" --status maybe
expect_exit 2 "$TERMEX" list --db "$DB" --min-freq 0
cmp -s "$DB" "$WORK/before.db" || fail "list with view filters changed the glossary"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0
cmp -s "$WORK/out" "$WORK/list5.tsv" || fail "the list after a view is not the glossary's"

# 5. --lang other than the glossary's: a usage error naming both, nothing
# written; the glossary's language in another spelling is the same.
cp "$DB" "$WORK/before.db"
mkdir -p "$WORK/new"
printf '%s\n' "The peace process was discussed at length." \
    "The peace process is slow." >"$WORK/new/en.txt"
expect_exit 2 "$TERMEX" extract --db "$DB" --lang en "$WORK/new"
expect_grep "$WORK/err" "'en'" "the --lang mismatch message names the language given"
expect_grep "$WORK/err" "'fr'" "the --lang mismatch message names the glossary's"
cmp -s "$DB" "$WORK/before.db" || fail "a --lang mismatch changed the glossary"
expect_exit 0 "$TERMEX" extract --db "$DB" --lang FR "$S"
expect_no_grep "$WORK/err" "replaces" "--lang FR on a fr glossary"

# 6. show uses the glossary's language and takes --data-dir: an es glossary
# from a profile in tests/data/lang only.
LANGS=$(cd "$DATA/lang" && pwd)
TEXT=$(cd "$DATA/lang-es" && pwd)/paquetes.txt
expect_exit 0 "$TERMEX" extract -q --db "$WORK/es.db" --data-dir "$LANGS" --lang es "$TEXT"
[ "$(meta "$WORK/es.db" lang)" = es ] || fail "es not stored"
expect_exit 0 "$TERMEX" list --db "$WORK/es.db" --format tsv --no-header --top 0
expect_grep "$WORK/out" "	gestión de paquetes	" "the es glossary"
# Found by its key only ("gestion de paquet"), which needs the es profile.
expect_exit 1 "$TERMEX" show --db "$WORK/es.db" "gestiones de paquete"
expect_exit 0 "$TERMEX" show --db "$WORK/es.db" --data-dir "$LANGS" "gestiones de paquete"
expect_grep "$WORK/out" "gestión de paquetes" "show --data-dir"
expect_grep "$WORK/out" "language   es" "show --data-dir"
expect_exit 0 "$TERMEX" show --help
expect_grep "$WORK/out" "--data-dir" "show --help"
# A later run without --lang or thresholds takes the glossary's language.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/es.db" --data-dir "$LANGS" "$TEXT"
# Without the profile, the glossary's language cannot be read: a usage error.
expect_exit 2 "$TERMEX" extract -q --db "$WORK/es.db" "$TEXT"

# 7. An old glossary (schema 1, French terms, a document) is upgraded with
# the language of its terms and the default thresholds; a threshold given
# then replaces a stored default, and says so.
cp "$DATA/glossary-v1.db" "$WORK/old.db"
expect_exit 0 "$TERMEX" list --db "$WORK/old.db" --format tsv --no-header --top 0
[ "$(sqlite3 "$WORK/old.db" 'PRAGMA user_version')" -ge 7 ] || fail "old glossary not upgraded"
[ "$(meta "$WORK/old.db" lang)" = fr ] || fail "old glossary: lang not fr"
[ "$(meta "$WORK/old.db" min_freq) $(meta "$WORK/old.db" min_words) $(meta "$WORK/old.db" max_words)" = "2 2 8" ] ||
    fail "old glossary: thresholds not the defaults"
expect_exit 0 "$TERMEX" extract --db "$WORK/old.db" --min-freq 3 "$S"
expect_grep "$WORK/err" "--min-freq 3 replaces the glossary's 2" "an upgraded glossary"
# A glossary of schema 6 that may not be written is read as it is, with the
# default settings in memory (the same list as the upgraded one); one that
# may be written is upgraded by a reader.  Root writes through file modes:
# then the reader runs as nobody, as in readonly.sh.
WHO=
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv >/dev/null 2>&1 && $NOBODY "$TERMEX" --help >/dev/null 2>&1; then
        WHO=$NOBODY
    else
        WHO=skip
    fi
fi
expect_exit 0 "$TERMEX" extract -q --db "$WORK/v6.db" "$S"
expect_exit 0 "$TERMEX" list --db "$WORK/v6.db" --format tsv --no-header --top 0
cp "$WORK/out" "$WORK/v6.tsv"
# Back to schema 6: without the extras (schema 10), the merged keys (9), the review's columns
# (8) and settings (7).
sqlite3 "$WORK/v6.db" "DROP TABLE words; ALTER TABLE sentences DROP COLUMN page; DROP TABLE extras; DROP TABLE merged; DROP TABLE history; ALTER TABLE terms DROP COLUMN form_locked; ALTER TABLE terms DROP COLUMN note; ALTER TABLE terms DROP COLUMN definition; ALTER TABLE terms DROP COLUMN domain; ALTER TABLE terms DROP COLUMN usage; ALTER TABLE terms DROP COLUMN gender; ALTER TABLE terms DROP COLUMN geo; ALTER TABLE terms DROP COLUMN term_type; ALTER TABLE terms DROP COLUMN version; ALTER TABLE translations DROP COLUMN note; ALTER TABLE translations DROP COLUMN pos; ALTER TABLE translations DROP COLUMN gender; ALTER TABLE translations DROP COLUMN geo; ALTER TABLE translations DROP COLUMN term_type; DELETE FROM meta WHERE key IN ('lang', 'profile', 'min_freq',
    'min_words', 'max_words'); PRAGMA user_version = 6;" >/dev/null
if [ "$WHO" != skip ]; then
    mkdir -p "$WORK/ro"
    cp "$WORK/v6.db" "$WORK/ro/g.db"
    chmod 444 "$WORK/ro/g.db"
    chmod 555 "$WORK/ro"
    chmod 755 "$WORK"
    # Schema 8 (the review's columns) is read by every command: a read-only
    # older glossary is refused with a message, and left as it is.
    expect_exit 1 $WHO "$TERMEX" list --db "$WORK/ro/g.db" --format tsv --no-header --top 0
    expect_grep "$WORK/err" "could not be upgraded" "read-only schema 6: no message"
    [ "$(sqlite3 "$WORK/ro/g.db" 'PRAGMA user_version')" = 6 ] || fail "read-only v6 upgraded"
    chmod 755 "$WORK/ro"
else
    echo "skipped: a read-only schema 6 glossary (root without setpriv)"
fi
expect_exit 0 "$TERMEX" list --db "$WORK/v6.db" --format tsv --no-header --top 0
cmp -s "$WORK/out" "$WORK/v6.tsv" || fail "upgraded schema 6: another list"
[ "$(sqlite3 "$WORK/v6.db" 'PRAGMA user_version')" -ge 8 ] || fail "writable v6 not upgraded"
[ "$(meta "$WORK/v6.db" lang) $(meta "$WORK/v6.db" min_freq)" = "fr 2" ] ||
    fail "upgraded v6: settings $(sqlite3 "$WORK/v6.db" 'SELECT * FROM meta')"
finish
