termex export --format tbx
