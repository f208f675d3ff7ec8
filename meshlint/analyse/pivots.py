"""DuckDB's PIVOT and UNPIVOT, in both its simplified statement form (`PIVOT t ON cat IN ('a', 'b') USING
sum(x) GROUP BY id`) and the SQL-standard form (`FROM t PIVOT (sum(x) FOR cat IN ('a', 'b') GROUP BY id)`),
rewritten before qualifying into the plain query that has the same columns, so that names and types follow:

* PIVOT with a literal IN list: the GROUP BY columns (or, without one, every column of the source but the ON
  column and those the aggregates read, in the source's order), then for each value and each aggregate a
  column named after the value (`a`), or `<value>_<alias>` when the aggregate has an alias or there are several
  (`a_total`, `a_sum(x)`, the aggregate as DuckDB prints it);
* UNPIVOT: the source's other columns, then `name` and `value` (or the INTO NAME / VALUE names); its ON may be
  `COLUMNS(...)` (a regex, `*` EXCLUDE, a lambda: star_filters.py) when the source's columns are all known.

A PIVOT without an IN list takes its columns from the data: it stays open, and so does one this module does not
model (several ON columns, an IN list that is not literals).

>>> import sqlglot
>>> tree = sqlglot.parse_one("with p as (pivot t on cat in ('a', 'b') using sum(x) group by id) select * from p", "duckdb")
>>> rewrite_pivots(tree, "duckdb"), tree.sql("duckdb")
(None, "WITH p AS (SELECT id, SUM(CASE WHEN cat = 'a' THEN x END) AS a, SUM(CASE WHEN cat = 'b' THEN x END) AS b FROM t GROUP BY id) SELECT * FROM p")
>>> rewrite_pivots(sqlglot.parse_one("select * from (pivot t on cat using sum(x))", "duckdb"), "duckdb")
'a PIVOT without a literal IN list takes its columns from the data'
"""

from __future__ import annotations

from collections.abc import Callable

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from meshlint.analyse.unaliased_names import name_unaliased

__all__ = ["rewrite_pivots", "wrap_statement"]

NO_IN_LIST = "a PIVOT without a literal IN list takes its columns from the data"
NOT_MODELLED = "a PIVOT or UNPIVOT of a shape meshlint does not model"


def wrap_statement(statement: exp.Expression, dialect: str) -> exp.Expression | None:
    """A simplified PIVOT/UNPIVOT statement as the query `select * from (<statement>)`; None for others."""
    if dialect == "duckdb" and isinstance(statement, exp.Pivot) and statement.this is not None:
        with_ = statement.args.get("with_")
        statement.set("with_", None)
        query = exp.select("*").from_(exp.Subquery(this=statement))
        if with_ is not None:
            query.set("with_", with_)
        return query
    return None


def rewrite_pivots(
    tree: exp.Expression, dialect: str, source_columns: Callable[[exp.Expression], list[str] | None] | None = None
) -> str | None:
    """Rewrite every DuckDB PIVOT/UNPIVOT in `tree` in place; the reason the columns stay open, if one cannot be.
    `source_columns`: the column names a FROM item has, None when not all are known (for an UNPIVOT over
    `COLUMNS(...)`, which unpivots the source's matching columns in the source's order)."""
    if dialect != "duckdb":
        for pivot in tree.find_all(exp.Pivot):
            for field in [] if pivot.args.get("unpivot") else pivot.args.get("fields") or []:
                if not isinstance(field, exp.In) or field.args.get("query") or any(
                    not isinstance(v.this if isinstance(v, exp.PivotAlias) else v, exp.Literal) for v in field.expressions
                ):
                    return NO_IN_LIST
        return None
    for pivot in list(tree.find_all(exp.Pivot)):
        try:
            if pivot.this is not None:  # the statement form: `(PIVOT t ON ...)`
                replacement = _statement(pivot, source_columns)
                if isinstance(replacement, str):
                    return replacement
                pivot.replace(replacement)
            elif isinstance(pivot.parent, exp.Table):
                table = pivot.parent
                replacement = _standard(table, pivot)
                if isinstance(replacement, str):
                    return replacement
                table.replace(replacement)
        except SqlglotError:
            return NOT_MODELLED
    return None


def _statement(pivot: exp.Pivot, source_columns: Callable[[exp.Expression], list[str] | None] | None) -> exp.Expression | str:
    source = pivot.this
    if pivot.args.get("unpivot"):
        into = pivot.args.get("into")
        name, value = "name", "value"
        if into is not None:
            if len(into.expressions) != 1:
                return NOT_MODELLED
            name, value = into.this.sql("duckdb"), into.expressions[0].sql("duckdb")
        columns = pivot.expressions
        if len(columns) == 1 and isinstance(columns[0], exp.Columns):
            columns = _matching(columns[0], source, source_columns)
        if not columns or not all(isinstance(c, exp.Column) for c in columns):
            return NOT_MODELLED
        names = ", ".join(c.sql("duckdb") for c in columns)
        return sqlglot.parse_one(
            f"select * from {_source_sql(source)} unpivot ({value} for {name} in ({names}))", "duckdb"
        )
    fields = pivot.expressions
    if len(fields) != 1:
        return NOT_MODELLED
    if not isinstance(fields[0], exp.In):
        return NO_IN_LIST if isinstance(fields[0], exp.Column) else NOT_MODELLED
    return _pivot_select(source, fields[0], list(pivot.args.get("using") or []), pivot.args.get("group"))


def _matching(
    node: exp.Columns, source: exp.Expression, source_columns: Callable[[exp.Expression], list[str] | None] | None
) -> list[exp.Expression]:
    """`COLUMNS(...)` of an UNPIVOT's ON as the source's columns it matches; [] when they are not certain."""
    from meshlint.analyse.star_filters import columns_predicate

    predicate = columns_predicate(node)
    names = source_columns(source) if source_columns is not None and predicate is not None else None
    if names is None or any(n != n.lower() or not n.isidentifier() for n in names):
        return []
    try:
        return [exp.column(n) for n in names if predicate(n)]  # type: ignore[misc,operator]
    except Exception:  # noqa: BLE001 - a lambda body the predicate does not model: not certain
        return []


def _standard(table: exp.Table, pivot: exp.Pivot) -> exp.Expression | str:
    if pivot.args.get("unpivot"):
        return NOT_MODELLED if pivot.args.get("group") else _keep(table, pivot)
    fields = pivot.args.get("fields") or []
    if len(fields) != 1 or not isinstance(fields[0], exp.In):
        return NOT_MODELLED
    source = table.copy()
    source.set("pivots", None)
    source.set("alias", None)
    select = _pivot_select(source, fields[0], list(pivot.expressions), pivot.args.get("group"))
    if isinstance(select, str):
        return select
    alias = pivot.args.get("alias") or table.args.get("alias")
    if alias is not None and alias.columns:
        return NOT_MODELLED
    name = alias.name if alias is not None else table.name
    return exp.Subquery(this=select, alias=exp.TableAlias(this=exp.to_identifier(name)))


def _keep(table: exp.Table, pivot: exp.Pivot) -> exp.Expression:
    return table  # sqlglot models the standard UNPIVOT as DuckDB does


def _source_sql(source: exp.Expression) -> str:
    return source.sql("duckdb")


def _pivot_select(
    source: exp.Expression, field: exp.In, aggregates: list[exp.Expression], group: exp.Group | None
) -> exp.Expression | str:
    on = field.this
    if not isinstance(on, exp.Column) or not aggregates or field.args.get("query") or field.args.get("unnest"):
        return NOT_MODELLED
    values: list[tuple[exp.Expression, str]] = []
    for item in field.expressions:
        literal, label = item, None
        if isinstance(item, exp.PivotAlias):
            literal, label = item.this, item.alias
        if not isinstance(literal, exp.Literal):
            return NOT_MODELLED
        values.append((literal, label or literal.this))
    named: list[tuple[exp.Expression, str | None]] = []
    for aggregate in aggregates:
        alias = aggregate.alias if isinstance(aggregate, exp.Alias) else None
        inner = aggregate.unalias()
        if not isinstance(inner, exp.AggFunc) or inner.find(exp.Cast):
            return NOT_MODELLED
        if alias is None and len(aggregates) > 1:
            alias, _ = name_unaliased(inner, "duckdb", 0, 0, inner.sql("duckdb"))
            if alias is None:
                return NOT_MODELLED
        named.append((inner, alias))
    projections: list[exp.Expression] = []
    for literal, label in values:
        for inner, alias in named:
            condition = exp.EQ(this=on.copy(), expression=literal.copy())
            counted = inner.copy()
            argument = counted.this
            if isinstance(argument, exp.Star) or argument is None:
                argument = exp.Literal.number(1)
            if isinstance(argument, exp.Distinct):
                return NOT_MODELLED
            counted.set("this", exp.Case(ifs=[exp.If(this=condition, true=argument.copy())]))
            name = f"{label}_{alias}" if alias is not None else label
            projections.append(exp.alias_(counted, exp.to_identifier(name, quoted=not name.isidentifier() or not name.islower())))
    if group is not None:
        keys = [k.copy() for k in group.expressions]
        if not all(isinstance(k, exp.Column) for k in keys):
            return NOT_MODELLED
        select = exp.select(*keys, *projections).from_(_as_from(source)).group_by(*[k.copy() for k in keys])
        return select
    read = {on.name.lower()}
    for inner, _ in named:
        read |= {c.name.lower() for c in inner.find_all(exp.Column)}
    star = exp.Star(except_=[exp.column(name) for name in sorted(read)])
    select = exp.select(star, *projections).from_(_as_from(source))
    select.set("group", exp.Group(all=True))
    return select


def _as_from(source: exp.Expression) -> exp.Expression:
    if isinstance(source, exp.Subquery) or isinstance(source, exp.Table):
        return source.copy()
    return exp.Subquery(this=source.copy())
