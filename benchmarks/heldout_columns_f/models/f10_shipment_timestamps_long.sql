unpivot (select shipment_id, shipped_at, delivered_at from {{ ref('f02_stg_shipments') }})
on shipped_at, delivered_at
into name milestone value milestone_at
