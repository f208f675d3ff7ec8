select order_id
from {{ ref('fct_orders', v=2.0) }}  -- expect: ML304
