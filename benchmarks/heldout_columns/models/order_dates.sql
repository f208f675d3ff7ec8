select
    order_id,
    order_date,
    order_date + interval 7 day as due_date,
    datediff('day', order_date, date '2024-12-31') as days_to_year_end,
    dayofweek(order_date) as weekday
from {{ ref('stg_orders') }}
