select
    id as order_id,
    order_date,
    status = 'returned' as is_return
from {{ source('jaffle_shop', 'orders') }}
