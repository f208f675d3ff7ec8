-- DuckDB's one-column table functions in FROM (table_functions.py), named windows in unaliased names
-- (named_windows.py), and `unnest(<struct>)` (unnest_structs.py); with the variants each rule leaves open, and
-- what other dialects do. The DuckDB names are checked against real DuckDB in tests/oracle/test_duckdb_fixed_rules.py.

-- case: duckdb select * from generate_series names the column after the function
-- dialect: duckdb
-- schema: {}
select * from generate_series(1, 3)
-- expect: generate_series ?

-- case: duckdb range with a table alias is the column of the alias's name
-- dialect: duckdb
-- schema: {"t": {"id": "integer"}}
select * from t, range(date '2024-01-01', date '2024-02-01', interval 1 day) as d
-- expect: id INTEGER, d ?

-- case: duckdb unnest of a list in FROM is the column unnest
-- dialect: duckdb
-- schema: {}
select * from unnest(['a', 'b'])
-- expect: unnest ~VARCHAR

-- case: duckdb table function with a column list keeps it
-- dialect: duckdb
-- schema: {}
select * from generate_series(1, 3) as g(n)
-- expect: n ?

-- case: duckdb table function read by its function name beside an alias stays open under star
-- dialect: duckdb
-- schema: {}
select g.generate_series, g.* from generate_series(1, 3) as g
-- expect: generate_series ?
-- expect-open: `select *` over a table whose columns are not known

-- case: duckdb two unaliased range items in one FROM stay open (DuckDB refuses the ambiguity)
-- dialect: duckdb
-- schema: {}
select * from range(2), range(3)
-- expect:
-- expect-open: `select *` over a table whose columns are not known

-- case: postgres set-returning functions in FROM: sqlglot names them as Postgres does (alias, else the function)
-- dialect: postgres
-- schema: {}
select * from generate_series(1, 3) as g, generate_series(1, 2)
-- expect: g ?, generate_series ?

-- case: snowflake table function under star stays open
-- dialect: snowflake
-- schema: {}
select * from table(generator(rowcount => 3))
-- expect:
-- expect-open: `select *`

-- case: duckdb unaliased window function over a named window prints the definition
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "cat": "varchar", "amount": "decimal(10,2)"}}
select id, row_number() over w, sum(amount) over (w) from t window w as (partition by cat order by id desc)
-- expect: id INTEGER, "row_number() OVER (PARTITION BY cat ORDER BY id DESC)" BIGINT
-- expect: "sum(amount) OVER (PARTITION BY cat ORDER BY id DESC)" DECIMAL(38,2)

-- case: duckdb a window that adds to a named window stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "cat": "varchar"}}
select rank() over (w order by id) from t window w as (partition by cat)
-- expect:
-- expect-open: without an alias

-- case: duckdb a named window with a frame stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "cat": "varchar"}}
select count(*) over w from t window w as (order by id rows between unbounded preceding and current row)
-- expect:
-- expect-open: without an alias

-- case: duckdb a named window with an explicit ASC stays open (sqlglot drops it, DuckDB prints it)
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "cat": "varchar"}}
select rank() over w from t window w as (order by id asc)
-- expect:
-- expect-open: without an alias

-- case: postgres unaliased window function over a named window is named after the function
-- dialect: postgres
-- schema: {"t": {"id": "int", "cat": "text"}}
select row_number() over w from t window w as (partition by cat order by id)
-- expect: row_number BIGINT

-- case: duckdb unnest of a struct becomes its fields, alias ignored
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "meta": "struct(r integer, i varchar)"}}
select id, unnest(meta), unnest(meta) as s from t
-- expect: id INTEGER, r INTEGER, i VARCHAR, r_1 INTEGER, i_1 VARCHAR

-- case: duckdb unnest of a list keeps its alias
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "tags": "varchar[]", "d": "varchar"}}
select id, unnest(tags) as tag, unnest(string_split(d, ' ')) as word from t
-- expect: id INTEGER, tag VARCHAR, word VARCHAR

-- case: duckdb unnest of a value of unknown type stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "x": null}}
select id, unnest(x) as y from t
-- expect: id INTEGER
-- expect-open: whose type is not known

-- case: duckdb recursive unnest stays open
-- dialect: duckdb
-- schema: {"t": {"meta": "struct(r integer, i varchar)"}}
select unnest(meta, recursive := true) from t
-- expect:
-- expect-open: with options

-- case: duckdb unnest of a struct inside a CTE is its fields, spelled out in a second pass (inner_structs.py)
-- dialect: duckdb
-- schema: {"t": {"meta": "struct(r integer, i varchar)"}}
with x as (select unnest(meta) as s from t) select * from x
-- expect: r INTEGER, i VARCHAR

-- case: duckdb unnest of a struct of unknown type inside a CTE stays open
-- dialect: duckdb
-- schema: {"t": {"meta": null}}
with x as (select unnest(meta) as s from t) select * from x
-- expect: s ?
-- expect-open: an unnest of a value whose type is not known

-- case: duckdb calls that always give a list are typed as DuckDB's list, so an unnest of them is typed
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "v": "varchar", "tags": "varchar[]"}}
select id, string_split(v, ',') as a, regexp_split_to_array(v, ',') as b, str_split_regex(v, ',') as c, list_sort(tags) as d, list_slice(tags, 1, 2) as e, tags[1:2] as f from t
-- expect: id INTEGER, a VARCHAR[], b VARCHAR[], c VARCHAR[], d VARCHAR[], e VARCHAR[], f VARCHAR[]

-- case: duckdb unnest of a column a parent typed as a list is closed with the element type
-- dialect: duckdb
-- schema: {"p": {"id": "integer", "codes": "varchar[]"}}
select id, unnest(codes) as code from p
-- expect: id INTEGER, code VARCHAR

-- case: duckdb a list call on a value whose type is not known is not typed
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "v": null}}
select id, string_split(v, ',') as x from t
-- expect: id INTEGER, x ?
