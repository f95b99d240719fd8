# corpus-standards.sh: the TBX that termex writes, checked by the standards'
# validator (RELAX NG + Schematron) and read by OmegaT, a real CAT tool.  It
# checks the golden files of tests/cli/golden/export (the cli.golden.export test
# proves termex writes exactly those bytes), so a golden TBX is valid TBX.
# Needs $TX_SHARED_DIR/standards (or $STANDARDS_DIR) and java: skipped, exit
# 77, without them.  OmegaT is optional (scripts/setup --test-tools tries it).
. "$(dirname "$0")/lib.sh"
G=$(cd "$(dirname "$0")/golden/export" && pwd)
if [ -n "${STANDARDS_DIR:-}" ]; then
    STD=$STANDARDS_DIR
    [ -x "$STD/validate-tbx" ] || skip "$STD/validate-tbx is not there (STANDARDS_DIR)"
else
    need_shared standards/validate-tbx
    STD=$SHARED/standards
fi
command -v java >/dev/null 2>&1 || skip "no java to run the validator (scripts/setup --test-tools)"

# valid_tbx FILE WHAT: the validator accepts FILE.
valid_tbx() {
    "$STD/validate-tbx" "$1" >"$WORK/v.out" 2>&1 ||
        fail "$2 is not valid TBX: $(tail -5 "$WORK/v.out")"
}

# The fixture glossary's exports: the default (TBX-Basic 2008), TBX 2019.
cp "$G/tbx.out" "$WORK/g.tbx"
cp "$G/tbx2019.out" "$WORK/g2019.tbx"
valid_tbx "$WORK/g.tbx" "export/tbx.out"
valid_tbx "$WORK/g2019.tbx" "export/tbx2019.out"
cmp -s "$G/tbx.out" "$G/tbx2008.out" || fail "export --format tbx is not tbx2008"
# A glossary holding odd names and control characters (export/odd-names.out:
# each format after a line '==> FORMAT').
for f in tbx2019 tbx2008; do
    awk -v f="$f" '/^==> / { on = ($2 == f); next } on' "$G/odd-names.out" >"$WORK/odd-$f.tbx"
    [ -s "$WORK/odd-$f.tbx" ] || fail "no $f section in export/odd-names.out"
    valid_tbx "$WORK/odd-$f.tbx" "export/odd-names.out ($f)"
done

# OmegaT reads our TBX 2008 and matches the term in a sentence of the fixture.
if [ -x "$STD/omegat/omegat-glossary-check" ] && command -v omegat >/dev/null 2>&1; then
    grep -h "diplomatie préventive" "$DATA/parallel/un-fr.txt" | head -n 1 >"$WORK/sentence.txt"
    cp "$G/tbx.out" "$WORK/glossary.tbx"
    "$STD/omegat/omegat-glossary-check" "$WORK/glossary.tbx" "$WORK/sentence.txt" \
        >"$WORK/omegat.out" 2>&1 ||
        fail "OmegaT could not load the glossary: $(tail -5 "$WORK/omegat.out")"
    # "SEGMENT <sentence> => term -> translation; ...": OmegaT's own matcher.
    grep '^SEGMENT' "$WORK/omegat.out" | grep -q "[>;] diplomatie préventive -> preventive diplomacy" ||
        fail "OmegaT did not match diplomatie préventive: $(grep '^SEGMENT' "$WORK/omegat.out" | head -3)"
else
    echo "note: OmegaT check skipped (omegat is not installed; scripts/setup --test-tools tries it)" >&2
fi
finish
