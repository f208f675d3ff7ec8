select order_id, product_id, quantity, unit_price, quantity * unit_price as gross from {{ ref('order_items') }}
