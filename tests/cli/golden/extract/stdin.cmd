termex extract -q - <"$DATA/parallel/un-fr.txt"
termex list --format tsv --top 0 --variants
