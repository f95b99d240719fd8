# docs-formats.sh: what a user sees of each document format (issue 18), end
# to end through `termex extract`, `list` and `show` on the committed
# fixtures of tests/data/docs/: PDF (running header, footer and page number
# gone, pages in `show`, a paragraph across a page break; scanned, damaged
# and encrypted files refused), office files (a term from each; tracked
# deletions gone; each hostile zip refused in one line while the run goes
# on; EPUB and plain zip counted as non-documents), HTML (no markup,
# navigation, code or script; entities and Windows-1252 decoded; entity
# declarations refused) and bilingual files (the French side read, the
# English side refused with a hint, one segment per line, a template's empty
# target side).  `--segment lines` against auto on a list of UI strings is
# docs-run.sh's.  Each check says what a regression would look like.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
DOCS=$DATA/docs

# terms DB: the listed terms (one a line) into terms.txt
terms() {
    "$TERMEX" list --db "$1" --format tsv --no-header --top 0 | cut -f2 >terms.txt
}
# contexts DB: every stored context sentence, into contexts.txt
contexts() {
    sqlite3 "$1" 'SELECT text FROM sentences' >contexts.txt
}
# stored DB: the documents stored, sorted, into stored.txt
stored() {
    sqlite3 "$1" 'SELECT path FROM documents ORDER BY path' >stored.txt
}
# once FILE NAME WHAT: NAME is on exactly one line of FILE
once() {
    n=$(grep -cF -- "$2" "$1")
    [ "$n" = 1 ] || fail "$3: '$2' on $n lines of $(basename "$1"): $(head -c 800 "$1")"
}

# ---- PDF ----
mkdir pdf
cp "$DOCS/pdf/layout.pdf" "$DOCS/pdf/scanned.pdf" "$DOCS/pdf/damaged.pdf" \
    "$DOCS/pdf/encrypted.pdf" pdf/
expect_exit 1 "$TERMEX" extract --db pdf.db --min-freq 1 pdf/scanned.pdf pdf/layout.pdf \
    pdf/damaged.pdf pdf/encrypted.pdf
cp err pdf.err
# one line each, naming the file and the problem (regression: no line, a
# line without the file's name, several lines, or the run stopping there)
once pdf.err "pdf/scanned.pdf: no text on any of its 1 pages (a scanned document? run OCR first)" \
    "scanned PDF"
once pdf.err "pdf/damaged.pdf: PDF document is damaged" "damaged PDF"
once pdf.err "pdf/encrypted.pdf: encrypted (a password is needed)" "encrypted PDF"
# nothing stored from them, the good file stored (regression: an empty or
# partial document recorded, or the good one lost with the bad ones)
expect_grep pdf.err "1 document(s) added (1 PDF;" "PDF: the good file is counted"
expect_grep pdf.err "3 skipped" "PDF: the three bad files are counted"
stored pdf.db
[ "$(cat stored.txt)" = pdf/layout.pdf ] || fail "PDF: stored documents: $(cat stored.txt)"
terms pdf.db
contexts pdf.db
# running header, footer and page numbers are no terms and in no context
# (regression: "Rapport annuel" listed, or glued to a paragraph)
for s in "Rapport annuel" "Chapitre" "Page 1" "Page 2" "sur 3"; do
    expect_no_grep terms.txt "$s" "PDF: page furniture listed"
    expect_no_grep contexts.txt "$s" "PDF: page furniture in a context"
done
# hyphenation undone, a real hyphen kept (regression: "dévelop- pement")
expect_grep terms.txt "développement des infrastructures" "PDF: end-of-line hyphen undone"
expect_grep terms.txt "socio-économique" "PDF: a real hyphen kept"
# a term of page 3 (second column too): "p. 3" in text and JSON
# (regression: no page, page 1, or the columns' text interleaved)
expect_grep terms.txt "gestion intégrée des bassins versants" "PDF: a term of page 3"
expect_exit 0 "$TERMEX" show --db pdf.db "coordination entre les agences nationales et les collectivités locales du bassin"
expect_grep out "(pdf/layout.pdf, p. 3)" "PDF: show gives page 3"
expect_exit 0 "$TERMEX" show --db pdf.db --format json "gestion intégrée des bassins versants"
expect_grep out '"path": "pdf/layout.pdf", "page": 3}' "PDF: json page 3"
# a term on pages 1 and 2: one context on each (regression: all on page 1)
expect_exit 0 "$TERMEX" show --db pdf.db "indicateurs de qualité de l'eau"
expect_grep out "Les indicateurs de qualité de l'eau sont publiés chaque année par l'agence nationale.
    (pdf/layout.pdf, p. 2)" "PDF: show gives page 2"
expect_grep out "frequency  2 in 1 document(s)" "PDF: the page-2 term counted twice"
# the paragraph running from page 1 to page 2 gives its term across the break
# (regression: the paragraph cut at the break, the term "zones humides du
# territoire" alone, or the page-2 furniture inside it)
expect_grep terms.txt "zones humides du territoire de la région" "PDF: a term across the page break"
expect_exit 0 "$TERMEX" show --db pdf.db "zones humides du territoire de la région"
expect_grep out "les zones arides et les zones humides du territoire de la région, avec un suivi annuel" \
    "PDF: the paragraph across the break is one context"
expect_grep out "(pdf/layout.pdf, p. 1)" "PDF: the paragraph starts on page 1"

# ---- office documents: a folder walk ----
mkdir office
cp "$DOCS"/office/* office/
expect_exit 1 "$TERMEX" extract -v --db office.db --min-freq 1 office
cp err office.err
# each hostile file: one line naming it and its problem, nothing stored
# (regression: a crash, no line, a partial document stored, the run stopped)
once office.err "office/bomb.docx: member word/document.xml inflates to more than 200 times its compressed size (a zip bomb?)" "bomb"
once office.err "office/truncated.docx: skipped: damaged ZIP archive" "truncated"
once office.err "office/duplicate.docx: member word/document.xml appears twice in the archive" "duplicate"
once office.err "office/malformed.docx: word/document.xml:2: " "malformed"
once office.err "office/laughs.docx: word/document.xml: entity declarations are not accepted" "laughs"
once office.err "office/xxe.docx: word/document.xml: entity declarations are not accepted" "xxe"
once office.err "office/encrypted.odt: member content.xml is encrypted (save the document without a password first)" "encrypted.odt"
if [ -e office/encrypted.docx ]; then # make-office makes it only with zip(1)
    once office.err "office/encrypted.docx: member word/document.xml is encrypted" "encrypted.docx"
fi
# EPUB and plain zip (and a zip holding no word/document.xml: sniffed by its
# members, it is a zip archive) are quietly counted, named only with -v
once office.err "'office/book.epub': EPUB book, not a document, skipped" "-v names the EPUB"
once office.err "'office/plain.zip': ZIP archive, not a document, skipped" "-v names the zip"
expect_no_grep office.err "error: office/book.epub" "the EPUB is an error"
expect_no_grep office.err "error: office/plain.zip" "the zip is an error"
expect_grep office.err "3 non-document file(s) ignored" "EPUB, zip and missing.docx counted"
# the good ones stored, in spite of the hostile ones read before them
printf '%s\n' office/liar.docx office/report.docx office/report.odt office/sheet.ods \
    office/sheet.xlsx office/slides.odp office/slides.pptx office/tracked.docx \
    office/tracked.odt >want.txt
stored office.db
cmp -s stored.txt want.txt || fail "office: stored documents: $(diff want.txt stored.txt)"
# liar.docx (its headers say 100 bytes) is read whole: sizes are counted,
# not believed (regression: 100 bytes read, or the file refused)
n=$(sqlite3 office.db "SELECT n_tokens FROM documents WHERE path = 'office/liar.docx'")
[ "${n:-0}" -ge 30000 ] || fail "liar.docx: $n words read, not its 36000"
# named on the command line, the zip without word/document.xml is said
expect_exit 1 "$TERMEX" extract --db missing.db office/missing.docx
once err "office/missing.docx: skipped: ZIP archive, not a document termex reads" "missing.docx named"
terms office.db
contexts office.db
# a term from each format, in the documents `show` names (regression: a
# format read as nothing, or as its XML)
doc_of() { # doc_of TERM FILE...: `show TERM` names each FILE among its documents
    t=$1
    shift
    expect_exit 0 "$TERMEX" show --db office.db "$t"
    for f in "$@"; do expect_grep out "  office/$f" "office: '$t' from $f"; done
}
doc_of "serveur de noms" report.docx report.odt
doc_of "fichier d'interfaces" report.docx report.odt
doc_of "Deuxième diapositive" slides.pptx
doc_of "Titre de la présentation" slides.odp
doc_of "base de données" sheet.xlsx sheet.ods
doc_of "chaîne en ligne" sheet.xlsx
doc_of "serveur principal" tracked.docx tracked.odt
expect_grep terms.txt "Deuxième diapositive" "office: a PPTX term listed"
expect_grep terms.txt "serveur de noms" "office: a DOCX/ODT term listed"
# tracked deletions: no term, in no context (regression: "serveur obsolète",
# "Paragraphe supprimé")
expect_no_grep terms.txt "obsolète" "office: deleted text listed"
expect_no_grep terms.txt "Paragraphe supprimé" "office: a deleted paragraph listed"
expect_no_grep contexts.txt "obsolète" "office: deleted text in a context"
expect_no_grep contexts.txt "supprimé" "office: a deleted paragraph in a context"
expect_exit 0 "$TERMEX" show --db office.db "serveur principal"
expect_grep out "Le serveur principal répond." "office: the inserted text is read"
# nothing of the hostile files' text (regression: text from a refused file)
for s in secret ouvert lollol "root:"; do
    expect_no_grep contexts.txt "$s" "office: text of a refused file"
done

# ---- HTML ----
mkdir html
cp "$DOCS"/html/*.html html/
# accented letters written as entities, in a French page
cat >html/entites.html <<'EOF'
<!DOCTYPE html>
<html lang="fr"><head><title>Cl&eacute;s</title></head><body>
<p>La cl&eacute; publique du d&eacute;p&ocirc;t est v&eacute;rifi&eacute;e &agrave; chaque mise &agrave; jour.</p>
<p>Chaque cl&#233; publique est sign&#xE9;e par l&#8217;&eacute;quipe de s&eacute;curit&eacute;.</p>
</body></html>
EOF
expect_exit 1 "$TERMEX" extract --db html.db --min-freq 1 html
cp err html.err
# entity declarations refused, one line each (regression: "lol" expanded,
# /etc/passwd read into a context)
once html.err "html/billion-laughs.html: a DOCTYPE with an internal subset (entity declarations) is not accepted in HTML" "billion laughs"
once html.err "html/external-entity.html: a DOCTYPE with an internal subset (entity declarations) is not accepted in HTML" "external entity"
stored html.db
expect_no_grep stored.txt "billion-laughs" "HTML: the billion laughs stored"
expect_no_grep stored.txt "external-entity" "HTML: the external entity stored"
terms html.db
contexts html.db
for f in terms.txt contexts.txt; do
    expect_no_grep $f "root:" "HTML: /etc/passwd"
    expect_no_grep $f "lollol" "HTML: entities expanded"
done
# entities decoded (regression: "cl&eacute; publique", or "cl publique")
expect_grep terms.txt "clé publique" "HTML: an entity decoded in a term"
# (&#8217; is decoded, then written ' as the clean-up writes every apostrophe)
expect_grep contexts.txt "Chaque clé publique est signée par l'équipe de sécurité." \
    "HTML: numeric entities decoded"
expect_no_grep terms.txt "&" "HTML: an entity left in a term"
# Windows-1252 bytes under an iso-8859-1 label (regression: "C?ur", "Cur",
# "Cœur" lost, or the dash and euro sign as C1 controls)
expect_grep terms.txt "Cœur du système" "HTML: Windows-1252 œ"
expect_grep terms.txt "café du gestionnaire de paquets" "HTML: Windows-1252 é"
expect_grep contexts.txt "paquets – une « bonne » idée" "HTML: Windows-1252 dash and quotes"
expect_grep contexts.txt "100 €" "HTML: Windows-1252 euro sign"
expect_grep terms.txt "mise à jour du système" "HTML: an ISO-8859-1 XHTML page"
# the DocBook page: its text, not its navigation or code
# (regression: "Précédent", "Niveau supérieur" or the command listed)
expect_grep terms.txt "calque flottant" "HTML: DocBook text"
for s in "Précédent" "Suivant" "Niveau supérieur" "Sommaire" "gimp --batch" "gimp-quit"; do
    expect_no_grep terms.txt "$s" "HTML: DocBook navigation or code listed"
    expect_no_grep contexts.txt "$s" "HTML: DocBook navigation or code in a context"
done
# the English pages, read as English: no markup, navigation, style, script
# or <pre> text (regression: "code class", "DOCTYPE html", "var x" terms)
expect_exit 0 "$TERMEX" extract --db html-en.db --lang en --min-freq 1 html/guide.html \
    html/noise.html
terms html-en.db
contexts html-en.db
expect_grep terms.txt "upstream tarball" "HTML: guide.html's text"
expect_grep terms.txt "mirror list" "HTML: noise.html's text"
for s in "<" ">" "=" "class" "DOCTYPE" "href" "font-family" "margin" "Home" \
    "Skip to content" "not text" "run()" "dpkg-buildpackage -us" "source package hello" \
    "apt-get install"; do
    expect_no_grep terms.txt "$s" "HTML: markup, navigation, style, script or code listed"
done
for s in "<p>" "var x" "Skip to content" "-us -uc" "info: source package hello" \
    "apt-get install" "margin:"; do
    expect_no_grep contexts.txt "$s" "HTML: navigation, style, script or code in a context"
done

# ---- bilingual files ----
mkdir bitext
cp "$DOCS"/bitext/app.fr.po "$DOCS"/bitext/app.fr.xlf "$DOCS"/bitext/app.fr.tmx \
    "$DOCS"/bitext/notes.pot bitext/
# a French-source XLIFF, TMX and PO: short UI strings, no punctuation (each
# its own: the same strings in all three would be boilerplate, counted once)
cat >bitext/ui.xlf <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="ui" source-language="fr-FR" target-language="en" datatype="plaintext"><body>
  <trans-unit id="1"><source>Gestion des paquets</source><target>Package management</target></trans-unit>
  <trans-unit id="2"><source>Taille du fichier</source><target>File size</target></trans-unit>
  <trans-unit id="3"><source>Liste des sources</source><target>Source list</target></trans-unit>
 </body></file>
</xliff>
EOF
cat >bitext/ui.tmx <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="fr" datatype="plaintext"/><body>
<tu><tuv xml:lang="fr"><seg>Nom du serveur</seg></tuv><tuv xml:lang="en"><seg>Server name</seg></tuv></tu>
<tu><tuv xml:lang="fr"><seg>Adresse du miroir</seg></tuv><tuv xml:lang="en"><seg>Mirror address</seg></tuv></tu>
</body></tmx>
EOF
cat >bitext/ui.po <<'EOF'
msgid ""
msgstr ""
"Language: en\n"
"X-Source-Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Mot de passe"
msgstr "Password"

msgid "Clé de chiffrement"
msgstr "Encryption key"
EOF
expect_exit 0 "$TERMEX" extract --db ui.db --lang fr --min-freq 1 bitext/ui.xlf bitext/ui.tmx bitext/ui.po
expect_grep err "3 document(s) added (1 XLIFF, 1 TMX, 1 PO;" "bitext: the French sources read"
terms ui.db
for t in "Gestion des paquets" "Taille du fichier" "Nom du serveur" "Adresse du miroir" \
    "Mot de passe" "Clé de chiffrement"; do
    expect_grep terms.txt "$t" "bitext: a segment is a term"
done
expect_exit 0 "$TERMEX" show --db ui.db "Nom du serveur"
expect_grep out "  bitext/ui.tmx" "bitext: the TMX term's document"
expect_exit 0 "$TERMEX" show --db ui.db "Mot de passe"
expect_grep out "  bitext/ui.po" "bitext: the PO term's document"
# one segment per line: no term spans two segments (regression: "paquets
# Taille du fichier" from segments glued into a paragraph), and the target
# side is not mixed in (regression: "File size" in a French glossary)
if grep -E "paquets Taille|fichier Liste|serveur Adresse|passe Clé" terms.txt >/dev/null; then
    fail "bitext: a term spans two segments: $(cat terms.txt)"
fi
for s in "Package" "File size" "Server name" "Password" "Encryption"; do
    expect_no_grep terms.txt "$s" "bitext: the English target side read"
done
# English source side into a French glossary: the hint, nothing stored
# (regression: English UI strings stored as French terms, exit 0)
expect_exit 1 "$TERMEX" extract --db app.db --lang fr bitext/app.fr.po bitext/app.fr.xlf \
    bitext/app.fr.tmx
for f in app.fr.po app.fr.xlf app.fr.tmx; do
    once err "bitext/$f: skipped: its source side is in en" "bitext: $f's English source side"
done
expect_grep err "not in fr (the glossary's language); --side target reads its other side" \
    "bitext: the hint"
expect_grep err "0 document(s) added" "bitext: nothing stored from the English side"
# --side target reads the French side of each, into the same glossary
# (regression: the refused files recorded, "already in the glossary, skipped")
expect_exit 0 "$TERMEX" extract --db app.db --lang fr --side target --min-freq 1 \
    bitext/app.fr.po bitext/app.fr.xlf bitext/app.fr.tmx
expect_grep err "3 document(s) added (1 XLIFF, 1 TMX, 1 PO;" "bitext: --side target reads them"
terms app.db
expect_grep terms.txt "Gestionnaire de paquets" "bitext: a French target term"
expect_grep terms.txt "cache des paquets" "bitext: another French target term"
for s in "Package manager" "package cache" "Mirror selection"; do
    expect_no_grep terms.txt "$s" "bitext: the English source side read with --side target"
done
# a template has no target side: said, nothing stored (regression: the
# msgids read as the target, or a silent "no text")
expect_exit 1 "$TERMEX" extract --db pot.db --lang fr --side target bitext/notes.pot
once err "bitext/notes.pot: no text on the target side of this PO file" "bitext: POT --side target"
expect_grep err "0 document(s) added" "bitext: nothing stored from the template"
finish
