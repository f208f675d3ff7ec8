select
    shipment_id,
    weight_kg,
    round(100.0 * weight_kg / sum(weight_kg) over (), 2) as weight_pct
from {{ ref('f02_stg_shipments') }}
