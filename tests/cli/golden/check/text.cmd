termex check -q --src-file planted.fr --tgt-file planted.en
