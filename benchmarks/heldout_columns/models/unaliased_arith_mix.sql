select order_id, amount - 1, amount / 2, -amount, (amount + 1) * 2
from {{ ref('stg_orders') }}
