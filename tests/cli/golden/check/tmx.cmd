cp "$DATA"/parallel/un-fr-en.tmx .
termex check -q --format json --tmx un-fr-en.tmx
