select
    order_id,
    status -- expect: ML308
from {{ ref('analytics', 'fct_orders', v=2) }}
