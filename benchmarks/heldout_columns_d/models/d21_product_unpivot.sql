with p as (select product_id, price::double as price, weight_kg from {{ ref('products') }})
unpivot p on price, weight_kg into name metric value amount
