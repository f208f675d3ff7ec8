with src as (select * from {{ ref('orders') }}),
renamed as (select order_id as id, customer_id as customer, amount as total, order_date as placed_on from src)
select * from renamed where total > 0
