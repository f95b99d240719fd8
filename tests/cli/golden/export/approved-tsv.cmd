termex export --format tsv --status approved
