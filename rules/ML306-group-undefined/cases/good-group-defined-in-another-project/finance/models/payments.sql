select 1 as payment_id
