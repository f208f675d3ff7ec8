select
    order_id,
    order_date,
    status = 'returned' as is_return
from {{ ref('stg_orders') }}
