termex list --with-translations
