select
    1 as order_id,
    cast(9.99 as number(18,2)) as amount
