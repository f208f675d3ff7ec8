-- unnest of a STRUCT: one column per field (an alias would be ignored)
with info as (
    select product_id, {'sku': sku, 'units': units} as details from {{ ref('raw_products') }}
)
select product_id, unnest(details)
from info
