select * from (select customer_id, count(*) from {{ ref('stg_orders') }} group by customer_id) t
