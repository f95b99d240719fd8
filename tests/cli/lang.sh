# lang.sh: a language added with data only, and language tags.
# Spanish has no line of C in termex: its profile is tests/data/lang/es/
# (profile.txt, stop.txt), found with --data-dir, and extracting a Spanish
# text with it lists the Spanish terms.  Language tags are BCP 47 in any
# case: --lang ES is es, and the glossary keeps the canonical tag.
. "$(dirname "$0")/lib.sh"
LANGS=$DATA/lang
TEXT=$DATA/lang-es/paquetes.txt

expect_exit 0 "$TERMEX" extract --db "$WORK/es.db" --data-dir "$LANGS" --lang es "$TEXT"
expect_grep "$WORK/err" "1 document(s) added" "summary"
expect_exit 0 "$TERMEX" list --db "$WORK/es.db" --format tsv --no-header --variants --top 0
cp "$WORK/out" "$WORK/es.tsv"
for term in "gestión de paquetes" "gestor de paquetes" "actualizaciones de seguridad" \
    "repositorio oficial" "código fuente"; do
    expect_grep "$WORK/es.tsv" "	$term	" "Spanish term '$term'"
done
# The Snowball stemmer of the profile joins the inflected forms.
expect_grep "$WORK/es.tsv" "sistema operativo (2); sistemas operativos (1)" "stemmed variants"
# The stop list and the function words: no term starts or ends on one.
bad=$(cut -f2 "$WORK/es.tsv" | grep -E "^(de|la|el|los|las|y|que) | (de|del|la|el|y)$" | head -3)
[ -z "$bad" ] || fail "terms start or end with a function word: $bad"
expect_exit 0 "$TERMEX" list --db "$WORK/es.db" --format json --top 1
expect_grep "$WORK/out" '"lang": "es"' "the terms' language"

# Any case, '_' or '-': the same profile and the same glossary language.
expect_exit 0 "$TERMEX" extract --db "$WORK/es2.db" --data-dir "$LANGS" --lang ES "$TEXT"
expect_exit 0 "$TERMEX" list --db "$WORK/es2.db" --format tsv --no-header --variants --top 0
cmp -s "$WORK/out" "$WORK/es.tsv" || fail "--lang ES lists other terms than --lang es"
# A region uses the language's profile; the glossary keeps the tag (es-MX).
expect_exit 0 "$TERMEX" extract --db "$WORK/mx.db" --data-dir "$LANGS" --lang es_mx "$TEXT"
expect_exit 0 "$TERMEX" list --db "$WORK/mx.db" --format json --top 1
expect_grep "$WORK/out" '"lang": "es-MX"' "canonical tag kept"

# French in capitals is French: the same glossary as the default.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/fr.db" "$DATA/seeds"
expect_exit 0 "$TERMEX" list --db "$WORK/fr.db" --format tsv --no-header --variants --top 0
cp "$WORK/out" "$WORK/fr.tsv"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/FR.db" --lang FR "$DATA/seeds"
expect_exit 0 "$TERMEX" list --db "$WORK/FR.db" --format tsv --no-header --variants --top 0
cmp -s "$WORK/out" "$WORK/fr.tsv" || fail "--lang FR lists other terms than --lang fr"
expect_exit 0 "$TERMEX" export --db "$WORK/fr.db" --format tsv
cp "$WORK/out" "$WORK/fr-export.tsv"
expect_exit 0 "$TERMEX" export --db "$WORK/fr.db" --format tsv --src FR --tgt En
cmp -s "$WORK/out" "$WORK/fr-export.tsv" || fail "export --src FR differs from --src fr"

# No profile, a malformed tag, a malformed profile: usage errors naming them.
expect_exit 2 "$TERMEX" extract --db "$WORK/no.db" --data-dir "$LANGS" --lang fr "$TEXT"
expect_grep "$WORK/err" "no language profile for 'fr'" "missing profile named"
expect_exit 2 "$TERMEX" extract --db "$WORK/no.db" --lang "f r" "$TEXT"
expect_grep "$WORK/err" "invalid language code 'f r'" "malformed tag named"
mkdir -p "$WORK/bad/es"
cp "$LANGS/es/stop.txt" "$WORK/bad/es/"
sed 's/^snowball = spanish$/snowball = klingon/' "$LANGS/es/profile.txt" >"$WORK/bad/es/profile.txt"
expect_exit 2 "$TERMEX" extract --db "$WORK/no.db" --data-dir "$WORK/bad" --lang es "$TEXT"
expect_grep "$WORK/err" "es/profile.txt:5: libstemmer has no Snowball stemmer 'klingon'" \
    "bad stemmer named with file and line"
printf 'snowball = spanish\n[determiners]\nLa\n' >"$WORK/bad/es/profile.txt"
expect_exit 2 "$TERMEX" extract --db "$WORK/no.db" --data-dir "$WORK/bad" --lang es "$TEXT"
expect_grep "$WORK/err" "es/profile.txt:3: 'La' is not in lower case" "bad word named"
[ -e "$WORK/no.db" ] && fail "a run without a usable profile created a glossary"
finish
