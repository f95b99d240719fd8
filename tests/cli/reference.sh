# reference.sh: `termex reference` writes a reference profile of general
# language (header, keys sorted in byte order, written atomically), and
# `extract --reference` contrasts a corpus with it: a phrase of ordinary
# language ("mise en place") is no longer listed while the domain's terms
# rank first; --reference none gives the list of a run without one; the
# glossary remembers the choice; bad profiles and options are refused.
. "$(dirname "$0")/lib.sh"
R=$(cd "$DATA/reference" && pwd)
REF=$WORK/ref.txt
meta() { sqlite3 "$1" "SELECT value FROM meta WHERE key = '$2'"; }
list() { "$TERMEX" list --db "$1" --format tsv --no-header --top 0 | cut -f2; }

# 1. The profile of the general-language fixture.
expect_exit 0 "$TERMEX" reference --lang fr -o "$REF" --source "test fixture" "$R/general"
expect_grep "$WORK/err" "words and phrases written to" "summary"
[ "$(head -1 "$REF")" = "# termex reference profile" ] || fail "no header: $(head -3 "$REF")"
expect_grep "$REF" "# lang: fr" "lang"
expect_grep "$REF" "# source: test fixture" "source"
grep -q '^# tokens: [1-9][0-9]*$' "$REF" || fail "no token total"
expect_grep "$REF" "$(printf '4\tentrée en vigueur')" "a phrase seen 4 times"
expect_grep "$REF" "$(printf '\tbudget')" "a word seen once"
expect_grep "$REF" "$(printf '1\tnavette')" "a word seen once"
expect_no_grep "$REF" "service de navette" "a phrase seen once"
grep -v '^#' "$REF" | cut -f2 | LC_ALL=C sort -c 2>/dev/null || fail "keys not in byte order"
ls "$WORK" | grep -q 'ref.txt.tmp' && fail "temporary file left"
# --min-count 1 keeps the phrases seen once; --max-words 1 only words.
expect_exit 0 "$TERMEX" reference -q --lang fr -o "$WORK/all.txt" --min-count 1 "$R/general"
expect_grep "$WORK/all.txt" "$(printf '1\tservice de navette')" "--min-count 1"
expect_exit 0 "$TERMEX" reference -q --lang fr -o "$WORK/w.txt" --max-words 1 "$R/general"
grep -v '^#' "$WORK/w.txt" | cut -f2 | grep -q ' ' && fail "--max-words 1 kept a phrase"

# 2. Without a reference "mise en place" is listed; with it, it is not, and
# the domain's terms come first.
expect_exit 0 "$TERMEX" extract --db "$WORK/none.db" --reference none "$R/domain"
list "$WORK/none.db" >"$WORK/none.txt"
expect_grep "$WORK/none.txt" "mise en place" "listed without a reference"
[ "$(meta "$WORK/none.db" reference)" = none ] || fail "choice 'none' not recorded"
# Without the option: the language profile's reference.txt, recorded as 'default'.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/def.db" "$R/domain"
[ "$(meta "$WORK/def.db" reference)" = default ] || fail "choice 'default' not recorded"
expect_exit 0 "$TERMEX" extract --db "$WORK/ref.db" --reference "$REF" "$R/domain"
list "$WORK/ref.db" >"$WORK/ref.list"
expect_no_grep "$WORK/ref.list" "mise en place" "a general phrase with a reference"
[ "$(head -1 "$WORK/ref.list")" = "insuffisance cardiaque" ] ||
    fail "domain term not first: $(head -3 "$WORK/ref.list")"
expect_grep "$WORK/ref.list" "peptide natriurétique" "a rarer domain term"
[ "$(meta "$WORK/ref.db" reference)" = "$(realpath "$REF")" ] || fail "reference path not recorded"
# A path given relative to the working folder is recorded absolute: a later
# run from elsewhere still finds the profile.
(cd "$WORK" && "$TERMEX" extract -q --db rel.db --reference ref.txt "$R/domain") ||
    fail "extract --reference with a relative path"
[ "$(meta "$WORK/rel.db" reference)" = "$(realpath "$REF")" ] || fail "relative path recorded as given"
(cd / && "$TERMEX" extract -q --db "$WORK/rel.db" "$R/domain") || fail "a later run from /"
expect_exit 1 "$TERMEX" extract -q --db "$WORK/x2.db" --reference "$WORK/missing.txt" "$R/domain"
expect_grep "$WORK/err" "missing.txt" "a missing profile named"
[ "$(sqlite3 "$WORK/ref.db" "SELECT count FROM words WHERE key = 'insuffisance'")" = 6 ] ||
    fail "word count: $(sqlite3 "$WORK/ref.db" 'SELECT * FROM words LIMIT 5')"

# 3. The glossary remembers it; --reference none rescores to the old list,
# and the profile given again brings the contrast back.
expect_exit 0 "$TERMEX" extract --db "$WORK/ref.db" "$R/domain"
list "$WORK/ref.db" | cmp -s - "$WORK/ref.list" || fail "reference not remembered"
expect_exit 0 "$TERMEX" extract --db "$WORK/ref.db" --reference none "$R/domain"
list "$WORK/ref.db" | cmp -s - "$WORK/none.txt" || fail "--reference none: not the old list"
[ "$(meta "$WORK/ref.db" reference)" = none ] || fail "'none' not recorded"
"$TERMEX" list --db "$WORK/ref.db" --format tsv --no-header --top 0 >"$WORK/a.tsv"
"$TERMEX" list --db "$WORK/none.db" --format tsv --no-header --top 0 >"$WORK/b.tsv"
cmp -s "$WORK/a.tsv" "$WORK/b.tsv" || fail "--reference none: scores differ"
expect_exit 0 "$TERMEX" extract --db "$WORK/ref.db" --reference "$REF" "$R/domain"
list "$WORK/ref.db" | cmp -s - "$WORK/ref.list" || fail "the reference again"

# Two runs give the list of one run over both documents (word counts and
# token totals add up).
expect_exit 0 "$TERMEX" extract --db "$WORK/two.db" --reference "$REF" "$R/domain/cardio-1.txt"
expect_exit 0 "$TERMEX" extract --db "$WORK/two.db" "$R/domain/cardio-2.txt"
"$TERMEX" list --db "$WORK/two.db" --format tsv --no-header --top 0 >"$WORK/two.tsv"
"$TERMEX" list --db "$WORK/ref.db" --format tsv --no-header --top 0 >"$WORK/one.tsv"
cmp -s "$WORK/two.tsv" "$WORK/one.tsv" || fail "two runs differ from one"

# 4. A glossary of schema 11 (documents, no word counts) is upgraded: its word
# counts are marked incomplete and the contrast goes on without them.
cp "$WORK/none.db" "$WORK/v11.db"
sqlite3 "$WORK/v11.db" "DROP TABLE words; DELETE FROM meta WHERE key = 'reference'; PRAGMA user_version = 11"
expect_exit 0 "$TERMEX" extract --db "$WORK/v11.db" --reference "$REF" "$R/domain"
[ "$(meta "$WORK/v11.db" words)" = incomplete ] || fail "schema 11: words not marked incomplete"
list "$WORK/v11.db" >"$WORK/v11.list"
expect_no_grep "$WORK/v11.list" "mise en place" "schema 11 with a reference"
expect_grep "$WORK/v11.list" "insuffisance cardiaque" "schema 11 with a reference"

# 5. Errors: a missing or malformed profile, another language, bad options;
# the glossary is unchanged.
expect_exit 1 "$TERMEX" extract --db "$WORK/x.db" --reference "$WORK/nope.txt" "$R/domain"
expect_grep "$WORK/err" "nope.txt" "missing profile named"
printf '# termex reference profile\n# tokens: 10\n3 mis\n' >"$WORK/bad.txt"
expect_exit 1 "$TERMEX" extract --db "$WORK/ref.db" --reference "$WORK/bad.txt" "$R/domain"
expect_grep "$WORK/err" "bad.txt:3:" "malformed line named"
[ "$(meta "$WORK/ref.db" reference)" = "$REF" ] || fail "a failed run changed the choice"
sed 's/^# lang: fr$/# lang: de/' "$REF" >"$WORK/de.txt"
expect_exit 2 "$TERMEX" extract --db "$WORK/ref.db" --reference "$WORK/de.txt" "$R/domain"
expect_grep "$WORK/err" "of language 'de'" "another language"
expect_exit 2 "$TERMEX" extract --db "$WORK/ref.db" --termhood-weight 2 "$R/domain"
expect_exit 2 "$TERMEX" reference --min-count 0 "$R/general"
expect_exit 2 "$TERMEX" reference -o "$WORK/r.txt"
expect_exit 1 "$TERMEX" reference -o "$WORK/nodir/r.txt" "$R/general"
expect_grep "$WORK/err" "nothing written" "unwritable output"
expect_exit 0 "$TERMEX" reference --help
expect_grep "$WORK/out" "--min-count" "help"
finish
