# boilerplate.sh: text that is not term evidence.  Boilerplate: six pages
# sharing a header line and a footer paragraph (tests/data/docs/boilerplate)
# count those once, whatever --jobs; counts stay exact for the rest.  Other
# languages: English paragraphs and an all-English document in a French run
# are skipped, and counted in the summary.
. "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/pages"
cp "$DATA/docs/boilerplate/"page*.txt "$WORK/pages/"
cd "$WORK" || exit 1

expect_exit 0 "$TERMEX" extract --db j1.db --min-freq 1 pages
expect_grep err "2 boilerplate paragraphs (found in most documents) counted once, 10 copies not counted" \
    "summary"
expect_exit 0 "$TERMEX" list --db j1.db --format tsv --no-header --top 0
cp out j1.tsv
# the footer's term: once in the footer, once in page 3's own text
expect_grep j1.tsv "	système de suivi des bogues	2	2	" "footer term counted once"
expect_grep j1.tsv "	Manuel de l'administrateur Debian	1	1	" "header term counted once"
expect_grep j1.tsv "	politique de sécurité	2	2	" "a term outside boilerplate"
expect_exit 0 "$TERMEX" show --db j1.db "système de suivi des bogues"
expect_grep out "frequency  2 in 2 document(s)" "show: frequency"
expect_grep out "pages/page3.txt" "show: the page that uses it"

# --jobs 2 reads three pages each: the same glossary
expect_exit 0 "$TERMEX" extract -q --db j2.db --min-freq 1 --jobs 2 pages
expect_exit 0 "$TERMEX" list --db j2.db --format tsv --no-header --top 0
cmp -s out j1.tsv || fail "--jobs 2 lists other terms than --jobs 1: $(diff j1.tsv out | head -5)"
expect_exit 0 "$TERMEX" show --db j2.db "système de suivi des bogues"
expect_grep out "frequency  2 in 2 document(s)" "--jobs 2: show"

# --keep-boilerplate counts every copy
expect_exit 0 "$TERMEX" extract --db k.db --min-freq 1 --keep-boilerplate pages
grep -q "boilerplate" err && fail "--keep-boilerplate: $(cat err)"
expect_exit 0 "$TERMEX" list --db k.db --format tsv --no-header --top 0
expect_grep out "	système de suivi des bogues	7	6	" "--keep-boilerplate"

# French with English paragraphs, and an all-English document
{
    head -3 "$DATA/parallel/un-fr.txt"
    sed -n 4,6p "$DATA/parallel/un-en.txt"
    sed -n 7,20p "$DATA/parallel/un-fr.txt"
} >mixed.txt
expect_exit 0 "$TERMEX" extract --db l.db --lang fr mixed.txt "$DATA/sentalign/doc.en"
expect_grep err "paragraphs in other languages skipped" "summary: other languages"
expect_grep err "doc.en': all its text is in other languages than fr, skipped" "all-English document: named, and why"
expect_exit 0 "$TERMEX" list --db l.db --format tsv --no-header --top 0
grep -qiE "preventive|the region|water resources" out && fail "English terms: $(head -5 out)"
expect_exit 0 "$TERMEX" extract --db l2.db --lang fr --keep-other-languages mixed.txt \
    "$DATA/sentalign/doc.en"
grep -q "other languages" err && fail "--keep-other-languages: $(cat err)"
expect_grep err "2 document(s) added" "--keep-other-languages keeps the English document"
finish
