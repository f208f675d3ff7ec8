select
    product_id,
    name,
    category,
    price,
    cast(price * 100 as integer) as price_cents,
    date_trunc('month', launched_at) as launch_month,
    extract(year from launched_at) as launch_year
from {{ ref('stg_products') }}
