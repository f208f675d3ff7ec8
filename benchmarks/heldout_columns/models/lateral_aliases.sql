select
    order_id,
    amount * 2 as doubled,
    doubled + 1 as doubled_plus_one
from {{ ref('stg_orders') }}
