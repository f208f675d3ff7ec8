select 1 as payment_id, 1 as customer_id
