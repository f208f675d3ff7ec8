select order_id, 10 as amount
from {{ ref('analytics', 'fct_order') }}  -- expect: ML303
