termex show 'ressources en eau'
