select *
from (
    select warehouse_id, carrier, cost from {{ ref('f02_stg_shipments') }}
)
pivot (count(*) as n, sum(cost) as cost for carrier in ('DHL' as dhl, 'UPS' as ups))
