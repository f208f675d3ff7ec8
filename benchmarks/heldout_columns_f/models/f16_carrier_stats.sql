select
    carrier,
    avg(transit_hours),
    max(weight_kg),
    sum(cost) as total_cost
from {{ ref('f02_stg_shipments') }}
group by carrier
