termex list --with-translations --format tsv --top 0
