-- Names as the warehouse reports them: Snowflake folds unquoted names upper, Postgres/Redshift lower; DuckDB,
-- BigQuery and Databricks keep the spelling (DuckDB reports a column reference with its definition's spelling);
-- quoted identifiers keep their case (except on Redshift, which folds them too by default).

-- case: snowflake folds unquoted names upper
-- dialect: snowflake
-- schema: {"t": {"ORDER_ID": "int", "AMOUNT": "number(10,2)"}}
select order_id, Amount as Total_Amount from t
-- expect: ORDER_ID INT, TOTAL_AMOUNT NUMBER(10,2)

-- case: snowflake quoted alias keeps its case
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select id as "orderId", id as "ORDER_ID", id as order_key from t
-- expect: orderId INT, ORDER_ID INT, ORDER_KEY INT

-- case: snowflake quoted name read back from a subquery
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select "Id", x from (select id as "Id", 1 as x from t)
-- expect: Id INT, X ~NUMBER(1,0)

-- case: snowflake quoted name with a space
-- dialect: snowflake
-- schema: {"t": {"ID": "int"}}
select id as "Order Id" from t
-- expect: "Order Id" INT

-- case: postgres folds unquoted names lower
-- dialect: postgres
-- schema: {"t": {"order_id": "int"}}
select Order_ID, ORDER_ID as Other from t
-- expect: order_id INT, other INT

-- case: postgres quoted alias keeps its case
-- dialect: postgres
-- schema: {"t": {"id": "int"}}
select id as "OrderId", id as "order_id" from t
-- expect: OrderId INT, order_id INT

-- case: postgres quoted mixed-case name through a CTE
-- dialect: postgres
-- schema: {"t": {"id": "int"}}
with c as (select id as "OrderId" from t) select "OrderId" from c
-- expect: OrderId INT

-- case: redshift folds quoted names lower too
-- dialect: redshift
-- schema: {"t": {"id": "integer"}}
select id as "OrderId", ID as Other from t
-- expect: orderid INTEGER, other INTEGER

-- case: duckdb alias keeps the spelling written
-- dialect: duckdb
-- schema: {"t": {"id": "integer"}}
select id as OrderId, id as "Quoted Name", id as lower_name from t
-- expect: OrderId INTEGER, "Quoted Name" INTEGER, lower_name INTEGER

-- case: duckdb column reference takes its definition's spelling
-- dialect: duckdb
-- schema: {"t": {"ID": "integer", "Name": "varchar", "amt": "decimal(10,2)"}}
select Id, name, AMT from t
-- expect: ID INTEGER, Name VARCHAR, amt DECIMAL(10,2)

-- case: duckdb column reference written differently elsewhere in the query
-- dialect: duckdb
-- schema: {"t": {"ID": "integer"}}
select Id from t where id > 1
-- expect: ID INTEGER

-- case: duckdb column reference through a subquery
-- dialect: duckdb
-- schema: {"t": {"ID": "integer"}}
select x.Id from (select ID from t) x
-- expect: ID INTEGER

-- case: duckdb column reference to a CTE alias
-- dialect: duckdb
-- schema: {"t": {"ID": "integer"}}
with c as (select ID as OrderKey from t) select orderkey from c
-- expect: OrderKey INTEGER

-- case: duckdb quoted alias
-- dialect: duckdb
-- schema: {}
select 1 as "MyCol"
-- expect: MyCol INTEGER

-- case: bigquery column reference keeps the spelling written
-- dialect: bigquery
-- schema: {"t": {"ID": "int64", "Name": "string"}}
select Id, NAME from t
-- expect: Id INT64, NAME STRING

-- case: bigquery star keeps the definition's spelling
-- dialect: bigquery
-- schema: {"t": {"ID": "int64", "Name": "string"}}
select * from t where id > 0
-- expect: ID INT64, Name STRING

-- case: bigquery star and a column written differently: two columns named alike, which a table cannot have
-- dialect: bigquery
-- schema: {"t": {"ID": "int64"}}
select id, * from t
-- expect: id INT64, ID INT64
-- expect-open: bigquery refuses to create a table or view with duplicate column names

-- case: bigquery alias and backticks
-- dialect: bigquery
-- schema: {"t": {"id": "int64"}}
select id as OrderId, id as `Quoted Id` from t
-- expect: OrderId INT64, "Quoted Id" INT64

-- case: bigquery star over a CTE keeps the CTE's spelling
-- dialect: bigquery
-- schema: {"t": {"id": "int64"}}
with c as (select id as CustomerId from t) select * from c
-- expect: CustomerId INT64

-- case: databricks column reference keeps the spelling written
-- dialect: databricks
-- schema: {"t": {"id": "int", "name": "string"}}
select ID, Name as FullName from t
-- expect: ID INT, FullName STRING

-- case: databricks star keeps the definition's spelling
-- dialect: databricks
-- schema: {"t": {"Id": "int", "name": "string"}}
select * from t
-- expect: Id INT, name STRING

-- case: trino lower-case names
-- dialect: trino
-- schema: {"t": {"order_id": "integer"}}
select order_id, order_id + 1 as next_id from t
-- expect: order_id INTEGER, next_id INTEGER

-- case: duplicate output names are kept
-- dialect: snowflake
-- schema: {"a": {"ID": "int"}, "b": {"ID": "int"}}
select a.id, b.id from a join b on a.id = b.id
-- expect: ID INT, ID INT
-- expect-open: snowflake refuses to create a table or view with duplicate column names

-- case: bigquery struct field access is named as written
-- dialect: bigquery
-- schema: {"t": {"s": "struct<a int64, b string>"}}
select t.s.B, s.A from t
-- expect: B STRING, A INT64
