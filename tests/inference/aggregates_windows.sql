-- Aggregates (count is BIGINT-class everywhere; sum/avg follow each warehouse) and window functions.

-- case: snowflake count sum avg
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "AMOUNT": "number(10,2)", "RATE": "float"}}
select count(*) as n, count(distinct id) as nd, sum(id) as s_int, sum(amount) as s_dec, sum(rate) as s_float, avg(id) as a_int, avg(amount) as a_dec, avg(rate) as a_float from t
-- expect: N ~NUMBER(18,0), ND ~NUMBER(18,0), S_INT NUMBER(38,0), S_DEC NUMBER(38,2), S_FLOAT FLOAT, A_INT ~NUMBER(38,6), A_DEC ~NUMBER(38,8), A_FLOAT FLOAT

-- case: snowflake min max any_value
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "NAME": "varchar", "TS": "timestamp_ntz"}}
select min(id) as lo, max(name) as hi, any_value(ts) as ts_any, max(ts) as last_ts from t
-- expect: LO INT, HI VARCHAR, TS_ANY TIMESTAMP_NTZ, LAST_TS TIMESTAMP_NTZ

-- case: snowflake count_if listagg array_agg booland_agg
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "NAME": "varchar"}}
select count_if(id > 1) as c, listagg(name, ',') as names, array_agg(id) as ids, booland_agg(id > 0) as all_pos from t
-- expect: C ~NUMBER(18,0), NAMES VARCHAR, IDS ~ARRAY, ALL_POS BOOLEAN

-- case: snowflake approx_count_distinct and stddev (stddev not typed)
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select approx_count_distinct(id) as a, stddev(id) as s from t
-- expect: A ~NUMBER(18,0), S ?

-- case: snowflake window functions
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "K": "varchar", "AMOUNT": "number(10,2)"}}
select row_number() over (order by id) as rn, rank() over (order by id) as rk, dense_rank() over (order by id) as dr, ntile(4) over (order by id) as nt, lag(amount) over (order by id) as prev, lead(amount, 1, 0) over (order by id) as nxt, first_value(k) over (order by id) as fk, sum(amount) over (partition by k) as running from t
-- expect: RN ~NUMBER(18,0), RK ~NUMBER(18,0), DR ~NUMBER(18,0), NT ~NUMBER(18,0), PREV NUMBER(10,2), NXT ~NUMBER(10,2), FK VARCHAR, RUNNING NUMBER(38,2)

-- case: snowflake percent_rank is not typed
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select percent_rank() over (order by id) as pr, cume_dist() over (order by id) as cd from t
-- expect: PR ?, CD ?

-- case: postgres aggregates of integers
-- dialect: postgres
-- schema: {"t": {"s": "smallint", "i": "int", "b": "bigint"}}
select count(*) as n, sum(s) as ss, sum(i) as si, sum(b) as sb, avg(i) as ai, min(i) as mi, max(b) as mb from t
-- expect: n BIGINT, ss BIGINT, si BIGINT, sb NUMERIC, ai NUMERIC, mi INT, mb BIGINT

-- case: postgres aggregates of decimals and floats
-- dialect: postgres
-- schema: {"t": {"d": "numeric(10,2)", "f": "real", "db": "double precision"}}
select sum(d) as sd, avg(d) as ad, sum(f) as sf, sum(db) as sdb, avg(f) as af, stddev(d) as std, stddev(db) as stdb from t
-- expect: sd NUMERIC, ad NUMERIC, sf REAL, sdb DOUBLE PRECISION, af DOUBLE PRECISION, std NUMERIC, stdb DOUBLE PRECISION

-- case: postgres string_agg array_agg bool_and
-- dialect: postgres
-- schema: {"t": {"i": "int", "v": "varchar(10)"}}
select string_agg(v, ',') as names, array_agg(i) as ids, bool_and(i > 1) as all_big, count(distinct v) as nv from t
-- expect: names TEXT, ids INT[], all_big BOOLEAN, nv BIGINT

-- case: postgres window functions
-- dialect: postgres
-- schema: {"t": {"i": "int", "d": "numeric(10,2)"}}
select row_number() over () as a, rank() over () as b, dense_rank() over () as c, ntile(2) over () as d2, percent_rank() over () as e, cume_dist() over () as f, lag(i) over () as g, lag(i, 1, 0) over () as h, first_value(d) over () as i2, sum(i) over () as j, count(*) over () as k from t
-- expect: a BIGINT, b BIGINT, c BIGINT, d2 INT, e DOUBLE PRECISION, f DOUBLE PRECISION, g INT, h INT, i2 NUMERIC(10,2), j BIGINT, k BIGINT

-- case: duckdb aggregates of integers (sum is HUGEINT)
-- dialect: duckdb
-- schema: {"t": {"s": "smallint", "i": "integer", "b": "bigint"}}
select count(*) as n, sum(s) as ss, sum(i) as si, sum(b) as sb, avg(i) as ai, count_if(i > 1) as ci, approx_count_distinct(i) as acd from t
-- expect: n BIGINT, ss HUGEINT, si HUGEINT, sb HUGEINT, ai DOUBLE, ci HUGEINT, acd BIGINT

-- case: duckdb aggregates of decimals and floats
-- dialect: duckdb
-- schema: {"t": {"d": "decimal(10,2)", "f": "float", "db": "double"}}
select sum(d) as sd, avg(d) as ad, min(d) as md, sum(f) as sf, avg(f) as af, sum(db) as sdb, stddev(db) as std from t
-- expect: sd DECIMAL(38,2), ad DOUBLE, md DECIMAL(10,2), sf DOUBLE, af DOUBLE, sdb DOUBLE, std DOUBLE

-- case: duckdb string_agg list bool_and any_value
-- dialect: duckdb
-- schema: {"t": {"i": "integer", "v": "varchar"}}
select string_agg(v, ',') as names, array_agg(i) as ids, list(i) as ids2, bool_and(i > 1) as all_big, any_value(i) as anyi from t
-- expect: names VARCHAR, ids INTEGER[], ids2 INTEGER[], all_big BOOLEAN, anyi INTEGER

-- case: duckdb window functions
-- dialect: duckdb
-- schema: {"t": {"i": "integer", "d": "decimal(10,2)"}}
select row_number() over () as a, rank() over () as b, dense_rank() over () as c, percent_rank() over () as d2, cume_dist() over () as e, lag(i) over () as f, lag(i, 1, 0) over () as g, first_value(d) over () as h, ntile(3) over () as i2, sum(i) over () as j, count(*) over () as k from t
-- expect: a BIGINT, b BIGINT, c BIGINT, d2 DOUBLE, e DOUBLE, f INTEGER, g INTEGER, h DECIMAL(10,2), i2 BIGINT, j HUGEINT, k BIGINT

-- case: bigquery aggregates
-- dialect: bigquery
-- schema: {"t": {"i": "int64", "n": "numeric", "f": "float64", "s": "string"}}
select count(*) as c, countif(i > 1) as ci, sum(i) as si, sum(n) as sn, sum(f) as sf, avg(i) as ai, avg(n) as an, string_agg(s, ',') as sa, array_agg(i) as ids, approx_count_distinct(i) as acd from t
-- expect: c INT64, ci INT64, si INT64, sn NUMERIC, sf FLOAT64, ai FLOAT64, an NUMERIC, sa STRING, ids ARRAY<INT64>, acd INT64

-- case: bigquery bignumeric sum
-- dialect: bigquery
-- schema: {"t": {"b": "bignumeric"}}
select sum(b) as sb, avg(b) as ab from t
-- expect: sb BIGNUMERIC, ab BIGNUMERIC

-- case: bigquery window functions
-- dialect: bigquery
-- schema: {"t": {"i": "int64", "s": "string"}}
select row_number() over (order by i) as rn, rank() over (order by i) as rk, percent_rank() over (order by i) as pr, lag(s) over (order by i) as prev from t
-- expect: rn INT64, rk INT64, pr FLOAT64, prev STRING

-- case: databricks aggregates
-- dialect: databricks
-- schema: {"t": {"i": "int", "b": "bigint", "d": "decimal(10,2)", "f": "double"}}
select count(*) as c, sum(i) as si, sum(b) as sb, sum(d) as sd, avg(i) as ai, avg(d) as ad, sum(f) as sf, collect_list(i) as ids from t
-- expect: c BIGINT, si BIGINT, sb BIGINT, sd DECIMAL(20,2), ai DOUBLE, ad DECIMAL(14,6), sf DOUBLE, ids ARRAY<INT>

-- case: databricks window functions are INT
-- dialect: databricks
-- schema: {"t": {"i": "int"}}
select row_number() over (order by i) as rn, rank() over (order by i) as rk, dense_rank() over (order by i) as dr, ntile(2) over (order by i) as nt from t
-- expect: rn INT, rk INT, dr INT, nt INT

-- case: trino aggregates
-- dialect: trino
-- schema: {"t": {"i": "integer", "d": "decimal(10,2)", "r": "real", "f": "double"}}
select count(*) as c, sum(i) as si, sum(d) as sd, avg(i) as ai, avg(d) as ad, sum(r) as sr, avg(r) as ar, approx_distinct(i) as ad2, arbitrary(i) as anyi from t
-- expect: c BIGINT, si BIGINT, sd DECIMAL(38,2), ai DOUBLE, ad DECIMAL(10,2), sr REAL, ar REAL, ad2 BIGINT, anyi INTEGER

-- case: trino window functions
-- dialect: trino
-- schema: {"t": {"i": "integer"}}
select row_number() over (order by i) as rn, rank() over (order by i) as rk, cume_dist() over (order by i) as cd from t
-- expect: rn BIGINT, rk BIGINT, cd DOUBLE

-- case: redshift aggregates
-- dialect: redshift
-- schema: {"t": {"i": "integer", "d": "numeric(10,2)", "f": "double precision"}}
select count(*) as c, sum(i) as si, sum(d) as sd, avg(d) as ad, avg(i) as ai, sum(f) as sf, listagg(i, ',') as l from t
-- expect: c BIGINT, si BIGINT, sd NUMERIC(38,2), ad ~NUMERIC(38,2), ai ?, sf DOUBLE PRECISION, l VARCHAR

-- case: redshift window functions
-- dialect: redshift
-- schema: {"t": {"i": "integer"}}
select row_number() over (order by i) as rn, rank() over (order by i) as rk, dense_rank() over (order by i) as dr from t
-- expect: rn BIGINT, rk INTEGER, dr ?

-- case: aggregate over an unknown column type is unknown, count still typed
-- dialect: snowflake
-- schema: {"src": {"ID": null}}
select count(id) as c, sum(id) as s, max(id) as m from src
-- expect: C ~NUMBER(18,0), S ?, M ?

-- case: window over a CTE aggregate
-- dialect: postgres
-- schema: {"t": {"k": "text", "i": "int"}}
with per_k as (select k, sum(i) as total from t group by k)
select k, total, rank() over (order by total desc) as pos from per_k
-- expect: k TEXT, total BIGINT, pos BIGINT
