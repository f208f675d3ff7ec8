-- CASE / COALESCE / IF whose branches are lists or structs: the branches' one type, a NULL branch or an
-- empty list `[]` taking it (nested_types.py)
select
    product_id,
    case when sku is null or sku = '' then []::varchar[] else string_split(sku, '-') end as sku_parts,
    coalesce(string_split(category, ','), []) as categories,
    if(units > 1000, [units], []) as big_units,
    case when in_stock then {'sku': sku, 'units': units} else null end as stock_info
from {{ ref('raw_products') }}
