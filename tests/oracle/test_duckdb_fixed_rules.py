"""The columns meshlint gives an aggregate's ORDER BY and JSON arrows in an unaliased name (unaliased_names.py), DuckDB's table functions in FROM (table_functions.py), COLUMNS(...) inside
expressions and with lambdas (star_filters.py), named windows in unaliased names (named_windows.py), the unnest
of a struct (unnest_structs.py) and UNPIVOT over COLUMNS(...) (pivots.py) are the ones real DuckDB gives the
table it creates (`create table ... as <query>`, as dbt-duckdb does), for many queries. A query meshlint leaves
open is allowed; a wrong name never is, nor closing a query DuckDB refuses."""

from __future__ import annotations

import pytest

duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed (see requirements-oracle.txt)")

from sqlglot import exp  # noqa: E402

from meshlint.analyse.columns import TableColumns, infer_output_columns, parse_sql  # noqa: E402

pytestmark = pytest.mark.dbt

TABLE = {
    "id": "integer", "user_id": "integer", "cat": "varchar", "amount": "decimal(10,2)", "s_date": "date",
    "e_date": "date", "meta": "struct(r integer, i varchar)", "tags": "varchar[]", "doc": "json",
}

QUERIES = """
select doc->>'$.kind' from t
select doc->'$.a' from t
select doc ->> 'a' from t
select doc->0 from t
select t.doc->>'a' from t
select DOC->>'a' from t
select doc->'a'->>'b' from t
select doc->>'it''s' from t
select id, doc->>'$.k', json_extract(doc, '$.a') from t
select doc->>'a' || 'x' from t
select doc->>id from t
select upper(doc->>'k') from t
select * from (select doc->>'k' from t)
select string_agg(cat, '|' order by s_date) from t
select string_agg(cat, '|' order by s_date desc) from t
select list(cat order by s_date desc, id) from t
select array_agg(cat order by id) from t
select array_agg(cat order by id asc) from t
select first(cat order by id) from t
select arg_max(cat, id order by s_date) from t
select list(distinct cat order by cat) from t
select list(cat order by s_date nulls first) from t
select id, string_agg(cat, ',' ORDER BY id) from t group by id
select STRING_AGG(cat, ',' order by ID) from t
select list(upper(cat) order by lower(cat)) from t
select max(cat order by id), sum(id order by s_date) from t
select count(cat order by id) from t
select quantile_cont(id, 0.5 order by id) from t
select * from (select user_id, list(cat order by id) from t group by user_id)
select * from generate_series(1, 3)
select * from generate_series(1, 3) as g
select * from generate_series(1, 3) g(n)
select g.generate_series from generate_series(1, 3) as g
select g.g from generate_series(1, 3) as g
select g.generate_series, g.* from generate_series(1, 3) as g
select * from range(3)
select * from RANGE(3)
select * from range(3) r
select r.* from range(3) r
select r.range from range(3) r
select * from range(date '2024-01-01', date '2024-01-05', interval 1 day)
select * from range(timestamp '2024-01-01', timestamp '2024-01-02', interval 6 hour) as hours
select * from generate_series(date '2024-01-01', date '2024-03-01', interval 1 month)
select * from unnest([1, 2])
select * from unnest(['a', 'b']) as u
select * from unnest([1, 2]) as u(x)
select * from unnest([{'a': 1}])
select * from t, range(2)
select * from t join generate_series(1, 2) on true
select * from t join generate_series(1, 2) as s on s.s = t.id
select * from range(2), range(3)
select * from range(2), generate_series(3)
select * from range(2) a, range(3) b
select * from (select * from range(2)) s
with d as (select * from range(date '2024-01-01', date '2024-01-05', interval 1 day)) select * from d
with d as (select * from generate_series(1, 5) as n) select n, n * 2 as twice from d
select range as x from range(3)
select generate_series as n, generate_series + 1 as m from generate_series(1, 3)
select id, t2.* from t, unnest(tags) as t2
select min(columns('_date$')) from t
select min(columns('_date$')), id from t group by id
select min(columns('_date$')) as m from t
select min(columns('^s_')) as m from t
select columns('_date$') as m from t
select max(columns('_date$')) - min(columns('_date$')) from t
select max(columns('_date$')) - min(columns('id')) from t
select upper(columns('cat')) from t
select columns('_date$')::varchar from t
select count(columns(*)) from t
select min(columns(* exclude (meta, tags))) from t
select columns(* exclude (meta, tags)) from t
select count(columns(*)) from (select 1 as "Mixed", 2 as b)
select count(columns('M')) from (select 1 as "Mixed", 2 as b)
with x as (select 1 as "Mixed", 2 as b) unpivot x on columns(* exclude (b))
select columns(lambda c: c like '%_id') from t
select columns(lambda c: c like '%id') from t
select columns(lambda c: c like '%_id') as x from t
select columns(c -> c like '%_id') from t
select max(columns(c -> c like '%_date')) from t
select columns(lambda c: c ilike '%_DATE') from t
select columns(lambda c: c like '%date' or c = 'cat') from t
select columns(lambda c: not c like '%date') from t
select columns(lambda c: c not like '%date') from t
select columns(lambda c: c in ('cat', 'id')) from t
select columns(lambda c: c <> 'cat' and c != 'meta') from t
select columns(lambda c: length(c) > 3) from t
select max(columns(lambda c: c like '%_date')) from t
select * from (select min(columns('_date$')) from t)
select columns('zzz') + 1 from t
select min(columns(['s_date'])) from t
select row_number() over w from t window w as (order by id)
select sum(id) over w from t window w as (partition by cat order by id)
select row_number() over w as rn, rank() over w from t window w as (partition by cat order by id)
select row_number() over (w) from t window w as (partition by cat order by id)
select sum(id) over (w rows between 1 preceding and current row) from t window w as (order by id)
select sum(id) over (w order by id) from t window w as (partition by cat)
select count(*) over w from t window w as (order by id rows between unbounded preceding and current row)
select rank() over w from t window w as (order by id asc)
select rank() over w2 from t window w1 as (partition by cat), w2 as (w1 order by id)
select lag(id) over w, lead(id, 1) over w from t window w as (partition by cat order by s_date desc)
select * from (select sum(id) over w from t window w as (partition by cat order by id))
select cat, count(*) over w from t window w as (partition by cat) qualify row_number() over w = 1
select id, first_value(cat) over w, last_value(cat) over w from t window w as (partition by user_id order by amount desc)
select id, unnest(meta) from t
select unnest(meta) from t
select unnest(meta) as s from t
select unnest(meta, recursive := true) from t
select unnest(meta), unnest(meta) from t
select unnest(tags) as x from t
select unnest(tags) from t
select * from (select unnest(meta) from t)
select * from (select unnest(meta) as q from t)
select * from (select unnest(tags) as q from t)
select unnest(['a', cat]) as tag, id from t
select unnest({'x': 1, 'y': 'z'}) from t
select id, unnest(string_split(cat, ' ')) as word from t
unpivot (select id, cat, s_date::varchar as s from t) on columns(* exclude (id)) into name k value v
unpivot (select id, cat, s_date::varchar as s from t) on columns('^[cs]')
unpivot (select id, cat, s_date::varchar as s from t) on columns(lambda c: c in ('s', 'cat'))
with x as (select id, cat, cat || 'x' as c2 from t) unpivot x on columns(* exclude (id))
with x as (select id, cat, cat || 'x' as c2 from t) select * from (unpivot x on columns(* exclude (id)) into name k value v)
unpivot (select id, cat, s_date::varchar as s from t) on columns(lambda c: length(c) = 1)
""".strip().splitlines()


def _duckdb_names(con: object, query: str) -> list[str] | str:
    try:
        con.execute("create or replace table z as " + query)  # type: ignore[attr-defined]
    except duckdb.Error as error:
        return f"error: {error}"
    rows = con.execute(  # type: ignore[attr-defined]
        "select column_name from information_schema.columns where table_name = 'z' order by ordinal_position"
    ).fetchall()
    return [r[0] for r in rows]


# Over joins (duplicate names, USING): two more tables
JOINED = {"a": {"id": "integer", "a_name": "varchar", "a_date": "date"}, "b": {"id": "integer", "b_val": "integer", "b_date": "date"}}
JOIN_QUERIES = """
select max(columns('id')) from a join b on a.id = b.id
select max(columns('_date')) from a join b on a.id = b.id
select max(columns('_date')) from a join b using (id)
select max(columns('id')) from a join b using (id)
select a.id, max(columns('_date')) from a join b using (id) group by all
select columns('id') from a join b on a.id = b.id
select * from a, range(2) as r join b on b.id = r.r
select * from a join generate_series(1, 2) as g on g.g = a.id
select * from a, unnest([a.a_name]) as u
select *, row_number() over w from a window w as (order by id)
select a.*, sum(b_val) over w from a join b using (id) window w as (partition by a.id)
select id, count(*) over w from a window w as (partition by a_name order by a_date desc) order by 1
""".strip().splitlines()


def _meshlint(query: str, tables: dict[str, dict[str, str]] | None = None) -> tuple[list[str], bool, tuple[str, ...]]:
    tree = parse_sql(query, "duckdb")
    assert isinstance(tree, exp.Expression), tree
    known = {
        name: TableColumns({n: exp.DataType.build(t, dialect="duckdb") for n, t in columns.items()}, True)
        for name, columns in (tables or {"t": TABLE}).items()
    }
    found = infer_output_columns(tree, known, "duckdb")
    return [c.name for c in found.columns], found.closed, found.reasons


def test_names_are_duckdbs_or_open() -> None:
    con = duckdb.connect()
    for name, table in {"t": TABLE, **JOINED}.items():
        columns = ", ".join(f'"{n}" {t}' for n, t in table.items())
        con.execute(f"create table {name} ({columns})")
    wrong, closed, open_ = [], 0, []
    for query, tables in [*((q, None) for q in QUERIES), *((q, JOINED) for q in JOIN_QUERIES)]:
        expected = _duckdb_names(con, query)
        names, is_closed, reasons = _meshlint(query, tables)
        if isinstance(expected, str):
            assert not is_closed, f"{query}: DuckDB fails ({expected}), meshlint closes it as {names}"
            continue
        if is_closed:
            closed += 1
            if names != expected:
                wrong.append(f"{query}\n  meshlint {names}\n  DuckDB   {expected}")
        else:
            open_.append(f"{query}: {reasons}")
    assert not wrong, "\n".join(wrong)
    print(f"\n{closed} of {len(QUERIES) + len(JOIN_QUERIES)} queries closed; open:\n" + "\n".join(open_))
    assert closed >= 60


# Calls that always give a list in DuckDB (type_rules.py), typed by meshlint as the list DuckDB gives, so that a
# child's unnest (or subscript) of such a column is known. Each is checked as the type of a column DuckDB
# creates; a call meshlint does not type stays UNKNOWN, which is allowed (but the ones listed must be typed).
LIST_CALLS = """
string_split(cat, ',') | str_split(cat, ' ') | string_to_array(cat, ',') | split(cat, ',') | regexp_split_to_array(cat, ',')
string_split_regex(cat, '[,;]') | str_split_regex(cat, ',') | regexp_extract_all(cat, '[a-z]') | array_agg(cat) | list(id)
list(amount order by id) | array_agg(s_date) | list_distinct(tags) | list_sort(tags) | array_sort(tags) | list_reverse_sort(tags)
list_reverse(tags) | array_reverse(tags) | list_slice(tags, 1, 2) | list_concat(tags, tags) | array_concat(tags, tags)
flatten([tags, tags]) | tags[1:2] | string_split(cat, ',')[1:2] | [cat, cat] | list_value(id, id) | string_split(cat, ',')[1]
"""
# ... and calls whose type depends on more than meshlint models: left UNKNOWN
LIST_CALLS_UNTYPED = """
string_split(null, ',') | list_concat(tags, [1]) | list_append(tags, 'x') | tags || tags | list_value(id, 2.5)
"""


def _split(text: str) -> list[str]:
    return [e.strip() for line in text.strip().splitlines() for e in line.split(" | ")]


def _meshlint_types(query: str, tables: dict[str, dict[str, str]]) -> tuple[bool, list[tuple[str, exp.DataType | None]]]:
    tree = parse_sql(query, "duckdb")
    assert isinstance(tree, exp.Expression), tree
    known = {
        name: TableColumns({n: exp.DataType.build(t, dialect="duckdb") for n, t in columns.items()}, True)
        for name, columns in tables.items()
    }
    found = infer_output_columns(tree, known, "duckdb")
    return found.closed, [(c.name, c.type) for c in found.columns]


def _same(data_type: exp.DataType, duckdb_type: str) -> bool:
    return data_type.sql("duckdb") == exp.DataType.build(duckdb_type, dialect="duckdb").sql("duckdb")


def _duckdb_types(con: object, query: str) -> list[tuple[str, str]]:
    con.execute("create or replace table z as " + query)  # type: ignore[attr-defined]
    return [(r[0], r[1]) for r in con.execute("describe z").fetchall()]  # type: ignore[attr-defined]


def test_list_calls_are_typed_as_duckdbs_lists_and_a_childs_unnest_is_known() -> None:
    con = duckdb.connect()
    con.execute("create table t (" + ", ".join(f'"{n}" {t}' for n, t in TABLE.items()) + ")")
    con.execute("insert into t values (1, 2, 'a,b', 1.5, date '2024-01-01', date '2024-01-02', {'r': 1, 'i': 'x'}, ['u', 'v'], '{}')")
    for expression in _split(LIST_CALLS):
        query = f"select id, {expression} as x from t group by all" if "list(" in expression or "agg" in expression else f"select id, {expression} as x from t"
        duck = _duckdb_types(con, query)
        closed, columns = _meshlint_types(query, {"t": TABLE})
        assert closed and [n for n, _ in columns] == [n for n, _ in duck], query
        typed = columns[1][1]
        assert typed is not None and _same(typed, duck[1][1]), (
            f"{query}: meshlint {typed and typed.sql('duckdb')}, DuckDB {duck[1][1]}"
        )
        # the child: `unnest(x)` of that column (a list) is one column named `u`, typed as the element
        parent = {"p": {"id": "integer", "x": typed.sql("duckdb")}}
        if not typed.is_type(exp.DataType.Type.ARRAY, exp.DataType.Type.LIST):
            continue
        con.execute("create or replace table p as " + query)
        child = "select id, unnest(x) as u from p"
        duck_child = _duckdb_types(con, child)
        closed, columns = _meshlint_types(child, parent)
        assert closed, child
        assert [n for n, _ in columns] == [n for n, _ in duck_child], child
        element = columns[1][1]
        assert element is not None and _same(element, duck_child[1][1]), (
            f"{query} -> {child}: meshlint {element and element.sql('duckdb')}, DuckDB {duck_child[1][1]}"
        )
    for expression in _split(LIST_CALLS_UNTYPED):
        query = f"select id, {expression} as x from t"
        try:
            duck = _duckdb_types(con, query)
        except duckdb.Error:  # DuckDB refuses the call: meshlint must not have typed it
            columns = _meshlint_types(query, {"t": TABLE})[1]
            assert len(columns) < 2 or columns[1][1] is None or columns[1][1].is_type(exp.DataType.Type.UNKNOWN), query
            continue
        closed, columns = _meshlint_types(query, {"t": TABLE})
        typed = columns[1][1] if len(columns) > 1 else None
        assert typed is None or typed.is_type(exp.DataType.Type.UNKNOWN) or _same(typed, duck[1][1]), query


def test_a_childs_unnest_of_a_column_whose_type_is_not_known_stays_open() -> None:
    closed, _ = _meshlint_types("select id, unnest(x) as u from p", {"p": {"id": "integer", "x": "unknown"}})
    assert not closed
