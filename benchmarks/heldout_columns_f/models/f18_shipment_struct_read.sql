select
    shipment_id,
    billing.carrier as carrier,
    billing.cost,
    measures[2] as cost_double,
    list_sum(measures) as measure_total
from {{ ref('f17_shipment_struct') }}
