termex list --format json --top 0
