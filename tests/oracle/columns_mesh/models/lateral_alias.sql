-- a column alias used later in the same select list (DuckDB resolves it)
select
    product_id,
    price * units as revenue,
    revenue * 2 as double_revenue,
    double_revenue > 1000 as is_big,
    upper(sku) as sku_upper,
    sku_upper || '!' as sku_shout
from {{ ref('stg_products') }}
