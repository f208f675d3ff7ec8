select
    shipment_id,
    struct_pack(carrier := carrier, cost := cost) as billing,
    [weight_kg, cost::double] as measures
from {{ ref('f02_stg_shipments') }}
