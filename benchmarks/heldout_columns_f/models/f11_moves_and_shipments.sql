select warehouse_id, moved_at as happened_at, sku
from {{ ref('f03_stg_stock_moves') }}
union by name
select warehouse_id, shipped_at as happened_at, carrier
from {{ ref('f02_stg_shipments') }}
