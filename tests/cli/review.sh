# review.sh: the review commands on the UN seeds' glossary: approve, reject,
# reset, set (and a re-extraction keeps a form set), translate, merge, delete;
# batches from stdin and from a --top selection, all or nothing; a stale
# --version refused; the interactive review driven by a pipe; list's filters
# and TSV header; show with the fields and the history.
. "$(dirname "$0")/lib.sh"
DB=$WORK/g.db
SOURCE_DATE_EPOCH=1700000000 # 2023-11-14T22:13:20Z
TERMEX_USER=test
export SOURCE_DATE_EPOCH TERMEX_USER

# status_of TERM: the term's status, from show.
status_of() {
    "$TERMEX" show --db "$DB" "$1" | sed -n 's/^  status *//p'
}

expect_exit 0 "$TERMEX" extract -q --db "$DB" "$DATA/seeds"

# ---- approve, reject, reset
expect_exit 0 "$TERMEX" approve --db "$DB" "Nations Unies" "Asie centrale" "développement durable"
expect_grep "$WORK/err" "approved 3 terms" "approve: summary"
expect_exit 0 "$TERMEX" list --db "$DB" --status approved --format tsv --no-header --top 0
[ "$(wc -l <"$WORK/out")" -eq 3 ] || fail "approve: 3 approved terms: $(cat "$WORK/out")"
expect_exit 0 "$TERMEX" reject --db "$DB" -q "ordre du jour" "buts et principes"
[ -s "$WORK/err" ] && fail "reject -q: says $(cat "$WORK/err")"
[ "$(status_of "ordre du jour")" = rejected ] || fail "reject: ordre du jour is $(status_of "ordre du jour")"
expect_exit 0 "$TERMEX" reset --db "$DB" "Asie centrale"
expect_grep "$WORK/err" "reset 1 term" "reset: summary"
[ "$(status_of "Asie centrale")" = candidate ] || fail "reset: Asie centrale not a candidate"
# Any written form finds the term.
expect_exit 0 "$TERMEX" approve --db "$DB" "zones de paix, de confiance et de coopération"
[ "$(status_of "zone de paix, de confiance et de coopération")" = approved ] ||
    fail "approve by a variant"

# ---- history, in show (SOURCE_DATE_EPOCH, $TERMEX_USER; --user wins)
expect_exit 0 "$TERMEX" reject --db "$DB" --user anna "Asie centrale"
expect_exit 0 "$TERMEX" show --db "$DB" "Asie centrale"
expect_grep "$WORK/out" "2023-11-14T22:13:20Z test approve" "show: history, approve"
expect_grep "$WORK/out" "2023-11-14T22:13:20Z test reset" "show: history, reset"
expect_grep "$WORK/out" "2023-11-14T22:13:20Z anna reject" "show: history, --user"

# ---- set: fields, and an entry form that extraction keeps
expect_exit 0 "$TERMEX" set --db "$DB" "États membres" form "État membre"
expect_exit 0 "$TERMEX" set --db "$DB" "État membre" note "au singulier dans le glossaire"
expect_exit 0 "$TERMEX" set --db "$DB" "État membre" definition "État qui est membre de l'ONU"
expect_exit 0 "$TERMEX" set --db "$DB" "État membre" domain "relations internationales"
expect_exit 0 "$TERMEX" show --db "$DB" "État membre"
expect_grep "$WORK/out" "État membre (set by a person)" "show: form set"
expect_grep "$WORK/out" "note        au singulier dans le glossaire" "show: note"
expect_grep "$WORK/out" "definition  État qui est membre de l'ONU" "show: definition"
expect_grep "$WORK/out" "domain      relations internationales" "show: domain"
expect_grep "$WORK/out" "pos         -" "show: an unset field"
expect_exit 0 "$TERMEX" show --db "$DB" --format json "État membre"
expect_grep "$WORK/out" '"form_locked": true' "show json: form locked"
expect_grep "$WORK/out" '"domain": "relations internationales"' "show json: domain"
expect_grep "$WORK/out" '"who": "test"' "show json: history"
expect_exit 2 "$TERMEX" set --db "$DB" "État membre" colour blue
expect_grep "$WORK/err" "'colour' is not a field" "set: bad field"
# (approved, so that the interactive review below does not rename it)
expect_exit 0 "$TERMEX" approve --db "$DB" -q "État membre"
expect_exit 0 "$TERMEX" set --db "$DB" "État membre" pos noun
expect_exit 0 "$TERMEX" set --db "$DB" "État membre" pos --clear
"$TERMEX" show --db "$DB" "État membre" >"$WORK/show"
expect_grep "$WORK/show" "pos         -" "set --clear"
# A new document: extraction rescores, the form set stays.
mkdir -p "$WORK/more"
cat "$DATA"/seeds/*.txt >"$WORK/more/all.txt"
echo "Les États membres et les Etats membres." >>"$WORK/more/all.txt"
expect_exit 0 "$TERMEX" extract -q --db "$DB" "$WORK/more"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0
expect_grep "$WORK/out" "	État membre	" "re-extraction keeps the form set"
expect_no_grep "$WORK/out" "	États membres	" "re-extraction keeps the form set"
[ "$(status_of "Nations Unies")" = approved ] || fail "re-extraction undid an approval"

# ---- translate
T="diplomatie préventive"
expect_exit 0 "$TERMEX" translate --db "$DB" "$T" "preventive diplomacy" --note "UN usage"
expect_exit 0 "$TERMEX" translate --db "$DB" --forbid "$T" "preemptive diplomacy"
expect_exit 0 "$TERMEX" translate --db "$DB" --tgt es "$T" "diplomacia preventiva"
expect_exit 0 "$TERMEX" show --db "$DB" "$T"
expect_grep "$WORK/out" "preventive diplomacy" "translate: approved one shown"
expect_grep "$WORK/out" "preemptive diplomacy" "translate: forbidden one shown"
expect_grep "$WORK/out" "es  diplomacia preventiva" "translate --tgt"
expect_exit 0 "$TERMEX" list --db "$DB" --translated --format tsv --no-header --top 0
expect_grep "$WORK/out" "	$T	" "list --translated"
expect_exit 0 "$TERMEX" list --db "$DB" --untranslated --format tsv --no-header --top 0
expect_no_grep "$WORK/out" "	$T	" "list --untranslated"
expect_exit 0 "$TERMEX" translate --db "$DB" --remove "$T" "preemptive diplomacy"
"$TERMEX" show --db "$DB" "$T" | sed -n '/^translations:/,/^$/p' >"$WORK/show"
expect_no_grep "$WORK/show" "preemptive diplomacy" "translate --remove"
expect_grep "$WORK/show" "preventive diplomacy" "translate --remove: the others stay"
expect_exit 1 "$TERMEX" translate --db "$DB" --remove "$T" "no such translation"
expect_exit 2 "$TERMEX" translate --db "$DB" --forbid --remove "$T" "x"

# ---- merge
expect_exit 0 "$TERMEX" merge --db "$DB" \
    "Centre régional des Nations Unies pour la diplomatie préventive en Asie centrale" \
    "Centre régional"
expect_grep "$WORK/err" "merged 1 term into" "merge: summary"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0
expect_no_grep "$WORK/out" "	Centre régional	" "merge: FROM is gone"
expect_exit 0 "$TERMEX" show --db "$DB" "Centre régional des Nations Unies pour la diplomatie préventive en Asie centrale"
expect_grep "$WORK/out" "merge" "merge: in the history"
expect_exit 1 "$TERMEX" merge --db "$DB" "Nations Unies" "Nations Unies"

# ---- delete: one term; more than one needs --yes
expect_exit 0 "$TERMEX" delete --db "$DB" "mise en œuvre"
expect_exit 1 "$TERMEX" show --db "$DB" "mise en œuvre"
expect_exit 2 "$TERMEX" delete --db "$DB" "ordre du jour" "buts et principes"
expect_grep "$WORK/err" "needs --yes" "delete: more than one without --yes"
expect_exit 0 "$TERMEX" show --db "$DB" "ordre du jour"
expect_exit 0 "$TERMEX" delete --db "$DB" --yes "ordre du jour" "buts et principes"
expect_grep "$WORK/err" "deleted 2 terms" "delete --yes"

# ---- batches: stdin, a --top selection, all or nothing
printf 'Charte des Nations Unies\n# a comment\n\n  Assemblée générale  \n' >"$WORK/list.txt"
expect_exit 0 sh -c '"$1" approve --db "$2" --from - <"$3"' sh "$TERMEX" "$DB" "$WORK/list.txt"
expect_grep "$WORK/err" "approved 2 terms" "approve --from -"
[ "$(status_of "Assemblée générale")" = approved ] || fail "--from: a line with spaces around"
"$TERMEX" list --db "$DB" --status candidate --format tsv --no-header --top 2 | cut -f2 >"$WORK/best2"
expect_exit 0 "$TERMEX" reject --db "$DB" --top 2 --status candidate
expect_grep "$WORK/err" "rejected 2 terms" "reject --top 2"
while IFS= read -r t; do
    [ "$(status_of "$t")" = rejected ] || fail "reject --top 2: '$t' is $(status_of "$t")"
done <"$WORK/best2"
expect_exit 1 "$TERMEX" approve --db "$DB" "Secrétaire général" "phrase absente du glossaire"
expect_grep "$WORK/err" "phrase absente du glossaire" "missing term named"
expect_grep "$WORK/err" "nothing changed" "missing term: nothing changed"
[ "$(status_of "Secrétaire général")" = candidate ] || fail "a batch with a missing term changed a term"
expect_exit 0 "$TERMEX" approve --db "$DB" --skip-missing "Secrétaire général" "phrase absente du glossaire"
expect_grep "$WORK/err" "approved 1 term" "--skip-missing"
[ "$(status_of "Secrétaire général")" = approved ] || fail "--skip-missing: not approved"
expect_exit 2 "$TERMEX" approve --db "$DB"
expect_grep "$WORK/err" "no term given" "approve without a term"

# ---- a stale --version is refused
expect_exit 0 "$TERMEX" show --db "$DB" --format json "coopération régionale"
v=$(sed -n 's/.*"version": \([0-9]*\).*/\1/p' "$WORK/out")
[ -n "$v" ] || fail "show json: no version"
expect_exit 0 "$TERMEX" set --db "$DB" --version "$v" "coopération régionale" note "first"
expect_exit 1 "$TERMEX" approve --db "$DB" --version "$v" "coopération régionale"
[ -s "$WORK/err" ] || fail "stale --version: no message"
[ "$(status_of "coopération régionale")" = candidate ] || fail "stale --version: approved"
expect_exit 0 "$TERMEX" approve --db "$DB" --version "$((v + 1))" "coopération régionale"

# ---- interactive review, driven by a pipe
"$TERMEX" list --db "$DB" --status candidate --format tsv --no-header --top 4 | cut -f2 >"$WORK/next4"
expect_exit 0 sh -c 'printf "a\nr\n?\ne\ncanal alpha\ns\nq\n" | "$1" review --db "$2"' sh "$TERMEX" "$DB"
expect_grep "$WORK/out" "[a]pprove [r]eject [e]dit form [t]ranslate [s]kip [q]uit [?]" "review: prompt"
expect_grep "$WORK/out" "a - approve this term" "review: ? prints the keys"
expect_grep "$WORK/err" "1 approved, 1 rejected, 1 entry form(s) set" "review: summary"
[ "$(status_of "$(sed -n 1p "$WORK/next4")")" = approved ] || fail "review: a"
[ "$(status_of "$(sed -n 2p "$WORK/next4")")" = rejected ] || fail "review: r"
[ "$(status_of "canal alpha")" = candidate ] || fail "review: e (form set, status kept)"
[ "$(status_of "$(sed -n 4p "$WORK/next4")")" = candidate ] || fail "review: q"
# The end of the input quits too, keeping what was decided.
expect_exit 0 sh -c 'printf "t\nalpha channel\na\n" | "$1" review --db "$2" --top 1' sh "$TERMEX" "$DB"
expect_grep "$WORK/out" "translation approved" "review: t"

# ---- list: filters, TSV header
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --top 3
[ "$(sed -n 1p "$WORK/out")" = "$(printf 'rank\tterm\tfreq\tdocs\tcvalue\tscore\tstatus')" ] ||
    fail "list tsv header: $(sed -n 1p "$WORK/out")"
[ "$(wc -l <"$WORK/out")" -eq 4 ] || fail "list tsv: header and 3 lines"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 3
[ "$(cut -f1 "$WORK/out" | tr '\n' ' ')" = "1 2 3 " ] || fail "--no-header: $(cat "$WORK/out")"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --grep 'NATIONS'
[ -s "$WORK/out" ] || fail "--grep NATIONS: nothing"
cut -f2 "$WORK/out" | grep -iv 'nations' && fail "--grep: a term without the text"
cut -f2 "$WORK/out" | grep -q 'entre les nations' || fail "--grep: case not ignored"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --grep 'état'
expect_grep "$WORK/out" "État membre" "--grep folds É"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --grep 'Nations' --top 2
[ "$(wc -l <"$WORK/out")" -eq 2 ] || fail "--grep --top 2: $(wc -l <"$WORK/out") lines"
expect_exit 0 "$TERMEX" set --db "$DB" --from - domain "relations internationales" </dev/null
expect_exit 0 sh -c 'echo "Asie centrale" | "$1" set --db "$2" --from - domain "Relations internationales"' sh "$TERMEX" "$DB"
expect_exit 0 "$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --domain "relations internationales"
[ "$(cut -f2 "$WORK/out" | sort | tr '\n' '|')" = "Asie centrale|État membre|" ] ||
    fail "--domain: $(cut -f2 "$WORK/out" | tr '\n' '|')"
expect_exit 0 "$TERMEX" list --db "$DB" --top 3
expect_grep "$WORK/out" "status" "list table: status column"
expect_exit 2 "$TERMEX" list --db "$DB" --translated --untranslated
finish
