select customer_id, exists (select 1 from {{ ref('orders') }} o where o.customer_id = c.customer_id) as has_orders
from {{ ref('customers') }} c
