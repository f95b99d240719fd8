termex show 'Organisation de Shanghai pour la coopération'
