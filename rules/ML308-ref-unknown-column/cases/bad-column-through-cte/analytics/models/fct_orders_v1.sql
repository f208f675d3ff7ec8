select order_id, order_date, status
from {{ ref('stg_orders') }}
