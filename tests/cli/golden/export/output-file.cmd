# -o writes the same bytes as standard output.
termex export --format json -o out.json
termex export --format json | cmp - out.json && cat out.json
