select
    o.order_id,
    o.order_date,
    i.product_id,
    p.name as product_name,
    i.quantity,
    i.line_total
from {{ ref('stg_orders') }} o
join {{ ref('stg_order_items') }} i using (order_id)
join {{ ref('stg_products') }} p on p.product_id = i.product_id
