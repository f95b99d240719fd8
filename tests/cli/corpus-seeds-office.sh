# corpus-seeds-office.sh: the five French seed texts, turned into DOCX and into ODT
# by pandoc at test time, give the same top 40 as the text files (issue 18).
#
# The seeds are text extracted from PDFs: mostly one PDF line per block (a blank
# line after each), 33 blocks of several lines, which termex's text clean-up
# rebuilds into paragraphs.  pandoc has no plain-text reader, and its Markdown
# readers (markdown, commonmark, gfm, markdown_strict) change these texts: on the
# five seeds they make 30 numbered paragraphs ("1. Proclame ...") into Word lists
# whose numbers are no longer text, a "* Toute modification ..." note into a
# bulleted list, lines of underscores into rules, "*1720793*" into italics, names
# in "__" into bold, trailing double spaces into line breaks and single line ends
# into spaces (and, markdown, quotes into typographic ones).  So each text is given
# to pandoc as its own document model (`pandoc -f json`): a paragraph (Para) per
# blank-line-separated block, a word (Str) per run of non-blank characters, a line
# break (LineBreak: DOCX w:br, ODF text:line-break) per line end inside a block.
# Nothing is interpreted; only the blank-only blocks and the spaces at line ends
# go, which changes nothing in the text glossary (checked by hand).  That the DOCX
# and ODT files hold exactly these paragraphs is checked by reading them back.
#
# The readers thus get one DOCX/ODT paragraph per PDF line, with the PDF's warts
# (terms cut across paragraphs, footnote numbers glued to words, URL and footnote
# lines, page headers): a document as a PDF-to-Word converter makes it.  The same
# top 40 needs a reader that keeps line breaks as line ends and paragraphs that go
# through the clean-up text gets (line ends turned into spaces instead: 34 of 40).
#
# Asserted: every run adds the five documents, and the top 40 of the DOCX glossary
# and of the ODT glossary are the text glossary's top 40 as sets of canonical forms
# (40 of 40; a lost term, e.g. one cut across two paragraphs, fails).  Rank and
# frequency differences within the 40 are printed, not asserted.
. "$(dirname "$0")/lib.sh"
need_shared corpus/un-central-asia/fr
command -v pandoc >/dev/null 2>&1 || skip "pandoc is not installed (scripts/setup)"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed (scripts/setup)"
SEEDS=$SHARED/corpus/un-central-asia/fr
TOP=40

mkdir -p "$WORK/text" "$WORK/docx" "$WORK/odt" "$WORK/json"
cp "$SEEDS"/*.txt "$WORK/text/"
python3 - "$WORK/text" "$WORK/json" <<'PY' || fail "cannot make the pandoc models"
import json, os, re, sys
for name in sorted(os.listdir(sys.argv[1])):
    text = open(os.path.join(sys.argv[1], name), encoding="utf-8").read().replace("\r\n", "\n")
    blocks = []
    for block in re.split(r"\n[ \t]*\n", text):
        inlines = []
        for line in block.split("\n"):
            ws = [w for w in re.split(r"[ \t\f\v]+", line) if w]
            if ws and inlines:
                inlines.append({"t": "LineBreak"})
            for i, w in enumerate(ws):
                inlines += [{"t": "Space"}] * (i > 0) + [{"t": "Str", "c": w}]
        if inlines:
            blocks.append({"t": "Para", "c": inlines})
    with open(os.path.join(sys.argv[2], name[:-4] + ".json"), "w", encoding="utf-8") as o:
        json.dump({"pandoc-api-version": [1, 22, 2, 1], "meta": {}, "blocks": blocks}, o,
                  ensure_ascii=False)
PY
for j in "$WORK"/json/*.json; do
    b=$(basename "$j" .json)
    for fmt in docx odt; do
        pandoc -f json -o "$WORK/$fmt/$b.$fmt" "$j" 2>"$WORK/pandoc.err" ||
            fail "pandoc cannot write $b.$fmt: $(cat "$WORK/pandoc.err")"
    done
done
# Read back (python3's zipfile and XML parser, not pandoc): the same paragraphs,
# word for word, as DOCX w:p and ODF text:p elements.
python3 - "$WORK" <<'PY' || fail "the DOCX/ODT files do not hold the text's paragraphs"
import json, os, sys, zipfile
import xml.etree.ElementTree as ET
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
def odf_text(e):
    out = [e.text or ""]
    for c in e:
        if c.tag == T + "s":
            out.append(" " * int(c.get(T + "c", "1")))
        elif c.tag == T + "tab":
            out.append(" ")
        elif c.tag == T + "line-break":
            out.append("\n")
        else:
            out.append(odf_text(c))
        out.append(c.tail or "")
    return "".join(out)
def docx(path):
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    tags = {W + "t": None, W + "br": "\n", W + "cr": "\n", W + "tab": " "}
    return ["".join((e.text or "") if tags[e.tag] is None else tags[e.tag]
                    for e in p.iter() if e.tag in tags) for p in root.iter(W + "p")]
def odt(path):
    root = ET.fromstring(zipfile.ZipFile(path).read("content.xml"))
    return [odf_text(p) for p in root.iter() if p.tag in (T + "p", T + "h")]
def model(path):
    return ["".join({"Str": i.get("c"), "Space": " ", "LineBreak": "\n"}[i["t"]] for i in b["c"])
            for b in json.load(open(path, encoding="utf-8"))["blocks"]]
bad = 0
for name in sorted(os.listdir(os.path.join(sys.argv[1], "json"))):
    want = model(os.path.join(sys.argv[1], "json", name))
    for fmt, read in (("docx", docx), ("odt", odt)):
        got = [p for p in read(os.path.join(sys.argv[1], fmt, name[:-5] + "." + fmt)) if p]
        if got != want:
            bad += 1
            diff = next(((a, b) for a, b in zip(want, got) if a != b), None)
            print(f"{name[:-5]}.{fmt}: {len(want)} paragraphs became {len(got)}; first"
                  f" difference {diff}", file=sys.stderr)
sys.exit(bad > 0)
PY

# top40 KIND: extract the KIND folder into its own glossary; its top 40 in
# $WORK/KIND.top (rank, term, freq) and, case-folded, in $WORK/KIND.set.
top40() {
    expect_exit 0 "$TERMEX" extract --db "$WORK/$1.db" --lang fr "$WORK/$1"
    expect_grep "$WORK/err" "5 document(s) added" "$1: the five seeds"
    expect_exit 0 "$TERMEX" list --db "$WORK/$1.db" --top $TOP --format tsv --no-header
    cut -f1-3 "$WORK/out" >"$WORK/$1.top"
    cut -f2 "$WORK/out" | python3 -c 'import sys
for l in sys.stdin: print(l.rstrip("\n").casefold())' | sort >"$WORK/$1.set"
}
top40 text
[ "$(wc -l <"$WORK/text.set")" -eq $TOP ] || fail "the text top $TOP has $(wc -l <"$WORK/text.set") terms"
for fmt in docx odt; do
    top40 $fmt
    same=$(comm -12 "$WORK/text.set" "$WORK/$fmt.set" | wc -l)
    echo "$fmt: $same of the text's top $TOP"
    if [ "$same" -ne $TOP ]; then
        fail "$fmt: top $TOP shares $same terms with the text's;" \
            "only in text: $(comm -23 "$WORK/text.set" "$WORK/$fmt.set" | tr '\n' ';')" \
            "only in $fmt: $(comm -13 "$WORK/text.set" "$WORK/$fmt.set" | tr '\n' ';')"
    fi
    if ! cmp -s "$WORK/text.top" "$WORK/$fmt.top"; then
        echo "$fmt: ranks or frequencies differ from the text's (rank term freq):"
        diff "$WORK/text.top" "$WORK/$fmt.top" | sed -n 's/^[<>]/  &/p' | head -20
    fi
done
finish
