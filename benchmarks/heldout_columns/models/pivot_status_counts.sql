with o as (select customer_id, status, order_id from {{ ref('stg_orders') }})
pivot o on status in ('completed', 'returned') using count(order_id) as n
