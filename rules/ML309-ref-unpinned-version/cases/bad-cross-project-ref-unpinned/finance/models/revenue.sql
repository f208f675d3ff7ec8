select order_id, is_return
from {{ ref('analytics', 'fct_orders') }} -- expect: ML309
