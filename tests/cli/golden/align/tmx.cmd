# The summary (standard error) ends with the time taken: cut off here.
cp "$DATA"/parallel/un-fr.txt "$DATA"/parallel/un-fr-en.tmx .
termex extract -q un-fr.txt
termex align --tmx un-fr-en.tmx 2>&1 | sed -E "s/ \([0-9.]+ s\)$//"
termex list --with-translations --format tsv --top 0
