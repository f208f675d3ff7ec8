select id as order_id, status
from {{ source('jaffle_shop', 'orders') }}
where status <> 'returned'
