select * from {{ ref('orders') }}
union all by name
select order_id, product_id, quantity from {{ ref('order_items') }}
