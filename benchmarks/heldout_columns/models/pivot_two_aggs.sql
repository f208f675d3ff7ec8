pivot {{ ref('stg_products') }} on category in ('kitchen', 'home') using min(price), max(price) group by name
