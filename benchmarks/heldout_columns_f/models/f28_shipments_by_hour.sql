select
    h.generate_series as hour_start,
    count(s.shipment_id) as shipped
from {{ ref('f06_hour_grid') }} as h
left join {{ ref('f02_stg_shipments') }} as s
    on date_trunc('hour', s.shipped_at) = h.generate_series
group by all
