-- select * over a join with using: the using column appears once
with products as (
    select product_id, sku, price, launched_on from {{ ref('stg_products') }}
),

events as (
    select * from {{ ref('stg_events') }}
)

select *
from events
inner join products using (product_id)
