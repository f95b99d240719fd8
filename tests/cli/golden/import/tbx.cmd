cp "$DATA/check/glossary.tbx" .
termex import glossary.tbx
termex list --with-translations --format tsv --top 0
