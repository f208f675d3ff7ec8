"""DuckDB's `UNION [ALL] BY NAME`: branches are matched by column name (without case), not position. The result
has the first branch's columns, then each later branch's new columns in its order; a branch lacking a column
gives NULLs there. A column's type is certain when every branch that has it gives the same type.

>>> import sqlglot
>>> from sqlglot import exp
>>> from meshlint.analyse.columns import TableColumns, infer_output_columns
>>> tree = sqlglot.parse_one("select id, name from a union all by name select extra, ID from b", "duckdb")
>>> a = TableColumns({"id": exp.DataType.build("int"), "name": exp.DataType.build("varchar")}, True)
>>> b = TableColumns({"ID": exp.DataType.build("int"), "extra": exp.DataType.build("date")}, True)
>>> found = infer_output_columns(tree, {"a": a, "b": b}, "duckdb")
>>> [(c.name, c.type.sql("duckdb")) for c in found.columns], found.closed
([('id', 'INT'), ('name', 'TEXT'), ('extra', 'DATE')], True)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlglot import exp

if TYPE_CHECKING:
    from meshlint.analyse.columns import ColumnSet

__all__ = ["is_union_by_name", "union_by_name"]


def is_union_by_name(tree: exp.Expression, dialect: str) -> bool:
    return dialect == "duckdb" and isinstance(tree, exp.SetOperation) and bool(tree.args.get("by_name"))


def union_by_name(tree: exp.SetOperation, infer: Callable[[exp.Expression], "ColumnSet"]) -> "ColumnSet":
    """The columns of a BY NAME set operation, from `infer` of each branch (with the query's CTEs)."""
    from meshlint.analyse.columns import ColumnSet, InferredColumn

    if not isinstance(tree, exp.Union):
        return ColumnSet((), False, ("EXCEPT or INTERSECT BY NAME is not modelled",))
    branches = []
    for side in (tree.left, tree.right):
        branch = side.unnest().copy() if isinstance(side, exp.Subquery) else side.copy()
        with_ = tree.args.get("with_") or tree.args.get("with")
        if with_ is not None and isinstance(branch, (exp.Select, exp.SetOperation)):
            inner = branch.args.get("with_") or branch.args.get("with")
            if inner is not None:
                return ColumnSet((), False, ("a UNION BY NAME branch with its own WITH is not modelled",))
            branch.set("with_" if "with_" in branch.arg_types else "with", with_.copy())
        branches.append(infer(branch))
    reasons = [r for b in branches for r in b.reasons]
    order: dict[str, list[InferredColumn]] = {}
    for branch in branches:
        for column in branch.columns:
            order.setdefault(column.name.lower(), []).append(column)
    columns = []
    for found in order.values():
        types = {c.type.sql("duckdb") if c.type is not None else None for c in found}
        data_type = found[0].type if len(types) == 1 else None
        columns.append(InferredColumn(found[0].name, data_type, found[0].line, None if data_type else "type not inferable"))
    closed = all(b.closed for b in branches)
    return ColumnSet(tuple(columns), closed, tuple(dict.fromkeys(reasons)))
