{{ config(materialized='table') }}
with o as (select * from {{ ref('d01_stg_orders') }}),
i as (select order_id, sum(gross) as items_gross, count(*) as item_count from {{ ref('d02_stg_items') }} group by 1)
select o.*, i.items_gross, i.item_count, o.amount - i.items_gross as adjustment
from o left join i using (order_id)
