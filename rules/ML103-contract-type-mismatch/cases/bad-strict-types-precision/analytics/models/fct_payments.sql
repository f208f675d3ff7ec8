select
    id as payment_id,
    amount
from {{ source('stripe', 'payment') }}
