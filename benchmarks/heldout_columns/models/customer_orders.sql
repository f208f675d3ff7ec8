with orders as (select * from {{ ref('stg_orders') }}),
customers as (select * from {{ ref('stg_customers') }})
select
    customers.customer_id,
    customers.full_name,
    count(orders.order_id) as order_count,
    sum(orders.amount) as lifetime_value,
    min(orders.order_date) as first_order_date,
    max(orders.order_date) as last_order_date
from customers
left join orders on orders.customer_id = customers.customer_id
group by 1, 2
