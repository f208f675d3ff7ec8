select
    c.customer_id,
    c.first_name,
    c.last_name,
    c.country,
    min(o.ordered_on) as first_order,
    count(o.order_id) as number_of_orders,
    coalesce(sum(o.amount), 0) as total_spent
from {{ ref('customers') }} c
left join {{ ref('d01_stg_orders') }} o on c.customer_id = o.customer_id
group by all
