select
    order_id,
    status = 'completed' as is_complete,
    channel in ('web', 'app') as is_digital,
    amount between 50 and 150 as is_mid
from {{ ref('orders') }}
