-- UNION / INTERSECT / EXCEPT: names from the first branch, types unified across branches; VALUES.

-- case: union all takes names from the first branch
-- dialect: snowflake
-- schema: {"a": {"ID": "int", "NAME": "varchar"}, "b": {"KEY": "int", "LABEL": "varchar"}}
select id, name from a union all select key, label from b
-- expect: ID INT, NAME VARCHAR

-- case: union of int and decimal literal is an exact number on snowflake
-- dialect: snowflake
-- schema: {}
select 1 as x union all select 2.5
-- expect: X ~NUMBER(11,1)

-- case: union of int and decimal literal on postgres is numeric
-- dialect: postgres
-- schema: {}
select 1 as x union all select 1.5
-- expect: x NUMERIC

-- case: union of int and decimal on duckdb needs DuckDB's own widening: unknown
-- dialect: duckdb
-- schema: {}
select 1 as x union all select 1.5
-- expect: x ?

-- case: union of int and bigint widens
-- dialect: postgres
-- schema: {}
select 1 as x union select 2::bigint
-- expect: x BIGINT

-- case: union of smallint and a large literal widens to integer
-- dialect: duckdb
-- schema: {}
select 1::smallint as x union all select 100000
-- expect: x INTEGER

-- case: duckdb union of a smallint column and a small literal is integer (unlike coalesce)
-- dialect: duckdb
-- schema: {"t": {"s": "smallint"}}
select s from t union all select 1
-- expect: s INTEGER

-- case: union of strings
-- dialect: postgres
-- schema: {}
select 'a' as x union all select 'b'
-- expect: x TEXT

-- case: union of a string and a number is unknown
-- dialect: duckdb
-- schema: {}
select 'a' as x union all select 1
-- expect: x ?

-- case: union with a null branch takes the other type
-- dialect: snowflake
-- schema: {"a": {"ID": "int", "NAME": "varchar"}}
select id, name from a union all select null, null
-- expect: ID INT, NAME VARCHAR

-- case: union of double and decimal is double
-- dialect: bigquery
-- schema: {"a": {"x": "float64"}, "b": {"y": "numeric"}}
select x from a union all select y from b
-- expect: x FLOAT64

-- case: union of decimal then double is double on snowflake
-- dialect: snowflake
-- schema: {"a": {"X": "number(10,2)"}, "b": {"Y": "float"}}
select x from a union all select y from b
-- expect: X FLOAT

-- case: union of two decimals of different sizes keeps the decimal class
-- dialect: snowflake
-- schema: {"a": {"X": "number(10,2)"}, "b": {"Y": "number(12,4)"}}
select x from a union all select y from b
-- expect: X ~NUMBER(14,4)

-- case: union of two decimals of different sizes on duckdb is unknown
-- dialect: duckdb
-- schema: {"a": {"x": "decimal(10,2)"}, "b": {"y": "decimal(12,4)"}}
select x from a union all select y from b
-- expect: x ?

-- case: union of identical decimals keeps the exact type on duckdb
-- dialect: duckdb
-- schema: {"a": {"x": "decimal(10,2)"}, "b": {"y": "decimal(10,2)"}}
select x from a union all select y from b
-- expect: x DECIMAL(10,2)

-- case: three-way union
-- dialect: postgres
-- schema: {}
select 1 as n, 'a' as s union all select 2, 'b' union all select 3000000000, 'c'
-- expect: n BIGINT, s TEXT

-- case: union distinct inside a CTE
-- dialect: snowflake
-- schema: {"a": {"ID": "int"}, "b": {"ID": "int"}}
with ids as (select id from a union select id from b)
select id from ids
-- expect: ID INT

-- case: union in a CTE, then star
-- dialect: bigquery
-- schema: {"a": {"id": "int64", "v": "float64"}, "b": {"id": "int64", "v": "numeric"}}
with u as (select id, v from a union all select id, v from b)
select * from u
-- expect: id INT64, v FLOAT64

-- case: union of varchar and char on redshift is unknown (char is its own class there)
-- dialect: redshift
-- schema: {"a": {"x": "varchar(10)"}, "b": {"y": "char(3)"}}
select x from a union all select y from b
-- expect: x ?

-- case: union of varchar and text on postgres is text-class
-- dialect: postgres
-- schema: {"a": {"x": "varchar(10)"}, "b": {"y": "text"}}
select x from a union all select y from b
-- expect: x ~TEXT

-- case: intersect
-- dialect: trino
-- schema: {"a": {"id": "integer"}, "b": {"id": "integer"}}
select id from a intersect select id from b
-- expect: id INTEGER

-- case: except
-- dialect: databricks
-- schema: {"a": {"id": "bigint", "k": "string"}, "b": {"id": "bigint", "k": "string"}}
select id, k from a except select id, k from b
-- expect: id BIGINT, k STRING

-- case: union whose first branch is unaliased is open
-- dialect: snowflake
-- schema: {"a": {"ID": "int"}}
select id + 1 from a union all select 2 as x
-- expect:
-- expect-open: without an alias

-- case: union by name matches columns by name
-- dialect: duckdb
-- schema: {"a": {"id": "integer", "x": "varchar"}, "b": {"x": "varchar", "id": "integer"}}
select id, x from a union all by name select x, id from b
-- expect: id INTEGER, x VARCHAR

-- case: union by name adds the later branches' new columns; names match without case
-- dialect: duckdb
-- schema: {"a": {"id": "integer", "x": "varchar"}, "b": {"ID": "integer", "y": "date"}, "c": {"z": "bigint", "x": "varchar"}}
with c2 as (select z, x from c)
select id, x from a union by name select y, ID from b union all by name select * from c2
-- expect: id INTEGER, x VARCHAR, y DATE, z BIGINT

-- case: union by name with different types in the branches: the type is not certain
-- dialect: duckdb
-- schema: {"a": {"id": "integer"}, "b": {"id": "bigint"}}
select id from a union all by name select id from b
-- expect: id ?

-- case: union by name over a table whose columns are not all known stays open
-- dialect: duckdb
-- schema: {"a": {"id": "integer"}, "b": {"id": "integer"}}
-- incomplete: ["b"]
select id from a union all by name select * from b
-- expect: id INTEGER
-- expect-open: whose columns are not all known

-- case: values with a column alias list
-- dialect: postgres
-- schema: {}
select * from (values (1, 'a'), (2, 'b')) as v(id, label)
-- expect: id INT, label TEXT

-- case: values mixing int and decimal on postgres
-- dialect: postgres
-- schema: {}
select * from (values (1, 'a'), (2.5, null)) as v(x, y)
-- expect: x NUMERIC, y TEXT

-- case: values mixing int and decimal on duckdb is unknown
-- dialect: duckdb
-- schema: {}
select * from (values (1, 'a'), (2.5, null)) as v(x, y)
-- expect: x ?, y VARCHAR

-- case: values mixing int and decimal on snowflake is exact
-- dialect: snowflake
-- schema: {}
select x from (values (1), (2.5)) as v(x)
-- expect: X ~NUMBER(11,1)

-- case: snowflake VALUES columns are COLUMN1...
-- dialect: snowflake
-- schema: {}
select column1 as x from (values (1), (2))
-- expect: X ~NUMBER(1,0)

-- case: star over unaliased VALUES: COLUMN1... on snowflake
-- dialect: snowflake
-- schema: {}
select * from (values (1, 'a'), (2, 'b'))
-- expect: COLUMN1 ~NUMBER(1,0), COLUMN2 VARCHAR

-- case: star over unaliased VALUES: col0... on duckdb
-- dialect: duckdb
-- schema: {}
select * from (values (1, 'a'), (2, 'b')) as v
-- expect: col0 INTEGER, col1 VARCHAR

-- case: star over unaliased VALUES: column1... on postgres
-- dialect: postgres
-- schema: {}
select * from (values (1, 'a'), (2, 'b')) as v
-- expect: column1 INT, column2 TEXT

-- case: VALUES rows of different widths are left to the warehouse (an error): open
-- dialect: duckdb
-- schema: {}
select * from (values (1, 'a'), (2))
-- expect:
-- expect-open: without an alias

-- case: unaliased VALUES on trino (named _col0... by a rule not modelled) stays open
-- dialect: trino
-- schema: {}
select * from (values (1, 'a'))
-- expect:
-- expect-open: without an alias
