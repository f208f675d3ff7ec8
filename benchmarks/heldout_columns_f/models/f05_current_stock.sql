select warehouse_id, sku, stock_on_hand
from {{ ref('f04_stock_levels') }}
qualify row_number() over (partition by warehouse_id, sku order by moved_at desc) = 1
