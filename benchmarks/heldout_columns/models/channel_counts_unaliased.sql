select channel, count(*), count(distinct customer_id)
from {{ ref('stg_orders') }}
group by channel
