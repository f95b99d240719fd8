# Could not run: exit 2, the file named.
termex check --tmx missing.tmx
