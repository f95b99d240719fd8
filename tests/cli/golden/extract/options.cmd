# Listing thresholds and term length.
cp "$DATA/parallel/un-fr.txt" .
termex extract -q --db f3.db --min-freq 3 un-fr.txt
termex list --db f3.db --format tsv --top 0
echo
termex extract -q --db w1.db --min-words 1 --max-words 2 un-fr.txt
termex list --db w1.db --format tsv --top 0
