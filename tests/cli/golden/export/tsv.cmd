termex export --format tsv
