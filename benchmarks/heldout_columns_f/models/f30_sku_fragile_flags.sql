select sku, if(is_fragile, 'handle with care', 'standard') as handling
from {{ ref('skus') }}
union all
select 'UNKNOWN', 'standard'
