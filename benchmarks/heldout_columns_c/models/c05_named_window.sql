select order_id, sum(amount) over w from {{ ref('orders') }} window w as (partition by customer_id)
