select
    s.sku,
    s.description,
    s.is_fragile,
    coalesce(sum(m.quantity_delta), 0) as net_quantity,
    coalesce(sum(m.quantity_delta * s.unit_cost), 0) as net_value
from {{ ref('skus') }} as s
left join {{ ref('f03_stg_stock_moves') }} as m using (sku)
group by all
