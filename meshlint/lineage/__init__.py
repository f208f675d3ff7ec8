"""Lineage across the projects of a mesh: which models and columns feed which, with each node's
access, contract, version and deprecation status (`meshlint lineage`, `meshlint explore`).

It reads the analysed mesh (after `check`'s stages) and adds one thing of its own: which upstream
columns feed each output column, computed on demand from the rendered SQL (columns.py), cached,
and never on `meshlint check`'s path."""
