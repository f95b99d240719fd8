termex export --format tbx2008
