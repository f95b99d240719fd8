# lexicon.sh: the French lexicon (stopwords/fr/lexicon.txt) splits the stem
# groups whose words have different lemmas, and a profile without a lexicon
# keeps the Snowball stem groups.
. "$(dirname "$0")/lib.sh"
TEXT=$DATA/lexicon/cardio.txt
SRC_STOPWORDS=$(cd "$(dirname "$0")/../../stopwords" && pwd)

expect_exit 0 "$TERMEX" extract --db "$WORK/lex.db" --lang fr --min-freq 2 "$TEXT"
expect_exit 0 "$TERMEX" list --db "$WORK/lex.db" --format tsv --no-header --variants --top 0
cp "$WORK/out" "$WORK/lex.tsv"
for term in "insuffisants cardiaques" "insuffisance cardiaque" "stimulateur cardiaque" \
    "stimulation cardiaque" "lutte contre la corruption"; do
    expect_grep "$WORK/lex.tsv" "	$term	" "a term of its own: '$term'"
done
# "zone de paix" and "zones de paix" stay one term.
expect_grep "$WORK/lex.tsv" "zone de paix (2); zones de paix (1)" "inflected forms of one lemma"
# "lutter" is an infinitive: no French term starts on it.
grep -q "	lutter contre" "$WORK/lex.tsv" && fail "a term starts on an infinitive"

# The same profile without its lexicon: Snowball merges the stems as before.
mkdir -p "$WORK/nolex/fr"
cp "$SRC_STOPWORDS/fr/profile.txt" "$SRC_STOPWORDS/fr/stop.txt" "$SRC_STOPWORDS/fr/verbs.txt" \
    "$WORK/nolex/fr/"
expect_exit 0 "$TERMEX" extract --db "$WORK/nolex.db" --data-dir "$WORK/nolex" --lang fr \
    --min-freq 2 "$TEXT"
expect_exit 0 "$TERMEX" list --db "$WORK/nolex.db" --format tsv --no-header --variants --top 0
n=$(grep -c "cardiaque" "$WORK/out")
[ "$n" -eq 2 ] || fail "without a lexicon, 2 stem groups of 'cardiaque' expected, got $n"
finish
