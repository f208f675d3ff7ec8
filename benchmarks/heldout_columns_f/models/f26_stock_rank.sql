select
    warehouse_id,
    sku,
    stock_on_hand,
    dense_rank() over by_wh as stock_rank,
    first_value(sku) over by_wh as top_sku
from {{ ref('f05_current_stock') }}
window by_wh as (partition by warehouse_id order by stock_on_hand desc)
