-- DuckDB's star over a STRUCT column, `s.*` (struct_stars.py): one column per field, in the struct's order,
-- renamed with the other output columns where names repeat. Each checked against DuckDB 2.0.1
-- (tests/oracle/test_duckdb_gaps.py).

-- case: duckdb struct star between columns, a field name repeating another column's
-- dialect: duckdb
-- schema: {"t": {"id": "int", "a": "int", "s": "struct(a int, b varchar)"}}
select id, s.*, a from t
-- expect: id INT, a INT, b VARCHAR, a_1 INT

-- case: duckdb struct star after the column its field repeats, and twice
-- dialect: duckdb
-- schema: {"t": {"a": "int", "s": "struct(a int, b varchar)"}}
select a, s.*, s.* from t
-- expect: a INT, a_1 INT, b VARCHAR, a_2 INT, b_1 VARCHAR

-- case: duckdb struct star of a struct literal from a subquery, and of a struct of structs
-- dialect: duckdb
-- schema: {"t": {"s3": "struct(x struct(y int))"}}
select s.*, z.* from (select {'a': 1, 'b': 'x'} as s, s3 as z from t)
-- expect: a INT, b VARCHAR, x STRUCT(y INT)

-- case: duckdb struct star over a CTE's struct column
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": "struct(a int, b varchar)"}}
with x as (select id, s from t)
select id, s.* from x
-- expect: id INT, a INT, b VARCHAR

-- case: duckdb a star over a table alias is not a struct star
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": "struct(a int)"}}
select s.* from t as s
-- expect: id INT, s STRUCT(a INT)

-- case: duckdb struct star of a struct whose type is not known stays open
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": null}}
select id, s.* from t
-- expect: id INT
-- expect-open: a star over a value whose STRUCT type is not known

-- case: duckdb struct star with a field name not in lower case stays open
-- dialect: duckdb
-- schema: {"t": {"id": "int"}}
select s.* from (select {'A': 1, 'b': 2} as s)
-- expect-open: STRUCT field names that are not all lower case

-- case: duckdb a table whose struct has a field not in lower case: struct star open, struct types unknown
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": "struct(a int, \"Bc\" varchar)", "p": "struct(a int)"}}
select s, p, p.* from t
-- expect: s ?, p ?
-- expect-open: STRUCT field names that are not all lower case

-- case: duckdb unnest of a struct literal with a field not in lower case stays open
-- dialect: duckdb
-- schema: {"t": {"id": "int"}}
select unnest({'A': 1, 'b': 2}) from t
-- expect-open: STRUCT field names that are not all lower case

-- case: duckdb struct star with EXCLUDE stays open
-- dialect: duckdb
-- schema: {"t": {"s": "struct(a int, b varchar)"}}
select s.* exclude (a) from t
-- expect-open: EXCLUDE / REPLACE / RENAME

-- case: duckdb struct star of an expression stays open (DuckDB refuses it)
-- dialect: duckdb
-- schema: {"t": {"s": "struct(x struct(y int))"}}
select s.x.* from t
-- expect-open: a star over a struct written other than `s.*`

-- case: duckdb struct star and struct unnest inside CTEs read with a star: spelled out in a second pass
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": "struct(a int, b varchar)"}}
with x as (select id, s.* from t), y as (select id, unnest({'k': 1, 'v': 'z'}) from x)
select * from x join y using (id)
-- expect: id INT, a INT, b VARCHAR, k INT, v VARCHAR

-- case: duckdb struct star with EXCLUDE inside a CTE read with a star stays open
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": "struct(a int, b varchar)"}}
with x as (select id, s.* exclude (a) from t)
select * from x
-- expect-open: `select *`

-- case: duckdb struct star inside a CTE of a struct with a field not in lower case stays open
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": "struct(a int, \"Bc\" varchar)"}}
with x as (select id, s.* from t)
select * from x
-- expect-open: `select *`

-- case: postgres composite star is not expanded by the DuckDB rule
-- dialect: postgres
-- schema: {"t": {"id": "int", "s": "struct(a int, b text)"}}
select id, (s).* from t
-- expect: id INT
-- expect-open: a star over a STRUCT column

-- case: duckdb an UNNEST in FROM of a struct stays open (DuckDB refuses it); of a list it is one column
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": "struct(a int)", "l": "int[]"}}
select * from t, unnest(s)
-- expect: id INT, s STRUCT(a INT), l INT[], unnest ?
-- expect-open: an UNNEST in FROM of a value that is not a list

-- case: duckdb an UNNEST in FROM of a list column is one column named unnest
-- dialect: duckdb
-- schema: {"t": {"id": "int", "l": "int[]"}}
select t.id, u.* from t, unnest(l) as u
-- expect: id INT, u INT
