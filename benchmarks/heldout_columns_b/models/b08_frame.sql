select order_id, sum(amount) over (order by order_date rows between 2 preceding and current row) as rolling
from {{ ref('orders') }}
