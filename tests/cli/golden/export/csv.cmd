termex export --format csv
