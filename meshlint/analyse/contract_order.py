"""A contracted table's columns in the contract's order: with an enforced contract, dbt creates a table (or the
first build of an incremental model) from `select <contract columns> from (<model SQL>)`, in the YAML's order,
on every adapter (dbt-core's `get_select_subquery`). A view keeps its SELECT's order. Reordered only when the
inferred set is closed and has exactly the contract's names; otherwise the contract rules report the difference.

>>> from meshlint.analyse.columns import ColumnSet, InferredColumn
>>> found = ColumnSet((InferredColumn("b", None), InferredColumn("a", None)), True)
>>> [c.name for c in in_contract_order(found, ("a", "b"), "table", "duckdb").columns]
['a', 'b']
>>> [c.name for c in in_contract_order(found, ("a", "b"), "view", "duckdb").columns]
['b', 'a']
"""

from __future__ import annotations

from collections.abc import Sequence

from meshlint.analyse.columns import ColumnSet, match_key

__all__ = ["in_contract_order", "ORDERED_MATERIALIZATIONS"]

ORDERED_MATERIALIZATIONS = frozenset({"table", "incremental"})


def in_contract_order(columns: ColumnSet, contract: Sequence[str], materialized: str, dialect: str) -> ColumnSet:
    if not columns.closed or materialized not in ORDERED_MATERIALIZATIONS or not contract:
        return columns
    by_key = {match_key(c.name, dialect): c for c in columns.columns}
    keys = [match_key(name, dialect) for name in contract]
    if len(by_key) != len(columns.columns) or sorted(by_key) != sorted(keys):
        return columns
    return ColumnSet(tuple(by_key[k] for k in keys), columns.closed, columns.reasons)
