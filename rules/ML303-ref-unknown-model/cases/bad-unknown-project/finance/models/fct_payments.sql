select order_id, 10 as amount
from {{ ref('marketing', 'fct_orders') }}  -- expect: ML303
