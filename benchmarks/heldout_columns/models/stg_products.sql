select * exclude (weight_kg) from {{ ref('products') }}
