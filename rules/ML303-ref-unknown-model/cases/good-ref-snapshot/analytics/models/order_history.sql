select order_id, status, dbt_valid_from
from {{ ref('orders_snapshot') }}
