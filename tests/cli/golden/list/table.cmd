termex list
