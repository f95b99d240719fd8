termex check -q --format json --src-file planted.fr --tgt-file planted.en
