termex export --format tbx2019
