-- a child's unnest of a list its parent built with CASE, and the parent's struct expanded with `.*`
select product_id, unnest(sku_parts) as sku_part, stock_info.*
from {{ ref('case_lists') }}
