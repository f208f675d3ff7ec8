-- * EXCLUDE / REPLACE / RENAME
select * exclude (weight, launched_at) replace (price * 2 as price) rename (sku as product_code)
from {{ ref('raw_products') }}
