termex export --format csv --min-score 5
