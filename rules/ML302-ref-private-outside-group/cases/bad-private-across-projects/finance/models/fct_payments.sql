select
    order_id,
    10 as amount
from {{ ref('analytics', 'stg_orders') }}  -- expect: ML302
