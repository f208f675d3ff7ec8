-- coalesce, nullif, ifnull, greatest and least
select
    event_id,
    coalesce(amount, 0) as amount_or_zero,
    coalesce(qty, 0) as qty_or_zero,
    coalesce(event_type, 'unknown') as type_or_unknown,
    coalesce(event_id, qty) as id_or_qty,
    nullif(qty, 0) as nonzero_qty,
    ifnull(amount, 1.5) as amount_or_one_half,
    greatest(event_id, qty) as biggest,
    least(amount, 10) as capped_amount,
    coalesce(event_date, current_date) as event_or_today
from {{ ref('stg_events') }}
