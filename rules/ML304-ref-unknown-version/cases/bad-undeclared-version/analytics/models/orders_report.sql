select order_id
from {{ ref('fct_orders', v=3) }}  -- expect: ML304
