select date_trunc('month', ordered_on) as month, channel, count(*) as orders, sum(amount) as revenue
from {{ ref('d01_stg_orders') }}
group by 1, 2
