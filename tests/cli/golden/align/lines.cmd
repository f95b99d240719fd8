# The summary (standard error) ends with the time taken: cut off here.
cp "$DATA"/parallel/un-fr.txt "$DATA"/parallel/un-en.txt .
termex extract -q un-fr.txt
termex align --src-file un-fr.txt --tgt-file un-en.txt 2>&1 | sed -E "s/ \([0-9.]+ s\)$//"
termex list --with-translations --format tsv --top 0
