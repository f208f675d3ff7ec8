-- Literals (decimal literals are exact numbers except on BigQuery; integers past INT are BIGINT), casts, `::`
-- and TRY_CAST.

-- case: snowflake numeric literals
-- dialect: snowflake
-- schema: {}
select 1 as a, 1.5 as b, 0.5 as c, 100.25 as d, 1.50 as e
-- expect: A ~NUMBER(1,0), B NUMBER(2,1), C NUMBER(1,1), D NUMBER(5,2), E NUMBER(3,2)

-- case: snowflake integer literals past INT
-- dialect: snowflake
-- schema: {}
select 12345678901 as a, 123456789012345678901234567890 as b, -1 as c
-- expect: A ~NUMBER(11,0), B NUMBER(30,0), C ~NUMBER(1,0)

-- case: snowflake negative decimal literal
-- dialect: snowflake
-- schema: {}
select -1.5 as a, -0.25 as b
-- expect: A NUMBER(2,1), B NUMBER(2,2)

-- case: snowflake exponent literal is not typed
-- dialect: snowflake
-- schema: {}
select 1e3 as a, 2.5E-2 as b
-- expect: A ?, B ?

-- case: snowflake other literals
-- dialect: snowflake
-- schema: {}
select 'abc' as s, true as b, null as n
-- expect: S VARCHAR, B BOOLEAN, N ?

-- case: snowflake decimal literal times a decimal column stays fixed-point
-- dialect: snowflake
-- schema: {"t": {"PRICE": "number(10,2)", "QTY": "int", "RATE": "float"}}
select price * 1.1 as a, qty * 0.5 as b, rate * 1.5 as c, qty / 2 as d from t
-- expect: A ~NUMBER(13,3), B ~NUMBER(12,1), C FLOAT, D ~NUMBER(18,6)

-- case: snowflake casts
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "S": "varchar", "TS": "timestamp_ntz", "V": "variant"}}
select id::varchar as a, cast(s as number(10,2)) as b, s::number as c, ts::date as d, ts::timestamp_tz as e, v::array as f, v::object as g, id::float as h, id::boolean as i, s::binary as j from t
-- expect: A VARCHAR, B NUMBER(10,2), C NUMBER(38,0), D DATE, E TIMESTAMP_TZ, F ARRAY, G OBJECT, H FLOAT, I BOOLEAN, J BINARY

-- case: snowflake try_cast and cast of null
-- dialect: snowflake
-- schema: {"t": {"S": "varchar"}}
select try_cast(s as int) as a, try_cast(s as date) as b, cast(null as varchar) as c from t
-- expect: A INT, B DATE, C VARCHAR

-- case: snowflake to_number with precision and scale
-- dialect: snowflake
-- schema: {"t": {"S": "varchar"}}
select to_number(s, 10, 2) as a, to_decimal(s) as b from t
-- expect: A NUMBER(10,2), B NUMBER(38,0)

-- case: postgres literals
-- dialect: postgres
-- schema: {}
select 1 as a, 1.5 as b, 1e3 as c, 3000000000 as d, 12345678901234567890 as e, 'abc' as f, true as g, null as h
-- expect: a INT, b NUMERIC, c NUMERIC, d BIGINT, e NUMERIC, f TEXT, g BOOLEAN, h ?

-- case: postgres negative literals (folded into the constant)
-- dialect: postgres
-- schema: {}
select -2147483648 as a, -1 as b, -1.5 as c
-- expect: a INT, b INT, c NUMERIC

-- case: postgres casts
-- dialect: postgres
-- schema: {"t": {"id": "int", "s": "text", "ts": "timestamp"}}
select id::bigint as a, s::numeric(10,2) as b, id::text as c, s::varchar(20) as d, ts::timestamptz as e, ts::date as f, s::jsonb as g, cast(id as double precision) as h, id::real as i, s::uuid as j from t
-- expect: a BIGINT, b NUMERIC(10,2), c TEXT, d VARCHAR(20), e TIMESTAMPTZ, f DATE, g JSONB, h DOUBLE PRECISION, i REAL, j UUID

-- case: postgres arithmetic on literals
-- dialect: postgres
-- schema: {"t": {"i": "int", "d": "numeric(10,2)"}}
select d * 1.5 as a, i * 1.5 as b, i / 2 as c, i + 1 as d2 from t
-- expect: a NUMERIC, b NUMERIC, c INT, d2 INT

-- case: duckdb numeric literals count every digit written
-- dialect: duckdb
-- schema: {}
select 1 as a, 1.5 as b, 0.5 as c, 100.25 as e, 1.50 as f, 00.5 as g, -0.25 as h
-- expect: a INTEGER, b DECIMAL(2,1), c DECIMAL(2,1), e DECIMAL(5,2), f DECIMAL(3,2), g DECIMAL(3,1), h DECIMAL(3,2)

-- case: duckdb `.5` is DECIMAL(1,1), but sqlglot reads it as `0.5`: unknown
-- dialect: duckdb
-- schema: {}
select .5 as d
-- expect: d ?

-- case: duckdb large literals
-- dialect: duckdb
-- schema: {}
select 12345678901 as a, 123456789012345678901 as b, 1234567890.1234567890 as c, 12345678901234567890123456789012345678.5 as d, 1e3 as e
-- expect: a BIGINT, b HUGEINT, c DECIMAL(20,10), d DOUBLE, e DOUBLE

-- case: duckdb negative literals negate the positive literal
-- dialect: duckdb
-- schema: {}
select -2147483648 as a, -1 as b
-- expect: a BIGINT, b INTEGER

-- case: duckdb other literals
-- dialect: duckdb
-- schema: {}
select 'abc' as s, true as b, null as n
-- expect: s VARCHAR, b BOOLEAN, n ?

-- case: duckdb literal arithmetic with decimals needs DuckDB's widening rules: unknown
-- dialect: duckdb
-- schema: {"t": {"d": "decimal(10,2)", "i": "integer"}}
select d * 2 as a, i * 1.5 as b, d + d as c, d / 2 as e from t
-- expect: a ?, b ?, c ?, e DOUBLE

-- case: duckdb casts
-- dialect: duckdb
-- schema: {"t": {"i": "integer", "s": "varchar"}}
select s::decimal as a, try_cast(s as integer) as b, i::varchar as c, s::timestamptz as d, i::hugeint as e, cast(s as decimal(10,2)) as f, i::double as g, i::float as h from t
-- expect: a DECIMAL(18,3), b INTEGER, c VARCHAR, d TIMESTAMPTZ, e HUGEINT, f DECIMAL(10,2), g DOUBLE, h FLOAT

-- case: bigquery literals (a decimal literal is FLOAT64; NULL is INT64)
-- dialect: bigquery
-- schema: {}
select 1 as a, 1.5 as b, 1e3 as c, 'x' as d, true as e, null as f
-- expect: a INT64, b FLOAT64, c FLOAT64, d STRING, e BOOL, f INT64

-- case: bigquery integer literal too large for INT64 is not typed
-- dialect: bigquery
-- schema: {}
select 99999999999999999999 as a
-- expect: a ?

-- case: bigquery casts
-- dialect: bigquery
-- schema: {"t": {"x": "int64", "s": "string", "ts": "timestamp"}}
select cast(x as numeric) as a, safe_cast(s as int64) as b, cast(x as bignumeric) as c, cast(ts as date) as d, cast(x as string) as e, cast(ts as datetime) as f, cast(s as timestamp) as g from t
-- expect: a NUMERIC, b INT64, c BIGNUMERIC, d DATE, e STRING, f DATETIME, g TIMESTAMP

-- case: databricks literals
-- dialect: databricks
-- schema: {}
select 1 as a, 1.5 as b, 0.5 as c, 1e3 as d, 3000000000 as e, 'x' as f, true as g, 12345678901234567890 as h
-- expect: a INT, b DECIMAL(2,1), c DECIMAL(1,1), d DOUBLE, e BIGINT, f STRING, g BOOLEAN, h DECIMAL(20,0)

-- case: databricks casts
-- dialect: databricks
-- schema: {"t": {"x": "int", "s": "string"}}
select cast(x as decimal(10,2)) as a, x::string as b, try_cast(s as int) as c, cast(s as timestamp_ntz) as d, cast(s as timestamp) as e, cast(x as bigint) as f from t
-- expect: a DECIMAL(10,2), b STRING, c INT, d TIMESTAMP_NTZ, e TIMESTAMP, f BIGINT

-- case: databricks integer division by slash is double
-- dialect: databricks
-- schema: {"t": {"a": "int", "b": "int", "d": "decimal(10,2)"}}
select a / b as x, a * b as y, d / a as z from t
-- expect: x DOUBLE, y INT, z ~DECIMAL(21,13)

-- case: trino literals
-- dialect: trino
-- schema: {}
select 1 as a, 1.5 as b, 3000000000 as c, 1e3 as d, 'abc' as e, true as f
-- expect: a INTEGER, b DECIMAL(2,1), c BIGINT, d DOUBLE, e ~VARCHAR(3), f BOOLEAN

-- case: trino casts
-- dialect: trino
-- schema: {"t": {"x": "integer", "s": "varchar"}}
select cast(x as varchar) as a, try_cast(s as integer) as b, cast(s as decimal(10,2)) as c, cast(x as double) as d, cast(x as real) as e, cast(s as date) as f from t
-- expect: a VARCHAR, b INTEGER, c DECIMAL(10,2), d DOUBLE, e REAL, f DATE

-- case: trino integer division stays integer
-- dialect: trino
-- schema: {"t": {"a": "integer", "b": "bigint"}}
select a / 2 as x, a / b as y from t
-- expect: x INTEGER, y BIGINT

-- case: redshift literals (a string literal is left untyped)
-- dialect: redshift
-- schema: {}
select 1 as a, 1.5 as b, 3000000000 as c, 'abc' as d
-- expect: a INTEGER, b ~NUMERIC(2,1), c BIGINT, d ?

-- case: redshift casts
-- dialect: redshift
-- schema: {"t": {"x": "integer", "s": "varchar(20)"}}
select x::varchar as a, s::char(3) as b, x::float8 as c, s::numeric(10,2) as d, s::timestamptz as e, x::real as f from t
-- expect: a VARCHAR, b CHAR(3), c DOUBLE PRECISION, d NUMERIC(10,2), e TIMESTAMPTZ, f REAL

-- case: redshift smallint arithmetic is not typed
-- dialect: redshift
-- schema: {"t": {"s": "smallint", "i": "integer"}}
select s + s as a, i + i as b, i / 2 as c from t
-- expect: a ?, b INTEGER, c INTEGER
