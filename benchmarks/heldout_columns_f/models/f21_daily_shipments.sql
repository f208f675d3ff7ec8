select
    g.generate_series as ship_day,
    count(s.shipment_id) as shipments
from generate_series(date '2024-03-01', date '2024-03-07', interval 1 day) as g
left join {{ ref('f02_stg_shipments') }} as s on cast(s.shipped_at as date) = g.generate_series
group by 1
