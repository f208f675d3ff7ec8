select order_id, customer_id, order_date, status, amount, channel
from {{ ref('orders') }}
where status != 'pending'
