select 1 as order_id, 'placed' as status, 9.5 as total_amount
