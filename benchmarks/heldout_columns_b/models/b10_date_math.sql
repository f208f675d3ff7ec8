select order_id, date_diff('day', order_date, current_date) as age_days, epoch_ms(order_date::timestamp) as ms,
       last_day(order_date) as month_end
from {{ ref('orders') }}
