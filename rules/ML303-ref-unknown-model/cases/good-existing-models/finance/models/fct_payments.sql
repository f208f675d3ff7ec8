select p.order_id, p.amount
from {{ ref('stg_payments') }} as p
inner join {{ ref('analytics', 'fct_orders') }} as o
    on p.order_id = o.order_id
