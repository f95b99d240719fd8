termex list --format tsv --top 0
