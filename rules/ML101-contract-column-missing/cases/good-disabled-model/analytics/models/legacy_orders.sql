select
    id as order_id,
    order_date
from {{ source('jaffle_shop', 'orders') }}
