# Two documents in paragraphs, sentences aligned by termex.
cp -R "$DATA/parallel/docs" .
termex extract -q docs/fr
termex align --docs docs/fr docs/en 2>&1 | sed -E "s/ \([0-9.]+ s\)$//"
termex list --with-translations --format tsv --top 0
