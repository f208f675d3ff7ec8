select
    s.shipment_id,
    s.warehouse_id,
    w.city as origin_city,
    s.destination_country,
    s.carrier,
    s.transit_hours,
    s.cost,
    s.cost / nullif(s.weight_kg, 0) as cost_per_kg,
    row_number() over (partition by s.warehouse_id order by s.shipped_at) as warehouse_shipment_seq
from {{ ref('f02_stg_shipments') }} as s
join {{ ref('f01_stg_warehouses') }} as w on w.warehouse_id = s.warehouse_id
