termex show 'zone de paix'
