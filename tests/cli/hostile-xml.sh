# hostile-xml.sh: TMX, TBX and XLIFF files made to keep libxml2 busy for minutes
# (200,000 attributes on one element: libxml2 2.9 checks each against all the
# others) are refused at once by the lexical guard of glossary/xmlguard.c, with
# the file, the line and the limit named, and the glossary left as it was.
# Also: 100,000 nested elements, a 2 MB element name.  `timeout` only keeps a
# hang from blocking the run (it fails the test instead); nothing is timed.
. "$(dirname "$0")/lib.sh"
DB=$WORK/g.db
T=60
[ "$WRAPPED" = 1 ] && T=600 # valgrind

# hostile FILE HEAD FMT N TAIL: HEAD, then FMT (an awk format, given the count)
# N times, then TAIL.
hostile() {
    {
        printf '%s' "$2"
        awk -v fmt="$3" -v n="$4" 'BEGIN { for (i = 0; i < n; i++) printf fmt, i }'
        printf '%s' "$5"
    } >"$1"
}

ATTRS=' a%d="x"'
DECL='<?xml version="1.0" encoding="UTF-8"?>
'
hostile "$WORK/attrs.tmx" "$DECL"'<tmx version="1.4">
<header srclang="fr" adminlang="en" datatype="plaintext" segtype="sentence" o-tmf="x"
        creationtool="t" creationtoolversion="1"/>
<body>
<tu' "$ATTRS" 200000 '>
<tuv xml:lang="fr"><seg>zone de paix</seg></tuv>
<tuv xml:lang="en"><seg>zone of peace</seg></tuv>
</tu>
</body>
</tmx>
'
hostile "$WORK/attrs.tbx" "$DECL"'<tbx type="TBX-Basic" style="dca" xml:lang="fr"
     xmlns="urn:iso:std:iso:30042:ed-2"><text>
<body>
<conceptEntry id="c1"' "$ATTRS" 200000 '>
<langSec xml:lang="fr"><termSec><term>zone de paix</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>zone of peace</term></termSec></langSec>
</conceptEntry>
</body>
</text>
</tbx>
'
hostile "$WORK/attrs.xlf" "$DECL"'<xliff version="2.0" srcLang="fr" trgLang="en"
       xmlns="urn:oasis:names:tc:xliff:document:2.0"><file id="f">
<unit id="u1"' "$ATTRS" 200000 '>
<segment><source>zone de paix</source><target>zone of peace</target></segment>
</unit>
</file>
</xliff>
'
hostile "$WORK/deep.tmx" "$DECL"'<tmx version="1.4">
<body>
' '<hi>' 100000 '</body></tmx>
'
hostile "$WORK/name.tbx" "$DECL"'<tbx type="TBX-Basic" style="dca" xml:lang="fr">
<' 'n' 2000000 '/></tbx>
'

expect_exit 0 "$TERMEX" extract -q --db "$DB" "$DATA/parallel/un-fr.txt"
expect_exit 0 "$TERMEX" import -q --db "$DB" "$DATA/check/glossary.tbx"
"$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --with-translations >"$WORK/before"

# An exit status of 124 is the timeout: the file kept termex busy.
expect_exit 1 timeout "$T" "$TERMEX" align --db "$DB" --tmx "$WORK/attrs.tmx"
MSG="more than 256 attributes on one element (a limit of termex)"
expect_grep "$WORK/err" "attrs.tmx:6: $MSG" "align --tmx"
expect_exit 1 timeout "$T" "$TERMEX" import --db "$DB" "$WORK/attrs.tbx"
expect_grep "$WORK/err" "attrs.tbx:5: $MSG" "import TBX"
# check: 2 = could not run
expect_exit 2 timeout "$T" "$TERMEX" check --db "$DB" --xliff "$WORK/attrs.xlf"
expect_grep "$WORK/err" "attrs.xlf:4: $MSG" "check --xliff"

expect_exit 1 timeout "$T" "$TERMEX" align --db "$DB" --tmx "$WORK/deep.tmx"
expect_grep "$WORK/err" "deep.tmx:4: elements nested more than 256 deep (a limit of" \
    "100,000 nested elements"
expect_exit 1 timeout "$T" "$TERMEX" import --db "$DB" "$WORK/name.tbx"
expect_grep "$WORK/err" "name.tbx:3: a name longer than 1000 bytes (a limit of termex)" \
    "a 2 MB element name"

"$TERMEX" list --db "$DB" --format tsv --no-header --top 0 --with-translations >"$WORK/after"
cmp -s "$WORK/before" "$WORK/after" || fail "a refused file changed the glossary"

# A real TMX file still goes through.
expect_exit 0 timeout "$T" "$TERMEX" align --db "$DB" --tmx "$DATA/parallel/un-fr-en.tmx"
finish
