select * exclude (rn)
from (select *, row_number() over (partition by customer_id order by order_date desc) as rn from {{ ref('orders') }})
where rn = 1
