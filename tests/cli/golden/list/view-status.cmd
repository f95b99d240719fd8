# A view by status: the approved terms (imported from the TBX).
termex list --status approved --format json
