select
    id as order_id,
    status = 'returned' as is_return
from {{ source('jaffle_shop', 'orders') }}
