select
    id as payment_id,
    orderid as order_id,
    paymentmethod as payment_method,
    amount
from {{ source('stripe', 'payment') }}
