select o.order_id, o.amount  -- expect: ML502
from {{ ref('analytics', 'fct_orders') }} as o
