select *
from {{ ref('order_items') }} i
join {{ ref('products') }} p on p.product_id = i.product_id
join {{ ref('orders') }} o on o.order_id = i.order_id
