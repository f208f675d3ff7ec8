select order_id, rank() over (order by amount desc)
from {{ ref('stg_orders') }}
