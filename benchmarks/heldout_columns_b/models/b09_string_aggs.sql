select customer_id, string_agg(status, ',') as statuses, list(order_id) as order_ids, any_value(channel) as some_channel
from {{ ref('orders') }}
group by customer_id
