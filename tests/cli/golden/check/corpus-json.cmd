# Without inputs: the corpus itself (acronyms mixed with their full forms, names
# beside their shortened forms) in the seeds.
cp -R "$DATA/seeds" .
termex extract -q --db seeds.db seeds
termex check -q --db seeds.db --format json
