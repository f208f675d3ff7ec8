-- lists, structs and maps
select
    category,
    list(sku) as skus,
    array_agg(price) as prices,
    struct_pack(n := count(*), total := sum(units)) as stats,
    list_value(min(product_id), max(product_id)) as id_range,
    map(['a'], [1]) as tiny_map
from {{ ref('stg_products') }}
group by category
