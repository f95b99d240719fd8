# Encodings read, and inputs skipped (each named, exit 1), the others used.
cp -R "$DATA/input" .
termex extract input
