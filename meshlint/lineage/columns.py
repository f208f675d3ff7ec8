"""Which upstream columns feed each output column of one model: sqlglot's `lineage` over the rendered SQL,
qualified against what is known of the tables it reads,
followed through CTEs, subqueries and set operations with sqlglot's scopes.

A pure function of the SQL, the dialect and the tables' column names, so it can run in a worker process and be
cached. It is computed only by `meshlint lineage` and `meshlint explore`, never on `meshlint check`'s path.

The answer never guesses: where sqlglot cannot follow a column to a table (a `select *` over a query whose
columns are not known, a column it cannot pin to one relation, SQL it cannot resolve), the column's lineage is
marked unknown, with why, next to whatever origins were found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import Scope, build_scope
from sqlglot.schema import MappingSchema

from meshlint.analyse.columns import MORE_COLUMNS, SqlParseFailure, parse_sql

THIS_TOKEN = "meshlint__this"  # `{{ this }}`: a model reading itself (incremental), not an upstream

# Why a column's lineage is not (all) known.
UNRESOLVED = "a column sqlglot cannot pin to one relation"
STAR_OVER_QUERY = "a `select *` over a query whose columns are not all known"


@dataclass(frozen=True, order=True)
class Origin:
    """A column of a table the query reads, feeding an output column."""

    table: str  # the relation as the rendered SQL names it (`meshlint__ref_0`, `meshlint__src_1`)
    column: str  # as the query spells it (normalised as the dialect resolves it)
    direct: bool  # passed through unchanged (a rename at most), not computed from it


@dataclass(frozen=True)
class ColumnLineage:
    column: str  # the output column, as inference names it
    origins: tuple[Origin, ...]
    unknown: str | None = None  # why part of its lineage is not known


# What is known of a table: its column names, and whether that list is complete.
KnownTable = tuple[tuple[str, ...], bool]
# A model's column lineage as plain tuples (cheap to pickle into the cache and out of worker processes):
# (column, ((table, column, direct), ...), unknown) per output column.
PlainLineage = tuple[tuple[str, tuple[tuple[str, str, bool], ...], "str | None"], ...]


def as_plain(lineage: tuple[ColumnLineage, ...]) -> PlainLineage:
    """The lineage as plain tuples.

    >>> as_plain((ColumnLineage("id", (Origin("t", "id", True),)),))
    (('id', (('t', 'id', True),), None),)
    """
    return tuple((c.column, tuple((o.table, o.column, o.direct) for o in c.origins), c.unknown) for c in lineage)


def column_lineage(
    sql: str, dialect: str, tables: Mapping[str, KnownTable], outputs: tuple[str, ...]
) -> tuple[ColumnLineage, ...]:
    """The origins of each of `outputs` (the model's inferred columns), in their order.

    >>> sql = "with o as (select * from src) select id as order_id, amount * 2 as doubled, 1 as one from o"
    >>> for c in column_lineage(sql, "duckdb", {"src": (("id", "amount"), True)}, ("order_id", "doubled", "one")):
    ...     print(c.column, [(o.table, o.column, o.direct) for o in c.origins], c.unknown)
    order_id [('src', 'id', True)] None
    doubled [('src', 'amount', False)] None
    one [] None
    """
    try:
        return _column_lineage(sql, dialect, tables, outputs)
    except (SqlglotError, RecursionError, KeyError, ValueError, TypeError, AttributeError, IndexError) as error:
        why = f"sqlglot could not follow the query ({type(error).__name__})"
        return tuple(ColumnLineage(name, (), why) for name in outputs)


def _column_lineage(
    sql: str, dialect: str, tables: Mapping[str, KnownTable], outputs: tuple[str, ...]
) -> tuple[ColumnLineage, ...]:
    tree = parse_sql(sql, dialect)
    if isinstance(tree, SqlParseFailure):
        return tuple(ColumnLineage(name, (), "the SQL does not parse") for name in outputs)
    # As in inference, a table whose list may be incomplete gets one more column, the marker: a `select *` over
    # it then keeps the marker, through which a column the list lacks is followed to that table.
    schema = MappingSchema(
        {
            token: {**{name: "unknown" for name in names}, **({} if complete else {MORE_COLUMNS: "unknown"})}
            for token, (names, complete) in tables.items()
        },
        dialect=dialect,
    )
    qualified = qualify(
        tree, schema=schema, dialect=dialect, validate_qualify_columns=False, quote_identifiers=False, identify=False
    )
    root = build_scope(qualified)
    if root is None:
        return tuple(ColumnLineage(name, (), "the query has no SELECT sqlglot can follow") for name in outputs)
    tokens = {token.lower(): token for token in tables}
    walker = _Walker()
    found = []
    for name in outputs:
        origins, unknown = walker.origins(root, name)
        kept = sorted(
            Origin(tokens.get(o.table.lower(), o.table), o.column, o.direct) for o in origins if o.table.lower() != THIS_TOKEN
        )
        found.append(ColumnLineage(name, tuple(kept), unknown))
    return tuple(found)


Traced = tuple[frozenset[Origin], "str | None"]


class _Walker:
    """Follows a column of a scope down to the table columns it is made of, once per (scope, column).

    sqlglot's own `lineage` module is not used: for an unexpanded `select *` it lists every source visible in
    the scope (earlier CTEs included) rather than the relations the select reads."""

    def __init__(self) -> None:
        self.memo: dict[tuple[int, str], Traced] = {}

    def origins(self, scope: Scope, name: str) -> Traced:
        key = (id(scope), name.lower())
        if key not in self.memo:
            self.memo[key] = (frozenset(), None)  # a recursive CTE reading itself adds nothing new
            self.memo[key] = self._origins(scope, name)
        return self.memo[key]

    def _origins(self, scope: Scope, name: str) -> Traced:
        query = scope.expression
        if isinstance(query, exp.SetOperation):
            names = [n.lower() for n in query.named_selects]
            if name.lower() not in names:
                return frozenset(), UNRESOLVED
            index = names.index(name.lower())
            return _merge(self._branch(branch, index) for branch in scope.set_operation_scopes)
        if not isinstance(query, exp.Select):
            return frozenset(), UNRESOLVED
        projection = next((p for p in query.selects if p.alias_or_name.lower() == name.lower()), None)
        if projection is None or _is_star(projection):
            return self._through_star(scope, name)
        return self._projection(scope, projection)

    def _branch(self, scope: Scope, index: int) -> Traced:
        query = scope.expression
        if isinstance(query, exp.SetOperation):
            return _merge(self._branch(branch, index) for branch in scope.set_operation_scopes)
        if not isinstance(query, exp.Select) or index >= len(query.selects) or _is_star(query.selects[index]):
            return frozenset(), UNRESOLVED
        return self._projection(scope, query.selects[index])

    def _through_star(self, scope: Scope, name: str) -> Traced:
        """A column an unexpanded `*` (or `alias.*`) passes through from the one relation that can hold it."""
        selects = scope.expression.selects
        stars = [p for p in selects if _is_star(p)]
        qualifiers = {p.table.lower() for p in stars if isinstance(p, exp.Column) and p.table}
        if not stars:
            markers = [p.unalias() for p in selects if p.alias_or_name.lower() == MORE_COLUMNS]
            if len(markers) > 1:
                return frozenset(), STAR_OVER_QUERY
            if markers and isinstance(markers[0], exp.Column):
                found = self._column(scope, markers[0])
                return frozenset(Origin(o.table, name, o.direct) for o in found[0]), found[1]
            return frozenset(), UNRESOLVED
        sources = [(alias, source) for alias, (_, source) in scope.selected_sources.items()]
        if qualifiers and not any(isinstance(p, exp.Star) for p in stars):
            sources = [(alias, source) for alias, source in sources if alias.lower() in qualifiers]
        if len(sources) != 1:
            return frozenset(), STAR_OVER_QUERY
        return self._read(sources[0][1], name)

    def _read(self, source: object, name: str) -> Traced:
        if isinstance(source, exp.Table):
            return frozenset({Origin(source.name, name, True)}), None
        if isinstance(source, Scope) and not source.is_udtf:
            return self.origins(source, name)
        return frozenset(), UNRESOLVED

    def _projection(self, scope: Scope, projection: exp.Expression) -> Traced:
        expression = projection.unalias() if isinstance(projection, exp.Alias) else projection
        direct = isinstance(expression, exp.Column)
        parts: list[Traced] = []
        subqueries = {id(s.expression): s for s in scope.subquery_scopes}
        for node in expression.walk(prune=lambda n: isinstance(n, exp.Query) and n is not expression):
            if isinstance(node, exp.Query) and id(node) in subqueries:
                inner = subqueries[id(node)]
                parts += [self.origins(inner, n) for n in node.named_selects]
            elif isinstance(node, exp.Column) and not _is_star(node):
                parts.append(self._column(scope, node))
        origins, unknown = _merge(parts)
        if not direct:
            origins = frozenset(Origin(o.table, o.column, False) for o in origins)
        return origins, unknown

    def _column(self, scope: Scope, column: exp.Column) -> Traced:
        sources = scope.selected_sources
        if column.table:
            found = next((s for alias, (_, s) in sources.items() if alias.lower() == column.table.lower()), None)
        elif len(sources) == 1:
            found = next(iter(sources.values()))[1]
        else:
            found = None
        if found is None:
            return frozenset(), UNRESOLVED
        return self._read(found, column.name)


def _merge(parts: Iterable[Traced]) -> Traced:
    origins: set[Origin] = set()
    unknown = None
    for found, why in parts:
        origins |= found
        unknown = unknown or why
    return frozenset(origins), unknown


def _is_star(projection: exp.Expression) -> bool:
    return isinstance(projection, exp.Star) or (isinstance(projection, exp.Column) and projection.is_star)
