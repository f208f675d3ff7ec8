select
    1 as payment_id,
    {{ cents_to_dollars('1999') }} as amount
