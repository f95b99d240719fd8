# The seeds' glossary (five UN documents), every term with its variants.
cp -R "$DATA/seeds" .
termex extract -q --db seeds.db seeds
termex list --db seeds.db --variants --format tsv --top 0
