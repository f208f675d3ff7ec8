select * from {{ ref('order_items') }} unpivot include nulls (v for k in (quantity, order_id))
