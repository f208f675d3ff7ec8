select order_id, product_id, quantity * unit_price / sum(quantity * unit_price) over (partition by order_id) as share
from {{ ref('order_items') }}
