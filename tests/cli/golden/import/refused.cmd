# A control character: the file is refused whole, named with line and code point.
cp "$DATA/table/control-char.csv" .
termex import control-char.csv
