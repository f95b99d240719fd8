# An acronym defined in the seeds is linked to its full form.
cp -R "$DATA/seeds" .
termex extract -q --db seeds.db seeds
termex show --db seeds.db 'Office des Nations Unies contre la drogue et le crime'
termex show --db seeds.db ONUDC
