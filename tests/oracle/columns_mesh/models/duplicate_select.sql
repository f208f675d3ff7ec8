-- the same name twice in a select list, and a later column already named like the renamed one
select
    product_id,
    product_id,
    sku as product_id_1,
    units as PRODUCT_ID
from {{ ref('raw_products') }}
