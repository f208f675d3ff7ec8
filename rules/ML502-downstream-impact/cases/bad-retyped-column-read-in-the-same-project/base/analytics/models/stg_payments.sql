select 1 as payment_id, 9.5 as amount
