# The summary on standard error; then the glossary as list shows it.
cp -R "$DATA/seeds" .
termex extract seeds
termex list --format tsv --top 30
