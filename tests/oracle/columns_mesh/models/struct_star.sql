-- a star over a STRUCT column (`s.*`): one column per field, renamed where it repeats another column's name
with info as (
    select product_id, units, {'sku': sku, 'units': units, 'price': price} as details from {{ ref('raw_products') }}
)
select product_id, details.*, units
from info
