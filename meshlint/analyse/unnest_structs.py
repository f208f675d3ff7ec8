"""DuckDB's `unnest(<struct>)` in a select list: a STRUCT unnests into one column per field, named after the
field, and an alias is ignored (`select unnest({'a': 1, 'b': 2}) as s` has the columns `a` and `b`; checked
on DuckDB 2.0.1, tests/oracle/test_duckdb_fixed_rules.py). A LIST unnests into one column, named as any other
expression.

Read after types are annotated (whether the argument is a struct is its type): the outer query's struct
unnests become their fields; an unnest whose argument's type is not known, one with options
(`recursive := true`), and a struct unnest inside a CTE or subquery leave the model open (sqlglot would give
them one column).

>>> import sqlglot
>>> from sqlglot.optimizer.annotate_types import annotate_types
>>> from sqlglot.optimizer.qualify import qualify
>>> from sqlglot.schema import MappingSchema
>>> schema = MappingSchema({"t": {"id": "int", "meta": "struct(r int, i varchar)"}}, dialect="duckdb")
>>> tree = annotate_types(qualify(sqlglot.parse_one("select id, unnest(meta) from t", "duckdb"), schema=schema, dialect="duckdb"), schema=schema, dialect="duckdb")
>>> [(n, t.sql("duckdb")) for n, t in struct_fields(tree.selects[1])]
[('r', 'INT'), ('i', 'TEXT')]
"""

from __future__ import annotations

from sqlglot import exp

__all__ = ["inner_struct_unnest", "struct_fields"]

UNKNOWN_ARGUMENT = "an unnest of a value whose type is not known (a STRUCT unnests into its fields)"
WITH_OPTIONS = "an unnest with options (recursive, max_depth) meshlint does not model"
INNER_STRUCT = "an unnest of a STRUCT inside a CTE or subquery (it unnests into its fields)"


_LISTS = (exp.Array, exp.Split, exp.GenerateSeries, exp.ArrayDistinct, exp.ArrayAgg, exp.ArraySort, exp.ArrayConcat)
_LIST_NAMES = frozenset("regexp_split_to_array string_split_regex str_split_regex list_filter list_transform list_reverse".split())


def _unnest(projection: exp.Expression) -> exp.Expression | None:
    inner = projection.unalias()
    return inner if isinstance(inner, (exp.Explode, exp.Unnest)) and not isinstance(inner.parent, (exp.From, exp.Join)) else None


def _kind(node: exp.Expression) -> str | list[tuple[str, exp.DataType | None]] | None:
    """A struct's fields, None for a list, or why it is not known."""
    if node.expressions:
        return WITH_OPTIONS
    argument = node.this
    data_type = argument.type if isinstance(argument, exp.Expression) else None
    if data_type is None or data_type.is_type(exp.DataType.Type.UNKNOWN, exp.DataType.Type.NULL):
        # a call that always gives a list (DuckDB has no other overload of these), whatever sqlglot typed it
        if isinstance(argument, _LISTS) or (isinstance(argument, exp.Anonymous) and argument.name.lower() in _LIST_NAMES):
            return None
        return UNKNOWN_ARGUMENT
    if data_type.is_type(exp.DataType.Type.STRUCT):
        fields = []
        for field in data_type.expressions:
            if not isinstance(field, exp.ColumnDef) or not field.name:
                return UNKNOWN_ARGUMENT
            kind = field.args.get("kind")
            fields.append((field.name, kind.copy() if isinstance(kind, exp.DataType) else None))
        return fields or UNKNOWN_ARGUMENT
    if data_type.is_type(exp.DataType.Type.ARRAY, exp.DataType.Type.LIST):
        return None
    return UNKNOWN_ARGUMENT


def struct_fields(projection: exp.Expression) -> str | list[tuple[str, exp.DataType | None]] | None:
    """For an outer projection: the columns of a struct unnest, None when it is not one (a list unnest, or
    no unnest), or why it stays open."""
    node = _unnest(projection)
    return None if node is None else _kind(node)


def inner_struct_unnest(tree: exp.Expression, outer: exp.Expression) -> str | None:
    """Why an inner query's unnest leaves the model open (a struct, or a type not known), else None."""
    for select in tree.find_all(exp.Select):
        if select is outer:
            continue
        for projection in select.expressions:
            node = _unnest(projection)
            if node is None:
                continue
            kind = _kind(node)
            if kind is not None:
                return INNER_STRUCT if isinstance(kind, list) else kind
    return None
