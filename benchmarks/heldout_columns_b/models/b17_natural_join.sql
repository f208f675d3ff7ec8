select * from {{ ref('orders') }} natural join {{ ref('order_items') }}
