-- Names warehouses give select-list expressions written without an alias (unaliased_names.py), and the
-- variants each rule must leave open. DuckDB's are also checked against real DuckDB in
-- tests/oracle/test_unaliased_duckdb.py.

-- case: duckdb names an expression as it prints it
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "name": "varchar", "amount": "decimal(10,2)"}}
select id, id + 1, upper(name), count(*) over () as n, sum(amount) over () as total from t
-- expect: id INTEGER, "(id + 1)" INTEGER, "upper(""name"")" VARCHAR, n BIGINT, total DECIMAL(38,2)

-- case: duckdb aggregates without aliases
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "cat": "varchar"}}
select cat, count(*), count(distinct id), max(id) from t group by cat
-- expect: cat VARCHAR, count_star() BIGINT, "count(DISTINCT id)" BIGINT, max(id) INTEGER

-- case: duckdb casts print the type as DuckDB names it
-- dialect: duckdb
-- schema: {"t": {"id": "integer"}}
select cast(id as varchar), id::int, id::double from t
-- expect: "CAST(id AS VARCHAR)" VARCHAR, "CAST(id AS INTEGER)" INTEGER, "CAST(id AS double)" DOUBLE

-- case: duckdb quotes a keyword column in the name
-- dialect: duckdb
-- schema: {"t": {"name": "varchar"}}
select lower(name) from t
-- expect: "lower(""name"")" VARCHAR

-- case: duckdb literals are named by their text
-- dialect: duckdb
-- schema: {}
select 1, 'x', true
-- expect: 1 INTEGER, "'x'" VARCHAR, true BOOLEAN

-- case: duckdb function sqlglot reads as another: named as written (ceiling, not ceil), mod() not %
-- dialect: duckdb
-- schema: {"t": {"amount": "double", "id": "integer"}}
select ceiling(amount), mod(id, 2), date_trunc('month', d) from (select *, date '2024-01-01' as d from t)
-- expect: ceiling(amount) DOUBLE, "mod(id, 2)" INTEGER, "date_trunc('month', d)" TIMESTAMP

-- case: duckdb CASE, printed with DuckDB's own parentheses and ELSE
-- dialect: duckdb
-- schema: {"t": {"id": "integer"}}
select case when id > 1 then 1 else 0 end, case id when 1 then 'a' end from t
-- expect: "CASE  WHEN ((id > 1)) THEN (1) ELSE 0 END" INTEGER, "CASE  WHEN ((id = 1)) THEN ('a') ELSE NULL END" VARCHAR

-- case: duckdb window function
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "cat": "varchar"}}
select rank() over (partition by cat order by id desc), count(*) over () from t
-- expect: "rank() OVER (PARTITION BY cat ORDER BY id DESC)" BIGINT, "count() OVER ()" BIGINT

-- case: duckdb window with a frame stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer"}}
select sum(id) over (order by id rows between 1 preceding and current row) from t
-- expect:
-- expect-open: without an alias

-- case: duckdb position(a in b), printed with its arguments swapped, stays open
-- dialect: duckdb
-- schema: {"t": {"cat": "varchar"}}
select position('a' in cat) from t
-- expect:
-- expect-open: without an alias

-- case: duckdb unaliased expression in a subquery is named for the outer star
-- dialect: duckdb
-- schema: {"t": {"id": "integer"}}
select * from (select id, count(*) from t group by id) as s
-- expect: id INTEGER, count_star() BIGINT

-- case: postgres unaliased expression in a CTE is named for the outer star
-- dialect: postgres
-- schema: {"t": {"id": "int"}}
with c as (select id, max(id), id + 1 from t group by id) select * from c
-- expect: id INT, max INT, ?column? INT

-- case: duckdb unary plus (which sqlglot drops) stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer"}}
select +id from t
-- expect:
-- expect-open: without an alias

-- case: postgres CASE is named after its ELSE column, else case
-- dialect: postgres
-- schema: {"t": {"id": "int", "amount": "numeric(10,2)"}}
select case when id > 1 then 0 else amount end, case when id > 1 then 1 end from t
-- expect: amount NUMERIC, case INT

-- case: postgres operators are ?column?
-- dialect: postgres
-- schema: {"t": {"id": "int"}}
select id + 1, id > 1 from t
-- expect: ?column? INT, ?column? BOOLEAN
-- expect-open: postgres refuses to create a table or view with duplicate column names

-- case: postgres function and ?column? side by side
-- dialect: postgres
-- schema: {"t": {"id": "int", "name": "text"}}
select id * 2, lower(name), coalesce(id, 0) from t
-- expect: ?column? INT, lower TEXT, coalesce INT

-- case: postgres expression meshlint has no rule for stays open
-- dialect: postgres
-- schema: {"t": {"d": "date"}}
select extract(year from d) from t
-- expect:
-- expect-open: without an alias

-- case: redshift function is named after it
-- dialect: redshift
-- schema: {"t": {"id": "int"}}
select max(id), id - 1 from t
-- expect: max INT, ?column? INT

-- case: redshift cast of a literal stays open (the type's name is not certain)
-- dialect: redshift
-- schema: {}
select 1::int
-- expect:
-- expect-open: without an alias

-- case: bigquery anonymous columns are f0_, f1_... counting only those without a name
-- dialect: bigquery
-- schema: {"t": {"id": "int64", "name": "string"}}
select id, upper(name), id * 2, name from t
-- expect: id INT64, f0_ STRING, f1_ INT64, name STRING

-- case: bigquery parenthesised column stays open
-- dialect: bigquery
-- schema: {"t": {"id": "int64"}}
select (id) from t
-- expect:
-- expect-open: without an alias

-- case: snowflake text without spaces upper-cased
-- dialect: snowflake
-- schema: {"T": {"ID": "number(38,0)", "AMOUNT": "number(10,2)"}}
select id, sum(amount), max(id) from t group by id
-- expect: ID NUMBER(38,0), SUM(AMOUNT) ~NUMBER(38,2), MAX(ID) NUMBER(38,0)

-- case: snowflake text with spaces stays open
-- dialect: snowflake
-- schema: {"T": {"ID": "number(38,0)"}}
select id + 1 from t
-- expect:
-- expect-open: Snowflake names it by its text upper-cased

-- case: trino refuses an unnamed column in a table: open, saying so
-- dialect: trino
-- schema: {"t": {"id": "integer"}}
select id, id + 1 from t
-- expect: id INTEGER
-- expect-open: Trino cannot create a table or view

-- case: databricks names by printing, which Delta refuses: open, saying so
-- dialect: databricks
-- schema: {"t": {"id": "int"}}
select id, id + 1 from t
-- expect: id INT
-- expect-open: Delta tables refuse

-- case: spark likewise
-- dialect: spark
-- schema: {"t": {"id": "int"}}
select lower(cast(id as string)) from t
-- expect:
-- expect-open: Spark names it

-- case: an inner cast without an alias is not named after its column (sqlglot's name): open on snowflake
-- dialect: snowflake
-- schema: {"T": {"ID": "number(38,0)"}}
select * from (select cast(id as int) from t)
-- expect:
-- expect-open: without an alias

-- case: an inner cast without an alias on duckdb is named as DuckDB prints it
-- dialect: duckdb
-- schema: {"t": {"id": "integer"}}
with c as (select cast(id as varchar), id::bigint from t) select * from c
-- expect: "CAST(id AS VARCHAR)" VARCHAR, "CAST(id AS BIGINT)" BIGINT

-- case: an inner typed literal without identifiers stays open on duckdb
-- dialect: duckdb
-- schema: {}
with c as (select date '2024-01-01') select * from c
-- expect:
-- expect-open: without an alias

-- case: postgres names any function call after the function as written
-- dialect: postgres
-- schema: {"t": {"name": "text", "d": "date"}}
select length(name), date_trunc('month', d)::date from t
-- expect: length INT, date_trunc DATE

-- case: postgres trim is btrim in the grammar: open
-- dialect: postgres
-- schema: {"t": {"name": "text"}}
select trim(name) from t
-- expect:
-- expect-open: without an alias

-- case: duckdb unaliased aggregate with ORDER BY inside is printed with its ORDER BY
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "cat": "varchar", "d": "date"}}
select id, string_agg(cat, '|' order by d desc), list(cat order by d, id) from t group by id
-- expect: id INTEGER, "string_agg(cat, '|' ORDER BY d DESC)" VARCHAR, "list(cat ORDER BY d, id)" VARCHAR[]

-- case: duckdb unaliased aggregate with ORDER BY ... ASC or NULLS stays open (DuckDB prints what sqlglot drops)
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "cat": "varchar", "d": "date"}}
select list(cat order by d asc), list(cat order by d nulls first) from t
-- expect:
-- expect-open: without an alias

-- case: duckdb unaliased JSON arrows are printed in parentheses, left to right
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "doc": "json"}}
select id, doc->>'$.kind', doc->'a'->>'b' from t
-- expect: id INTEGER, "(doc ->> '$.kind')" VARCHAR, "((doc -> 'a') ->> 'b')" VARCHAR

-- case: duckdb unaliased JSON arrow with a column as key or inside more stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "doc": "json"}}
select doc->>id, upper(doc->>'k') from t
-- expect:
-- expect-open: without an alias

-- case: duckdb list subscripts and slices are named as written, without spaces or quotes
-- dialect: duckdb
-- schema: {"t": {"l": "integer[]", "ll": "integer[][]", "i": "integer"}}
select l[2], "l" [ -1 ], ll[1][2], l[i], t.l[1], l[1:2], l[:2], l[2:] from t
-- expect: l[2] INTEGER, l[-1] INTEGER, ll[1][2] INTEGER, l[i] INTEGER, t.l[1] INTEGER, l[1:2] INTEGER[], l[:2] INTEGER[], l[2:] INTEGER[]

-- case: duckdb struct and map subscripts are named as written; a struct field by its field
-- dialect: duckdb
-- schema: {"t": {"s": "struct(a integer, b struct(c integer))", "m": "map(varchar, integer)", "v": "varchar"}}
select s['a'], s['b']['c'], m['k'], s.b.c, string_split(v, ',')[1] from t
-- expect: "s['a']" ?, "s['b']['c']" ?, "m['k']" ?, c INTEGER, "string_split(v, ',')[1]" VARCHAR

-- case: duckdb subscript with an expression inside, or a field after a subscript, stays open
-- dialect: duckdb
-- schema: {"t": {"l": "integer[]", "i": "integer", "ls": "struct(x integer)[]"}}
select l[i + 1], ls[1].x, (l)[2] from t
-- expect:
-- expect-open: without an alias

-- case: duckdb EXTRACT is named date_part with the part as DuckDB's grammar prints it
-- dialect: duckdb
-- schema: {"t": {"d": "date", "ts": "timestamp"}}
select extract(year from d), EXTRACT(Months FROM d), extract(epoch from ts), extract(Dow from d), extract('year' from d), extract(millisecond from ts), extract(year from d + 1) from t
-- expect: "date_part('YEAR', d)" BIGINT, "date_part('MONTH', d)" BIGINT, "date_part('epoch', ts)" DOUBLE, "date_part('Dow', d)" BIGINT, "date_part('year', d)_1" BIGINT, "date_part('MILLISECONDS', ts)" BIGINT, "date_part('YEAR', (d + 1))" BIGINT

-- case: duckdb EXTRACT of a quoted part, or two EXTRACTs in one expression, stays open
-- dialect: duckdb
-- schema: {"t": {"d": "date"}}
select extract("year" from d), extract(year from d) * 100 + extract(month from d) from t
-- expect:
-- expect-open: without an alias
