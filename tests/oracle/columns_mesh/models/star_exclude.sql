-- * exclude and * replace
with products as (
    select * exclude (weight, launched_at) from {{ ref('stg_products') }}
)

select * replace (price::double as price)
from products
