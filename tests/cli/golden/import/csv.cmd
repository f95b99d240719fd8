cp "$DATA/table/golden.csv" .
termex import golden.csv
sqlite3 glossary.db "UPDATE meta SET value = '0123abcd' WHERE key = 'uid'"
termex export --format csv
