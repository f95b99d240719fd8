# Any written form finds the term, and several words are joined.
termex show mesure de confiance
