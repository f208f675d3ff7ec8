with src as (
    select * from {{ ref('shipments') }}
)
select
    shipment_id,
    warehouse_id,
    upper(carrier) as carrier,
    shipped_at,
    delivered_at,
    {{ hours_between('shipped_at', 'delivered_at') }} as transit_hours,
    delivered_at is not null as is_delivered,
    weight_kg,
    cost,
    destination_country
from src
