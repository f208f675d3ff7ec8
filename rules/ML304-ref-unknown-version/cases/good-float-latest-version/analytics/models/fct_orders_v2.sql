select 1 as order_id, false as is_return
