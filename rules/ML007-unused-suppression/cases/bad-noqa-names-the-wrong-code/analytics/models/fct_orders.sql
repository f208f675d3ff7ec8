select
    id as order_id,
    user_id as customer_id,
    order_date,
    status as order_status  -- noqa: ML101  -- expect: ML007, ML102
from {{ source('jaffle_shop', 'orders') }}
