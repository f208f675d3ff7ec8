-- one mistake, one finding: the second ref to the same missing model adds nothing
with orders as (
    select order_id, customer_id, status from {{ ref('stg_ordres') }}  -- expect: ML303
),
returned as (
    select order_id from {{ ref('stg_ordres') }} where status = 'returned'
)
select orders.order_id, orders.customer_id, returned.order_id is not null as is_returned
from orders
left join returned on orders.order_id = returned.order_id
