select
    1 as order_id,
    'Ada' as first_name,
    'returned' as status
