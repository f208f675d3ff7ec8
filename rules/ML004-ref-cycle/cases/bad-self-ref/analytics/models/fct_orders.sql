select order_id, order_date  -- expect: ML004
from {{ ref('stg_orders') }}
where order_date > (select max(order_date) from {{ ref('fct_orders') }})
