select 1 as payment_id, 1 as order_id, 9.99 as amount
