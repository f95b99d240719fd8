# list's own filters: --grep (case of Latin-1 letters ignored), --domain,
# --translated/--untranslated, the TSV header and --no-header.
termex set -q Assemblée\ générale domain ONU
termex set -q "Secrétaire général" domain onu
echo "--grep ÉTATS"
termex list --grep ÉTATS --format tsv --top 0
echo "--domain onu --no-header"
termex list --domain onu --format tsv --no-header --top 0
echo "--untranslated"
termex list --untranslated --top 0
echo "--translated --status approved --top 3"
termex list --translated --status approved --top 3 --with-translations
