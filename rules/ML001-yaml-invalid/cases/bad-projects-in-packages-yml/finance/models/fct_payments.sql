select order_id, 10 as amount
from {{ ref('analytics', 'fct_orders') }}  -- expect: ML305
