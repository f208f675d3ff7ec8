-- When the column set is open: unaliased expressions (the warehouse picks the name: they are left out), incomplete or unknown
-- tables under `*`, the render's unknown marker, and queries sqlglot cannot resolve.

-- case: snowflake unaliased arithmetic
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select id, id + 1 from t
-- expect: ID INT
-- expect-open: without an alias

-- case: snowflake unaliased cast is named by the warehouse (CAST(ID AS INT))
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select cast(id as int) from t
-- expect:
-- expect-open: without an alias

-- case: snowflake unaliased double-colon cast is named by its text upper-cased
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select id::varchar from t
-- expect: ID::VARCHAR VARCHAR

-- case: snowflake unaliased aggregate is named by its text upper-cased
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select count(*) from t
-- expect: COUNT(*) ~NUMBER(18,0)

-- case: snowflake unaliased text with a space stays open (whitespace handling is not certain)
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select count( * ) from t
-- expect:
-- expect-open: without an alias

-- case: snowflake unaliased text with a quote stays open
-- dialect: snowflake
-- schema: {"t": {"NAME": "varchar"}}
select upper('x') from t
-- expect:
-- expect-open: without an alias

-- case: snowflake unaliased variant path is named by its text upper-cased
-- dialect: snowflake
-- schema: {"t": {"V": "variant"}}
select v:a from t
-- expect: V:A VARIANT

-- case: postgres unaliased function is named after the function
-- dialect: postgres
-- schema: {"t": {"id": "int"}}
select count(*), upper('x') from t
-- expect: count BIGINT, upper TEXT

-- case: duckdb parenthesised column is named after the column
-- dialect: duckdb
-- schema: {"t": {"ID": "integer"}}
select (id), ((t.id)) as x from t
-- expect: ID INTEGER, x INTEGER

-- case: postgres cast of a column is named after the column
-- dialect: postgres
-- schema: {"t": {"i": "int"}}
select i::text, (i), cast(i as bigint), (i)::text, i::text::int from t
-- expect: i TEXT, i INT, i BIGINT, i TEXT, i INT
-- expect-open: postgres refuses to create a table or view with duplicate column names

-- case: postgres cast of an unnamed expression is named after the type
-- dialect: postgres
-- schema: {"t": {"i": "int"}}
select (i + 1)::text, 1::int, 2::bigint from t
-- expect: text TEXT, int4 INT, int8 BIGINT

-- case: duckdb unaliased cast is named as DuckDB prints it
-- dialect: duckdb
-- schema: {"t": {"id": "integer"}}
select id::bigint, id from t
-- expect: "CAST(id AS BIGINT)" BIGINT, id INTEGER

-- case: bigquery unaliased expression is f0_
-- dialect: bigquery
-- schema: {"t": {"id": "int64"}}
select id * 2 from t
-- expect: f0_ INT64

-- case: bigquery struct field access is named after the field
-- dialect: bigquery
-- schema: {"t": {"s": "struct<a int64, b string>"}}
select s.a, t.s.b from t
-- expect: a INT64, b STRING

-- case: databricks unaliased function
-- dialect: databricks
-- schema: {"t": {"name": "string"}}
select upper(name) from t
-- expect:
-- expect-open: without an alias

-- case: trino unaliased literal
-- dialect: trino
-- schema: {}
select 1
-- expect:
-- expect-open: without an alias

-- case: unaliased scalar subquery
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select (select max(id) from t)
-- expect:
-- expect-open: without an alias

-- case: aliased expressions in an inner query do not matter
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select n from (select count(*) as n, id + 1 from t group by id)
-- expect: N ~NUMBER(18,0)

-- case: incomplete source under star, joined to a complete table
-- dialect: snowflake
-- schema: {"src": {"ID": "int"}, "t": {"ID": "int", "X": "varchar"}}
-- incomplete: ["src"]
select src.*, t.x from src join t on src.id = t.id
-- expect: ID INT, X VARCHAR
-- expect-open: `src`, whose columns are not all known

-- case: incomplete source read by name only is closed
-- dialect: postgres
-- schema: {"src": {"id": "int"}}
-- incomplete: ["src"]
select id, other_col, other_col || 'x' as c from src
-- expect: id INT, other_col ?, c ?

-- case: star over an unknown table in a CTE, read by name
-- dialect: duckdb
-- schema: {}
with a as (select * from raw.events) select id, kind from a
-- expect: id ?, kind ?

-- case: star over a CTE reading an unknown table is open
-- dialect: duckdb
-- schema: {}
with a as (select * from raw.events) select * from a
-- expect:
-- expect-open: select *

-- case: columns of an unknown table read by name
-- dialect: bigquery
-- schema: {}
select e.id, e.kind from raw.events as e
-- expect: id ?, kind ?

-- case: qualified star over an unknown table is open
-- dialect: bigquery
-- schema: {"t": {"id": "int64"}}
select t.id, e.* from t join raw.events as e on t.id = e.id
-- expect: id INT64
-- expect-open: select *

-- case: render's unknown marker as a projection is dropped
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
-- open-reasons: ["`dbt_utils.star` is not known to meshlint"]
select id, meshlint__unknown from t
-- expect: ID INT
-- expect-open: dbt_utils.star

-- case: render's unknown marker inside an aliased expression is dropped
-- dialect: postgres
-- schema: {"t": {"id": "int"}}
-- open-reasons: ["a macro returned an unknown value"]
select id, meshlint__unknown + 1 as x from t
-- expect: id INT
-- expect-open: unknown value

-- case: render's unknown marker in a CTE keeps the outer alias, untyped
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
-- open-reasons: ["a macro returned an unknown value"]
with a as (select meshlint__unknown as x, id from t) select x, id from a
-- expect: X ?, ID INT
-- expect-open: unknown value

-- case: render's unknown marker expanded through a star is dropped
-- dialect: duckdb
-- schema: {"t": {"id": "integer"}}
-- open-reasons: ["a macro returned an unknown value"]
with a as (select id, meshlint__unknown from t) select * from a
-- expect: id INTEGER
-- expect-open: unknown value

-- case: render's unknown marker as a table is a star over an unknown table
-- dialect: snowflake
-- schema: {}
-- open-reasons: ["`ref` to a model that does not resolve"]
select * from meshlint__unknown
-- expect:
-- expect-open: does not resolve

-- case: sqlglot cannot resolve the query
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select * from t join t as u using (nope)
-- expect:
-- expect-open: sqlglot could not resolve

-- case: union branches of different widths
-- dialect: snowflake
-- schema: {"a": {"ID": "int"}, "b": {"ID": "int", "X": "int"}}
select id from a union all select id, x from b
-- expect: ID ?
-- expect-open: set operation

-- case: union by name adding the other side's columns (union_by_name.py)
-- dialect: duckdb
-- schema: {"a": {"id": "integer", "x": "varchar"}, "b": {"x": "varchar", "id": "integer", "z": "integer"}}
select id, x from a union all by name select x, id, z from b
-- expect: id INTEGER, x VARCHAR, z INTEGER

-- case: union by name on snowflake is not modelled: open
-- dialect: snowflake
-- schema: {"A": {"ID": "int", "X": "varchar"}, "B": {"X": "varchar", "ID": "int", "Z": "int"}}
select id, x from a union all by name select x, id, z from b
-- expect: ID ?, X ?
-- expect-open: set operation

-- case: snowflake pivot names its columns after the quoted values
-- dialect: snowflake
-- schema: {"t": {"K": "varchar", "AMOUNT": "int"}}
select * from t pivot (sum(amount) for k in ('a', 'b'))
-- expect: "'a'" NUMBER(38,0), "'b'" NUMBER(38,0)

-- case: incremental filter on this does not change the columns
-- dialect: snowflake
-- schema: {"src": {"ID": "int", "TS": "timestamp_ntz"}, "meshlint__this": {}}
-- incomplete: ["meshlint__this"]
select id, ts from src where ts > (select max(ts) from meshlint__this)
-- expect: ID INT, TS TIMESTAMP_NTZ
