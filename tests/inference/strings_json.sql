-- String functions and semi-structured access: Snowflake `v:a::string`, Postgres `->>`, BigQuery JSON_VALUE...

-- case: snowflake string functions
-- dialect: snowflake
-- schema: {"t": {"NAME": "varchar", "ID": "int"}}
select upper(name) as a, lower(name) as b, initcap(name) as c, trim(name) as d, ltrim(name) as e, concat(name, 'x') as f, name || id as g, substr(name, 1, 2) as h, replace(name, 'a', 'b') as i, lpad(name, 5, '0') as j, split_part(name, ',', 1) as k, left(name, 2) as l from t
-- expect: A VARCHAR, B VARCHAR, C VARCHAR, D VARCHAR, E VARCHAR, F VARCHAR, G VARCHAR, H VARCHAR, I VARCHAR, J VARCHAR, K VARCHAR, L VARCHAR

-- case: snowflake length and position
-- dialect: snowflake
-- schema: {"t": {"NAME": "varchar"}}
select length(name) as a, len(name) as b, position('a', name) as c, charindex('a', name) as d from t
-- expect: A ~NUMBER(18,0), B ~NUMBER(18,0), C ~NUMBER(18,0), D ~NUMBER(18,0)

-- case: snowflake md5 and regexp
-- dialect: snowflake
-- schema: {"t": {"NAME": "varchar"}}
select md5(name) as a, regexp_replace(name, 'a', 'b') as b, regexp_substr(name, 'a') as c from t
-- expect: A VARCHAR, B VARCHAR, C VARCHAR

-- case: snowflake substring of a binary value is not text
-- dialect: snowflake
-- schema: {"t": {"B": "binary"}}
select substr(b, 1, 2) as a from t
-- expect: A ?

-- case: snowflake string function of an unknown column
-- dialect: snowflake
-- schema: {"src": {"NAME": null}}
select upper(name) as a, substr(name, 1, 2) as b, length(name) as c from src
-- expect: A VARCHAR, B ?, C ~NUMBER(18,0)

-- case: snowflake variant path access
-- dialect: snowflake
-- schema: {"t": {"V": "variant"}}
select v:a as a, v:a.b as b, v:a::string as c, v:a.b::number(10,2) as d, v['x'] as e, v:items[0] as f, v:"Mixed Case"::varchar as g from t
-- expect: A VARIANT, B VARIANT, C VARCHAR, D NUMBER(10,2), E VARIANT, F VARIANT, G VARCHAR

-- case: snowflake parse_json and array access
-- dialect: snowflake
-- schema: {"t": {"S": "varchar", "ARR": "array", "O": "object"}}
select parse_json(s) as a, arr[0] as b, o['k'] as c, array_size(arr) as d from t
-- expect: A VARIANT, B VARIANT, C VARIANT, D ~NUMBER(18,0)

-- case: snowflake json_extract_path_text
-- dialect: snowflake
-- schema: {"t": {"S": "varchar"}}
select json_extract_path_text(s, 'a.b') as a from t
-- expect: A VARCHAR

-- case: postgres string functions are text
-- dialect: postgres
-- schema: {"t": {"v": "varchar(10)", "c": "char(3)", "tx": "text", "i": "int"}}
select upper(v) as a, upper(c) as b, lower(tx) as c2, concat(v, 'x') as d, trim(v) as e, substr(v, 1, 2) as f, replace(v, 'a', 'b') as g, left(v, 2) as h, lpad(v, 3, 'x') as i2, md5(v) as j, split_part(v, ',', 1) as k, regexp_replace(v, 'a', 'b') as l, initcap(v) as m from t
-- expect: a TEXT, b TEXT, c2 TEXT, d TEXT, e TEXT, f TEXT, g TEXT, h TEXT, i2 TEXT, j TEXT, k TEXT, l TEXT, m TEXT

-- case: postgres length and position are integer
-- dialect: postgres
-- schema: {"t": {"v": "varchar(10)"}}
select length(v) as a, char_length(v) as b, position('a' in v) as c, strpos(v, 'a') as d from t
-- expect: a INT, b INT, c INT, d INT

-- case: postgres json operators
-- dialect: postgres
-- schema: {"t": {"j": "json", "jb": "jsonb"}}
select j->>'a' as a, j->'a' as b, jb->'a' as c, jb->>'a' as d, j#>>'{a,b}' as e, jb#>'{a}' as f from t
-- expect: a TEXT, b JSON, c JSONB, d TEXT, e TEXT, f JSONB

-- case: postgres json operator on an untyped column
-- dialect: postgres
-- schema: {"src": {"payload": null}}
select payload->'a' as a, payload->>'a' as b from src
-- expect: a ?, b TEXT

-- case: duckdb string functions
-- dialect: duckdb
-- schema: {"t": {"v": "varchar", "i": "integer"}}
select upper(v) as a, lower(v) as b, concat(v, 'x') as c, trim(v) as d, substr(v, 1, 2) as e, replace(v, 'a', 'b') as f, left(v, 2) as g, lpad(v, 3, 'x') as h, md5(v) as j, split_part(v, ',', 1) as k, regexp_replace(v, 'a', 'b') as l, reverse(v) as m from t
-- expect: a VARCHAR, b VARCHAR, c VARCHAR, d VARCHAR, e VARCHAR, f VARCHAR, g VARCHAR, h VARCHAR, j VARCHAR, k VARCHAR, l VARCHAR, m VARCHAR

-- case: duckdb length and position are bigint
-- dialect: duckdb
-- schema: {"t": {"v": "varchar"}}
select length(v) as a, strpos(v, 'a') as b from t
-- expect: a BIGINT, b BIGINT

-- case: duckdb json
-- dialect: duckdb
-- schema: {"t": {"j": "json", "v": "varchar"}}
select j->>'a' as a, j->'a' as b, json_extract_string(j, '$.a') as c, json_extract(j, '$.a') as d, v::json->>'a' as e from t
-- expect: a VARCHAR, b JSON, c VARCHAR, d JSON, e VARCHAR

-- case: duckdb list concatenation is not a string
-- dialect: duckdb
-- schema: {"t": {"arr": "integer[]"}}
select arr || arr as a, arr[1] as b, [1, 2] as c, len(arr) as d, array_length(arr) as e from t
-- expect: a ?, b INTEGER, c INTEGER[], d BIGINT, e BIGINT

-- case: bigquery string functions
-- dialect: bigquery
-- schema: {"t": {"s": "string", "b": "bytes"}}
select upper(s) as a, lower(s) as c, concat(s, 'x') as d, substr(s, 1, 2) as e, replace(s, 'a', 'b') as f, trim(s) as g, length(s) as h, upper(b) as i, substr(b, 1, 2) as j from t
-- expect: a STRING, c STRING, d STRING, e STRING, f STRING, g STRING, h INT64, i ?, j ?

-- case: bigquery string function of an unknown column (could be BYTES)
-- dialect: bigquery
-- schema: {"src": {"s": null}}
select upper(s) as a from src
-- expect: a ?

-- case: bigquery json functions
-- dialect: bigquery
-- schema: {"t": {"j": "json", "s": "string"}}
select json_value(j, '$.a') as a, json_extract_scalar(s, '$.a') as b, json_query(j, '$.a') as c, json_query(s, '$.a') as d, json_extract(s, '$.a') as e from t
-- expect: a STRING, b STRING, c JSON, d STRING, e STRING

-- case: bigquery struct field access
-- dialect: bigquery
-- schema: {"t": {"s": "struct<a int64, b string>"}}
select s.a as a, t.s.b as b from t
-- expect: a INT64, b STRING

-- case: bigquery array offset access
-- dialect: bigquery
-- schema: {"t": {"arr": "array<string>"}}
select arr[offset(0)] as a, array_length(arr) as b from t
-- expect: a STRING, b INT64

-- case: databricks string and json functions
-- dialect: databricks
-- schema: {"t": {"s": "string", "j": "string"}}
select upper(s) as a, concat_ws(',', s, s) as b, get_json_object(j, '$.a') as c, j:a as d, j:a::int as e, length(s) as f from t
-- expect: a STRING, b STRING, c STRING, d STRING, e INT, f INT

-- case: databricks variant path
-- dialect: databricks
-- schema: {"t": {"v": "variant"}}
select v:a as a, v:a::string as b, parse_json('{}') as c from t
-- expect: a VARIANT, b STRING, c VARIANT

-- case: trino string and json functions
-- dialect: trino
-- schema: {"t": {"s": "varchar", "c": "char(3)", "j": "json"}}
select upper(s) as a, length(s) as b, strpos(s, 'a') as d, json_extract_scalar(j, '$.a') as e, json_extract(j, '$.a') as f, upper(c) as g from t
-- expect: a VARCHAR, b BIGINT, d BIGINT, e VARCHAR, f JSON, g ?

-- case: redshift string functions keep char as char: unknown
-- dialect: redshift
-- schema: {"t": {"v": "varchar(10)", "c": "char(3)"}}
select upper(v) as a, upper(c) as b, len(v) as d, json_extract_path_text(v, 'a') as e from t
-- expect: a VARCHAR, b ?, d INTEGER, e VARCHAR

-- case: postgres array functions
-- dialect: postgres
-- schema: {"t": {"arr": "int[]"}}
select array_length(arr, 1) as a, arr[1] as b, array[1, 2] as c from t
-- expect: a INT, b INT, c INT[]

-- case: struct constructors
-- dialect: bigquery
-- schema: {"t": {"i": "int64", "v": "string"}}
select struct(1 as a, v as b) as s, struct(i, v) as s2 from t
-- expect: s STRUCT<a INT64, b STRING>, s2 STRUCT<i INT64, v STRING>

-- case: duckdb struct literal
-- dialect: duckdb
-- schema: {"t": {"v": "varchar"}}
select {'x': 1, 'y': v} as s from t
-- expect: s STRUCT(x INTEGER, y VARCHAR)

-- case: snowflake object_construct is an object
-- dialect: snowflake
-- schema: {"t": {"I": "int"}}
select object_construct('a', i) as o from t
-- expect: O ~OBJECT
