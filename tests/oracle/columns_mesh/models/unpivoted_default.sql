-- UNPIVOT without INTO names the new columns `name` and `value`
with measures as (
    select product_id, sku, units, cast(product_id as bigint) as id_wide from {{ ref('raw_products') }}
)
unpivot measures on units, id_wide
