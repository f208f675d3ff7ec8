"""The nodes of a parsed query that inference's passes look for, by kind, from one walk of the tree.

Before qualifying, inference runs several small passes over the query as written (stars over structs, partial
tables, projection lines, spellings, unaliased names), each of which used to walk the whole tree for its kind
of node. A rich model's tree has hundreds of nodes and each walk costs about as much as the pass itself, so the
passes share one walk. Each list is in the order `find_all` gives (breadth first), so a pass reads the same
nodes in the same order as with a walk of its own; a pass that rewrites the tree makes the index stale, and
the passes after it walk for themselves (`infer_output_columns` decides).
"""

from __future__ import annotations

from sqlglot import exp

KINDS: tuple[type[exp.Expression], ...] = (
    exp.Select, exp.Identifier, exp.Column, exp.Table, exp.TableAlias, exp.CTE, exp.Subquery
)


class TreeIndex:
    """Every node of each kind in `KINDS`, breadth first.

    >>> import sqlglot
    >>> index = TreeIndex(sqlglot.parse_one("with c as (select a from t as x) select c.a from c", "duckdb"))
    >>> [s.sql() for s in index.of(exp.Select)]
    ['WITH c AS (SELECT a FROM t AS x) SELECT c.a FROM c', 'SELECT a FROM t AS x']
    >>> [i.name for i in index.of(exp.Identifier)] == [i.name for i in index.tree.find_all(exp.Identifier)]
    True
    """

    __slots__ = ("tree", "_nodes")

    def __init__(self, tree: exp.Expression) -> None:
        self.tree = tree
        nodes: dict[type[exp.Expression], list[exp.Expression]] = {kind: [] for kind in KINDS}
        for node in tree.find_all(*KINDS):
            found = nodes.get(type(node))
            if found is not None:
                found.append(node)
            else:  # a subclass of a kind: listed wherever `find_all` would give it
                for kind in KINDS:
                    if isinstance(node, kind):
                        nodes[kind].append(node)
        self._nodes = nodes

    def of(self, kind: type[exp.Expression]) -> list[exp.Expression]:
        return self._nodes[kind]


def nodes_of(tree: exp.Expression, index: TreeIndex | None, kind: type[exp.Expression]) -> list[exp.Expression]:
    """The nodes of the kind, breadth first: from the index when it is one of `tree`, else by a walk.

    >>> import sqlglot
    >>> tree = sqlglot.parse_one("select a from (select a from t)", "duckdb")
    >>> len(nodes_of(tree, TreeIndex(tree), exp.Select)), len(nodes_of(tree, None, exp.Select))
    (2, 2)
    """
    if index is None or index.tree is not tree:
        return list(tree.find_all(kind))
    return index.of(kind)
