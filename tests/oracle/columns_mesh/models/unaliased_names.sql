-- expressions without an alias: DuckDB names each as it prints it (unaliased_names.py)
select
    product_id,
    product_id + 1,
    upper(sku),
    lower(category),
    cast(units as varchar),
    units::bigint,
    price * 2,
    coalesce(category, 'none'),
    weight > 1,
    in_stock is not null,
    'constant',
    42,
    abs(units - 100),
    round(price, 1)
from {{ ref('raw_products') }}
