with p as (select product_id, cast(price as double) as price, weight_kg from {{ ref('products') }})
unpivot p on price, weight_kg into name measure value measure_value
