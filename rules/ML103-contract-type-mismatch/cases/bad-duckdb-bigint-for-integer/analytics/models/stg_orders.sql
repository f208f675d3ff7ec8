select
    1 as order_id,
    2 as customer_id,
    'returned' as status
