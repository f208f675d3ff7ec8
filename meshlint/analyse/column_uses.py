"""Which columns a query reads, and from which relation, as small plain facts.

They are taken from the parsed tree once, where the model is inferred (possibly in a worker process), and
cached with its columns, so that the parsed tree need not be kept, cached or walked again: ML308 checks these
facts against the columns of the model's parents.

A relation of a SELECT is described by its *shape*: the table it reads when it is a table, or when it is a
CTE or subquery that passes one table through unchanged (`select * from t`, optionally filtered and with
extra named columns, which the shape lists); otherwise it has no shape (None) and nothing is said of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.scope import Scope, ScopeType, traverse_scope

_MAX_DEPTH = 20  # pass-through CTEs followed at most this deep


@dataclass(frozen=True)
class SourceShape:
    table: str  # the table name as the query writes it (a ref's rendered token)
    extras: frozenset[str] = frozenset()  # lower-cased names that pass-through selects add


@dataclass(frozen=True)
class ColumnUse:
    qualifier: str  # lower-cased table qualifier, "" when the column is unqualified
    name: str  # as written
    line: int  # rendered-SQL line


@dataclass(frozen=True)
class SelectUses:
    """One SELECT: its relations by lower-cased name, its projection aliases, and its column reads."""

    sources: tuple[tuple[str, SourceShape | None], ...]
    aliases: frozenset[str]
    # An unqualified name can be pinned to a relation: the select is not a (possibly correlated)
    # subquery or table function, and has no lateral join.
    resolvable: bool
    columns: tuple[ColumnUse, ...]


def column_uses(tree: exp.Expression) -> tuple[SelectUses, ...] | None:
    """The column reads of every SELECT in the query, or None when sqlglot cannot build its scopes.

    >>> import sqlglot
    >>> tree = sqlglot.parse_one("with o as (select *, 1 as n from orders) select o.id, total from o", "duckdb")
    >>> outer = column_uses(tree)[-1]
    >>> outer.sources
    (('o', SourceShape(table='orders', extras=frozenset({'n'}))),)
    >>> [(c.qualifier, c.name) for c in outer.columns]
    [('o', 'id'), ('', 'total')]
    """
    try:
        return tuple(_select_uses(scope) for scope in traverse_scope(tree) if isinstance(scope.expression, exp.Select))
    except (SqlglotError, RecursionError, KeyError, ValueError):
        return None


def _select_uses(scope: Scope) -> SelectUses:
    select = scope.expression
    sources = {
        name.lower(): _shape(source_node, source) for name, (source_node, source) in scope.selected_sources.items()
    }
    columns = []
    for column in scope.columns:
        if column.is_star or column.find_ancestor(exp.Select) is not select:
            continue
        if column.args.get("db") or column.args.get("catalog"):
            continue
        line = column.this.meta.get("line") if isinstance(column.this, exp.Identifier) else None
        if line:
            columns.append(ColumnUse(column.table.lower(), column.name, int(line)))
    return SelectUses(
        sources=tuple(sources.items()),
        aliases=frozenset(p.alias.lower() for p in select.expressions if isinstance(p, exp.Alias)),
        resolvable=scope.scope_type not in (ScopeType.SUBQUERY, ScopeType.UDTF) and not select.args.get("laterals"),
        columns=tuple(columns),
    )


def _alias_columns(node: exp.Expression | None) -> bool:
    alias = node.args.get("alias") if node is not None else None
    return isinstance(alias, exp.TableAlias) and bool(alias.columns)


def _is_plain_star(projection: exp.Expression) -> bool:
    star = projection.this if isinstance(projection, exp.Column) and projection.is_star else projection
    return isinstance(star, exp.Star) and not any(star.args.get(k) for k in ("except", "replace", "rename"))


def _shape(node: exp.Expression, source: object, depth: int = 0) -> SourceShape | None:
    """The table a FROM/JOIN source is, or passes through unchanged."""
    if depth > _MAX_DEPTH or _alias_columns(node):
        return None
    if isinstance(source, exp.Table):
        if source.args.get("pivots") or source.args.get("db") or source.args.get("catalog"):
            return None
        return SourceShape(source.name)
    if not isinstance(source, Scope) or not isinstance(source.expression, exp.Select):
        return None
    select = source.expression
    if _alias_columns(select.parent) or any(select.args.get(k) for k in ("joins", "laterals", "group", "pivots")):
        return None
    if len(source.selected_sources) != 1:
        return None
    stars = [p for p in select.expressions if _is_plain_star(p)]
    extras = [p for p in select.expressions if not _is_plain_star(p)]
    if len(stars) != 1 or not all(isinstance(p, (exp.Alias, exp.Column)) and p.alias_or_name for p in extras):
        return None
    inner_node, inner_source = next(iter(source.selected_sources.values()))
    inner = _shape(inner_node, inner_source, depth + 1)
    if inner is None:
        return None
    return SourceShape(inner.table, inner.extras | {p.alias_or_name.lower() for p in extras})
