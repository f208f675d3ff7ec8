"""Which parent each column a model reads comes from: the positive side of the column-use facts that
ML308 checks. A read is pinned to a parent when its qualifier names the parent (or a CTE or subquery
passing it through unchanged), or, unqualified, when every relation of its SELECT is known and exactly
the parent's columns hold the name. `check --base` (ML502) and `meshlint export` use this to say who
reads a column that a change removes or retypes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from meshlint.analyse.column_uses import ColumnUse, SelectUses, SourceShape
from meshlint.analyse.facts import AnalysedNode


@dataclass(frozen=True)
class KnownParent:
    """A ref'd parent as a query reads it: its id, and its lower-cased columns (None when not all known)."""

    unique_id: str
    columns: frozenset[str] | None


def attribute_uses(
    selects: tuple[SelectUses, ...], parents: Mapping[str, KnownParent]
) -> list[tuple[str, ColumnUse]]:
    """(parent id, column read) for every read pinned to a parent; `parents` by the ref's rendered token.

    >>> import sqlglot
    >>> from meshlint.analyse.column_uses import column_uses
    >>> sql = "with o as (select * from orders_t) select o.id, total, c.name from o join customers_t c using (id)"
    >>> selects = column_uses(sqlglot.parse_one(sql, "duckdb"))
    >>> parents = {"orders_t": KnownParent("model.a.orders", frozenset({"id", "total"})),
    ...            "customers_t": KnownParent("model.a.customers", frozenset({"id", "name"}))}
    >>> [(uid, use.name) for uid, use in attribute_uses(selects, parents)]
    [('model.a.orders', 'id'), ('model.a.orders', 'total'), ('model.a.customers', 'name')]
    """
    found: list[tuple[str, ColumnUse]] = []
    for select in selects:
        holds = {name: _holds(shape, parents) for name, shape in select.sources}
        all_known = bool(holds) and select.resolvable and all(
            h is not None and h[0].columns is not None for h in holds.values()
        )
        for use in select.columns:
            key = use.name.lower()
            if use.qualifier:
                held = holds.get(use.qualifier)
                if held is not None and key not in held[1]:
                    found.append((held[0].unique_id, use))
                continue
            if not all_known or key in select.aliases:
                continue
            owners = [
                parent for parent, extras in (h for h in holds.values() if h is not None)
                if key not in extras and parent.columns is not None and key in parent.columns
            ]
            found.extend((owner.unique_id, use) for owner in owners)
    return found


def _holds(shape: SourceShape | None, parents: Mapping[str, KnownParent]) -> tuple[KnownParent, frozenset[str]] | None:
    """The parent a relation is, or passes through, with the names a pass-through select adds."""
    if shape is None:
        return None
    parent = parents.get(shape.table)
    return (parent, shape.extras) if parent is not None else None


def spelled_on(line: str, name: str) -> bool:
    """The template line spells the column (it did not come from a macro).

    >>> spelled_on("select o.Amount from o", "amount"), spelled_on("select {{ cols() }} from o", "amount")
    (True, False)
    """
    return re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", line, re.IGNORECASE) is not None


def located_uses(analysed: AnalysedNode, parents: Mapping[str, KnownParent]) -> list[tuple[str, str, int]]:
    """(parent id, column as written, template line) of each read pinned to a parent and written on
    the template line it renders from, once per line and column."""
    node, render = analysed.node, analysed.render
    if not analysed.column_uses or node.sql is None or render is None:
        return []
    template = node.sql.text.splitlines()
    found = []
    seen = set()
    for target, use in attribute_uses(analysed.column_uses, parents):
        line = render.template_line(use.line) if use.line else 1
        key = (target, line, use.name.lower())
        if key in seen or not 0 < line <= len(template) or not spelled_on(template[line - 1], use.name):
            continue
        seen.add(key)
        found.append((target, use.name, line))
    return found
