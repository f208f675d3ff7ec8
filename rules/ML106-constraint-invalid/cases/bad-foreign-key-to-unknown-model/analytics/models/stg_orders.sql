select
    1 as order_id,
    2 as customer_id,
    current_date as order_date,
    'returned' as status
