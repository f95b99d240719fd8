cp "$DATA/table/handmade.tsv" .
termex import handmade.tsv
termex list --with-translations --format tsv --top 0
