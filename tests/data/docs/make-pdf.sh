#!/bin/sh
# make-pdf.sh: regenerate the PDF fixtures of tests/data/docs/pdf/.
# Builds make-pdf.c with cairo, runs it, and encrypts layout.pdf with qpdf
# (Debian package qpdf; scripts/setup --test-tools installs it): the user
# password is "secret", so poppler needs one to read encrypted.pdf.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -Wall -Wextra -o "$tmp/make-pdf" "$here/make-pdf.c" $(pkg-config --cflags --libs cairo)
"$tmp/make-pdf" "$here/pdf"
qpdf --encrypt secret owner 256 -- "$here/pdf/layout.pdf" "$here/pdf/encrypted.pdf"
