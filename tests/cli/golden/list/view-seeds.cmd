# View filters on the seeds' glossary (no approved term there): each narrows
# the list by the rule extraction lists with, and changes nothing stored, so
# the last list is the glossary's own again.  --top counts what the view shows.
cp -R "$DATA/seeds" .
termex extract -q --db seeds.db seeds
echo "--min-freq 20"
termex list --db seeds.db --min-freq 20 --format tsv --top 0
echo "--min-words 4 --max-words 4"
termex list --db seeds.db --min-words 4 --max-words 4 --top 5
echo "--max-words 2 --sort freq --top 3"
termex list --db seeds.db --max-words 2 --sort freq --top 3 --format tsv
echo "--min-freq 1 (looser than the glossary's 2: the same list)"
termex list --db seeds.db --min-freq 1 --top 5 --format tsv
echo "--status candidate --min-freq 30 (json)"
termex list --db seeds.db --status candidate --min-freq 30 --format json
echo "the glossary's list"
termex list --db seeds.db --top 5 --format tsv
