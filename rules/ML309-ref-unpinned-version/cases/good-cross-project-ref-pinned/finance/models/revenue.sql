select order_id, is_return
from {{ ref('analytics', 'fct_orders', v=2) }}
