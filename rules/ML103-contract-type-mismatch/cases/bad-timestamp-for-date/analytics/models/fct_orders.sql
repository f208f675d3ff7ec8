select
    id as order_id,
    user_id as customer_id,
    ordered_at::date as order_date,
    status
from {{ source('jaffle_shop', 'orders') }}
