select count(*), count(order_id), count(distinct channel), count(1) from {{ ref('orders') }}
