-- A column read by a qualified name from a table whose column list may be incomplete (partial_tables.py): the
-- name is certain (the column exists wherever the model builds), the type unknown; a star over the table
-- stays open. Checked against DuckDB (tests/oracle/test_duckdb_gaps.py).

-- case: duckdb qualified columns of a source with a partial column list
-- dialect: duckdb
-- schema: {"src": {"id": "integer"}, "c": {"id": "integer", "name": "varchar"}}
-- incomplete: ["src"]
select o.id, o.amount, o.created_at::date as order_date, c.name
from src as o
join c on c.id = o.customer_id
-- expect: id INTEGER, amount ?, order_date DATE, name VARCHAR

-- case: snowflake qualified columns of an unknown source, folded to upper case
-- dialect: snowflake
-- schema: {"src": {}}
-- incomplete: ["src"]
select s.date, s.user_id as uid, count(*) as n from src as s group by 1, 2
-- expect: DATE ?, UID ?, N ~NUMBER(18,0)

-- case: duckdb a CTE that passes a partial source through a star, read by qualified names
-- dialect: duckdb
-- schema: {"src": {"id": "integer"}}
-- incomplete: ["src"]
with source as (select * from src),
renamed as (select source.id as order_id, source.status from source)
select renamed.order_id, renamed.status from renamed
-- expect: order_id INTEGER, status ?

-- case: duckdb derived tables that pass a partial source through a qualified star over a join
-- dialect: duckdb
-- schema: {"a": {"user_id": "integer"}, "b": {"user_id": "integer"}, "m": {"user_id": "integer"}}
-- incomplete: ["a", "b"]
select max(coalesce(s.enable, r.enable)) as enabled
from (select s.* from a as s join m on s.user_id = m.user_id) as s
full outer join (select r.* from b as r join m on r.user_id = m.user_id) as r on s.user_id = r.user_id
-- expect: enabled ?

-- case: duckdb a derived table with an unqualified star over a join: which table has the column is not known
-- dialect: duckdb
-- schema: {"a": {"id": "integer"}, "m": {"id": "integer"}}
-- incomplete: ["a"]
select s.x from (select * from a join m using (id)) as s
-- expect-open: Unknown column

-- case: duckdb the same alias naming two partial sources in two CTEs
-- dialect: duckdb
-- schema: {"a": {"id": "integer"}, "b": {"id": "integer"}}
-- incomplete: ["a", "b"]
with x as (select n.id, n.score from a as n),
y as (select n.id, n.comment from b as n)
select x.id, x.score, y.comment from x join y on x.id = y.id
-- expect: id INTEGER, score ?, comment ?

-- case: duckdb a star over the partial source stays open, with its read columns known
-- dialect: duckdb
-- schema: {"src": {"id": "integer"}}
-- incomplete: ["src"]
select o.*, o.amount * 2 as doubled from src as o
-- expect: id INTEGER, amount ?, doubled ?
-- expect-open: `select *` over `src`

-- case: duckdb a qualified column unknown to a complete table stays open
-- dialect: duckdb
-- schema: {"t": {"id": "integer"}}
select t.id, t.nope from t
-- expect-open: Unknown column
