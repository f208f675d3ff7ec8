select channel, status, sum(amount) as total
from {{ ref('stg_orders') }}
group by rollup (channel, status)
