select * from {{ ref('order_items') }} unpivot (val for col in (quantity, product_id))
