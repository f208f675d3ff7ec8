-- unaliased window functions over a named window: DuckDB prints the window's definition in the name
select
    product_id,
    row_number() over w,
    sum(units) over (w),
    lag(sku) over w as previous_sku
from {{ ref('raw_products') }}
window w as (partition by category order by product_id desc)
