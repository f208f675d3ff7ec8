select
    o.order_id,
    c.first_name
from {{ ref('stg_orders') }} as o
left join {{ ref('stg_customers') }} as c  -- expect: ML302
    on o.customer_id = c.customer_id
