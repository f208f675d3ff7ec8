select
    1 as order_id,
    'placed' as status,
    current_date as order_date
