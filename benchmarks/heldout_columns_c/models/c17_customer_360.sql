with o as (
  select customer_id, count(*) as orders, sum(amount) as spend from {{ ref('orders') }} group by customer_id
), e as (
  select customer_id, count(*) as events from {{ ref('events') }} group by customer_id
)
select c.customer_id, c.email, coalesce(o.orders, 0) as orders, coalesce(o.spend, 0) as spend, coalesce(e.events, 0) as events
from {{ ref('customers') }} c
left join o using (customer_id)
left join e using (customer_id)
