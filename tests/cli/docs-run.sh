# docs-run.sh: a folder as translators have it (issue 18): documents are
# recognised by content; images, stylesheets and fonts are skipped quietly
# and counted; a program is named in one line (exit 1); --include/--exclude
# filter the walk; --segment lines keeps each line of a list apart; a form
# feed in text breaks nothing.
. "$(dirname "$0")/lib.sh"
D=$WORK/folder
mkdir -p "$D/img" "$D/css"
cp "$DATA/seeds/000_ebfd1786662cfdea.txt" "$D/report.txt"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\001' >"$D/img/logo.png"
printf 'body {\n  margin: 0;\n  font-family: sans-serif;\n}\n' >"$D/css/style.css"
printf 'wOFF\000\001\000\000\000\000\020\000' >"$D/css/font.woff"

# only text and non-documents: exit 0, nothing named, the others counted
expect_exit 0 "$TERMEX" extract --db "$WORK/a.db" "$D"
for f in logo.png style.css font.woff; do
    expect_no_grep "$WORK/err" "$f" "$f skipped quietly"
done
expect_grep "$WORK/err" "1 document(s) added" "the text is read"
expect_grep "$WORK/err" "3 non-document file(s) ignored" "the others are counted"
# -v names them
expect_exit 0 "$TERMEX" extract -v --db "$WORK/v.db" "$D"
expect_grep "$WORK/err" "logo.png': PNG image, not a document, skipped" "-v names the PNG"
expect_grep "$WORK/err" "style.css': CSS stylesheet" "-v names the CSS file"

# a program: one line naming what it is and what termex reads, exit 1
printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\003\000' >"$D/prog.bin"
expect_exit 1 "$TERMEX" extract --db "$WORK/b.db" "$D"
expect_grep "$WORK/err" "prog.bin: skipped: ELF executable, not a document termex reads (text, PDF, DOCX" \
    "the ELF file is named"
[ "$(grep -c "prog.bin" "$WORK/err")" = 1 ] || fail "prog.bin named more than once"
expect_grep "$WORK/err" "1 document(s) added" "the text is still read"

# --exclude skips it; --include reads only what matches; exclude wins
expect_exit 0 "$TERMEX" extract --db "$WORK/c.db" --exclude '*.bin' "$D"
expect_exit 0 "$TERMEX" extract --db "$WORK/d.db" --include '*.txt' "$D"
expect_no_grep "$WORK/err" "non-document" "--include: nothing else looked at"
expect_exit 0 "$TERMEX" extract --db "$WORK/e.db" --include '*' --exclude 'prog.*' \
    --exclude 'css' "$D"
expect_grep "$WORK/err" "1 non-document file(s) ignored" "--exclude a directory: not walked"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/f.db" --exclude '*' "$D"
expect_exit 0 "$TERMEX" list --db "$WORK/f.db" --format tsv --no-header --top 0
[ -s "$WORK/out" ] && fail "--exclude '*': something was read"
# a file named on the command line is always read
expect_exit 1 "$TERMEX" extract --db "$WORK/g.db" --exclude '*.bin' "$D/prog.bin"
expect_grep "$WORK/err" "prog.bin: skipped: ELF executable" "named: read even if excluded"
# a non-document named on the command line is said, not ignored
expect_exit 1 "$TERMEX" extract --db "$WORK/g.db" "$D/img/logo.png"
expect_grep "$WORK/err" "logo.png: skipped: PNG image" "named PNG: said"

# --segment lines: a list of UI strings, one per line, no punctuation
for i in 1 2 3; do
    printf 'Gestion des paquets\nTaille du fichier\nListe des sources\n'
done >"$WORK/ui.txt"
expect_exit 0 "$TERMEX" extract -q --db "$WORK/lines.db" --segment lines "$WORK/ui.txt"
expect_exit 0 "$TERMEX" list --db "$WORK/lines.db" --format tsv --no-header --top 0
expect_grep "$WORK/out" "Gestion des paquets" "lines: a line is a term"
expect_grep "$WORK/out" "Taille du fichier" "lines: another line is a term"
if grep -E "paquets Taille|fichier Liste|sources Gestion" "$WORK/out" >/dev/null; then
    fail "lines: a term spans two lines: $(cat "$WORK/out")"
fi
# (without it, the lines are joined into paragraphs: terms span them)
expect_exit 0 "$TERMEX" extract -q --db "$WORK/para.db" "$WORK/ui.txt"
expect_exit 0 "$TERMEX" list --db "$WORK/para.db" --format tsv --no-header --top 0
grep -E "paquets Taille|fichier Liste|sources Gestion" "$WORK/out" >/dev/null ||
    fail "auto: the lines of plain text were not joined: $(cat "$WORK/out")"
expect_exit 2 "$TERMEX" extract --db "$WORK/x.db" --segment words "$WORK/ui.txt"
expect_exit 2 "$TERMEX" extract --db "$WORK/x.db" --side both "$WORK/ui.txt"

# form feeds (page breaks) in text, as pdftotext leaves them, in both modes
{
    cat "$DATA/seeds/001_1373e69d97608cbc.txt"
    printf '\f\n\f\nLa diplomatie préventive en Asie centrale.\n\f'
} >"$WORK/ff.txt"
for mode in auto lines; do
    expect_exit 0 "$TERMEX" extract -q --db "$WORK/ff-$mode.db" --segment "$mode" "$WORK/ff.txt"
    expect_exit 0 "$TERMEX" list --db "$WORK/ff-$mode.db" --format tsv --no-header --top 0
    expect_grep "$WORK/out" "diplomatie préventive" "form feed ($mode): terms found"
    if grep -q "$(printf '\f')" "$WORK/out"; then fail "form feed ($mode): in a term"; fi
done
finish
