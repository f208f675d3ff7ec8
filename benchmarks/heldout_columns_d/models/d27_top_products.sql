select product_id, name, price from {{ ref('products') }} order by price desc limit 2
