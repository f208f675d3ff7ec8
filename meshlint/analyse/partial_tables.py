"""Columns read by a qualified name (`o.amount`) from a table whose column list may be incomplete (a source
without a full YAML list, a model that is not closed): the column exists wherever the model builds, so it is
added to that table's known columns, untyped, before qualifying. Without it sqlglot refuses the query
("Unknown column: amount") and the model stays open although every output name is written in it; a column
read without a qualifier already resolves.

The qualifier is resolved in its own scope (sqlglot's scopes: the same alias may name different tables in two
CTEs): to a table, or to a CTE or subquery that only passes that table's columns through a star
(`with s as (select * from src) select s.amount from s`, or `(select o.* from src o join x ...) s`). A `select *` over the table stays open, as before,
since its list stays incomplete.

Limits, the same as for a column read without a qualifier (which sqlglot already resolves): a column the table
does not have closes a model that will not build (dbt reports the error), and on DuckDB a name written in
another case than the table spells it (`o.note` of a column `Note`) is reported as written, where DuckDB gives
the table's spelling.

>>> import sqlglot
>>> from meshlint.analyse.columns import TableColumns
>>> tables = {"src": TableColumns({"id": None}, False, "source `raw.orders`")}
>>> tree = sqlglot.parse_one("with s as (select * from src) select o.id, o.amount as total, s.note from src as o, s", "duckdb")
>>> sorted(with_referenced_columns(tree, tables)["src"].columns)
['amount', 'id', 'note']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.scope import Scope, traverse_scope

from meshlint.analyse.tree_index import TreeIndex, nodes_of

__all__ = ["with_referenced_columns"]


def _source(scope: Scope, qualifier: str) -> object:
    sources = scope.sources
    found = sources.get(qualifier)
    if found is None:
        matches = [v for k, v in sources.items() if k.lower() == qualifier.lower()]
        found = matches[0] if len(matches) == 1 else None
    return found


def _table_of(source: object, incomplete: Mapping[str, str], name: str, depth: int = 0) -> str | None:
    """The incomplete table (its token) a scope source stands for, for a column `name` read through it."""
    if isinstance(source, exp.Table):
        return incomplete.get(source.name.lower())
    if not isinstance(source, Scope) or depth > 8:
        return None
    select = source.expression
    if not isinstance(select, exp.Select):
        return None
    projections = select.expressions
    if any(p.alias_or_name.lower() == name.lower() for p in projections if not _is_star(p)):
        return None  # defined by the CTE itself: sqlglot knows it
    through = []  # the sources whose columns a star of the CTE passes on
    for projection in projections:
        if isinstance(projection, exp.Star):
            if len(source.sources) != 1:
                return None  # `*` over a join: which table has the column is not known
            through.extend(source.sources.values())
        elif isinstance(projection, exp.Column) and projection.is_star and projection.args.get("db") is None:
            through.append(_source(source, projection.table))
    if len(through) != 1:
        return None
    return _table_of(through[0], incomplete, name, depth + 1)


def _is_star(projection: exp.Expression) -> bool:
    return isinstance(projection, exp.Star) or (isinstance(projection, exp.Column) and projection.is_star)


def _may_read_more(
    tree: exp.Expression, incomplete: Mapping[str, str], known: Mapping[str, set[str]], index: TreeIndex | None = None
) -> bool:
    """Whether some qualified column may be one `with_referenced_columns` adds: a name
    an incomplete table does not list, read through a name of that table (or its alias), or through a CTE or
    subquery with a star in its select list (what `_table_of` follows) when some incomplete table does not
    list the name.

    >>> import sqlglot
    >>> tree = sqlglot.parse_one("with c as (select x.a from t as x) select c.zz, s.id from c, src as s", "duckdb")
    >>> _may_read_more(tree, {"src": "src"}, {"src": {"id"}}), _may_read_more(tree, {"t": "t"}, {"t": {"id"}})  # `c.zz` is the CTE's
    (False, True)
    >>> _may_read_more(tree, {"src": "src"}, {"src": set()})
    True
    >>> tree = sqlglot.parse_one("with a as (select * from src), b as (select * from a) select x.zz from b as x", "duckdb")
    >>> _may_read_more(tree, {"src": "src"}, {"src": {"id"}})
    True
    """
    through: set[str] = set()  # names of CTEs and subqueries with a star (or not a plain select)
    tables: list[tuple[str, str]] = []  # (name, name or alias) of each table read
    read: set[tuple[str, str]] = set()  # (qualifier, name) of the qualified columns
    for column in nodes_of(tree, index, exp.Column):
        args = column.args
        table = args.get("table")
        if table is not None and args.get("db") is None and not isinstance(column.this, exp.Star):
            read.add((table.name.lower(), column.name.lower()))
    if not read:
        return False
    for table in nodes_of(tree, index, exp.Table):
        tables.append((table.name.lower(), table.alias_or_name.lower()))
    for kind in (exp.CTE, exp.Subquery):
        for node in nodes_of(tree, index, kind):
            select = node.this
            if not isinstance(select, exp.Select) or any(_is_star(p) for p in select.expressions):
                through.add(node.alias_or_name.lower())
    direct: dict[str, set[str]] = {}  # qualifier -> the incomplete tables it names
    for name, alias in tables:
        if name in through:
            through.add(alias)
        token = incomplete.get(name)
        if token is not None:
            direct.setdefault(alias, set()).add(token)
    everywhere = set.intersection(*known.values())
    for qualifier, name in read:
        if qualifier in through and name not in everywhere:
            return True
        if any(name not in known[token] for token in direct.get(qualifier, ())):
            return True
    return False


def with_referenced_columns(tree: exp.Expression, tables: Mapping[str, Any], index: TreeIndex | None = None) -> Mapping[str, Any]:
    """`tables` (token -> TableColumns) with, for each incomplete table, the columns the query reads from it by
    a qualified name that it does not list yet (type unknown). The same mapping when there are none."""
    incomplete = {token.lower(): token for token, table in tables.items() if not table.complete}
    if not incomplete:
        return tables
    known = {token: {n.lower() for n in tables[token].columns} for token in incomplete.values()}
    if not _may_read_more(tree, incomplete, known, index):
        return tables
    try:
        scopes = traverse_scope(tree)
    except (SqlglotError, KeyError, ValueError, TypeError, AttributeError, RecursionError):
        return tables
    added: dict[str, dict[str, None]] = {}
    for scope in scopes:
        for column in scope.columns:
            qualifier = column.args.get("table")
            if qualifier is None or column.args.get("db") is not None or isinstance(column.this, exp.Star):
                continue
            name = column.name
            token = _table_of(_source(scope, qualifier.name), incomplete, name)
            if token is not None and name and name.lower() not in known[token]:
                added.setdefault(token, {})[name] = None
    if not added:
        return tables
    result = dict(tables)
    for token, names in added.items():
        table = tables[token]
        result[token] = type(table)({**table.columns, **names}, False, table.why_incomplete)
    return result
