# review-session.sh: a terminologist's review session, on the command line only,
# end to end (issue 17): extract and align the UN sample, approve 3 terms,
# reject 2, fix 1 entry form, approve 1 translation, forbid 1, add a definition
# and a domain; export in the default format; the TBX validator accepts it;
# OmegaT loads it and shows the approved entries with the fixed form and not
# the rejected ones; translate-toolkit reads it; imported into an empty
# glossary and exported again it is the same file; check names the forbidden
# translation.  The validator and OmegaT need $TX_SHARED_DIR/standards, and
# translate-toolkit its Debian package (scripts/setup --test-tools): each part
# without them is skipped with a line saying so.
. "$(dirname "$0")/lib.sh"
P=$DATA/parallel
DB=$WORK/g.db
# The history records who decided and when: fixed, so the file is too.
SOURCE_DATE_EPOCH=1765000000
TERMEX_USER=reviewer
export SOURCE_DATE_EPOCH TERMEX_USER

expect_exit 0 "$TERMEX" extract -q --db "$DB" --min-words 2 "$P/un-fr.txt"
expect_exit 0 "$TERMEX" align -q --db "$DB" --src-file "$P/un-fr.txt" --tgt-file "$P/un-en.txt"

# The decisions.
expect_exit 0 "$TERMEX" approve --db "$DB" "diplomatie préventive" "développement durable" \
    "Centre régional"
expect_exit 0 "$TERMEX" reject --db "$DB" "États Membres" \
    "mise en œuvre de la Stratégie antiterroriste mondiale"
expect_exit 0 "$TERMEX" set --db "$DB" "Centre régional" form "centre régional"
expect_exit 0 "$TERMEX" translate --db "$DB" "Asie centrale" "Central Asia" --approve
expect_exit 0 "$TERMEX" translate --db "$DB" "Asie centrale" "Central" --forbid
expect_exit 0 "$TERMEX" set --db "$DB" "diplomatie préventive" definition \
    "Action taken to prevent disputes from arising between parties."
expect_exit 0 "$TERMEX" set --db "$DB" "diplomatie préventive" domain "international relations"

# What list and show say now.
expect_exit 0 "$TERMEX" list --db "$DB" --status approved --format tsv --no-header --top 0
[ "$(cut -f2 "$WORK/out" | LC_ALL=C sort | tr '\n' '|')" = \
    "centre régional|diplomatie préventive|développement durable|" ] ||
    fail "approved terms: $(cut -f2 "$WORK/out" | tr '\n' '|')"
expect_exit 0 "$TERMEX" list --db "$DB" --status rejected --format tsv --no-header --top 0
[ "$(wc -l <"$WORK/out")" -eq 2 ] || fail "rejected terms: $(cat "$WORK/out")"
expect_exit 0 "$TERMEX" show --db "$DB" "diplomatie préventive"
expect_grep "$WORK/out" "international relations" "show: no domain"
expect_grep "$WORK/out" "reviewer" "show: no history"

# The default export.
expect_exit 0 "$TERMEX" export --db "$DB" -o "$WORK/glossary.tbx"
expect_grep "$WORK/glossary.tbx" "<martif" "the default export is not TBX-Basic 2008"
expect_grep "$WORK/glossary.tbx" "<term>centre régional</term>" "export: no fixed entry form"
grep -q "<term>Centre régional</term>" "$WORK/glossary.tbx" && fail "export: the old entry form"
grep -q "<term>États Membres</term>" "$WORK/glossary.tbx" && fail "export: a rejected term"
expect_grep "$WORK/glossary.tbx" "Action taken to prevent disputes" "export: no definition"
expect_grep "$WORK/glossary.tbx" "international relations" "export: no subject field"
# The forbidden translation goes out as deprecated, never as preferred.
awk '/<term>Central<\/term>/ { on = 1 } on && /administrativeStatus/ { print; exit }' \
    "$WORK/glossary.tbx" >"$WORK/central"
expect_grep "$WORK/central" "deprecatedTerm-admn-sts" "export: forbidden 'Central' not deprecated"

# The standards' validator.
if [ -x "$SHARED/standards/validate-tbx" ] && command -v java >/dev/null 2>&1; then
    "$SHARED/standards/validate-tbx" "$WORK/glossary.tbx" >"$WORK/v.out" 2>&1 ||
        fail "validate-tbx refuses the export: $(tail -5 "$WORK/v.out")"
else
    echo "skipped: validate-tbx (needs $SHARED/standards and java)"
fi

# OmegaT 3.6 loads it: the approved entries with the fixed form, no rejected one.
OMT=$SHARED/standards/omegat/omegat-glossary-check
if [ -x "$OMT" ] && command -v omegat >/dev/null 2>&1; then
    grep -h -e "diplomatie préventive" -e "Centre régional" -e "États Membres" "$P/un-fr.txt" |
        head -n 6 >"$WORK/source.txt"
    "$OMT" "$WORK/glossary.tbx" "$WORK/source.txt" >"$WORK/omegat.out" 2>&1 ||
        fail "OmegaT could not load the export: $(tail -5 "$WORK/omegat.out")"
    grep -v '^SEGMENT' "$WORK/omegat.out" >"$WORK/omegat.entries"
    expect_grep "$WORK/omegat.entries" "diplomatie préventive" "OmegaT: no approved entry"
    expect_grep "$WORK/omegat.entries" "centre régional" "OmegaT: no fixed entry form"
    grep -q "États Membres" "$WORK/omegat.entries" && fail "OmegaT shows a rejected term"
else
    echo "skipped: OmegaT (needs $OMT and the omegat package)"
fi

# translate-toolkit reads it, without options.
if command -v tbx2po >/dev/null 2>&1; then
    tbx2po "$WORK/glossary.tbx" "$WORK/glossary.po" >"$WORK/tt.out" 2>&1 ||
        fail "tbx2po refuses the export: $(tail -5 "$WORK/tt.out")"
    expect_grep "$WORK/glossary.po" 'msgid "diplomatie préventive"' "tbx2po: no entry"
else
    echo "skipped: translate-toolkit (tbx2po; scripts/setup --test-tools)"
fi

# Into an empty glossary and out again: the same file.
expect_exit 0 "$TERMEX" import --db "$WORK/copy.db" "$WORK/glossary.tbx"
expect_exit 0 "$TERMEX" export --db "$WORK/copy.db" -o "$WORK/again.tbx"
cmp -s "$WORK/glossary.tbx" "$WORK/again.tbx" ||
    fail "export, import, export: another file: $(diff "$WORK/glossary.tbx" "$WORK/again.tbx" | head -10)"

# check names the forbidden translation.
printf 'Les États d'"'"'Asie centrale se sont réunis.\n' >"$WORK/src.txt"
printf 'The States of Central met.\n' >"$WORK/tgt.txt"
expect_exit 1 "$TERMEX" check --db "$DB" --src-file "$WORK/src.txt" --tgt-file "$WORK/tgt.txt"
expect_grep "$WORK/out" "Central" "check: the forbidden translation is not named"
expect_grep "$WORK/out" "forbidden" "check: no forbidden issue"
finish
