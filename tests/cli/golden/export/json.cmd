termex export --format json
