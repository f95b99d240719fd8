termex list --sort freq --top 5
