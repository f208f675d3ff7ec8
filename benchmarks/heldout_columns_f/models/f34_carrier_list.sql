select distinct carrier
from {{ ref('f02_stg_shipments') }}
order by carrier
