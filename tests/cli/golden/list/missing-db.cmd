# A reading command on a glossary that is not there: exit 1, nothing created.
termex list --db none.db
status=$?
ls
exit $status
