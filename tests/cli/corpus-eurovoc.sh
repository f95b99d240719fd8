# corpus-eurovoc.sh: import EuroVoc, a real 7,000-concept FR-EN list, from the
# shared corpus ($TX_SHARED_DIR/corpus/eurovoc; skipped, exit 77, without it).
. "$(dirname "$0")/lib.sh"
need_shared corpus/eurovoc/eurovoc-fr-en.tsv
EV=$SHARED/corpus/eurovoc/eurovoc-fr-en.tsv

expect_exit 0 "$TERMEX" import --db "$WORK/ev.db" "$EV"
expect_grep "$WORK/err" "7317 concepts" "EuroVoc concepts read"
expect_exit 0 "$TERMEX" show --db "$WORK/ev.db" "zone de paix"
expect_grep "$WORK/out" "peace zone" "EuroVoc translation"
finish
