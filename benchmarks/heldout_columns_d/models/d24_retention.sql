with firsts as (select customer_id, min(order_date) as first_day from {{ ref('orders') }} group by customer_id)
select f.customer_id, f.first_day, count(o.order_id) filter (where o.order_date > f.first_day) as repeat_orders
from firsts f left join {{ ref('orders') }} o on o.customer_id = f.customer_id
group by f.customer_id, f.first_day
