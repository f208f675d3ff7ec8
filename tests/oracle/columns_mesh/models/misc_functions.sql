-- assorted scalar functions and quoted names
select
    product_id,
    round(weight) as rounded_weight,
    floor(price) as price_floor,
    ceil(weight) as weight_ceiling,
    sqrt(units) as units_root,
    power(product_id, 2) as id_squared,
    greatest(product_id, price) as id_or_price,
    hash(sku) as sku_hash,
    md5(sku) as sku_md5,
    string_split(sku, '-') as sku_parts,
    now() as loaded_at,
    current_timestamp as loaded_at_too,
    age(timestamp '2025-01-01', launched_at) as age_at_2025,
    uuid() as row_uuid,
    random() as noise,
    sku as "Stock Keeping Unit",
    in_stock::varchar as "inStock"
from {{ ref('stg_products') }}
