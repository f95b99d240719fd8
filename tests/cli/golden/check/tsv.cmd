termex check -q --format tsv --src-file planted.fr --tgt-file planted.en
