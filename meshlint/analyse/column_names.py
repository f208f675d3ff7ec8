"""The names a warehouse reports for a query's output columns, and the rendered-SQL line each is written on.

Folding warehouses report sqlglot's normalised names. Case-preserving ones report an alias as written, a column
from `*` with its definition's spelling, and a column reference as written (BigQuery, Databricks) or with its
definition's spelling (DuckDB), see identifiers.py. An outer expression without an alias has a name of the
warehouse's choosing: it is marked here so that inference leaves it out and keeps the set open.
"""

from __future__ import annotations

import re

from collections.abc import Iterable, Mapping

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, build_scope

from meshlint.analyse.identifiers import DEFINITION_SPELLING, resolution_key
from meshlint.analyse.tree_index import TreeIndex, nodes_of
from meshlint.analyse.unaliased_names import ItemTexts, name_unaliased, projection_texts

__all__ = [
    "UNALIASED_REASON",
    "Namer",
    "ProjectionLines",
    "is_unaliased",
    "mark_unaliased",
    "name_inner_unaliased",
    "stash_spellings",
    "unaliased_name",
]

_SPELLING = "meshlint_spelling"  # meta key: an identifier's text as written, before sqlglot normalises it


def stash_spellings(tree: exp.Expression, index: TreeIndex | None = None) -> bool:
    """Record how each identifier was written, for `Namer`, before sqlglot normalises it; True when some
    spelling is not lower case (and could be lost).

    >>> import sqlglot
    >>> stash_spellings(sqlglot.parse_one("select Id from t", "duckdb"))
    True
    >>> stash_spellings(sqlglot.parse_one("select id from t", "duckdb"))
    False
    """
    mixed = False
    for node in nodes_of(tree, index, exp.Identifier):
        node.meta[_SPELLING] = node.this
        mixed = mixed or not node.this.islower()
    return mixed


class Namer:
    """The names a case-preserving warehouse reports for the outer query's projections, in a qualified tree
    whose spellings were stashed (`stash_spellings`) before qualifying. An alias is reported as written. A column
    reference is reported as written on BigQuery and Databricks, and with the spelling of its definition on
    DuckDB; a column from `*` always with the spelling of its definition (the table's, or the inner query's
    output name). `tables`: each table's token -> its column names as defined.

    >>> import sqlglot
    >>> from sqlglot.optimizer.qualify import qualify
    >>> from sqlglot.schema import MappingSchema
    >>> tree = sqlglot.parse_one("select id, amount as Total from (select * from t) as s", "duckdb")
    >>> stash_spellings(tree)
    True
    >>> schema = MappingSchema({"t": {"Id": "int", "amount": "int"}}, dialect="duckdb")
    >>> tree = qualify(tree, schema=schema, dialect="duckdb", quote_identifiers=False)
    >>> namer = Namer(tree, {"t": ["Id", "amount"]}, "duckdb")
    >>> [namer.name(projection) for projection in tree.selects]
    ['Id', 'Total']
    """

    def __init__(self, tree: exp.Expression, tables: Mapping[str, Iterable[str]], dialect: str) -> None:
        self.tree = tree
        self.tables = tables
        self.dialect = dialect
        self.by_definition = dialect in DEFINITION_SPELLING
        self._select = _leftmost(tree)
        self._scopes: dict[int, Scope] | None = None
        self._table_spellings: dict[str, dict[str, str]] = {}

    def name(self, projection: exp.Expression) -> str:
        """The name reported for one of the outer query's projections."""
        return self._name(projection, self._select, 0)

    def _name(self, projection: exp.Expression, select: exp.Expression, depth: int) -> str:
        fallback = projection.alias_or_name
        alias = projection.args.get("alias") if isinstance(projection, exp.Alias) else None
        if isinstance(alias, exp.Identifier) and _SPELLING in alias.meta:
            return alias.meta[_SPELLING]  # written by the user
        inner = projection.unalias()
        while isinstance(inner, exp.Paren):
            inner = inner.this
        if isinstance(inner, exp.Coalesce) and isinstance(inner.this, exp.Column):
            inner = inner.this  # a USING column
        if isinstance(inner, exp.Dot) and isinstance(inner.expression, exp.Identifier):
            return inner.expression.meta.get(_SPELLING, fallback)  # BigQuery `t.s.Field` is named as written
        if not isinstance(inner, exp.Column) or depth > 32:
            return fallback
        written = inner.this.meta.get(_SPELLING)
        if written is not None and not self.by_definition:
            return written
        return self._definition(select, inner.table, inner.name, depth) or written or fallback

    def _definition(self, select: exp.Expression, source_name: str, key: str, depth: int) -> str | None:
        scope = self._scope_of(select)
        source = scope.sources.get(source_name) if scope is not None else None
        if isinstance(source, exp.Table):
            return self._table_spelling(source.name).get(key)
        if isinstance(source, Scope):
            inner = source.expression
            while isinstance(inner, exp.SetOperation):
                inner = inner.this.unnest()
            if isinstance(inner, exp.Select):
                for projection in inner.selects:
                    if projection.alias_or_name == key:
                        return self._name(projection, inner, depth + 1)
        return None

    def _scope_of(self, select: exp.Expression) -> Scope | None:
        if self._scopes is None:
            root = build_scope(self.tree)
            self._scopes = {id(s.expression): s for s in root.traverse()} if root is not None else {}
        return self._scopes.get(id(select))

    def _table_spelling(self, token: str) -> dict[str, str]:
        if token not in self._table_spellings:
            columns = next((c for name, c in self.tables.items() if resolution_key(name, self.dialect) == token), ())
            self._table_spellings[token] = {resolution_key(name, self.dialect): name for name in columns}
        return self._table_spellings[token]


class ProjectionLines:
    """The rendered-SQL line of an output column's projection (0: not located). Where qualifying dropped the
    line (a rewritten projection), the line of the last projection in the original `tree` producing that name.

    >>> import sqlglot
    >>> tree = sqlglot.parse_one("select\\n  id,\\n  amount * 2 as doubled\\nfrom t", "duckdb")
    >>> lines = ProjectionLines(tree, "duckdb")
    >>> [lines.line(projection) for projection in tree.selects]
    [2, 3]
    >>> lines.line(exp.alias_(exp.column("amount"), "doubled"))
    3
    """

    def __init__(self, tree: exp.Expression, dialect: str, eager: bool = False, index: TreeIndex | None = None) -> None:
        self._tree = tree
        self._dialect = dialect
        # walks the whole tree: built on the first miss only, or now when `tree` is about to be qualified in place
        self._by_name: dict[str, int] | None = _projection_lines(tree, dialect, index) if eager else None

    def line(self, projection: exp.Expression) -> int:
        line = _line_of(projection)
        if not line:
            if self._by_name is None:
                self._by_name = _projection_lines(self._tree, self._dialect)
            line = self._by_name.get(resolution_key(projection.alias_or_name, self._dialect), 0)
        return line


def _projection_lines(tree: exp.Expression, dialect: str, index: TreeIndex | None = None) -> dict[str, int]:
    """Rendered-SQL line of the last projection producing each (resolution-keyed) name."""
    lines: dict[str, int] = {}
    for select in nodes_of(tree, index, exp.Select):
        for projection in select.expressions:
            name = projection.alias_or_name
            identifier = (
                projection.args.get("alias") if isinstance(projection, exp.Alias) else projection.find(exp.Identifier)
            )
            line = identifier.meta.get("line") if isinstance(identifier, exp.Expression) else None
            if name and line:
                lines[resolution_key(name, dialect)] = int(line)
    return lines


def _line_of(projection: exp.Expression) -> int:
    alias = projection.args.get("alias") if isinstance(projection, exp.Alias) else None
    for identifier in (alias, projection.unalias().args.get("this")):
        if isinstance(identifier, exp.Identifier) and identifier.meta.get("line"):
            return int(identifier.meta["line"])
    return 0


def _leftmost(query: exp.Expression) -> exp.Expression:
    while isinstance(query, (exp.SetOperation, exp.Subquery)):
        query = query.this
    return query


_UNARY_PLUS = re.compile(r"(?:\bselect|,)\s*\+", re.IGNORECASE)
_UNALIASED = "meshlint_unaliased"  # meta key: an outer projection written without an alias
UNALIASED_REASON = "an expression without an alias (its name is chosen by the warehouse)"
# Wrappers a warehouse names after the column inside (checked on Postgres 15 and DuckDB): `id::text` is `id` on
# Postgres, `(id)` is `id` on both; sqlglot names them so too.
_NAMED_THROUGH: dict[str, tuple[type[exp.Expression], ...]] = {
    **dict.fromkeys(("postgres", "redshift", "materialize", "risingwave"), (exp.Paren, exp.Cast)),
    "duckdb": (exp.Paren,),
}


def mark_unaliased(tree: exp.Expression, dialect: str, sql: str | None = None) -> bool:
    """Mark the outer query's projections written without an alias, whose name is the warehouse's choice
    (Snowflake `CAST(ID AS INT)`, DuckDB `CAST(id AS INTEGER)`, BigQuery `f0_`, Postgres `id`...), where sqlglot
    would name them after their column. True when there is one; `is_unaliased` tells which.

    >>> import sqlglot
    >>> tree = sqlglot.parse_one("select id, cast(id as int), id + 1 as next_id from t", "snowflake")
    >>> mark_unaliased(tree, "snowflake"), [is_unaliased(projection) for projection in tree.selects]
    (True, [False, True, False])

    Each marked projection carries the warehouse's name for it where its rule is fixed (unaliased_names.py),
    read with `unaliased_name`; `sql` is the text the tree was parsed from (to read what was written).
    """
    select = _leftmost(tree)
    if not isinstance(select, exp.Select):
        return False
    allowed: tuple[type[exp.Expression], ...] = (exp.Alias, exp.Column, exp.Star)
    if dialect == "bigquery":
        allowed += (exp.Dot,)  # `s.a` is named `a`
    transparent = _NAMED_THROUGH.get(dialect, ())
    found = False
    texts: list[str] | None = None
    anonymous = 0
    # `+column` (DuckDB names it `(+(column))`; sqlglot drops the plus): only where a select item may start so
    unary_plus = dialect == "duckdb" and sql is not None and "+" in sql and _UNARY_PLUS.search(sql) is not None
    for index, projection in enumerate(list(select.expressions)):
        named = projection
        while isinstance(named, transparent):
            named = named.this
        plus = unary_plus and isinstance(named, exp.Column)
        if plus or not isinstance(named, allowed):
            if texts is None and sql is not None and dialect in ("duckdb", "snowflake", "postgres", "redshift"):
                texts = projection_texts(sql, dialect) or []
                if len(texts) != len(select.expressions):
                    texts = []
            text = texts[index] if texts else None
            if plus and (text is None or not text.lstrip().startswith("+")):
                continue  # a column, not `+column` (DuckDB names that `(+(column))`; sqlglot drops the plus)
            projection.meta[_UNALIASED] = name_unaliased(projection, dialect, index, anonymous, text)
            anonymous += 1
            found = True
        elif named is not projection and isinstance(named, exp.Column) and projection.output_name != named.name:
            alias = named.this.copy()  # sqlglot leaves `(i)::text` unnamed
            alias.meta.pop(_SPELLING, None)
            projection.replace(exp.alias_(projection.copy(), alias))
    return found


def name_inner_unaliased(tree: exp.Expression, dialect: str, sql: str | None = None, index: TreeIndex | None = None) -> bool:
    """Alias the unaliased projections of the inner queries (CTEs, subqueries) with the warehouse's names, where
    its rule is fixed without the written text (DuckDB, Postgres, Redshift), so that a `select *` over them
    knows their names (`select * from (select count(*) from t)` is `count_star()` on DuckDB). True when a name
    given is not lower case (and `Namer` is needed to keep it).

    >>> import sqlglot
    >>> tree = sqlglot.parse_one("select * from (select id, count(*) from t group by id) as s", "duckdb")
    >>> name_inner_unaliased(tree, "duckdb")
    False
    >>> tree.sql("duckdb")
    'SELECT * FROM (SELECT id, COUNT(*) AS "count_star()" FROM t GROUP BY id) AS s'
    """
    mixed = False
    names = dialect in ("duckdb", "postgres", "redshift")
    texts = ItemTexts(sql, dialect) if sql is not None and names else None
    allowed: tuple[type[exp.Expression], ...] = (exp.Alias, exp.Column, exp.Star)
    if dialect == "bigquery":
        allowed += (exp.Dot,)
    transparent = _NAMED_THROUGH.get(dialect, ())
    outer = _leftmost(tree)
    selects: Iterable[exp.Expression] = tree.find_all(exp.Select)  # lazily: it then visits the copies made below
    if index is not None and index.tree is tree:
        listed = index.of(exp.Select)
        if all(select.root() is tree and not _in_inner_select_list(select, outer) for select in listed):
            selects = listed  # nothing below copies a select: the same selects, in the same order
    for select in selects:
        if select is outer:
            continue
        for index, projection in enumerate(list(select.expressions)):
            named = projection
            while isinstance(named, transparent):
                named = named.this
            if isinstance(named, allowed):
                continue
            name = None
            if names:
                name, _ = name_unaliased(projection, dialect, index, 0, texts.text(projection) if texts else None)
            # unnamed: sqlglot's own marker, which inference reads as "the warehouse's choice" (sqlglot would
            # otherwise name `cast(id as int)` `id`)
            alias = exp.to_identifier(name if name is not None else f"_col_{index}", quoted=True)
            if name is not None:
                alias.meta[_SPELLING] = name  # sqlglot folds even quoted names on DuckDB: `Namer` restores it
                mixed = mixed or not name.islower()
            projection.replace(exp.alias_(projection.copy(), alias))
    return mixed


def _in_inner_select_list(select: exp.Expression, outer: exp.Expression) -> bool:
    """Whether the select is inside a projection of a select other than `outer` (a scalar subquery there)."""
    node, parent = select, select.parent
    while parent is not None and not isinstance(parent, exp.Select):
        node, parent = parent, parent.parent
    return parent is not None and parent is not outer and node.arg_key == "expressions"


def is_unaliased(projection: exp.Expression) -> bool:
    """Whether `mark_unaliased` marked this projection (also once qualifying has aliased it).

    >>> import sqlglot
    >>> tree = sqlglot.parse_one("select upper(name) from t", "postgres")
    >>> mark_unaliased(tree, "postgres"), is_unaliased(exp.alias_(tree.selects[0], "_col_0"))
    (True, True)
    """
    return bool(projection.unalias().meta.get(_UNALIASED))


def unaliased_name(projection: exp.Expression) -> tuple[str | None, str | None]:
    """The warehouse's name for a projection `mark_unaliased` marked, or None and why it is not known.

    >>> import sqlglot
    >>> tree = sqlglot.parse_one("select upper(name), 1 + 1 from t", "postgres")
    >>> mark_unaliased(tree, "postgres"), [unaliased_name(p)[0] for p in tree.selects]
    (True, ['upper', '?column?'])
    """
    found = projection.unalias().meta.get(_UNALIASED)
    return found if isinstance(found, tuple) else (None, UNALIASED_REASON)
