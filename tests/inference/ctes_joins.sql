-- CTEs, subqueries, joins (USING, full outer, natural), QUALIFY and lateral column aliases.

-- case: simple CTE
-- dialect: snowflake
-- schema: {"orders": {"ID": "int", "AMOUNT": "number(10,2)"}}
with o as (select id as order_id, amount from orders)
select order_id, amount from o
-- expect: ORDER_ID INT, AMOUNT NUMBER(10,2)

-- case: nested CTEs reading each other
-- dialect: snowflake
-- schema: {"orders": {"ID": "int", "CUSTOMER_ID": "int", "AMOUNT": "number(10,2)"}}
with o as (select id, customer_id, amount from orders),
     per_customer as (select customer_id, count(*) as order_count from o group by customer_id),
     final as (select p.customer_id, p.order_count from per_customer p)
select * from final
-- expect: CUSTOMER_ID INT, ORDER_COUNT ~NUMBER(18,0)

-- case: CTE inside a subquery
-- dialect: postgres
-- schema: {"t": {"id": "int", "name": "text"}}
select x.id, x.name from (with inner_cte as (select id, name from t) select * from inner_cte) as x
-- expect: id INT, name TEXT

-- case: CTE named like a table shadows it
-- dialect: postgres
-- schema: {"t": {"id": "int", "name": "text"}}
with t as (select 1 as one) select * from t
-- expect: one INT

-- case: recursive CTE
-- dialect: postgres
-- schema: {}
with recursive r as (select 1 as n union all select n + 1 from r where n < 10)
select n from r
-- expect: n INT

-- case: scalar subquery and exists
-- dialect: duckdb
-- schema: {"a": {"id": "integer"}, "b": {"y": "varchar"}}
select id, (select max(y) from b) as m, exists(select 1 from b) as e from a
-- expect: id INTEGER, m VARCHAR, e BOOLEAN

-- case: derived table with column aliases
-- dialect: postgres
-- schema: {"t": {"id": "int", "name": "text"}}
select x.a, x.b from (select id, name from t) as x(a, b)
-- expect: a INT, b TEXT

-- case: self join with aliases
-- dialect: snowflake
-- schema: {"emp": {"ID": "int", "MANAGER_ID": "int", "NAME": "varchar"}}
select e.name as employee, m.name as manager from emp e left join emp m on e.manager_id = m.id
-- expect: EMPLOYEE VARCHAR, MANAGER VARCHAR

-- case: group by and having
-- dialect: duckdb
-- schema: {"a": {"id": "integer", "k": "varchar"}}
select k as Key, count(*) as N from a group by k having count(*) > 1
-- expect: Key VARCHAR, N BIGINT

-- case: join using names the column once (postgres: the common type)
-- dialect: postgres
-- schema: {"a": {"id": "int", "x": "int"}, "b": {"id": "bigint", "y": "text"}}
select * from a join b using (id)
-- expect: id BIGINT, x INT, y TEXT

-- case: left join using
-- dialect: postgres
-- schema: {"a": {"id": "int", "x": "int"}, "b": {"id": "int", "y": "text"}}
select * from a left join b using (id)
-- expect: id INT, x INT, y TEXT

-- case: full outer join using coalesces the key
-- dialect: postgres
-- schema: {"a": {"id": "int", "x": "int"}, "b": {"id": "bigint", "y": "text"}}
select * from a full outer join b using (id)
-- expect: id BIGINT, x INT, y TEXT

-- case: full outer join using, key selected by name
-- dialect: snowflake
-- schema: {"a": {"ID": "int", "X": "int"}, "b": {"ID": "int", "Y": "varchar"}}
select id, x, y from a full outer join b using (id)
-- expect: ID INT, X INT, Y VARCHAR

-- case: join using two keys
-- dialect: snowflake
-- schema: {"a": {"ID": "int", "K": "varchar", "X": "int"}, "b": {"ID": "int", "K": "varchar", "Y": "int"}}
select * from a join b using (id, k)
-- expect: ID INT, K VARCHAR, X INT, Y INT

-- case: duckdb inner join using keeps the left key's type
-- dialect: duckdb
-- schema: {"a": {"id": "integer", "x": "integer"}, "b": {"id": "integer", "y": "varchar"}}
select * from a join b using (id)
-- expect: id INTEGER, x INTEGER, y VARCHAR

-- case: duckdb join using keys of different types is unknown (the type depends on the join kind)
-- dialect: duckdb
-- schema: {"a": {"id": "integer", "x": "integer"}, "b": {"id": "bigint", "y": "varchar"}}
select * from a join b using (id)
-- expect: id ?, x INTEGER, y VARCHAR

-- case: duckdb qualified star over a join using
-- dialect: duckdb
-- schema: {"a": {"id": "integer", "x": "integer"}, "b": {"id": "bigint", "y": "varchar"}}
select a.*, y from a join b using (id)
-- expect: id INTEGER, x INTEGER, y VARCHAR

-- case: natural join
-- dialect: postgres
-- schema: {"a": {"id": "int", "x": "int", "k": "varchar"}, "b": {"id": "bigint", "y": "text", "k": "varchar"}}
select * from a natural join b
-- expect: id BIGINT, k VARCHAR, x INT, y TEXT

-- case: natural join on snowflake
-- dialect: snowflake
-- schema: {"a": {"ID": "int", "X": "int"}, "b": {"ID": "int", "Y": "varchar"}}
select * from a natural join b
-- expect: ID INT, X INT, Y VARCHAR

-- case: cross join
-- dialect: bigquery
-- schema: {"a": {"id": "int64"}, "b": {"label": "string"}}
select a.id, b.label from a cross join b
-- expect: id INT64, label STRING

-- case: qualify on snowflake
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "K": "varchar", "TS": "timestamp_ntz"}}
select id, k from t qualify row_number() over (partition by k order by ts desc) = 1
-- expect: ID INT, K VARCHAR

-- case: qualify referring to a projected alias
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "K": "varchar"}}
select id, row_number() over (partition by k order by id) as rn from t qualify rn = 1
-- expect: ID INT, RN ~NUMBER(18,0)

-- case: qualify on bigquery
-- dialect: bigquery
-- schema: {"t": {"id": "int64", "k": "string"}}
select id, k from t where true qualify row_number() over (partition by k order by id) = 1
-- expect: id INT64, k STRING

-- case: qualify on duckdb
-- dialect: duckdb
-- schema: {"a": {"x": "integer", "k": "varchar"}}
select x as X2 from a qualify row_number() over (partition by k order by x) = 1
-- expect: X2 INTEGER

-- case: qualify on databricks
-- dialect: databricks
-- schema: {"t": {"id": "int", "k": "string"}}
select id, k from t qualify row_number() over (partition by k order by id) = 1
-- expect: id INT, k STRING

-- case: lateral column alias on snowflake
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "PRICE": "number(10,2)"}}
select id + 1 as b, b * 2 as c, price as p, p * 2 as p2 from t
-- expect: B INT, C INT, P NUMBER(10,2), P2 ~NUMBER(11,2)

-- case: lateral column alias chain on databricks
-- dialect: databricks
-- schema: {"t": {"a": "int"}}
select a + 1 as b, b * 2 as c, c - 1 as d from t
-- expect: b INT, c INT, d INT

-- case: lateral column alias on duckdb
-- dialect: duckdb
-- schema: {"a": {"id": "integer"}}
select id + 1 as b2, b2 * 2 as c2 from a
-- expect: b2 INTEGER, c2 INTEGER

-- case: lateral column alias on bigquery
-- dialect: bigquery
-- schema: {"t": {"ID": "int64"}}
select ID as Id2, Id2 + 1 as y from t
-- expect: Id2 INT64, y INT64

-- case: lateral column alias of a string
-- dialect: snowflake
-- schema: {"t": {"FIRST_NAME": "varchar", "LAST_NAME": "varchar"}}
select first_name || ' ' || last_name as full_name, upper(full_name) as shout from t
-- expect: FULL_NAME VARCHAR, SHOUT VARCHAR

-- case: trino projection of an expression and a column
-- dialect: trino
-- schema: {"t": {"id": "integer", "b": "varchar"}}
select id + 1 as c, b from t
-- expect: c INTEGER, b VARCHAR

-- case: unnest on bigquery
-- dialect: bigquery
-- schema: {"t": {"id": "int64", "tags": "array<string>"}}
select t.id, tag from t, unnest(t.tags) as tag
-- expect: id INT64, tag STRING

-- case: unnest with offset on bigquery
-- dialect: bigquery
-- schema: {"t": {"id": "int64", "tags": "array<string>"}}
select tag, pos from t cross join unnest(tags) as tag with offset as pos
-- expect: tag STRING, pos INT64

-- case: unnest in the select list on postgres
-- dialect: postgres
-- schema: {"t": {"id": "int", "tags": "text[]"}}
select id, unnest(tags) as tag from t
-- expect: id INT, tag TEXT

-- case: unnest in the select list on duckdb
-- dialect: duckdb
-- schema: {"t": {"id": "integer", "tags": "varchar[]"}}
select id, unnest(tags) as tag from t
-- expect: id INTEGER, tag VARCHAR

-- case: trino cross join unnest with column alias
-- dialect: trino
-- schema: {"t": {"id": "integer", "tags": "array(varchar)"}}
select id, tag from t cross join unnest(tags) as u(tag)
-- expect: id INTEGER, tag VARCHAR

-- case: databricks explode
-- dialect: databricks
-- schema: {"t": {"id": "int", "tags": "array<string>"}}
select id, explode(tags) as tag from t
-- expect: id INT, tag STRING

-- case: snowflake lateral flatten (value is a variant; sqlglot does not type it)
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "ITEMS": "array"}}
select t.id, f.value as item, f.index as pos from t, lateral flatten(input => t.items) f
-- expect: ID INT, ITEM ?, POS ?

-- case: snowflake flatten star yields FLATTEN's fixed columns
-- dialect: snowflake
-- schema: {"t": {"ID": "int", "ITEMS": "array"}}
select f.* from t, lateral flatten(input => t.items) f
-- expect: SEQ ?, KEY ?, PATH ?, INDEX ?, VALUE ?, THIS ?
