select 1 as order_id, 1999 as amount_cents
