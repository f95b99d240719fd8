termex show 'Asie centrale'
