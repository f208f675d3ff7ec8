with a as (select customer_id, email from {{ ref('customers') }}),
b as (select customer_id, amount from {{ ref('orders') }})
select * from a join b on a.customer_id = b.customer_id
