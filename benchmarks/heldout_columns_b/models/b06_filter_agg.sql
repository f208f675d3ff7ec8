select customer_id, count(*) filter (where status = 'completed') as completed, sum(amount) filter (where channel = 'web')
from {{ ref('orders') }}
group by customer_id
