select
    move_id,
    date_trunc('week', moved_at),
    moved_at::date,
    quantity_delta
from {{ ref('f03_stg_stock_moves') }}
