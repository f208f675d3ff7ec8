select
    order_id,
    (amount_cents / 100 as amount
from {{ ref('stg_orders') }}  -- expect: ML003
