select order_id
from {{ ref('analytics', 'fct_orders') }}
