select
    order_id,
    case when status = 'completed' then true else false end as is_completed,
    case status when 'returned' then 'R' when 'completed' then 'C' else 'O' end as status_code,
    amount > 100 as is_large
from {{ ref('stg_orders') }}
