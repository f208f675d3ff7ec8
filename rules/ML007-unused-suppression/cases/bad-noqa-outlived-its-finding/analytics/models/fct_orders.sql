select
    id as order_id,
    user_id as customer_id,
    order_date,
    status as order_status  -- noqa: ML102  -- expect: ML007
from {{ source('jaffle_shop', 'orders') }}
