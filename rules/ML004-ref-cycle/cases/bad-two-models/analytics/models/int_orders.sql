select order_id, customer_id
from {{ ref('int_customers') }}
