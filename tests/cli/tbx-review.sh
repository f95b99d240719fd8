# tbx-review.sh: a reviewed glossary goes out and comes back with every
# decision: rejected terms only on request and never preferred, forbidden
# translations as deprecatedTerm, the entry form a file gives, every TBX field
# and transaction (export -> import -> export is the same file), the
# document's name and not its path, a direction or language code that matches
# nothing refused, standard input.  Each block names the bug it guards
# against; every one of them failed on the code before the review model.
. "$(dirname "$0")/lib.sh"
T=$DATA/tbx/review-fields.tbx
DB=$WORK/g.db

# The fixture: approved "diplomatie préventive" with every field, rejected
# "zone grise", candidate "mesures de confiance".
expect_exit 0 "$TERMEX" import --db "$DB" "$T"
# What the file holds that a glossary does not keep is said, in one line.
expect_grep "$WORK/err" "review-fields.tbx: not kept: language de (1 entry)" "unkept summary"
grep -q "not kept:.*,\|termLocation\|xref\|source\|context" "$WORK/err" &&
    fail "more than the third language said not kept: $(cat "$WORK/err")"

# Bug: rejected terms were exported by default (and their translation as
# preferredTerm, which OmegaT shows as a preferred entry).
expect_exit 0 "$TERMEX" export --db "$DB" -o "$WORK/default.tbx"
expect_no_grep "$WORK/default.tbx" "zone grise" "a rejected term in the default export"
expect_exit 0 "$TERMEX" export --db "$DB" --with-rejected -o "$WORK/rej.tbx"
grep -A2 "<term>zone grise</term>" "$WORK/rej.tbx" | grep -q "deprecatedTerm-admn-sts" ||
    fail "--with-rejected: zone grise is not a deprecatedTerm"
grep -A2 "<term>grey zone</term>" "$WORK/rej.tbx" | grep -q "deprecatedTerm-admn-sts" ||
    fail "the translation of a rejected term is not deprecated"

# Bug: a forbidden translation (as review stores it) went out without a status.
sqlite3 "$DB" "UPDATE translations SET status = 'forbidden' WHERE text = 'prevention diplomacy'" ||
    fail "sqlite3"
expect_exit 0 "$TERMEX" export --db "$DB" -o "$WORK/forbid.tbx"
grep -A1 "<term>prevention diplomacy</term>" "$WORK/forbid.tbx" |
    grep -q "deprecatedTerm-admn-sts" || fail "a forbidden translation is not a deprecatedTerm"
grep -B1 "preferredTerm" "$WORK/forbid.tbx" | grep -q "prevention diplomacy\|preemptive" &&
    fail "a forbidden translation is preferred"

# Bug: TBX fields were dropped on import.  Every one is in both exports.
for f in tbx tbx2019; do
    expect_exit 0 "$TERMEX" export --db "$DB" --format "$f" -o "$WORK/fields.$f"
    for want in 'type="subjectField">relations internationales<' \
        "type=\"definition\">Action menée pour empêcher qu'un différend naisse.<" \
        "<note>Terme de l'ONU. Au singulier.</note>" '<note>UN usage.</note>' \
        '<note>A false friend.</note>' 'type="partOfSpeech">noun<' \
        'type="grammaticalGender">feminine<' 'type="geographicalUsage">fr-CH<' \
        'type="geographicalUsage">en-GB<' 'type="termType">fullForm<' \
        'type="transactionType">origination<' 'type="responsibility">Ana<' \
        '<date>2026-11-02</date>' 'type="transactionType">modification<' \
        'type="responsibility">Bruno<' '<date>2026-11-20</date>' \
        'admittedTerm-admn-sts' '<admin type="source">A/RES/75/1</admin>'; do
        expect_grep "$WORK/fields.$f" "$want" "$f export keeps the field"
    done
    # The TBX data passed through, each at its level (in the order written:
    # an entry's data come before its first language section, a term's
    # termNotes before the rest).
    tr '\n' ' ' <"$WORK/fields.$f" | sed 's/  */ /g' >"$WORK/flat.$f"
    for want in \
        '<descrip type="definition">Action menée pour empêcher qu.un différend naisse.</descrip> <admin type="source">UNTERM</admin> </descripGrp>' \
        '<xref type="externalCrossReference" target="https://unterm.un.org">UNTERM</xref> <ref type="crossReference" target="c2">mesures de confiance</ref> <lang' \
        '<termNote type="termLocation">menuItem</termNote> <descripGrp> <descrip type="context">La diplomatie' \
        '<note>Terme de l.ONU. Au singulier.</note> <admin type="customerSubset">ONU</admin> <admin type="projectSubset">Paix</admin> <admin type="source">Charte</admin> </' \
        '<termNote type="geographicalUsage">en-GB</termNote> <termNote type="termLocation">menuItem</termNote> <descripGrp> <descrip type="context">Preventive diplomacy is a priority.</descrip> <admin type="source">A/RES/75/1</admin> </descripGrp> <note>UN usage.</note> <ref type="crossReference">grey zone</ref> </'; do
        grep -q "$want" "$WORK/flat.$f" || fail "$f export: not at its level: $want"
    done

    # Round trip: export -> import into an empty glossary -> export, the same file.
    rm -f "$WORK/rt.db"*
    expect_exit 0 "$TERMEX" import -q --db "$WORK/rt.db" "$WORK/fields.$f"
    expect_exit 0 "$TERMEX" export --db "$WORK/rt.db" --format "$f" -o "$WORK/rt.$f"
    cmp -s "$WORK/fields.$f" "$WORK/rt.$f" ||
        fail "round trip $f differs: $(diff "$WORK/fields.$f" "$WORK/rt.$f" | head -8)"
done
# The transactions are in the history, with the import.
expect_exit 0 "$TERMEX" export --db "$DB" --format json -o "$WORK/g.json"
n=$(sqlite3 "$DB" "SELECT group_concat(action || ':' || who, ' ') FROM history h
    JOIN terms t ON t.id = h.term_id WHERE t.canonical = 'diplomatie préventive'")
case $n in
"origination:Ana modification:Bruno import:"*) ;;
*) fail "history of diplomatie préventive: $n" ;;
esac

# A review decision (history at a date and time) is the modification: TBX
# 2019 takes the time, TBX 2008 (whose schema wants a date) the date.
cp "$DB" "$WORK/h.db"
sqlite3 "$WORK/h.db" "INSERT INTO history (term_id, lang, term, at, who, action)
    SELECT id, lang, canonical, '2026-12-07T20:31:00Z', 'zoe', 'approve' FROM terms
    WHERE canonical = 'mesures de confiance'" || fail "sqlite3"
expect_exit 0 "$TERMEX" export --db "$WORK/h.db" -o "$WORK/h.tbx"
expect_grep "$WORK/h.tbx" "<date>2026-12-07</date>" "TBX 2008: the date of a date and time"
expect_exit 0 "$TERMEX" export --db "$WORK/h.db" --format tbx2019 -o "$WORK/h.tbx2019"
expect_grep "$WORK/h.tbx2019" "<date>2026-12-07T20:31:00Z</date>" "TBX 2019: the date and time"
expect_grep "$WORK/h.tbx2019" 'type="responsibility">zoe<' "who"

# Bug: an entry form the file gives was ignored ("canal alpha" stayed "canal
# Alpha").  The seeds' "Assemblée générale", imported as "assemblée générale".
rm -f "$WORK/s.db"*
expect_exit 0 "$TERMEX" extract -q --db "$WORK/s.db" "$DATA/seeds"
printf 'fr\ten\tstatus\nassemblée générale\tGeneral Assembly\tapproved\n' >"$WORK/form.tsv"
expect_exit 0 "$TERMEX" import -q --db "$WORK/s.db" "$WORK/form.tsv"
expect_exit 0 "$TERMEX" export --db "$WORK/s.db" --status approved -o "$WORK/form.tbx"
expect_grep "$WORK/form.tbx" "<term>assemblée générale</term>" "the imported entry form"
expect_no_grep "$WORK/form.tbx" "<term>Assemblée générale</term>" "the old entry form"
sqlite3 "$WORK/s.db" "SELECT form_locked FROM terms WHERE canonical = 'assemblée générale'" \
    >"$WORK/locked"
expect_grep "$WORK/locked" "1" "the imported entry form is locked"

# Bug: the source of a context was the local path; now the document's name.
expect_exit 0 "$TERMEX" export --db "$WORK/s.db" --format csv -o "$WORK/src.csv"
expect_no_grep "$WORK/src.csv" "$DATA" "a local path in the export"
expect_exit 0 "$TERMEX" export --db "$WORK/s.db" --no-source -o "$WORK/nosrc.tbx"
expect_no_grep "$WORK/nosrc.tbx" 'type="source"' "--no-source"

# Bug: a direction that matches nothing wrote 0 concepts, exit 0.
expect_exit 2 "$TERMEX" export --db "$DB" --src en --tgt fr
expect_grep "$WORK/err" "no term in 'en': the glossary's terms are in fr" "direction error"
expect_exit 2 "$TERMEX" export --db "$DB" --src fr --tgt de
expect_grep "$WORK/err" "no translation into 'de'" "target language error"
expect_grep "$WORK/err" "en (" "the error names the glossary's target languages"

# Bug: an unknown language code (csv2tbx writes xml:lang="xx") lost every
# translation silently.  Now an error, unless --lang-map says which it is.
sed 's/xml:lang="en"/xml:lang="xx"/' "$T" >"$WORK/xx.tbx"
rm -f "$WORK/x.db"*
expect_exit 1 "$TERMEX" import --db "$WORK/x.db" "$WORK/xx.tbx"
expect_grep "$WORK/err" "unknown language code 'xx'" "unknown language named"
expect_exit 2 "$TERMEX" import --db "$WORK/x.db" --lang-map xx "$WORK/xx.tbx"
expect_exit 0 "$TERMEX" import --db "$WORK/x.db" --lang-map xx=en "$WORK/xx.tbx"
expect_exit 0 "$TERMEX" export --db "$WORK/x.db" -o "$WORK/x.tbx"
expect_grep "$WORK/x.tbx" "<term>preventive diplomacy</term>" "--lang-map xx=en"

# Bug: `import -` failed.  TBX and TSV on standard input, told by content.
rm -f "$WORK/i.db"*
"$TERMEX" import --db "$WORK/i.db" - <"$T" >"$WORK/out" 2>"$WORK/err" ||
    fail "import - (TBX): $(cat "$WORK/err")"
expect_grep "$WORK/err" "3 concepts" "import - reads the TBX"
printf 'fr\ten\nzone de paix\tzone of peace\n' |
    "$TERMEX" import --db "$WORK/i.db" - >"$WORK/out" 2>"$WORK/err" ||
    fail "import - (TSV): $(cat "$WORK/err")"
expect_exit 0 "$TERMEX" export --db "$WORK/i.db" -o "$WORK/i.tbx"
expect_grep "$WORK/i.tbx" "zone of peace" "import - reads the TSV"
printf '<martif>' | "$TERMEX" import --db "$WORK/i.db" - >"$WORK/out" 2>"$WORK/err" &&
    fail "a broken TBX on stdin is imported"
expect_grep "$WORK/err" "stdin" "a message about stdin does not name it"
expect_no_grep "$WORK/err" "termex-import-" "the spooled copy is not named"
finish
