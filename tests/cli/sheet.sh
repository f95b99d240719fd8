# sheet.sh: the review sheet (CSV/TSV) and the other tables a reviewer meets.
#   A. export a sheet, edit it as a reviewer would (an entry form, a status, a
#      note, a forbidden translation), import it back: export shows the edits;
#   B. a status column is the term's: 'masque de calque,mask layer,rejected'
#      does not make "mask layer" an approved translation;
#   C. headers of other tools: English,French; source term,target term;
#      translate-toolkit's po2csv (location,source,target); unknown columns told;
#   D. OmegaT's glossary (.utf8, or a .txt without header): import and export;
#   E. import - (standard input): a sheet, an OmegaT file, TBX;
#   F. export --bom;
#   G. a sheet's ids edit only the glossary it came from.
# Needs python3 for editing the sheet (as a spreadsheet would).
. "$(dirname "$0")/lib.sh"
DB=$WORK/g.db
P=$DATA/parallel
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"

expect_exit 0 "$TERMEX" extract -q --db "$DB" --min-words 2 "$DATA/seeds"
expect_exit 0 "$TERMEX" align -q --db "$DB" --src-file "$P/un-fr.txt" --tgt-file "$P/un-en.txt"

# ---- A. the round trip of a review ----
expect_exit 0 "$TERMEX" export --db "$DB" --format csv -o "$WORK/s.csv"
for t in "Centre régional" "Assemblée générale" "Asie centrale" "diplomatie préventive"; do
    expect_grep "$WORK/s.csv" ",$t," "the sheet has '$t'"
done
python3 - "$WORK/s.csv" "$WORK/edited.csv" <<'EOF' || fail "cannot edit the sheet"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
assert rows and "id" in rows[0] and "translation_status" in rows[0], rows[:1]
for r in rows:
    if r["term"] == "Centre régional":
        r["term"] = "centre régional"          # the entry form
    elif r["term"] == "Assemblée générale" and r["status"]:
        r["status"] = "rejected"               # the term's status
    elif r["term"] == "Asie centrale" and r["status"]:
        r["note"] = "=les cinq États"          # a note (a formula, escaped on export)
    elif r["term"] == "diplomatie préventive" and r["translation"] == "preventive diplomacy":
        r["translation_status"] = "forbidden"  # a translation not to use
w = csv.DictWriter(open(sys.argv[2], "w", encoding="utf-8", newline=""),
                   fieldnames=list(rows[0].keys()), lineterminator="\r\n")
w.writeheader()
w.writerows(rows)
EOF
expect_exit 0 "$TERMEX" import --db "$DB" "$WORK/edited.csv"
expect_no_grep "$WORK/err" "not kept" "every column of the sheet is kept"
expect_exit 0 "$TERMEX" export --db "$DB" --format csv --with-rejected -o "$WORK/after.csv"
# The entry form and the note are applied by the store (store_exchange.c: the
# row's id, tx_concept.term_id, and its review fields), the forbidden
# translation and the status by the status it is given.
expect_grep "$WORK/after.csv" ",centre régional,"  "the entry form set in the sheet"
expect_no_grep "$WORK/after.csv" ",Centre régional," "the old entry form is gone"
expect_grep "$WORK/after.csv" ",Assemblée générale,rejected," "the status set in the sheet"
expect_grep "$WORK/after.csv" "'=les cinq États" "the note, escaped as a formula"
expect_grep "$WORK/after.csv" ",diplomatie préventive,candidate,preventive diplomacy,forbidden," \
    "the forbidden translation"
# exporting again what was imported changes nothing
expect_exit 0 "$TERMEX" import -q --db "$DB" "$WORK/after.csv"
expect_exit 0 "$TERMEX" export --db "$DB" --format csv --with-rejected -o "$WORK/again.csv"
cmp -s "$WORK/after.csv" "$WORK/again.csv" ||
    fail "re-importing the sheet changed it: $(diff "$WORK/after.csv" "$WORK/again.csv" | head -4)"
# the TSV sheet the same way
expect_exit 0 "$TERMEX" export --db "$DB" --format tsv -o "$WORK/s.tsv"
expect_grep "$WORK/s.tsv" "	diplomatie préventive	candidate	preventive diplomacy	forbidden	" \
    "TSV sheet"

# ---- B. a status column is the term's, not the translation's ----
printf 'fr,en,status\nmasque de calque,mask layer,rejected\n' >"$WORK/m.csv"
expect_exit 0 "$TERMEX" import --db "$WORK/m.db" "$WORK/m.csv"
expect_exit 0 "$TERMEX" export --db "$WORK/m.db" --format json --status all
expect_no_grep "$WORK/out" '{"term": "mask layer", "status": "approved"}' \
    "a rejected pairing gave an approved translation"
printf 'term,translation,status,translation_status\nmasque,mask,approved,rejected\n' \
    >"$WORK/m2.csv"
expect_exit 0 "$TERMEX" import --db "$WORK/m.db" "$WORK/m2.csv"
expect_exit 0 "$TERMEX" export --db "$WORK/m.db" --format json
expect_grep "$WORK/out" '{"term": "mask", "status": "forbidden"}' \
    "a rejected translation is forbidden"

# ---- C. headers of other tools ----
printf 'English,French,comments\nlayer mask,masque de calque,from the UI\n' >"$WORK/ef.csv"
expect_exit 0 "$TERMEX" import --db "$WORK/h.db" --src fr --tgt en "$WORK/ef.csv"
expect_grep "$WORK/err" "ef.csv: column 'comments' not kept" "an unknown column is told"
expect_exit 0 "$TERMEX" show --db "$WORK/h.db" "masque de calque"
expect_grep "$WORK/out" "layer mask" "English,French: the English column is the translation"
printf 'Source Term\tTarget Term\ncalque\tlayer\n' >"$WORK/st.tsv"
expect_exit 0 "$TERMEX" import -q --db "$WORK/h.db" "$WORK/st.tsv"
expect_exit 0 "$TERMEX" show --db "$WORK/h.db" "calque"
expect_grep "$WORK/out" "layer" "source term,target term"
expect_exit 0 "$TERMEX" import --db "$WORK/h.db" "$DATA/table/po2csv.csv"
expect_grep "$WORK/err" "po2csv.csv: column 'location' not kept" "po2csv's location told"
expect_grep "$WORK/err" "3 concepts" "po2csv's rows"
expect_exit 0 "$TERMEX" show --db "$WORK/h.db" "diplomatie préventive"
expect_grep "$WORK/out" "preventive diplomacy" "po2csv: source is the term, target its translation"
printf 'mot,traduction\npaix,peace\n' >"$WORK/bad.csv"
expect_exit 1 "$TERMEX" import --db "$WORK/h.db" "$WORK/bad.csv"
expect_grep "$WORK/err" "bad.csv:1: cannot tell the columns of the header apart" \
    "a header it cannot map"
expect_grep "$WORK/err" "'translation', 'target term', 'en', english" "the columns expected"

# ---- D. OmegaT's glossary ----
expect_exit 0 "$TERMEX" export --db "$DB" --format omegat -o "$WORK/o.utf8"
head -n 1 "$WORK/o.utf8" | grep -q '^# Glossary in tab-separated format' ||
    fail "OmegaT file header: $(head -n 1 "$WORK/o.utf8")"
expect_grep "$WORK/o.utf8" "Asie centrale	Central Asia" "an OmegaT entry"
expect_no_grep "$WORK/o.utf8" "Assemblée générale	" "a rejected term is left out"
expect_no_grep "$WORK/o.utf8" "	preventive diplomacy" "a forbidden translation is left out"
expect_exit 0 "$TERMEX" import --db "$WORK/o.db" "$WORK/o.utf8"
expect_exit 0 "$TERMEX" export --db "$WORK/o.db" --format omegat -o "$WORK/o2.utf8"
cmp -s "$WORK/o.utf8" "$WORK/o2.utf8" ||
    fail "OmegaT round trip differs: $(diff "$WORK/o.utf8" "$WORK/o2.utf8" | head -4)"
# a .txt without header, as OmegaT writes it (a comma in a term is no CSV)
printf 'paix, sécurité\tpeace and security\tUN usage\nzone franche\tfree zone\n' >"$WORK/og.txt"
expect_exit 0 "$TERMEX" import --db "$WORK/og.db" "$WORK/og.txt"
expect_grep "$WORK/err" "2 concepts" "OmegaT .txt rows"
expect_exit 0 "$TERMEX" show --db "$WORK/og.db" "zone franche"
expect_grep "$WORK/out" "free zone" "OmegaT .txt translation"

# ---- E. standard input ----
# (a pipe would run expect_exit in a subshell, whose failures are not counted)
printf 'term,translation\nparc naturel,nature park\n' >"$WORK/in1"
expect_exit 0 "$TERMEX" import --db "$WORK/in.db" - <"$WORK/in1"
expect_exit 0 "$TERMEX" show --db "$WORK/in.db" "parc naturel"
expect_grep "$WORK/out" "nature park" "a sheet on standard input"
printf 'forêt\tforest\n' >"$WORK/in2"
expect_exit 0 "$TERMEX" import --db "$WORK/in.db" - <"$WORK/in2"
expect_exit 0 "$TERMEX" show --db "$WORK/in.db" "forêt"
expect_grep "$WORK/out" "forest" "an OmegaT file on standard input"
"$TERMEX" export --db "$DB" --format tbx2008 >"$WORK/g.tbx" || fail "export tbx2008"
expect_exit 0 "$TERMEX" import --db "$WORK/in.db" - <"$WORK/g.tbx"
expect_grep "$WORK/err" "'-': $(grep -c '<termEntry' "$WORK/g.tbx") concepts" \
    "TBX on standard input"
printf '<?xml version="1.0"?>\n<martif><text>\n' >"$WORK/in4"
expect_exit 1 "$TERMEX" import --db "$WORK/in.db" - <"$WORK/in4"
expect_grep "$WORK/err" "termex import: stdin:" "broken TBX on standard input, named"
printf 'term,translation\n!!!,x\n' >"$WORK/in3"
expect_exit 1 "$TERMEX" import --db "$WORK/in.db" - <"$WORK/in3"
expect_grep "$WORK/err" "stdin:2: source term '!!!' has no word" "standard input named"

# ---- F. a byte-order mark for Excel ----
expect_exit 0 "$TERMEX" export --db "$DB" --format csv --bom -o "$WORK/bom.csv"
[ "$(head -c 3 "$WORK/bom.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] ||
    fail "--bom: no UTF-8 byte-order mark"
expect_exit 0 "$TERMEX" export --db "$DB" --format csv -o "$WORK/nobom.csv"
[ "$(head -c 2 "$WORK/nobom.csv")" = id ] || fail "a byte-order mark without --bom"
expect_exit 0 "$TERMEX" import -q --db "$WORK/bom.db" "$WORK/bom.csv"
expect_exit 0 "$TERMEX" show --db "$WORK/bom.db" "Asie centrale"
# ---- G. ids of another glossary ----
# The edited sheet of A, whose ids are the seeds glossary's, into a glossary
# of other terms whose ids overlap: no term there is renamed or changed by id,
# the rows go by their terms, and stderr says the ids were not kept.
expect_exit 0 "$TERMEX" extract -q --db "$WORK/other.db" --min-words 2 "$P/un-fr.txt"
sqlite3 "$WORK/other.db" "SELECT id, canonical FROM terms ORDER BY id" >"$WORK/other.before"
expect_exit 0 "$TERMEX" import --db "$WORK/other.db" "$WORK/edited.csv"
expect_grep "$WORK/err" "ids of another glossary" "foreign ids: not said"
sqlite3 "$WORK/other.db" "SELECT id, canonical FROM terms ORDER BY id" >"$WORK/other.after"
# A row finds its term by key and sets the entry form as written, as an import
# by term does ('centre régional' for 'Centre régional'): only such case
# changes may differ; an id applied would have put another term's text there.
python3 - "$WORK/other.before" "$WORK/other.after" >"$WORK/other.lost" <<'PY'
import sys
before = dict(l.rstrip("\n").split("|", 1) for l in open(sys.argv[1], encoding="utf-8"))
for l in open(sys.argv[2], encoding="utf-8"):
    i, text = l.rstrip("\n").split("|", 1)
    if i in before and before[i].casefold() != text.casefold():
        print(i, before[i], "->", text)
PY
[ -s "$WORK/other.lost" ] && fail "foreign ids renamed terms: $(head -3 "$WORK/other.lost")"
# A hand-made id without the glossary's mark is not applied either.
printf 'id,term,status\n1,zone de paix,approved\n' >"$WORK/plain-id.csv"
expect_exit 0 "$TERMEX" import --db "$WORK/other.db" "$WORK/plain-id.csv"
expect_grep "$WORK/err" "without this glossary's mark" "plain ids: not said"
sqlite3 "$WORK/other.db" "SELECT id, canonical FROM terms WHERE id = 1" >"$WORK/one"
grep -qx "$(sed -n 1p "$WORK/other.before")" "$WORK/one" || fail "a plain id renamed term 1"
# ---- H. a header in codes termex does not know: --lang-map ----
printf 'xx,yy\nzone de paix,zone of peace\n' >"$WORK/xx.csv"
expect_exit 1 "$TERMEX" import --db "$WORK/xx.db" "$WORK/xx.csv"
expect_grep "$WORK/err" "lang-map" "an unknown header: no hint"
expect_exit 0 "$TERMEX" import --db "$WORK/xx.db" --lang-map xx=fr --lang-map YY=en "$WORK/xx.csv"
expect_exit 0 "$TERMEX" list --db "$WORK/xx.db" --with-translations --format tsv --no-header
expect_grep "$WORK/out" "zone of peace" "--lang-map on a CSV header"
finish
