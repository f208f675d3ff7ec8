select
    order_id,
    customer_id,
    status = 'returned' as is_return
from {{ ref('stg_orders') }}
