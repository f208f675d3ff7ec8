"""The column names of a VALUES list given no column aliases: `col0`, `col1`... on DuckDB, `column1`,
`column2`... on Postgres, `COLUMN1`... on Snowflake. Written into the tree before qualifying, so that sqlglot
resolves them as if the user had listed them.

>>> import sqlglot
>>> tree = sqlglot.parse_one("select * from (values (1, 'a'), (2, 'b'))", "duckdb")
>>> name_values_columns(tree, "duckdb")
True
>>> tree.sql("duckdb")
"SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS _values(col0, col1)"
"""

from __future__ import annotations

from sqlglot import exp

__all__ = ["name_values_columns"]

_NAMES = {
    "duckdb": lambda i: f"col{i}",
    "postgres": lambda i: f"column{i + 1}",
    "snowflake": lambda i: f"COLUMN{i + 1}",
}


def name_values_columns(tree: exp.Expression, dialect: str) -> bool:
    """Give each unaliased VALUES list in `tree` the warehouse's column names; True when one was named."""
    namer = _NAMES.get(dialect)
    if namer is None:
        return False
    named = False
    for values in tree.find_all(exp.Values):
        alias = values.args.get("alias")
        if alias is not None and alias.columns:
            continue
        rows = values.expressions
        if not rows or not isinstance(rows[0], exp.Tuple):
            continue
        width = len(rows[0].expressions)
        if any(not isinstance(r, exp.Tuple) or len(r.expressions) != width for r in rows):
            continue
        name = alias.name if alias is not None and alias.name else "_values"
        columns = [exp.to_identifier(namer(i)) for i in range(width)]
        values.set("alias", exp.TableAlias(this=exp.to_identifier(name), columns=columns))
        named = True
    return named
