select payment_id, amount
from {{ ref('stg_payments') }}
where order_id in (
    select order_id
    from {{ ref('analytics', 'fct_orders', v=2) }}
    where status = 'returned' -- todo-expect: ML308
)
