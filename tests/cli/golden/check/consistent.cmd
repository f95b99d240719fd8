termex check --src-file ok.fr --tgt-file ok.en
