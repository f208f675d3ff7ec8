select order_id, is_return
from {{ ref('fct_orders') }}
