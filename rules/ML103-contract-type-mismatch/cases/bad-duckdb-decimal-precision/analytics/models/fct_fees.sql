select
    1 as order_id,
    1.5 as discount_rate,
    2.5 as fee_rate
