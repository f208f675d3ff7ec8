select o.* exclude (amount, channel), i.* exclude (order_id)
from {{ ref('orders') }} o join {{ ref('order_items') }} i on i.order_id = o.order_id
