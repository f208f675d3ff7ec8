select *
from {{ ref('stg_order_items') }}
pivot (sum(quantity) as qty for product_id in (100, 101, 102) group by order_id)
