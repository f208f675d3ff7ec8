select order_id, cast(amount as double), order_id::varchar, cast(order_date as timestamp)
from {{ ref('stg_orders') }}
