select order_id, date_part('month', order_date), dayname(order_date), week(order_date)
from {{ ref('orders') }}
