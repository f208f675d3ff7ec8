select order_id, amount * 2 from {{ ref('orders') }}
union all
select order_id, amount from {{ ref('orders') }}
