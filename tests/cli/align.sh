# align.sh: `termex align` on the three kinds of parallel input, and on bad input.
# The fixture (tests/data/parallel/) is one short UN-style text on preventive
# diplomacy in Central Asia, French and English, written three ways: line-aligned
# files, a TMX file, and two documents in paragraphs that are not sentence-aligned
# (one French sentence is two English ones, two French sentences are one English).
# Each form gets a fresh glossary extracted from the French side, then aligned.
. "$(dirname "$0")/lib.sh"
P=$DATA/parallel

# expect_translation DB TERM WANT WHAT: `list --with-translations` gives TERM the
# best translation WANT, compared case-insensitively (last TSV column).
expect_translation() {
    "$TERMEX" list --db "$1" --with-translations --format tsv --no-header --top 0 >"$WORK/list" 2>&1 ||
        fail "$4: list --with-translations failed: $(head -c 300 "$WORK/list")"
    got=$(awk -F'\t' -v t="$2" '$2 == t { print tolower($NF); exit }' "$WORK/list")
    [ "$got" = "$3" ] || fail "$4: '$2' -> '$got' (want '$3')"
}

# fresh_db NAME: a glossary extracted from the French side of the fixture.
fresh_db() {
    DB=$WORK/$1.db
    expect_exit 0 "$TERMEX" extract -q --db "$DB" --min-freq 2 "$P/un-fr.txt"
}

for form in lines tmx docs; do
    fresh_db "$form"
    case $form in
    lines) expect_exit 0 "$TERMEX" align --db "$DB" --src-file "$P/un-fr.txt" \
               --tgt-file "$P/un-en.txt" ;;
    tmx) expect_exit 0 "$TERMEX" align --db "$DB" --tmx "$P/un-fr-en.tmx" ;;
    docs) expect_exit 0 "$TERMEX" align --db "$DB" --docs "$P/docs/fr" "$P/docs/en" ;;
    esac
    expect_grep "$WORK/err" "segment pairs read" "$form: summary on stderr"
    if [ "$form" = docs ]; then
        expect_grep "$WORK/err" "alignment score" "$form: document alignment score reported"
    fi
    expect_translation "$DB" "diplomatie préventive" "preventive diplomacy" "$form"
    expect_translation "$DB" "développement durable" "sustainable development" "$form"

    # show: the best translation with one supporting segment pair under it.
    expect_exit 0 "$TERMEX" show --db "$DB" "diplomatie préventive"
    expect_grep "$WORK/out" "translations:" "$form: show has a translations section"
    awk '/^translations:/ { on = 1; next } on && /^  \* / { print; getline; print; getline; print; exit }' \
        "$WORK/out" >"$WORK/best"
    grep -qi "preventive diplomacy" "$WORK/best" ||
        fail "$form: show: best translation: $(cat "$WORK/best")"
    grep -qi "diplomatie préventive" "$WORK/best" ||
        fail "$form: show: no French example under the best translation: $(cat "$WORK/best")"
    [ "$(grep -ci "preventive diplomacy" "$WORK/best")" -ge 2 ] ||
        fail "$form: show: no English example under the best translation: $(cat "$WORK/best")"
done

# The same input again adds no segment pair and gives the same translations.
"$TERMEX" list --db "$WORK/tmx.db" --with-translations --format tsv --no-header --top 0 >"$WORK/once.tsv"
expect_exit 0 "$TERMEX" align --db "$WORK/tmx.db" --tmx "$P/un-fr-en.tmx"
expect_grep "$WORK/err" "(0 new" "tmx again: no new segment pair"
"$TERMEX" list --db "$WORK/tmx.db" --with-translations --format tsv --no-header --top 0 >"$WORK/twice.tsv"
cmp -s "$WORK/once.tsv" "$WORK/twice.tsv" || fail "tmx again: translations changed"

# ---- bad input: exit 1, the file named, the glossary unchanged ----
DB=$WORK/lines.db
"$TERMEX" list --db "$DB" --with-translations --format tsv --no-header --top 0 >"$WORK/before.tsv"
unchanged() {
    "$TERMEX" list --db "$DB" --with-translations --format tsv --no-header --top 0 >"$WORK/after.tsv"
    cmp -s "$WORK/before.tsv" "$WORK/after.tsv" || fail "$1: the glossary changed"
}

# A TMX whose first five units are good and whose sixth has a <tuv> never closed.
head -n 25 "$P/un-fr-en.tmx" >"$WORK/unclosed.tmx"
cat >>"$WORK/unclosed.tmx" <<'EOF'
    <tu tuid="x">
      <tuv xml:lang="fr-FR"><seg>La diplomatie préventive en Asie centrale.</seg>
      <tuv xml:lang="en-GB"><seg>Preventive diplomacy in Central Asia.</seg></tuv>
    </tu>
  </body>
</tmx>
EOF
expect_exit 1 "$TERMEX" align --db "$DB" --tmx "$WORK/unclosed.tmx"
expect_grep "$WORK/err" "unclosed.tmx:" "malformed TMX: file named"
grep -q "unclosed\.tmx:[0-9][0-9]*" "$WORK/err" ||
    fail "malformed TMX: no line number: $(cat "$WORK/err")"
unchanged "malformed TMX"

cat >"$WORK/de-es.tmx" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none"
          adminlang="en" srclang="de-DE" datatype="plaintext"/>
  <body>
    <tu><tuv xml:lang="de-DE"><seg>Präventive Diplomatie</seg></tuv>
        <tuv xml:lang="es-ES"><seg>Diplomacia preventiva</seg></tuv></tu>
  </body>
</tmx>
EOF
expect_exit 1 "$TERMEX" align --db "$DB" --tmx "$WORK/de-es.tmx"
expect_grep "$WORK/err" "de-es.tmx" "TMX without fr/en: file named"
expect_grep "$WORK/err" "de-de" "TMX without fr/en: languages found listed"
expect_grep "$WORK/err" "es-es" "TMX without fr/en: languages found listed"
unchanged "TMX without fr/en"

head -n 30 "$P/un-en.txt" >"$WORK/short-en.txt"
expect_exit 1 "$TERMEX" align --db "$DB" --src-file "$P/un-fr.txt" --tgt-file "$WORK/short-en.txt"
expect_grep "$WORK/err" "42" "different line counts: French count"
expect_grep "$WORK/err" "30" "different line counts: English count"
unchanged "different line counts"

expect_exit 1 "$TERMEX" align --db "$DB" --tmx "$WORK/no-such.tmx"
expect_grep "$WORK/err" "no-such.tmx" "missing TMX named"
expect_exit 1 "$TERMEX" align --db "$DB" --src-file "$WORK/no-such-fr.txt" --tgt-file "$P/un-en.txt"
expect_grep "$WORK/err" "no-such-fr.txt" "missing line-aligned file named"
expect_exit 1 "$TERMEX" align --db "$DB" --docs "$P/docs/fr/report.txt" "$WORK/no-such-en.txt"
expect_grep "$WORK/err" "no-such-en.txt" "missing document named"
unchanged "missing files"

# Documents that are not translations of each other: no crash, a low score
# reported; the pair is dropped (exit 0) or refused (exit 1).
printf '%s\n' "The weather was fine." "Cats sleep a lot." "A train left at noon." \
    >"$WORK/unrelated-en.txt"
"$TERMEX" align --db "$DB" --docs "$P/docs/fr/report.txt" "$WORK/unrelated-en.txt" \
    >"$WORK/out" 2>"$WORK/err"
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "unrelated documents: exit $rc: $(cat "$WORK/err")"
score=$(sed -n 's/.*alignment score \([0-9.]*\).*/\1/p' "$WORK/err" | head -n 1)
if [ -z "$score" ]; then
    fail "unrelated documents: no alignment score on stderr: $(cat "$WORK/err")"
else
    awk -v s="$score" 'BEGIN { exit !(s < 0.2) }' ||
        fail "unrelated documents: alignment score $score is not low"
fi
unchanged "unrelated documents"

# ---- usage errors: exit 2 ----
expect_exit 2 "$TERMEX" align --db "$DB" --tgt-file "$P/un-en.txt"
expect_grep "$WORK/err" "--src-file" "--tgt-file alone"
expect_exit 2 "$TERMEX" align --db "$DB" --src-file "$P/un-fr.txt"
expect_grep "$WORK/err" "--tgt-file" "--src-file alone"
expect_exit 2 "$TERMEX" align --db "$DB" --docs "$P/docs/fr/report.txt"
expect_grep "$WORK/err" "--docs" "--docs with one path"
expect_exit 2 "$TERMEX" align --db "$DB"
expect_grep "$WORK/err" "no parallel input" "no input"
expect_exit 2 "$TERMEX" align --db "$DB" --tmx "$P/un-fr-en.tmx" --min-bead-score 2
unchanged "usage errors"
expect_exit 0 "$TERMEX" align --help
expect_grep "$WORK/out" "--docs" "--help"
finish
