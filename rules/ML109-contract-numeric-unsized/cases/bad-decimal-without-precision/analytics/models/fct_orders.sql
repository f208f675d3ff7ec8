select
    1 as order_id,
    cast(9.99 as decimal(18,2)) as amount
