"""DuckDB's type for a value that may come from several branches (CASE, IF, COALESCE/IFNULL, VALUES rows, list
elements) when a branch is a LIST, STRUCT or MAP.

DuckDB's own rule for nested types is wider than what is certain from outside: lists of different element
types widen element-wise, structs of different fields are merged or reordered (checked on DuckDB 2.0.1:
`case .. then {'a': 1, 'b': 'x'} else {'b': 'y', 'a': 2} end` is STRUCT(b, a)). Only the cases where the result
is certain are kept:

* every branch that is not NULL has the same nested type (as DuckDB prints it; VARCHAR and TEXT are one type);
* a NULL branch takes any type;
* an empty list `[]` (typed `"NULL"[]`) takes the type of the other branches' list, as does `[]::T[]` when T[]
  is that type (it is then an identical type).

Anything else (different lists, structs or maps; a branch of unknown type) is unknown.

>>> import sqlglot
>>> from sqlglot import exp
>>> case = sqlglot.parse_one("case when x then [] else l end", "duckdb")
>>> case.args["ifs"][0].args["true"].type = None
>>> case.args["default"].type = exp.DataType.build("varchar[]", dialect="duckdb")
>>> common_nested([case.args["ifs"][0].args["true"], case.args["default"]]).sql("duckdb")
'TEXT[]'
"""

from __future__ import annotations

from sqlglot import exp

__all__ = ["NOT_NESTED", "common_nested"]

T = exp.DataType.Type
_NESTED = frozenset({T.ARRAY, T.LIST, T.STRUCT, T.MAP})


class _NotNested:
    def __repr__(self) -> str:
        return "NOT_NESTED"


NOT_NESTED = _NotNested()  # no branch is nested: the scalar rules decide


def _is_empty_list(node: exp.Expression) -> bool:
    return isinstance(node, exp.Array) and not node.expressions


def _known(data_type: exp.DataType | None) -> exp.DataType | None:
    if data_type is None or data_type.this in (T.UNKNOWN, T.USERDEFINED):
        return None
    return data_type


def _key(data_type: exp.DataType) -> str:
    return data_type.sql("duckdb")  # TEXT and VARCHAR print alike; struct fields print with their spelling


def _fully_known(data_type: exp.DataType) -> bool:
    """A nested type with every element and field typed (an untyped element would compare equal by accident)."""
    for inner in data_type.find_all(exp.DataType):
        if inner.this in (T.UNKNOWN, T.USERDEFINED, T.NULL):
            return False
        if inner.this in (T.ARRAY, T.LIST, T.MAP) and not inner.expressions:
            return False
    return True


def common_nested(nodes: list[exp.Expression]) -> exp.DataType | None | _NotNested:
    """The common type of `nodes` (annotated) when one of them is nested: the type, or None when not certain;
    NOT_NESTED when none is (neither a nested type nor an empty list)."""
    types = [_known(node.type) for node in nodes]
    nested = [t for t in types if t is not None and t.this in _NESTED]
    if not nested and not any(_is_empty_list(n) for n in nodes):
        return NOT_NESTED
    chosen: exp.DataType | None = None
    empty_list = False
    for node, data_type in zip(nodes, types):
        if isinstance(node, exp.Null) or (data_type is not None and data_type.this == T.NULL):
            continue
        if _is_empty_list(node):
            empty_list = True
            continue
        if data_type is None or data_type.this not in _NESTED or not _fully_known(data_type):
            return None
        if chosen is None:
            chosen = data_type
        elif _key(chosen) != _key(data_type):
            return None
    if chosen is None or (empty_list and (chosen.this not in (T.ARRAY, T.LIST) or chosen.args.get("values"))):
        return None  # `[]` beside a struct or map fails; beside a fixed-size ARRAY it is not checked
    return chosen
