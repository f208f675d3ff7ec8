select *
from {{ ref('f02_stg_shipments') }}
pivot (sum(cost) for carrier in ('DHL', 'UPS', 'CTT'))
