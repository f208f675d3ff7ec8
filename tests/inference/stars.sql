-- `select *` and its modifiers: Snowflake EXCLUDE/RENAME/REPLACE, BigQuery EXCEPT/REPLACE, DuckDB EXCLUDE/REPLACE.

-- case: plain star over a complete table
-- dialect: snowflake
-- schema: {"t": {"ID": "number(38,0)", "NAME": "varchar", "CREATED_AT": "timestamp_ntz"}}
select * from t
-- expect: ID NUMBER(38,0), NAME VARCHAR, CREATED_AT TIMESTAMP_NTZ

-- case: qualified star
-- dialect: snowflake
-- schema: {"t": {"ID": "number(38,0)", "NAME": "varchar"}}
select t.* from t
-- expect: ID NUMBER(38,0), NAME VARCHAR

-- case: star exclude one column
-- dialect: snowflake
-- schema: {"t": {"ID": "number(38,0)", "NAME": "varchar", "SECRET": "varchar"}}
select * exclude (secret) from t
-- expect: ID NUMBER(38,0), NAME VARCHAR

-- case: star exclude several columns
-- dialect: snowflake
-- schema: {"t": {"ID": "number(38,0)", "NAME": "varchar", "A": "int", "B": "int"}}
select * exclude (a, b) from t
-- expect: ID NUMBER(38,0), NAME VARCHAR

-- case: star rename
-- dialect: snowflake
-- schema: {"t": {"ID": "number(38,0)", "NAME": "varchar"}}
select * rename (id as customer_id) from t
-- expect: CUSTOMER_ID NUMBER(38,0), NAME VARCHAR

-- case: star exclude then rename
-- dialect: snowflake
-- schema: {"t": {"ID": "number(38,0)", "NAME": "varchar", "SECRET": "varchar"}}
select * exclude (secret) rename (name as customer_name) from t
-- expect: ID NUMBER(38,0), CUSTOMER_NAME VARCHAR

-- case: star replace keeps the position and takes the new type
-- dialect: snowflake
-- schema: {"t": {"ID": "number(38,0)", "NAME": "varchar"}}
select * replace (upper(name) as name) from t
-- expect: ID NUMBER(38,0), NAME VARCHAR

-- case: star then an extra column
-- dialect: snowflake
-- schema: {"t": {"ID": "number(38,0)", "NAME": "varchar"}}
select *, 1 as one from t
-- expect: ID NUMBER(38,0), NAME VARCHAR, ONE ~NUMBER(1,0)

-- case: star over a CTE
-- dialect: snowflake
-- schema: {"t": {"ID": "number(38,0)", "NAME": "varchar"}}
with base as (select id, name, 'x' as tag from t)
select * from base
-- expect: ID NUMBER(38,0), NAME VARCHAR, TAG VARCHAR

-- case: star over an incomplete table is open
-- dialect: snowflake
-- schema: {"src": {"ID": "number(38,0)"}}
-- incomplete: ["src"]
select * from src
-- expect: ID NUMBER(38,0)
-- expect-open: `src`, whose columns are not all known

-- case: star over a table with no known columns is open
-- dialect: snowflake
-- schema: {"src": {}}
-- incomplete: ["src"]
select * exclude (id) from src
-- expect:
-- expect-open: select *

-- case: star over an unknown table is open
-- dialect: snowflake
-- schema: {}
select * from raw.events
-- expect:
-- expect-open: `select *` over a table whose columns are not known

-- case: star over a join of two tables
-- dialect: snowflake
-- schema: {"o": {"ORDER_ID": "int", "CUSTOMER_ID": "int"}, "c": {"CUSTOMER_ID": "int", "NAME": "varchar"}}
select o.*, c.name from o join c on o.customer_id = c.customer_id
-- expect: ORDER_ID INT, CUSTOMER_ID INT, NAME VARCHAR

-- case: star over an incomplete CTE source propagates openness
-- dialect: snowflake
-- schema: {"src": {"ID": "int"}}
-- incomplete: ["src"]
with a as (select * from src)
select * from a
-- expect: ID INT
-- expect-open: `src`

-- case: explicit columns over an incomplete table are closed
-- dialect: snowflake
-- schema: {"src": {"ID": "int"}}
-- incomplete: ["src"]
select id, unlisted from src
-- expect: ID INT, UNLISTED ?

-- case: star over an incomplete table, then excluded known columns
-- dialect: snowflake
-- schema: {"src": {"ID": "int", "NAME": "varchar"}}
-- incomplete: ["src"]
select * exclude (name) from src
-- expect: ID INT
-- expect-open: select *

-- case: postgres star
-- dialect: postgres
-- schema: {"t": {"id": "int", "name": "text", "amount": "numeric(10,2)"}}
select * from t
-- expect: id INT, name TEXT, amount NUMERIC(10,2)

-- case: postgres star over a join keeps both sides' columns
-- dialect: postgres
-- schema: {"a": {"id": "int", "x": "int"}, "b": {"id": "bigint", "y": "text"}}
select * from a join b on a.id = b.id
-- expect: id INT, x INT, id BIGINT, y TEXT
-- expect-open: postgres refuses to create a table or view with duplicate column names

-- case: bigquery except
-- dialect: bigquery
-- schema: {"t": {"id": "int64", "name": "string", "secret": "string"}}
select * except (secret) from t
-- expect: id INT64, name STRING

-- case: bigquery replace
-- dialect: bigquery
-- schema: {"t": {"id": "int64", "name": "string"}}
select * replace (cast(id as string) as id) from t
-- expect: id STRING, name STRING

-- case: bigquery except and replace
-- dialect: bigquery
-- schema: {"t": {"id": "int64", "name": "string", "secret": "string"}}
select * except (secret) replace (lower(name) as name) from t
-- expect: id INT64, name STRING

-- case: bigquery star keeps the table's spelling
-- dialect: bigquery
-- schema: {"t": {"Id": "int64", "customerName": "string"}}
select * from t
-- expect: Id INT64, customerName STRING

-- case: duckdb exclude
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "name": "varchar", "secret": "varchar"}}
select * exclude (secret) from t
-- expect: id INTEGER, name VARCHAR

-- case: duckdb replace
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "name": "varchar"}}
select * replace (upper(name) as name) from t
-- expect: id INTEGER, name VARCHAR

-- case: duckdb star keeps the table's spelling
-- dialect: duckdb
-- schema: {"t": {"ID": "integer", "Name": "varchar", "amt": "decimal(10,2)"}}
select * from t where id > 1
-- expect: ID INTEGER, Name VARCHAR, amt DECIMAL(10,2)

-- case: duckdb star over a CTE keeps the CTE's spelling
-- dialect: duckdb
-- schema: {"t": {"ID": "integer"}}
with c as (select ID as OrderId, 'x' as Tag from t)
select * from c
-- expect: OrderId INTEGER, Tag VARCHAR

-- case: databricks except
-- dialect: databricks
-- schema: {"t": {"id": "int", "name": "string", "secret": "string"}}
select * except (secret) from t
-- expect: id INT, name STRING

-- case: trino star
-- dialect: trino
-- schema: {"t": {"id": "integer", "name": "varchar", "price": "decimal(10,2)"}}
select * from t
-- expect: id INTEGER, name VARCHAR, price DECIMAL(10,2)

-- case: redshift star
-- dialect: redshift
-- schema: {"t": {"id": "integer", "code": "char(3)", "note": "varchar(100)"}}
select * from t
-- expect: id INTEGER, code CHAR(3), note VARCHAR(100)

-- case: duckdb COLUMNS('regex') selects the columns it matches anywhere in the name
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)", "cat": "varchar", "name": "varchar"}}
select id, columns('^a|cat') from t
-- expect: id INTEGER, amount DECIMAL(10,2), cat VARCHAR

-- case: duckdb * LIKE and * ILIKE
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)", "cat": "varchar", "name": "varchar"}}
select * like '%a%', * ilike 'I%' from t
-- expect: amount DECIMAL(10,2), cat VARCHAR, name VARCHAR, id INTEGER

-- case: duckdb * NOT LIKE
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)", "cat": "varchar"}}
select * not like 'i%' from t
-- expect: amount DECIMAL(10,2), cat VARCHAR

-- case: duckdb COLUMNS over a CTE
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)", "cat": "varchar"}}
with b as (select id, amount * 2 as amount_2, cat from t)
select columns('amount') from b
-- expect: amount_2 ?

-- case: duckdb COLUMNS over a table whose columns are not all known stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)"}}
-- incomplete: ["t"]
select columns('a.*') from t
-- expect:
-- expect-open: without an alias

-- case: duckdb COLUMNS with regex syntax read differently by RE2 stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)"}}
select columns('(?i)ID') from t
-- expect:
-- expect-open: without an alias

-- case: duckdb COLUMNS inside an expression repeats it per column, each named after its column
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)", "a_date": "date"}}
select id, max(columns('^a')) from t group by id
-- expect: id INTEGER, amount DECIMAL(10,2), a_date DATE

-- case: duckdb the same COLUMNS twice in one expression expands in step
-- dialect: duckdb
-- schema: {"t": {"s_date": "date", "e_date": "date", "id": "integer"}}
select max(columns('_date$')) - min(columns('_date$')) from t
-- expect: s_date BIGINT, e_date BIGINT

-- case: duckdb COLUMNS inside an expression with an alias and one match takes the alias
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)"}}
select sum(columns('amount')) as total from t
-- expect: total DECIMAL(38,2)

-- case: duckdb COLUMNS inside an expression with an alias and several matches stays open (every copy takes the alias)
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)", "a_date": "date"}}
select max(columns('^a')) as m from t
-- expect: m ?
-- expect-open: with an alias: DuckDB gives every matching column that name

-- case: duckdb two different COLUMNS in one expression stay open
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)"}}
select max(columns('id')) + min(columns('amount')) from t
-- expect:
-- expect-open: cannot list the columns

-- case: duckdb COLUMNS inside an expression over a table whose columns are not all known stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)"}}
-- incomplete: ["t"]
select max(columns('a.*')) from t
-- expect:
-- expect-open: cannot list the columns

-- case: duckdb COLUMNS(* EXCLUDE) and COLUMNS(lambda) select by name
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "user_id": "integer", "amount": "decimal(10,2)", "cat": "varchar"}}
select columns(* exclude (amount)), columns(lambda c: c like '%id' and not c = 'id'), columns(lambda c: c in ('cat') or c ilike 'AM%') from t
-- expect: id INTEGER, user_id INTEGER, cat VARCHAR, user_id_1 INTEGER, amount DECIMAL(10,2), cat_1 VARCHAR

-- case: duckdb COLUMNS with an arrow lambda stays open (DuckDB 2 refuses `->` lambdas by default)
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "user_id": "integer"}}
select columns(c -> c like '%_id') from t
-- expect:
-- expect-open: DuckDB 2 refuses that form

-- case: duckdb COLUMNS(lambda) of a shape not modelled stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)"}}
select columns(lambda c: length(c) > 2) from t
-- expect:
-- expect-open: without an alias

-- case: snowflake * ILIKE
-- dialect: snowflake
-- schema: {"T": {"ID": "number(38,0)", "AMOUNT": "number(10,2)", "CAT": "varchar"}}
select * ilike '%a%' from t
-- expect: AMOUNT NUMBER(10,2), CAT VARCHAR

-- case: duckdb COLUMNS(lambda) with the word lambda in a comment and a JSON ->> beside it
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "user_id": "integer", "doc": "json"}}
-- a lambda over the names
select columns(lambda c: c like '%_id'), doc->>'k' as k from t
-- expect: user_id INTEGER, k VARCHAR

-- case: star over a struct column is its fields, never a column named `*` (more in struct_stars.sql)
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": "struct(a int, b varchar)"}}
select id, s.* from t
-- expect: id INT, a INT, b VARCHAR

-- case: star over a table-qualified struct column is open (DuckDB refuses `t.s.*`)
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": "struct(a int, b varchar)"}}
select t.s.* from t
-- expect-open: a star over a struct written other than `s.*`

-- case: star over a struct column in a CTE read with a star is the struct's fields (inner_structs.py)
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": "struct(a int, b varchar)"}}
with x as (select id, s.* from t)
select * from x
-- expect: id INT, a INT, b VARCHAR

-- case: qualified star over a table alias stays closed
-- dialect: duckdb
-- schema: {"t": {"id": "int", "s": "struct(a int, b varchar)"}}
select x.* from t as x
-- expect: id INT, s STRUCT(a INT, b TEXT)
