with x as (select customer_id, max(amount), count(distinct channel) from {{ ref('orders') }} group by customer_id)
select * from x
