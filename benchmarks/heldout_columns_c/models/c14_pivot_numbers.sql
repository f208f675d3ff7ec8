pivot {{ ref('order_items') }} on product_id in (100, 101) using sum(quantity) as qty, max(unit_price) as price group by order_id
