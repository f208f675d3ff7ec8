-- The type of a CASE / IF / COALESCE / IFNULL / NULLIF whose branches are lists, structs or maps (DuckDB,
-- nested_types.py): the branches' one type, a NULL branch and an empty list `[]` taking it; anything else
-- unknown. Each result checked against DuckDB 2.0.1 (tests/oracle/test_duckdb_gaps.py).

-- case: duckdb CASE of an empty-list cast and a split list is the list
-- dialect: duckdb
-- schema: {"t": {"q": "varchar"}}
select case when q is null or q = '' then []::varchar[] else string_split(q, ';') end as parts from t
-- expect: parts VARCHAR[]

-- case: duckdb CASE of a bare empty list and a list is the list
-- dialect: duckdb
-- schema: {"t": {"q": "varchar"}}
select case when q is null then [] else string_split(q, ';') end as parts from t
-- expect: parts VARCHAR[]

-- case: duckdb COALESCE, IFNULL, IF and NULLIF over a list and an empty list
-- dialect: duckdb
-- schema: {"t": {"q": "varchar", "li": "int[]"}}
select coalesce(string_split(q, ';'), []) as a, ifnull(li, []) as b, if(q is null, [], string_split(q, ',')) as c,
  nullif(li, []) as d, case when q is null then null else li end as e
from t
-- expect: a VARCHAR[], b INT[], c VARCHAR[], d INT[], e INT[]

-- case: duckdb CASE of identical structs and maps, and of a list of structs with an empty list
-- dialect: duckdb
-- schema: {"t": {"i": "int", "s": "struct(a int, b varchar)", "m": "map(varchar, int)"}}
select case when i = 1 then s else {'a': 2, 'b': 'y'} end as s2, case when i = 1 then m else null end as m2,
  case when i = 1 then [s] else [] end as ls, case when i = 1 then [[1]] else [] end as nested
from t
-- expect: s2 STRUCT(a INT, b VARCHAR), m2 MAP(VARCHAR, INT), ls STRUCT(a INT, b VARCHAR)[], nested INT[][]

-- case: duckdb a child's unnest of a CASE-built list is known
-- dialect: duckdb
-- schema: {"t": {"id": "int", "q": "varchar"}}
with p as (select id, case when q is null then []::varchar[] else string_split(q, ';') end as parts from t)
select id, unnest(parts) as part from p
-- expect: id INT, part VARCHAR

-- case: duckdb CASE of lists of different element types is unknown (DuckDB widens them by its own rules)
-- dialect: duckdb
-- schema: {"t": {"i": "int", "li": "int[]", "lb": "bigint[]"}}
select case when i = 1 then li else lb end as l from t
-- expect: l ?

-- case: duckdb CASE of structs with other field orders or fields is unknown (DuckDB merges or reorders them)
-- dialect: duckdb
-- schema: {"t": {"i": "int", "s": "struct(a int, b varchar)"}}
select case when i = 1 then s else {'b': 'y', 'a': 2} end as x, case when i = 1 then s else {'a': 2} end as y from t
-- expect: x ?, y ?

-- case: duckdb CASE of only empty lists, a list and an unknown value, or a struct and an empty list is unknown
-- dialect: duckdb
-- schema: {"t": {"i": "int", "li": "int[]", "u": null, "s": "struct(a int)"}}
select case when i = 1 then [] else [] end as a, coalesce(li, u) as b, case when i = 1 then s else [] end as c from t
-- expect: a ?, b ?, c ?

-- case: duckdb a child's unnest of a CASE of lists of different types stays open
-- dialect: duckdb
-- schema: {"t": {"id": "int", "i": "int", "li": "int[]", "lb": "bigint[]"}}
with p as (select id, case when i = 1 then li else lb end as l from t)
select id, unnest(l) as x from p
-- expect: id INT
-- expect-open: an unnest of a value whose type is not known

-- case: postgres CASE of one same array type keeps it (identical types); arrays of two types are unknown
-- dialect: postgres
-- schema: {"t": {"q": "text", "a": "text[]", "n": "int[]"}}
select case when q is null then a else a end as same, coalesce(a, array[]::text[]) as c, coalesce(a, n) as d from t
-- expect: same TEXT[], c TEXT[], d ?
