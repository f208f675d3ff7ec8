{{ config(materialized='table') }}
-- dbt inlines the ephemeral model as a CTE of this table's query: its SQL runs, and fails
select order_id, amount from {{ ref('orders_fixed') }}
