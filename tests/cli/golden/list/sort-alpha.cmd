termex list --sort alpha --format tsv --top 0
