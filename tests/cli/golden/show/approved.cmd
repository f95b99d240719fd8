termex show 'diplomatie préventive'
