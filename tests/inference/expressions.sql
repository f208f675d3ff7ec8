-- CASE, IF/IFF, COALESCE/NVL/IFNULL, NULLIF, GREATEST/LEAST, arithmetic and predicates.

-- case: snowflake case with string branches
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select case when id > 1 then 'big' else 'small' end as size from t
-- expect: SIZE VARCHAR

-- case: snowflake case mixing int and decimal literals is fixed-point
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select case when id > 1 then 1 else 2.5 end as y from t
-- expect: Y ~NUMBER(11,1)

-- case: snowflake case mixing int and float is float
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "F": "float"}}
select case when id > 1 then id else f end as y from t
-- expect: Y FLOAT

-- case: snowflake case without else
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "AMOUNT": "number(10,2)"}}
select case when id > 1 then amount end as y from t
-- expect: Y NUMBER(10,2)

-- case: snowflake case of a string and a number is unknown
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select case when id > 1 then 'x' else 0 end as y from t
-- expect: Y ?

-- case: snowflake simple case
-- dialect: snowflake
-- schema: {"t": {"STATUS": "varchar"}}
select case status when 'a' then 'Active' when 'i' then 'Inactive' end as label from t
-- expect: LABEL VARCHAR

-- case: snowflake iff nvl ifnull zeroifnull
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "NAME": "varchar", "F": "float"}}
select iff(id > 1, 'a', 'b') as a, nvl(name, 'n/a') as b, ifnull(id, 0) as c, zeroifnull(f) as d, nvl2(name, 1, 0) as e from t
-- expect: A VARCHAR, B VARCHAR, C INT, D FLOAT, E ?

-- case: snowflake coalesce of int and decimal
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "AMOUNT": "number(10,2)"}}
select coalesce(id, amount) as a, coalesce(amount, 0) as b from t
-- expect: A ~NUMBER(12,2), B ~NUMBER(10,2)

-- case: snowflake predicates are boolean
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "NAME": "varchar"}}
select id > 1 as a, name like 'x%' as b, id in (1, 2) as c, id between 1 and 2 as d, name is null as e, not (id = 1) as f, id > 1 and name is not null as g, name ilike '%y' as h from t
-- expect: A BOOLEAN, B BOOLEAN, C BOOLEAN, D BOOLEAN, E BOOLEAN, F BOOLEAN, G BOOLEAN, H BOOLEAN

-- case: snowflake arithmetic on columns
-- dialect: snowflake
-- schema: {"t": {"A": "int", "B": "int", "P": "number(10,2)", "F": "float"}}
select a + b as s, a - b as d, a * b as m, a / b as q, p * a as pa, p + f as pf, -a as na, mod(a, b) as r from t
-- expect: S INT, D INT, M INT, Q ~NUMBER(38,6), PA ~NUMBER(21,2), PF FLOAT, NA INT, R INT

-- case: snowflake greatest least nullif
-- dialect: snowflake
-- schema: {"t": {"A": "int", "B": "bigint", "P": "number(10,2)"}}
select greatest(a, b) as g, least(a, p) as l, nullif(a, 0) as n from t
-- expect: G BIGINT, L ~NUMBER(12,2), N INT

-- case: postgres greatest least nullif coalesce
-- dialect: postgres
-- schema: {"t": {"s": "smallint", "i": "int", "b": "bigint", "d": "numeric(10,2)", "db": "double precision", "v": "varchar(10)"}}
select greatest(i, b) as a, greatest(i, 1) as b2, least(d, 1) as c, nullif(i, 0) as d2, coalesce(s, 0) as e, coalesce(i, b) as f, coalesce(i, d) as g, coalesce(d, db) as h, coalesce(v, 'x') as k from t
-- expect: a BIGINT, b2 INT, c NUMERIC, d2 INT, e INT, f BIGINT, g NUMERIC, h DOUBLE PRECISION, k ~VARCHAR

-- case: postgres case expressions
-- dialect: postgres
-- schema: {"t": {"i": "int", "b": "bigint", "dt": "date", "ts": "timestamp"}}
select case when true then 'a' else 'bb' end as a, case when true then 1 else 2.5 end as b2, case when true then i else b end as c, case when true then dt else ts end as d from t
-- expect: a TEXT, b2 NUMERIC, c BIGINT, d ?

-- case: postgres arithmetic
-- dialect: postgres
-- schema: {"t": {"s": "smallint", "i": "int", "b": "bigint", "d": "numeric(10,2)", "f": "real", "db": "double precision"}}
select s + s as a, i + b as b2, i / 2 as c, i % 2 as d2, -i as e, d + 1 as f2, d * db as g, i + db as h, i + f as k, d / 2 as l, i / d as m from t
-- expect: a SMALLINT, b2 BIGINT, c INT, d2 INT, e INT, f2 NUMERIC, g DOUBLE PRECISION, h DOUBLE PRECISION, k ~DOUBLE PRECISION, l NUMERIC, m NUMERIC

-- case: postgres date arithmetic
-- dialect: postgres
-- schema: {"t": {"dt": "date", "ts": "timestamp", "tz": "timestamptz"}}
select dt + 1 as a, dt - dt as b, dt + interval '1 day' as c, ts - interval '1 hour' as d, tz + interval '1 day' as e, ts - ts as f from t
-- expect: a DATE, b INT, c TIMESTAMP, d TIMESTAMP, e TIMESTAMPTZ, f ?

-- case: duckdb integer literals adapt to the column they meet
-- dialect: duckdb
-- schema: {"t": {"s": "smallint", "i": "integer", "b": "bigint"}}
select s + 1 as a, coalesce(s, 0) as b2, case when true then s else 1 end as c, i + 1 as d, s + s as e, b + 1 as f, s + 100000 as g from t
-- expect: a SMALLINT, b2 SMALLINT, c SMALLINT, d INTEGER, e SMALLINT, f BIGINT, g INTEGER

-- case: duckdb division and modulo
-- dialect: duckdb
-- schema: {"t": {"i": "integer", "db": "double", "f": "float"}}
select i / 2 as a, i % 2 as b, -i as c, i + db as d, i + f as e, f + db as g, i // 2 as h from t
-- expect: a DOUBLE, b INTEGER, c INTEGER, d DOUBLE, e ?, g DOUBLE, h INTEGER

-- case: duckdb greatest least coalesce
-- dialect: duckdb
-- schema: {"t": {"i": "integer", "b": "bigint", "d": "decimal(10,2)", "db": "double", "v": "varchar"}}
select greatest(i, b) as a, greatest(i, 1) as b2, least(d, 1) as c, nullif(i, 0) as d2, coalesce(i, d) as e, coalesce(d, db) as f, coalesce(v, 'x') as g, if(true, 1, 2) as h, coalesce(i, null) as k from t
-- expect: a BIGINT, b2 INTEGER, c ?, d2 INTEGER, e ?, f DOUBLE, g VARCHAR, h INTEGER, k INTEGER

-- case: duckdb date arithmetic
-- dialect: duckdb
-- schema: {"t": {"dt": "date", "ts": "timestamp", "tz": "timestamptz"}}
select dt + 1 as a, dt - 1 as b, dt - dt as c, dt + interval 1 day as d, ts + interval 1 day as e, tz + interval 1 day as f from t
-- expect: a DATE, b DATE, c BIGINT, d TIMESTAMP, e TIMESTAMP, f TIMESTAMPTZ

-- case: bigquery if ifnull coalesce
-- dialect: bigquery
-- schema: {"t": {"i": "int64", "n": "numeric", "f": "float64", "s": "string"}}
select if(i > 1, 'a', 'b') as a, ifnull(i, 0) as b, coalesce(i, n) as c, coalesce(n, f) as d, if(i > 1, i, f) as e from t
-- expect: a STRING, b INT64, c NUMERIC, d FLOAT64, e FLOAT64

-- case: bigquery arithmetic
-- dialect: bigquery
-- schema: {"t": {"i": "int64", "n": "numeric", "b": "bignumeric", "f": "float64"}}
select i + i as a, i / i as b, n * i as c, n / i as d, b + n as e, f * n as g, div(i, 2) as h, div(n, 2) as k from t
-- expect: a INT64, b FLOAT64, c NUMERIC, d NUMERIC, e BIGNUMERIC, g FLOAT64, h INT64, k ?

-- case: databricks case nvl if
-- dialect: databricks
-- schema: {"t": {"i": "int", "b": "bigint", "d": "decimal(10,2)", "s": "string"}}
select case when i > 1 then i else b end as a, nvl(s, 'x') as b2, if(i > 1, d, 0) as c, coalesce(i, 0) as e from t
-- expect: a BIGINT, b2 STRING, c ~DECIMAL(11,2), e INT

-- case: trino arithmetic and coalesce
-- dialect: trino
-- schema: {"t": {"i": "integer", "b": "bigint", "d": "decimal(10,2)", "r": "real", "f": "double"}}
select i + b as a, i * d as c, r + f as e, coalesce(i, b) as g, i + r as h from t
-- expect: a BIGINT, c ~DECIMAL(21,2), e DOUBLE, g BIGINT, h ?

-- case: redshift case and coalesce
-- dialect: redshift
-- schema: {"t": {"i": "integer", "b": "bigint", "v": "varchar(10)", "c": "char(3)"}}
select case when i > 1 then i else b end as a, coalesce(v, c) as b2, nvl(v, v) as c2 from t
-- expect: a BIGINT, b2 ?, c2 VARCHAR(10)

-- case: arithmetic on an unknown column is unknown
-- dialect: snowflake
-- schema: {"src": {"X": null, "Y": "int"}}
select x + y as s, y + 1 as t from src
-- expect: S ?, T INT

-- case: string concatenation operator
-- dialect: postgres
-- schema: {"t": {"i": "int", "v": "varchar(10)", "arr": "int[]", "j": "jsonb"}}
select v || 'x' as a, i || 'x' as b, arr || arr as c, j || j as d from t
-- expect: a TEXT, b TEXT, c ?, d ?

-- case: string concatenation on duckdb and bigquery-style operators
-- dialect: duckdb
-- schema: {"t": {"v": "varchar", "i": "integer"}}
select v || 'x' as a, concat(i, 'x') as b from t
-- expect: a VARCHAR, b VARCHAR
