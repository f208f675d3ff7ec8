select
    shipment_id,
    carrier,
    transit_hours,
    transit_hours > 48 as is_late,
    greatest(transit_hours - 48, 0) as hours_late
from {{ ref('f02_stg_shipments') }}
where is_delivered
