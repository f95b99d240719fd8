# XLIFF 1.2 as is (consistent), then XLIFF 2.0 with a planted error.
cp "$DATA"/xliff/un-fr-en-12.xlf .
sed 's/Sustainable development/Durable development/' "$DATA/xliff/un-fr-en-20.xlf" >bad.xlf
termex check -q --xliff un-fr-en-12.xlf
termex check -q --format tsv --xliff bad.xlf
