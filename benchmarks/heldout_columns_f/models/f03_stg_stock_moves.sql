select
    move_id,
    warehouse_id,
    sku,
    moved_at,
    {{ signed_quantity('quantity', 'direction') }} as quantity_delta
from {{ ref('stock_moves') }}
