select order_id, order_date  -- expect: ML102
from {{ ref('stg_orders') }}
