cp "$DATA/table/golden.csv" .
termex import golden.csv
termex export --format csv
