select date_trunc('month', order_date) as month, channel, avg(amount) as avg_amount
from {{ ref('orders') }} group by 1, 2 order by 1
