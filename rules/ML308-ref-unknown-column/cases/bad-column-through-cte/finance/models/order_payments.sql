with orders as (
    select * from {{ ref('analytics', 'fct_orders', v=2) }}
),

payments as (
    select * from {{ ref('stg_payments') }}
)

select
    orders.order_id,
    orders.status, -- expect: ML308
    payment_state, -- expect: ML308
    payments.amount
from orders
left join payments on payments.order_id = orders.order_id
