termex list --variants --format tsv --top 0
