select
    order_id,
    first_name,
    status = 'returned' as is_return
from {{ ref('stg_orders') }}
