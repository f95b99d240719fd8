termex list --variants --top 8
