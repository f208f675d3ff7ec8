"""DuckDB's one-column table functions as FROM items: `generate_series(...)`, `range(...)` and `unnest(list)`.
Each produces one column, named after the function (`generate_series`, `range`, `unnest`), or, when the item
has a table alias without a column list, after that alias (`from range(3) as r` is the column `r`; checked on
DuckDB 2.0.1, see tests/oracle/test_unaliased_duckdb.py). The column is written into the item's alias before
qualifying, so that `select *` over it is known.

Left as they are (and so `select *` over them open): an alias whose query also reads the column by the
function's name (DuckDB accepts `g.generate_series` next to the column `g`: one name sqlglot cannot give both),
an `unnest` of several arguments or with named options (`recursive := true`), and other table functions.

>>> import sqlglot
>>> tree = sqlglot.parse_one("select * from range(3) as r, generate_series(1, 2)", "duckdb")
>>> name_table_functions(tree, "duckdb")
True
>>> tree.sql("duckdb")
'SELECT * FROM RANGE(0, 3) AS r(r), GENERATE_SERIES(1, 2) AS generate_series(generate_series)'
"""

from __future__ import annotations

from sqlglot import exp

__all__ = ["name_table_functions", "unnest_of_non_list"]

NOT_A_LIST = "an UNNEST in FROM of a value that is not a list (DuckDB refuses it)"


def _function_name(item: exp.Expression) -> str | None:
    if isinstance(item, exp.Table) and isinstance(item.this, exp.GenerateSeries):
        return "range" if item.this.args.get("is_end_exclusive") else "generate_series"
    if isinstance(item, exp.Unnest) and isinstance(item.parent, (exp.From, exp.Join)):
        arguments = item.expressions
        if len(arguments) == 1 and not isinstance(arguments[0], (exp.PropertyEQ, exp.Kwarg)) and not item.args.get("offset"):
            return "unnest"
    return None


def name_table_functions(tree: exp.Expression, dialect: str) -> bool:
    """Give each one-column DuckDB table function in `tree`'s FROM clauses its column name; True when one was."""
    if dialect != "duckdb":
        return False
    named = False
    read: set[str] | None = None
    items = [(item, _function_name(item)) for item in tree.find_all(exp.Table, exp.Unnest)]
    bare: dict[tuple[int, str], int] = {}
    for item, function in items:
        if function is not None and item.args.get("alias") is None:
            key = (id(item.find_ancestor(exp.Select)), function)
            bare[key] = bare.get(key, 0) + 1
    for item, function in items:
        if function is None:
            continue
        alias = item.args.get("alias")
        if alias is None and bare[(id(item.find_ancestor(exp.Select)), function)] > 1:
            continue  # `from range(2), range(3)`: two tables of one name
        if alias is not None and alias.columns:
            continue  # `range(3) as r(n)`: sqlglot already reads `n`
        if alias is not None and alias.name:
            if read is None:
                read = {c.name.lower() for c in tree.find_all(exp.Column)}
            if function in read and function != alias.name.lower():
                continue  # `g.generate_series` beside the column `g`: leave it to sqlglot, `*` over it open
            column = exp.to_identifier(alias.name, quoted=alias.this.quoted if isinstance(alias.this, exp.Identifier) else False)
            item.set("alias", exp.TableAlias(this=alias.this.copy(), columns=[column]))
        else:
            item.set("alias", exp.TableAlias(this=exp.to_identifier(function), columns=[exp.to_identifier(function)]))
        named = True
    return named


def unnest_of_non_list(tree: exp.Expression) -> str | None:
    """After types are annotated: why the columns stay open when an UNNEST in a FROM clause has an argument whose
    type is known and is not a list (a STRUCT: DuckDB refuses it), else None."""
    for item in tree.find_all(exp.Unnest):
        if not isinstance(item.parent, (exp.From, exp.Join)):
            continue
        for argument in item.expressions:
            data_type = argument.type
            if data_type is None or data_type.this in (exp.DataType.Type.UNKNOWN, exp.DataType.Type.NULL):
                continue
            if data_type.this not in (exp.DataType.Type.ARRAY, exp.DataType.Type.LIST):
                return NOT_A_LIST
    return None
