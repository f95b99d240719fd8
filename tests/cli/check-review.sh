# check-review.sh: termex check follows the review (issue 17, item 5): the
# approved translations are the accepted ones, a forbidden translation is
# never accepted and is named, as the target writes it, whenever a target uses
# it (even beside an accepted one), and rejected terms are not checked.  The
# translation statuses are set with sqlite3 where no CLI sets them.
. "$(dirname "$0")/lib.sh"
DB=$WORK/g.db

# has_line FILE LINE WHAT: FILE has the whole line LINE.
has_line() {
    grep -qxF -- "$2" "$1" || fail "$3: '$2' not in $(basename "$1"): $(head -c 600 "$1")"
}

# tr_status DB STATUS TERM TEXT: set a translation's status, as a review would.
tr_status() {
    sqlite3 "$1" "UPDATE translations SET status = '$2' WHERE text = '$4'
        AND term_id = (SELECT id FROM terms WHERE canonical = '$3');
        SELECT changes();" >"$WORK/changes" || fail "sqlite3 on $1"
    [ "$(cat "$WORK/changes")" = 1 ] || fail "no translation '$4' of '$3' to set $2"
}

# -- A reviewed glossary, imported: "preemptive diplomacy" is then forbidden,
# "zone de paix" is a rejected term (with a translation).
printf '%s\n' 'fr,en,status' \
    'diplomatie préventive,preventive diplomacy,approved' \
    'diplomatie préventive,preemptive diplomacy,approved' \
    'zone de paix,zone of peace,rejected' \
    'développement durable,sustainable development,approved' >"$WORK/g.csv"
expect_exit 0 "$TERMEX" import -q --db "$DB" "$WORK/g.csv"
tr_status "$DB" forbidden "diplomatie préventive" "preemptive diplomacy"

printf '%s\n' \
    'La diplomatie préventive est essentielle.' \
    'La diplomatie préventive, et non la diplomatie préemptive, est la règle.' \
    'La diplomatie préventive a fait ses preuves.' \
    'La zone de paix est reconnue.' \
    'Le développement durable est un objectif.' >"$WORK/a.fr"
printf '%s\n' \
    'Preemptive diplomacy is essential.' \
    'Preventive diplomacy, not PREEMPTIVE DIPLOMACY, is the rule.' \
    'Preventive diplomacy has proved itself.' \
    'The area of peace is recognised.' \
    'Durable development is a goal.' >"$WORK/a.en"
expect_exit 1 "$TERMEX" check --db "$DB" --format tsv --no-header --src-file "$WORK/a.fr" \
    --tgt-file "$WORK/a.en"
cut -f1,3-6 "$WORK/out" >"$WORK/issues"
# the forbidden form, named as the target writes it, with what to use instead
has_line "$WORK/issues" "forbidden	line 1	diplomatie préventive	preventive diplomacy	Preemptive diplomacy" \
    "forbidden form used alone"
# even beside an accepted translation
has_line "$WORK/issues" "forbidden	line 2	diplomatie préventive	preventive diplomacy	PREEMPTIVE DIPLOMACY" \
    "forbidden form beside an accepted one"
expect_no_grep "$WORK/issues" "line 3" "the accepted translation"
# a rejected term is no glossary term to enforce
expect_no_grep "$WORK/issues" "zone de paix" "rejected term"
has_line "$WORK/issues" "missing	line 5	développement durable	sustainable development	" \
    "missing translation"
n=$(grep -cv '^inconsistent' "$WORK/issues")
[ "$n" -eq 3 ] || fail "3 issues expected, got $n: $(cat "$WORK/issues")"
has_line "$WORK/issues" "inconsistent		diplomatie préventive	preventive diplomacy	preventive diplomacy x2, preemptive diplomacy x1" \
    "forbidden form counted in the summary"

# the same in text and JSON
expect_exit 1 "$TERMEX" check --db "$DB" --src-file "$WORK/a.fr" --tgt-file "$WORK/a.en"
expect_grep "$WORK/out" "line 1: 'diplomatie préventive' is translated with the forbidden form 'Preemptive diplomacy' (use 'preventive diplomacy')" \
    "text report"
expect_exit 1 "$TERMEX" check --db "$DB" --format json --src-file "$WORK/a.fr" \
    --tgt-file "$WORK/a.en"
if command -v python3 >/dev/null 2>&1; then
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = [i for i in d if i["kind"] == "forbidden"]
assert [i["found"] for i in f] == ["Preemptive diplomacy", "PREEMPTIVE DIPLOMACY"], f
assert all(i["term"] == "diplomatie préventive" for i in f), f
' "$WORK/out" || fail "JSON report of the forbidden form"
fi
# an exception silences it like any other issue
printf 'diplomatie préventive\tline 2\n' >"$WORK/ignore"
expect_exit 1 "$TERMEX" check --db "$DB" --format tsv --no-header --ignore "$WORK/ignore" \
    --src-file "$WORK/a.fr" --tgt-file "$WORK/a.en"
expect_no_grep "$WORK/out" "line 2" "ignored forbidden form"
expect_grep "$WORK/err" "1 ignored" "ignored count"

# A TMX input, and a term whose only reviewed translation is forbidden: named
# too, with nothing to use instead.
cat >"$WORK/b.tmx" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
 <header creationtool="termex-tests" creationtoolversion="1" datatype="plaintext"
         segtype="sentence" adminlang="en" srclang="fr" o-tmf="none"/>
 <body>
  <tu tuid="t1">
   <tuv xml:lang="fr"><seg>Le développement durable exige des efforts.</seg></tuv>
   <tuv xml:lang="en"><seg>Sustainable development, or durable development, takes effort.</seg></tuv>
  </tu>
 </body>
</tmx>
EOF
sqlite3 "$DB" "INSERT INTO translations (term_id, lang, text, score, method, status)
    SELECT id, 'en', 'durable development', 1, 'review', 'forbidden' FROM terms
    WHERE canonical = 'développement durable'" || fail "sqlite3 insert"
expect_exit 1 "$TERMEX" check --db "$DB" --format tsv --no-header --tmx "$WORK/b.tmx"
cut -f1,3-6 "$WORK/out" >"$WORK/issues"
has_line "$WORK/issues" "forbidden	line 6	développement durable	sustainable development	durable development" \
    "TMX: forbidden form"
expect_exit 0 "$TERMEX" import -q --db "$WORK/f.db" "$WORK/g.csv"
sqlite3 "$WORK/f.db" "DELETE FROM translations WHERE text = 'preventive diplomacy';
    UPDATE translations SET status = 'forbidden' WHERE text = 'preemptive diplomacy'" ||
    fail "sqlite3 on f.db"
expect_exit 1 "$TERMEX" check --db "$WORK/f.db" --format tsv --no-header --src-file "$WORK/a.fr" \
    --tgt-file "$WORK/a.en"
cut -f1,3-6 "$WORK/out" >"$WORK/issues"
has_line "$WORK/issues" "forbidden	line 1	diplomatie préventive		Preemptive diplomacy" \
    "forbidden form of a term without an approved translation"
expect_no_grep "$WORK/issues" "line 3" "no accepted translation, none missing"

# -- An aligned glossary, then reviewed.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/al.db" --min-words 2 "$DATA/seeds"
expect_exit 0 "$TERMEX" align -q --db "$WORK/al.db" --src-file "$DATA/parallel/un-fr.txt" \
    --tgt-file "$DATA/parallel/un-en.txt"
printf '%s\n' \
    'La consolidation de la paix concerne aussi les jeunes.' \
    "L'Asie centrale est une région." \
    "L'Asie centrale et ses voisins coopèrent." \
    "L'Asie centrale se développe." >"$WORK/c.fr"
printf '%s\n' \
    'Young people are part of it too.' \
    'The Central region is one region.' \
    'Central Asia and its neighbours cooperate.' \
    'Central Asia is developing.' >"$WORK/c.en"
# Before the review: the aligner's best candidates are accepted
# ("Young people" for "consolidation de la paix", "Central" for "Asie centrale"):
# only the summary of "Asie centrale" translated in two ways.
expect_exit 1 "$TERMEX" check --db "$WORK/al.db" --format tsv --no-header --src-file "$WORK/c.fr" \
    --tgt-file "$WORK/c.en"
cut -f1,3-6 "$WORK/out" >"$WORK/issues"
has_line "$WORK/issues" "inconsistent		Asie centrale	Central | Central Asia | Central Asian States	Central x1, Central Asia x2" \
    "before the review"
n=$(wc -l <"$WORK/issues")
[ "$n" -eq 1 ] || fail "before the review, 1 issue expected, got $n: $(cat "$WORK/issues")"
# An approved translation wins over the aligned candidates.
tr_status "$WORK/al.db" approved "consolidation de la paix" "peacebuilding"
# A forbidden aligned candidate is no longer accepted, and is named.
tr_status "$WORK/al.db" forbidden "Asie centrale" "Central"
expect_exit 1 "$TERMEX" check --db "$WORK/al.db" --format tsv --no-header --src-file "$WORK/c.fr" \
    --tgt-file "$WORK/c.en"
cut -f1,3-6 "$WORK/out" >"$WORK/issues"
has_line "$WORK/issues" "missing	line 1	consolidation de la paix	peacebuilding	Young people" \
    "approved translation over the aligned candidate"
has_line "$WORK/issues" "forbidden	line 2	Asie centrale	Central Asia | Central Asian States	Central" \
    "forbidden aligned candidate"
# "Central" inside the accepted "Central Asia" is no use of the forbidden form
expect_no_grep "$WORK/issues" "line [34]" "forbidden form inside an accepted one"
cp "$WORK/issues" "$WORK/reviewed"
# An alignment again keeps what the review decided, once.
expect_exit 0 "$TERMEX" align -q --db "$WORK/al.db" --src-file "$DATA/parallel/un-fr.txt" \
    --tgt-file "$DATA/parallel/un-en.txt"
sqlite3 "$WORK/al.db" "SELECT t.text, t.status FROM translations t JOIN terms x
    ON x.id = t.term_id WHERE x.canonical IN ('Asie centrale', 'consolidation de la paix')
    AND t.text IN ('Central', 'peacebuilding') ORDER BY t.text" >"$WORK/kept"
printf 'Central|forbidden\npeacebuilding|approved\n' | cmp -s - "$WORK/kept" ||
    fail "re-alignment changed the reviewed translations: $(cat "$WORK/kept")"
expect_exit 1 "$TERMEX" check --db "$WORK/al.db" --format tsv --no-header --src-file "$WORK/c.fr" \
    --tgt-file "$WORK/c.en"
cut -f1,3-6 "$WORK/out" | cmp -s - "$WORK/reviewed" ||
    fail "check after re-alignment: $(cut -f1,3-6 "$WORK/out")"

# -- Rejected terms: not checked, in the corpus either.
sqlite3 "$WORK/al.db" "UPDATE terms SET status = 'rejected'
    WHERE canonical IN ('consolidation de la paix', 'Asie centrale')" || fail "sqlite3 reject"
expect_exit 0 "$TERMEX" check --db "$WORK/al.db" --format tsv --no-header --src-file "$WORK/c.fr" \
    --tgt-file "$WORK/c.en"
expect_exit 1 "$TERMEX" check --db "$WORK/al.db" --format tsv --no-header
expect_grep "$WORK/out" "Office des Nations Unies contre la drogue et le crime" "acronym check"
sqlite3 "$WORK/al.db" "UPDATE terms SET status = 'rejected'
    WHERE canonical = 'Office des Nations Unies contre la drogue et le crime'" ||
    fail "sqlite3 reject"
expect_exit 1 "$TERMEX" check --db "$WORK/al.db" --format tsv --no-header
expect_no_grep "$WORK/out" "Office des Nations Unies contre la drogue et le crime	" \
    "rejected term in the corpus check"
finish
