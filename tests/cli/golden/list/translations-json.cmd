termex list --with-translations --format json --top 0
