select o.order_id, o.amount
from {{ ref('analytics', 'fct_orders') }} as o
