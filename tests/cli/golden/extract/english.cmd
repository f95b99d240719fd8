cp "$DATA/parallel/un-en.txt" .
termex extract -q --lang en un-en.txt
termex list --format tsv --top 0 --variants
