select order_id
from {{ ref('fct_orders', v=0) }}  -- expect: ML304
