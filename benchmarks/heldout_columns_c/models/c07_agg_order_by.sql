select customer_id, string_agg(status, '|' order by order_date) from {{ ref('orders') }} group by customer_id
