select o.* exclude (channel), c.country
from {{ ref('stg_orders') }} o
join {{ ref('customers') }} c on c.customer_id = o.customer_id
