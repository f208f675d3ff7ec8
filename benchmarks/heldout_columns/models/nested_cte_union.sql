with a as (select order_id, amount from {{ ref('stg_orders') }} where channel = 'web'),
b as (select order_id, amount from {{ ref('stg_orders') }} where channel = 'store'),
u as (select * from a union all select * from b)
select order_id, amount, amount * 0.2 as vat from u
