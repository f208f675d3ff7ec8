select product_id, try_cast(name as integer), price::decimal(12, 4) from {{ ref('products') }}
