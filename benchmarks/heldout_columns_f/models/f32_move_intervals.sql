select
    move_id,
    moved_at,
    moved_at - lag(moved_at) over (partition by warehouse_id, sku order by moved_at) as since_previous,
    epoch(moved_at) as moved_epoch
from {{ ref('f03_stg_stock_moves') }}
