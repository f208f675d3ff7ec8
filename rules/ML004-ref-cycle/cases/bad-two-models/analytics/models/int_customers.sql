select order_id, customer_id  -- expect: ML004
from {{ ref('int_orders') }}
