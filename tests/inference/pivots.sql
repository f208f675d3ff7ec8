-- PIVOT / UNPIVOT with literal IN lists (pivots.py for DuckDB; sqlglot's own model for Snowflake), and the
-- variants that stay open. DuckDB's are also built by real DuckDB in the columns oracle (pivoted*.sql).

-- case: duckdb simplified pivot with group by
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "name": "varchar", "amount": "decimal(10,2)", "cat": "varchar"}}
pivot t on cat in ('a', 'b') using sum(amount) group by id
-- expect: id INTEGER, a DECIMAL(38,2), b DECIMAL(38,2)

-- case: duckdb simplified pivot without group by keeps every other column
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "name": "varchar", "amount": "decimal(10,2)", "cat": "varchar"}}
pivot t on cat in ('a', 'b') using sum(amount)
-- expect: id INTEGER, name VARCHAR, a DECIMAL(38,2), b DECIMAL(38,2)

-- case: duckdb pivot with aliased and several aggregates
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)", "cat": "varchar"}}
pivot t on cat in ('a', 'b') using sum(amount) as total, count(*) as n group by id
-- expect: id INTEGER, a_total DECIMAL(38,2), a_n BIGINT, b_total DECIMAL(38,2), b_n BIGINT

-- case: duckdb pivot with several unaliased aggregates names them as DuckDB prints them
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)", "cat": "varchar"}}
pivot t on cat in ('a') using sum(amount), count(*) group by id
-- expect: id INTEGER, a_sum(amount) DECIMAL(38,2), a_count_star() BIGINT

-- case: duckdb pivot inside a CTE, numbers as values
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)", "yr": "integer"}}
with p as (pivot t on yr in (2023, 2024) using max(amount) group by id)
select * from p
-- expect: id INTEGER, 2023 DECIMAL(10,2), 2024 DECIMAL(10,2)

-- case: duckdb standard pivot with group by (sqlglot alone keeps the other columns: wrong)
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "name": "varchar", "amount": "decimal(10,2)", "cat": "varchar"}}
select * from t pivot (sum(amount) for cat in ('a', 'b') group by id)
-- expect: id INTEGER, a DECIMAL(38,2), b DECIMAL(38,2)

-- case: duckdb simplified unpivot with into
-- dialect: duckdb
-- schema: {"w": {"id": "integer", "a": "integer", "b": "integer", "cat": "varchar"}}
unpivot w on a, b into name k value v
-- expect: id INTEGER, cat VARCHAR, k VARCHAR, v INTEGER

-- case: duckdb simplified unpivot names name and value by default
-- dialect: duckdb
-- schema: {"w": {"id": "integer", "a": "integer", "b": "integer"}}
unpivot w on a, b
-- expect: id INTEGER, name VARCHAR, value INTEGER

-- case: duckdb pivot without an IN list takes its columns from the data: open
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)", "cat": "varchar"}}
pivot t on cat using sum(amount) group by id
-- expect:
-- expect-open: without a literal IN list

-- case: duckdb unpivot over COLUMNS(* EXCLUDE ...) unpivots the source's other columns
-- dialect: duckdb
-- schema: {"w": {"id": "integer", "a": "integer", "b": "integer"}}
unpivot w on columns(* exclude (id)) into name k value v
-- expect: id INTEGER, k VARCHAR, v INTEGER

-- case: duckdb unpivot over COLUMNS('regex') and COLUMNS(lambda) over a CTE
-- dialect: duckdb
-- schema: {"w": {"id": "integer", "a_x": "integer", "b_x": "integer", "c": "varchar"}}
with s as (select * from w) unpivot s on columns('_x$') into name k value v
-- expect: id INTEGER, c VARCHAR, k VARCHAR, v INTEGER

-- case: duckdb unpivot over COLUMNS(lambda ...) of a shape not modelled stays open
-- dialect: duckdb
-- schema: {"w": {"id": "integer", "a": "integer", "b": "integer"}}
unpivot w on columns(lambda c: length(c) = 1) into name k value v
-- expect:
-- expect-open: does not model

-- case: duckdb unpivot over COLUMNS(...) of a table whose columns are not all known stays open
-- dialect: duckdb
-- schema: {"w": {"id": "integer", "a": "integer", "b": "integer"}}
-- incomplete: ["w"]
unpivot w on columns(* exclude (id)) into name k value v
-- expect:
-- expect-open: does not model

-- case: duckdb unpivot whose input select list and ON list both use COLUMNS('regex')
-- dialect: duckdb
-- schema: {"w": {"code": "varchar", "day_rate": "double", "night_rate": "double", "note": "varchar"}}
select code, k, v
from (unpivot (select code, columns('_rate$') from w) on columns('_rate$') into name k value v)
-- expect: code VARCHAR, k VARCHAR, v DOUBLE

-- case: duckdb unpivot with COLUMNS() in its input over a table whose columns are not all known stays open
-- dialect: duckdb
-- schema: {"w": {"code": "varchar", "day_rate": "double", "night_rate": "double"}}
-- incomplete: ["w"]
unpivot (select code, columns('_rate$') from w) on columns('_rate$') into name k value v
-- expect:
-- expect-open: does not model

-- case: duckdb simplified pivot with aliases in its IN list names the columns after the aliases
-- dialect: duckdb
-- schema: {"o": {"id": "integer", "status": "varchar", "channel": "varchar"}}
pivot o on status in ('completed' as done, 'returned' as back, 'lost') using count(*) group by channel
-- expect: channel VARCHAR, done BIGINT, back BIGINT, lost BIGINT

-- case: duckdb pivot whose IN list is a subquery stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "amount": "decimal(10,2)", "cat": "varchar"}, "c": {"cat": "varchar"}}
select * from t pivot (sum(amount) for cat in (select cat from c) group by id)
-- expect:
-- expect-open: does not model

-- case: snowflake pivot names its columns after the quoted values
-- dialect: snowflake
-- schema: {"T": {"ID": "number(38,0)", "AMOUNT": "number(10,2)", "CAT": "varchar"}}
select * from t pivot (sum(amount) for cat in ('a', 'b'))
-- expect: ID NUMBER(38,0), "'a'" ~NUMBER(38,2), "'b'" ~NUMBER(38,2)

-- case: snowflake pivot with column aliases
-- dialect: snowflake
-- schema: {"T": {"ID": "number(38,0)", "AMOUNT": "number(10,2)", "CAT": "varchar"}}
select * from t pivot (sum(amount) for cat in ('a', 'b')) as p (id, a_total, b_total)
-- expect: ID NUMBER(38,0), A_TOTAL ~NUMBER(38,2), B_TOTAL ~NUMBER(38,2)

-- case: snowflake unpivot
-- dialect: snowflake
-- schema: {"T": {"ID": "number(38,0)", "A": "number(38,0)", "B": "number(38,0)"}}
select * from t unpivot (v for k in (a, b))
-- expect: ID NUMBER(38,0), K VARCHAR, V NUMBER(38,0)

-- case: snowflake pivot over ANY takes its columns from the data: open
-- dialect: snowflake
-- schema: {"T": {"ID": "number(38,0)", "AMOUNT": "number(10,2)", "CAT": "varchar"}}
select * from t pivot (sum(amount) for cat in (any order by cat))
-- expect:
-- expect-open: without a literal IN list
