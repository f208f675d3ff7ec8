with orders as (
    select * from {{ ref('analytics', 'fct_orders', v=1) }}
)

select order_id, status
from orders
where status = 'returned'
