select
    warehouse_id,
    sku,
    moved_at,
    sum(quantity_delta) over w as stock_on_hand,
    count(*) over w as moves_so_far
from {{ ref('f03_stg_stock_moves') }}
window w as (partition by warehouse_id, sku order by moved_at rows between unbounded preceding and current row)
