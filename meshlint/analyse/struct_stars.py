"""DuckDB's star over a STRUCT column (`select id, s.* from t`): one column per field of the struct, named as the
field, in the struct's order, then renamed with the other output columns where names repeat (`a`, `a_1`: the
same rule as for any duplicate, duplicate_names.py). Checked on DuckDB 2.0.1 (tests/oracle/test_duckdb_gaps.py).

Closed only when it is certain:

* the struct's type is known with every field named (an annotated STRUCT type);
* the star is written `s.*`, one qualifier: DuckDB refuses `t.s.*`, `(s).*` and `{'a': 1}.*`, and after
  qualifying sqlglot shows them all alike, so a query that writes one of those leaves every struct star open;
* no EXCLUDE / REPLACE / RENAME on the star;
* struct field names are spelled in lower case wherever the model can see them (its tables' types, struct
  literals, `struct_pack(..)`, casts to STRUCT): sqlglot folds field names to lower case, DuckDB keeps them as
  written. Where some field name is not lower case (`folded_struct_fields`), the model's STRUCT-typed columns
  are also left untyped, so that a child's `s.*` or `unnest(s)` does not name fields from a folded type.

A struct star inside a CTE or subquery stays open (sqlglot would give it one column named `*`).

>>> import sqlglot
>>> tree = sqlglot.parse_one("select {'A': 1} as s", "duckdb")
>>> folded_struct_fields(tree, {}, "select {'A': 1} as s")
True
>>> folded_struct_fields(sqlglot.parse_one("select {'a': 1} as s", "duckdb"), {}, "select {'a': 1} as s")
False
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlglot import exp

from meshlint.analyse.tree_index import TreeIndex, nodes_of

__all__ = ["FOLDED", "folded_struct_fields", "has_struct", "odd_struct_stars", "struct_star_columns"]

T = exp.DataType.Type

UNKNOWN_STRUCT = "a star over a value whose STRUCT type is not known (`s.*` gives one column per field)"
ODD_STAR = "a star over a struct written other than `s.*` (`t.s.*`, `(s).*`): DuckDB refuses it"
MODIFIED = "a star over a STRUCT column with EXCLUDE / REPLACE / RENAME, which meshlint does not model"
FOLDED = "STRUCT field names that are not all lower case (meshlint's parser folds them, DuckDB keeps them)"


def _not_lower(name: str) -> bool:
    return name != name.lower()


def _type_folded(data_type: exp.DataType | None) -> bool:
    if data_type is None or not data_type.args.get("nested"):
        return False
    return any(_not_lower(d.name) for d in data_type.find_all(exp.ColumnDef))


def folded_struct_fields(tree: exp.Expression, tables: Mapping[str, Any], text: str | None) -> bool:
    """Whether some STRUCT field name the model can see is not lower case: in its tables' column types (each
    a `TableColumns`), or in the query's struct literals, named arguments and casts. Read before qualifying
    (which folds unquoted names)."""
    for table in tables.values():
        if any(_type_folded(t) for t in table.columns.values()):
            return True
    lowered = text.lower() if text is not None else None
    if lowered is not None and "{" not in lowered and "struct" not in lowered and ":=" not in lowered:
        return False
    for node in tree.find_all(exp.PropertyEQ, exp.ColumnDef):
        if _not_lower(node.name):
            return True
    return False


def has_struct(data_type: exp.DataType) -> bool:
    return data_type.this == T.STRUCT or any(d.this == T.STRUCT for d in data_type.find_all(exp.DataType))


def odd_struct_stars(tree: exp.Expression, index: TreeIndex | None = None) -> bool:
    """Whether, before qualifying, a select list has a star over more than one qualifier or over an expression
    (`t.s.*`, `(s).*`). A `schema.table.*` is one too: it is then over-cautious, never wrong."""
    for select in nodes_of(tree, index, exp.Select):
        for projection in select.expressions:
            if isinstance(projection, exp.Column) and projection.is_star and projection.args.get("db") is not None:
                return True
            if isinstance(projection, exp.Dot) and isinstance(projection.expression, exp.Star):
                return True
    return False


def struct_star_columns(projection: exp.Expression, odd: bool, folded: bool) -> list[tuple[str, exp.DataType | None]] | str:
    """The columns of an outer `s.*` (annotated, qualified: `Dot(column, Star)`), or why it stays open."""
    if not (isinstance(projection, exp.Dot) and isinstance(projection.expression, exp.Star)):
        return UNKNOWN_STRUCT  # a `*` from a CTE or subquery that holds a struct star
    star = projection.expression
    if any(star.args.get(key) for key in ("except_", "replace", "rename")):
        return MODIFIED
    if odd or not isinstance(projection.this, exp.Column):
        return ODD_STAR
    data_type = projection.this.type
    if data_type is None or data_type.this != T.STRUCT or not data_type.expressions:
        return UNKNOWN_STRUCT
    if folded:
        return FOLDED
    fields: list[tuple[str, exp.DataType | None]] = []
    for field in data_type.expressions:
        if not isinstance(field, exp.ColumnDef) or not field.name:
            return UNKNOWN_STRUCT
        kind = field.args.get("kind")
        fields.append((field.name, kind.copy() if isinstance(kind, exp.DataType) else None))
    return fields
