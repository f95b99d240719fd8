termex list --variants --format json --top 8
