select 1 as order_id, 'placed' as status, 1999 as amount_cents
