# The same documents again add nothing; a copy under another name neither.
cp -R "$DATA/seeds" .
termex extract -q seeds
cp seeds/000_ebfd1786662cfdea.txt copy.txt
termex extract seeds copy.txt
