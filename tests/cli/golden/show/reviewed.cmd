# A reviewed term: fields, entry form set by a person, translations given,
# the history (SOURCE_DATE_EPOCH and --user make it reproducible).
export SOURCE_DATE_EPOCH=1700000000
termex set -q --user anna "Centre régional" form "centre régional"
termex set -q --user anna "centre régional" definition "Centre des Nations Unies pour la diplomatie préventive en Asie centrale"
termex set -q --user anna "centre régional" domain "relations internationales"
termex approve -q --user anna "centre régional"
termex translate -q --user ben --note "UNRCCA usage" "centre régional" "Regional Centre"
termex translate -q --user ben --forbid "centre régional" "regional center"
termex show "centre régional"
termex show --format json "centre régional"
