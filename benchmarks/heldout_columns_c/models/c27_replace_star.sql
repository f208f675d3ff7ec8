select * replace (round(price, 0) as price) from {{ ref('products') }}
