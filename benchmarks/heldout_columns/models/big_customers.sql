select customer_id, lifetime_value
from {{ ref('customer_orders') }}
where lifetime_value > (select avg(lifetime_value) from {{ ref('customer_orders') }})
