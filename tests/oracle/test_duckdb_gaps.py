"""Against real DuckDB (`create table ... as <query>`, as dbt-duckdb does): the common type of CASE / IF /
COALESCE / IFNULL / NULLIF branches that are lists, structs or maps (nested_types.py), a star over a STRUCT
column (struct_stars.py), UNPIVOT whose input select list and ON list both use COLUMNS(...) (pivots.py,
star_filters.py), PIVOT with aliases in its IN list (pivot_aliases.py) and qualified reads of a partly known table
(partial_tables.py). A query meshlint leaves open, or a type it leaves unknown, is allowed; a wrong name or type
never is, nor closing a query DuckDB refuses."""

from __future__ import annotations

import pytest

duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (see requirements-oracle.txt)")

from sqlglot import exp  # noqa: E402

from meshlint.analyse.columns import TableColumns, infer_output_columns, parse_sql  # noqa: E402

pytestmark = pytest.mark.dbt

TABLE = {
    "id": "integer", "i": "integer", "a": "integer", "q": "varchar", "li": "integer[]", "lb": "bigint[]",
    "s": "struct(a integer, b varchar)", "s3": "struct(x struct(y integer))",
    "m": "map(varchar, integer)", "a_rate": "double", "b_rate": "double",
}
ROW = "(1, 1, 5, 'x;y', [1, 2], [3], {'a': 1, 'b': 'u'}, {'x': {'y': 1}}, map(['k'], [1]), 1.5, 2.5)"
MIXED = {"id": "integer", "s": "struct(a integer, b varchar)", "sm": 'struct(a integer, "Bc" varchar)'}  # table u

# (expression, whether meshlint must type it): each as `select <expression> as x from t`
TYPED = """
case when q is null then []::varchar[] else string_split(q, ';') end | yes
case when q is null or q = '' then [] else string_split(q, ';') end | yes
case when q is null then null else string_split(q, ';') end | yes
coalesce(string_split(q, ';'), []) | yes
coalesce(string_split(q, ';'), []::varchar[]) | yes
ifnull(string_split(q, ';'), []) | yes
ifnull(li, []) | yes
nullif(string_split(q, ';'), []) | yes
if(q is null, [], string_split(q, ';')) | yes
case when i = 1 then li else [1, 2] end | yes
case when i = 1 then li else [] end | yes
case when i = 1 then s else null end | yes
case when i = 1 then s else {'a': 2, 'b': 'y'} end | yes
case when i = 1 then [s] else [] end | yes
case when i = 1 then m else null end | yes
case when i = 1 then [[1]] else [] end | yes
[[1], []] | yes
case when i = 1 then ['a'] else string_split(q, ';') end | yes
case when i = 1 then li else lb end | no
case when i = 1 then s else {'b': 'y', 'a': 2} end | no
case when i = 1 then s else {'a': 2} end | no
case when i = 1 then [] else [] end | no
case when i = 1 then m else map() end | no
case when i = 1 then li else [1.5] end | no
coalesce(li, lb) | no
"""

STRUCT_STARS = """
select s.* from t
select id, s.*, a from t
select a, s.* from t
select s.*, s.* from t
select *, s.* from t
select s3.* from t
select s.* from (select {'a': 1, 'b': 2} as s)
select s.* from (select struct_pack(a := 1, b := 'z') as s)
with x as (select id, s from t) select s.* from x
select x.* from t as x
select sm.* from u
select s.* from u
select s.* from (select {'A': 1, 'b': 2} as s)
select s.* from (select {'a': 1} as s, {'B': 2} as z)
select t.s.* from t
select s3.x.* from t
select s.* exclude (a) from t
select * from (select s.* from t)
with x as (select id, s.* from t) select * from x
with x as (select a, s.* from t) select * from x
with x as (select id, s.* from t) select x.b, x.* from x
with x as (select id, s.* exclude (a) from t) select * from x
with x as (select id, {'k': 1, 'v': 'z'} as d from t), y as (select id, unnest(d) from x) select * from y
select * from (select id, unnest(s) as q from t)
select * from (select id, unnest(s), unnest(s3) from t)
with x as (select id, unnest(li) as v, s.* from t) select * from x
with x as (select id, s.* from t), y as (select id, unnest({'k': 1, 'v': 'z'}) from x) select * from x join y using (id)
select unnest({'A': 1, 'b': 2})
select unnest(sm) from u
select unnest(s) from t
select s.* from t, range(1) as s
select * from (select {'x': 1} as s), unnest(s)
select * from t, unnest(li) as u
""".strip().splitlines()

UNPIVOTS = """
select * from (unpivot (select id, columns('_rate$') from t) on columns('_rate$') into name k value v)
unpivot (select id, columns('_rate$') from t) on columns('_rate$') into name k value v
unpivot (select id, columns('_rate$') from t) on columns('^a') into name k value v
unpivot (select id, q, columns('_rate$') from t) on columns(* exclude (id, q))
unpivot (select id, columns('^b'), columns('^a_') from t) on columns('rate')
unpivot (select id, * like '%_rate' from t) on columns('_rate$') into name k value v
pivot t on q in ('x;y' as both, 'z') using count(*) group by id
select * from (pivot t on q in ('x;y' as "Both Parts", 'z' as z) using count(*) as n, sum(a) as s group by id)
pivot t on q in ('x;y' as both, 'z') using sum(a)
pivot t on q in ('x;y' as both, 'z' as both) using count(*) group by id
pivot t on q in ('x;y' both) using count(*) group by id
with p as (pivot t on q in ('x;y' as xy) using count(*) group by id) select * from p
""".strip().splitlines()


def _connect() -> object:
    con = duckdb.connect()
    con.execute("create table t (" + ", ".join(f'"{n}" {t}' for n, t in TABLE.items()) + ")")
    con.execute(f"insert into t values {ROW}")
    con.execute("create table u (" + ", ".join(f'"{n}" {t}' for n, t in MIXED.items()) + ")")
    return con


def _meshlint(
    query: str, table: dict[str, str | None] = TABLE, complete: bool = True
) -> tuple[list[tuple[str, exp.DataType | None]], bool, tuple[str, ...]]:
    tree = parse_sql(query, "duckdb")
    if not isinstance(tree, exp.Expression):
        return [], False, (tree.message,)  # not parsed: open
    columns = {n: exp.DataType.build(t, dialect="duckdb") if t else None for n, t in table.items()}
    known = {"t": TableColumns(columns, complete, "" if complete else "t's list may be partial")}
    if query.endswith(" from u"):  # the table whose struct has a field not in lower case, only where read
        known = {"u": TableColumns({n: exp.DataType.build(t, dialect="duckdb") for n, t in MIXED.items()}, True)}
    found = infer_output_columns(tree, known, "duckdb")
    return [(c.name, c.type) for c in found.columns], found.closed, found.reasons


def _duckdb(con: object, query: str) -> list[tuple[str, str]] | str:
    try:
        con.execute("create or replace table z as " + query)  # type: ignore[attr-defined]
    except duckdb.Error as error:
        return f"error: {error}"
    return [(r[0], r[1]) for r in con.execute("describe z").fetchall()]  # type: ignore[attr-defined]


def _same(data_type: exp.DataType, duckdb_type: str) -> bool:
    return data_type.sql("duckdb") == exp.DataType.build(duckdb_type, dialect="duckdb").sql("duckdb")


def test_nested_branches_are_typed_as_duckdbs_or_left_unknown() -> None:
    con = _connect()
    for line in TYPED.strip().splitlines():
        expression, must = (part.strip() for part in line.split(" | "))
        query = f"select {expression} as x from t"
        duck = _duckdb(con, query)
        assert not isinstance(duck, str), f"{query}: {duck}"
        columns, closed, _ = _meshlint(query)
        assert closed and [n for n, _ in columns] == ["x"], query
        typed = columns[0][1]
        if must == "yes":
            assert typed is not None and _same(typed, duck[0][1]), f"{query}: meshlint {typed and typed.sql('duckdb')}, DuckDB {duck[0][1]}"
        else:
            assert typed is None, f"{query}: meshlint types it {typed.sql('duckdb')} (DuckDB {duck[0][1]}), a rule it cannot be sure of"
        # a child's unnest of the column: known exactly when the list type is
        if must == "yes" and typed.is_type(exp.DataType.Type.ARRAY, exp.DataType.Type.LIST):
            con.execute("create or replace table p as " + query)  # type: ignore[attr-defined]
            child = "select unnest(x) as u from p"
            found, closed, _ = _meshlint(child.replace("from p", "from t"), {"x": typed.sql("duckdb")})
            duck_child = _duckdb(con, child)
            assert closed and [n for n, _ in found] == [n for n, _ in duck_child], child  # type: ignore[union-attr]


def _names_or_open(con: object, queries: list[str], minimum: int) -> None:
    wrong, closed, open_ = [], 0, []
    for query in queries:
        duck = _duckdb(con, query)
        columns, is_closed, reasons = _meshlint(query)
        names = [n for n, _ in columns]
        if isinstance(duck, str):
            assert not is_closed, f"{query}: DuckDB fails ({duck}), meshlint closes it as {names}"
            continue
        if not is_closed:
            open_.append(f"{query}: {reasons}")
            continue
        closed += 1
        if names != [n for n, _ in duck]:
            wrong.append(f"{query}\n  meshlint {names}\n  DuckDB   {[n for n, _ in duck]}")
        for (name, typed), (_, duck_type) in zip(columns, duck):
            if typed is not None and not _same(typed, duck_type) and typed.sql("duckdb") != duck_type:
                # struct field names are compared without case (sqlglot folds them); DuckDB prints INTEGER as INT
                if typed.sql("duckdb").lower() != exp.DataType.build(duck_type, dialect="duckdb").sql("duckdb").lower():
                    wrong.append(f"{query}: {name} meshlint {typed.sql('duckdb')}, DuckDB {duck_type}")
    assert not wrong, "\n".join(wrong)
    print(f"\n{closed} of {len(queries)} closed; open:\n" + "\n".join(open_))
    assert closed >= minimum


def test_struct_stars_are_named_as_duckdb_names_them_or_open() -> None:
    _names_or_open(_connect(), STRUCT_STARS, 16)


def test_struct_stars_that_must_stay_open() -> None:
    for query in ("select t.s.* from t", "select s.* exclude (a) from t", "select sm.* from u", "select unnest(sm) from u",
                  "select s.* from u", "with x as (select id, sm.* from u) select * from x",
                  "select * from (select id, unnest(sm) from u)",
                  "select s.* from (select {'A': 1, 'b': 2} as s)", "with x as (select id, s.* exclude (a) from t) select * from x"):
        assert not _meshlint(query)[1], query
    assert not _meshlint("select s.* from t", {"id": "integer", "s": None})[1]  # type not known
    # a struct from a table with a field not in lower case is left untyped, so a child cannot expand it wrong
    columns, closed, _ = _meshlint("select sm, s from u")
    assert closed and columns[0][1] is None and columns[1][1] is None


def test_unpivot_with_columns_in_its_input_and_on_list() -> None:
    _names_or_open(_connect(), UNPIVOTS, 9)
    # an IN-list value of another shape than `literal AS name` is not read: the text stays a parse failure
    assert not isinstance(parse_sql("pivot t on q in (upper('a') as x) using count(*) group by id", "duckdb"), exp.Expression)
    # must stay open: the input's table may have more `_rate` columns
    query = "unpivot (select id, columns('_rate$') from t) on columns('_rate$') into name k value v"
    assert _meshlint(query)[1]
    assert not _meshlint(query, TABLE, complete=False)[1]


# A table of which meshlint knows only some columns (a source with a partial YAML list): qualified reads of the
# others (partial_tables.py). DuckDB's table has them all. (A read of a column the table does not have fails the
# build, qualified or not; meshlint cannot tell it from one it does not know, as for an unqualified read. Nor can
# it tell a name written in another case than the table's: DuckDB reports the table's spelling.)
PARTIAL_KNOWN = {"id": "integer"}
PARTIAL_REAL = {"id": "integer", "amount": "decimal(10,2)", "status": "varchar", "created_at": "timestamp", "Note": "varchar"}
PARTIAL_QUERIES = """
select o.id, o.amount, o.status from src as o
select o.amount * 2 as doubled, o.created_at::date as day from src as o
select src.status, count(*) as n from src group by src.status
with s as (select * from src) select s.amount, s.id from s
with s as (select * from src), r as (select s.id as order_id, s.status from s) select r.order_id, r.status from r
with x as (select o.id, o.status from src as o), y as (select o.id, o.amount from src as o) select x.status, y.amount from x join y using (id)
select o.Note, o.id as n2 from src as o
select o.*, o.amount from src as o
select s.id from (select o.id from src as o) as s
select s.status, s.n from (select o.*, 1 as n from src as o join src as p on o.id = p.id) as s
""".strip().splitlines()


def test_qualified_reads_of_a_partly_known_table_are_named_as_duckdb_or_open() -> None:
    con = duckdb.connect()
    con.execute("create table src (" + ", ".join(f'"{n}" {t}' for n, t in PARTIAL_REAL.items()) + ")")
    wrong, closed = [], 0
    for query in PARTIAL_QUERIES:
        duck = _duckdb(con, query)
        tree = parse_sql(query, "duckdb")
        assert isinstance(tree, exp.Expression), tree
        known = {"src": TableColumns({n: exp.DataType.build(t, dialect="duckdb") for n, t in PARTIAL_KNOWN.items()}, False, "src")}
        found = infer_output_columns(tree, known, "duckdb")
        names = [c.name for c in found.columns]
        if isinstance(duck, str):
            assert not found.closed, f"{query}: DuckDB fails ({duck}), meshlint closes it as {names}"
            continue
        if found.closed:
            closed += 1
            if names != [n for n, _ in duck]:
                wrong.append(f"{query}\n  meshlint {names}\n  DuckDB   {[n for n, _ in duck]}")
    assert not wrong, "\n".join(wrong)
    assert closed >= 8
