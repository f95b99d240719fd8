# A view option out of range, or an unknown status: a usage error.
termex list --status maybe
