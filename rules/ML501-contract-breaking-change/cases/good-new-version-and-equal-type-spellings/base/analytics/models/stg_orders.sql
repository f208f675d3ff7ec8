select 1 as order_id, 10 as customer_id, 'placed' as status, 9.5 as amount
