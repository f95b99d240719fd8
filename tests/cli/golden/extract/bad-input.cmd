# Encodings read, and inputs skipped (each named, exit 1), the others used.
cp -R "$DATA/input" .
# The three readable files hold one text in three encodings: without
# --keep-boilerplate its paragraphs, in every document, would count once.
termex extract --keep-boilerplate input
