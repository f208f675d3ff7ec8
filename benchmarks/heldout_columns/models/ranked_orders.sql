select
    order_id,
    customer_id,
    amount,
    row_number() over (partition by customer_id order by order_date) as order_seq,
    sum(amount) over (partition by customer_id) as customer_total,
    lag(order_date) over (partition by customer_id order by order_date) as previous_order_date
from {{ ref('stg_orders') }}
