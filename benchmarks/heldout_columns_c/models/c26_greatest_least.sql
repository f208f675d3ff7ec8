select order_id, greatest(amount, 10), least(order_date, date '2024-05-01') from {{ ref('orders') }}
