select channel, count(*), sum(amount), avg(amount), min(order_date), max(order_date)
from {{ ref('orders') }} group by channel
