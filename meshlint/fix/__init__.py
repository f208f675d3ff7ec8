"""`meshlint fix` and `meshlint version new`: write the remedies for what `check` finds, editing only
the nodes concerned (see yaml_splice.py)."""
